import ArgumentParser
import Foundation
import PortalLoad
import PortalRecords
import PortalPipeline

/// How failures reach the user: every problem on standard error, then the sysexits code.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// How many diagnostics are printed before the rest are only counted.
    static let diagnosticLimit = 200

    /// Prints diagnostics on standard error, the first `diagnosticLimit` of them, then a count of the rest.
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.prefix(diagnosticLimit) { error(diagnostic.description) }
        if diagnostics.count > diagnosticLimit {
            error("… and \(plural(diagnostics.count - diagnosticLimit, "more problem")) (\(diagnostics.errors.count) errors, \(diagnostics.warnings.count) warnings in all)")
        }
    }

    /// A successful build's warnings and notes, on standard error.
    static func print(_ summary: BuildSummary) {
        print(summary.warnings)
        for note in summary.notes { error("note: \(note)") }
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Prints `failure` and returns the exit code that says what kind of failure it was.
    static func report(_ failure: any Error) -> ExitCode {
        if let invalid = failure as? InvalidInput {
            print(invalid.diagnostics)
            error("csp-portal: \(plural(invalid.diagnostics.errors.count, "error")) in the input; nothing was written.")
        } else {
            error("csp-portal: \(failure)")
        }
        return ExitCode(ExitStatus.code(for: failure))
    }
}
