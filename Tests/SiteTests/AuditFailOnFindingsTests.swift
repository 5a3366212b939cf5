import Foundation
import PortalPipeline
import PortalTestSupport
import Testing

/// `audit --fail-on-findings`, for a cron job: exit 1 once the report is written when the period
/// has R12 findings, 0 when it has none.
@Suite("audit --fail-on-findings")
struct AuditFailOnFindingsTests {
    /// `folder`: the report's folder, the period to the minute in UTC (a date-only --to takes in that whole day).
    func audit(from: String, to: String, folder: String, _ extra: [String]) throws -> (CSPPortalCommand.Run, Bool) {
        let scratch = try Scratch()
        let run = try CSPPortalCommand.run(["audit", "--from", from, "--to", to, "--out", scratch.site.path, "--quiet",
                                            "--as-of", "2026-11-25T09:00:00Z"] + extra)
        let written = FileManager.default.fileExists(atPath: scratch.site.appendingPathComponent("audit/\(folder)/report.html").path)
        return (run, written)
    }

    @Test("R12: a period with findings exits 1 after writing its report; without the flag, 0")
    func findings() throws {
        let (failing, written) = try audit(from: "2026-10-26", to: "2026-11-25", folder: "2026-10-26T00-00Z--2026-11-26T00-00Z", ["--fail-on-findings"])
        #expect(failing.status == ExitStatus.auditFindings)
        #expect(written)
        #expect(failing.standardError.contains("audit findings in 2026-10-26T00-00Z--2026-11-26T00-00Z"))
        #expect(try audit(from: "2026-10-26", to: "2026-11-25", folder: "2026-10-26T00-00Z--2026-11-26T00-00Z", []).0.status == 0)
    }

    @Test("A period without findings exits 0 with the flag")
    func none() throws {
        let (run, written) = try audit(from: "2026-01-01", to: "2026-01-31", folder: "2026-01-01T00-00Z--2026-02-01T00-00Z", ["--fail-on-findings"])
        #expect(run.status == 0)
        #expect(written)
    }
}
