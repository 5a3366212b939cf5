import ArgumentParser
import Foundation
import PortalLoad
import PortalRecords
import PortalPipeline

/// How failures reach the user: every problem on standard error, then the sysexits code.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((visible(line) + "\n").utf8))
    }

    /// `line` with each control character (ESC, CR, BEL, a line break, C1's CSI…) written as `\u{1B}`:
    /// messages quote values from the input, and written raw those would be commands to the
    /// terminal (erase the line, move the cursor up, retitle the window) that can hide an error or
    /// print a success that did not happen.
    static func visible(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return line }
        var text = ""
        for scalar in line.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
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

    /// A successful build's warnings and notes, on standard error; the guessable-links warning too,
    /// even with --quiet: it is about what the partner publishes, not about progress. Who each
    /// audit e-mail goes to is information, as the progress lines are: not with --quiet.
    static func print(_ summary: BuildSummary, quiet: Bool) {
        // The lines left out among the warnings, in file and line order: each says `error`.
        print((summary.leftOut + summary.warnings).sortedByLocation())
        print(templateWarnings: summary.templateWarnings)
        for note in summary.notes { error("note: \(note)") }
        if !quiet { for mail in summary.auditMail { error("audit e-mail: \(mail.description)") } }
        if let linkWarning = summary.linkWarning { error("warning: \(linkWarning)") }
    }

    /// The override folder's files and keys that change nothing (misspelt, most likely).
    static func print(templateWarnings: [String]) {
        for warning in templateWarnings { error("warning: \(warning)") }
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

extension Terminal {
    /// The build's phases on standard error: on a terminal one line per phase that updates in place
    /// (`render 12,345/50,000`), otherwise only a line when each phase ends; nothing with `--quiet`.
    static func progress(quiet: Bool) -> BuildProgress {
        guard !quiet else { return .silent }
        let interactive = isatty(STDERR_FILENO) == 1
        return BuildProgress { event in
            switch event {
            case .started(let phase, _):
                if interactive { write("\r\u{1B}[K\(phase)…") }
            case .advanced(let phase, let done, let total):
                if interactive { write("\r\u{1B}[K\(phase) \(done.formatted())/\(total.formatted())") }
            case .finished(let phase, let detail, let seconds):
                write("\(interactive ? "\r\u{1B}[K" : "")\(phase): \(detail) (\(String(format: "%.2f", seconds)) s)\n")
            }
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
