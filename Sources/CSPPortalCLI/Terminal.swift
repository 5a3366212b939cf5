import ArgumentParser
import Foundation
import PortalLoad
import PortalRender
import PortalWrite

/// How failures reach the user: every problem on standard error, then the sysexits code.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints `failure` and returns the exit code that says what kind of failure it was.
    static func report(_ failure: any Error) -> ExitCode {
        switch failure {
        case let invalid as InvalidInput:
            for diagnostic in invalid.diagnostics { error(diagnostic.description) }
            let count = invalid.diagnostics.errors.count
            error("csp-portal: \(count) error\(count == 1 ? "" : "s") in the input; nothing was written.")
            return ExitCode(65)
        case let missing as MissingInput:
            error("csp-portal: \(missing.description)")
            return ExitCode(66)
        case let template as TemplateError:
            error("csp-portal: \(template.description)")
            return ExitCode(template.isMissing ? 66 : 65)
        case let output as OutputError:
            error("csp-portal: \(output.description)")
            return ExitCode(73)
        default:
            error("csp-portal: \(failure)")
            return ExitCode(70)
        }
    }
}
