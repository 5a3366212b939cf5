import Foundation
import PortalPipeline
import PortalTestSupport
import Testing

/// `audit --fail-on-findings`, for a cron job: exit 1 once the report is written when the period
/// has R12 findings, 0 when it has none.
@Suite("audit --fail-on-findings")
struct AuditFailOnFindingsTests {
    func audit(from: String, to: String, _ extra: [String]) throws -> (CSPPortalCommand.Run, Bool) {
        let scratch = try Scratch()
        let run = try CSPPortalCommand.run(["audit", "--from", from, "--to", to, "--out", scratch.site.path, "--quiet",
                                            "--as-of", "2026-11-25T09:00:00Z"] + extra)
        let written = FileManager.default.fileExists(atPath: scratch.site.appendingPathComponent("audit/\(from)_\(to)/report.html").path)
        return (run, written)
    }

    @Test("R12: a period with findings exits 1 after writing its report; without the flag, 0")
    func findings() throws {
        let (failing, written) = try audit(from: "2026-10-26", to: "2026-11-25", ["--fail-on-findings"])
        #expect(failing.status == ExitStatus.auditFindings)
        #expect(written)
        #expect(failing.standardError.contains("audit findings in 2026-10-26_2026-11-25"))
        #expect(try audit(from: "2026-10-26", to: "2026-11-25", []).0.status == 0)
    }

    @Test("A period without findings exits 0 with the flag")
    func none() throws {
        let (run, written) = try audit(from: "2026-01-01", to: "2026-01-31", ["--fail-on-findings"])
        #expect(run.status == 0)
        #expect(written)
    }
}
