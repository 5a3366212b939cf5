import Foundation
import PortalPipeline
import PortalRecords
import PortalSample
import PortalTestSupport
import Testing

/// `csp-portal sample`: the same options give the same bytes, and the data is valid input.
@Suite("Sample data set")
struct SampleDataTests {
    static let files = ["site.json", "customers.csv", "orders.csv", "devices.csv", "users.csv", "activity.csv"]

    func write(seed: UInt64, to folder: URL) throws -> [String: Data] {
        var options = SampleOptions(customers: 300)
        options.seed = seed
        options.events = 2_000
        let summary = try SampleGenerator.write(options, to: folder)
        #expect(summary.customers == 300 && summary.events == 2_000)
        #expect(summary.orderLines >= 300 && summary.orderLines <= 300 * options.maxLines)
        return try Dictionary(uniqueKeysWithValues: Self.files.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    @Test("Deterministic: the same seed writes the same bytes, another seed other data")
    func deterministic() throws {
        let scratch = try Scratch()
        let first = try write(seed: 7, to: scratch.url.appendingPathComponent("a"))
        let again = try write(seed: 7, to: scratch.url.appendingPathComponent("b"))
        let other = try write(seed: 8, to: scratch.url.appendingPathComponent("c"))
        #expect(first == again)
        #expect(first["orders.csv"] != other["orders.csv"])
    }

    @Test("Valid input: no load or rule diagnostic (R5, R6, R9, R13), and it builds")
    func valid() async throws {
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("data")
        _ = try write(seed: 1, to: data)
        // site.json has no asOf (#23 item 7): the data set is read as of the instant it was made around.
        let asOf = SampleOptions(customers: 1).asOf
        let report = try SiteBuilder.validate(BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates, asOf: asOf))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.prefix(5))")
        #expect(report.customerCount == 300)
        let summary = try await scratch.build(data: data, asOf: asOf)
        #expect(summary.fileCount >= 300 + 4)
        #expect(summary.auditReports.count == 1, "the activity log spans the 30 days before as-of")
    }

    @Test("#23 item 7: site.json gets the as-of only when asked (--write-as-of), and the command says which")
    func asOfOnlyWhenAsked() throws {
        let scratch = try Scratch()
        var options = SampleOptions(customers: 2)
        options.asOf = at("2026-03-01T12:00:00Z")
        _ = try SampleGenerator.write(options, to: scratch.url.appendingPathComponent("plain"))
        let plain = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("plain/site.json"))) as! [String: Any]
        #expect(plain["asOf"] == nil)
        #expect(plain["partnerName"] as? String == "Northwind Cloud Services")
        options.writeAsOf = true
        _ = try SampleGenerator.write(options, to: scratch.url.appendingPathComponent("frozen"))
        let frozen = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("frozen/site.json"))) as! [String: Any]
        #expect(frozen["asOf"] as? String == "2026-03-01T12:00:00Z")

        let command = try CSPPortalCommand.run(["sample", "--customers", "2", "--as-of", "2026-03-01T12:00:00Z",
                                                "--out", scratch.url.appendingPathComponent("command").path])
        #expect(command.status == 0)
        #expect(command.standardOutput.contains("site.json has no asOf: build with --as-of 2026-03-01T12:00:00Z"), "\(command.standardOutput)")
        let asked = try CSPPortalCommand.run(["sample", "--customers", "2", "--as-of", "2026-03-01T12:00:00Z", "--write-as-of",
                                              "--out", scratch.url.appendingPathComponent("asked").path])
        #expect(asked.standardOutput.contains("site.json has asOf 2026-03-01T12:00:00Z: every build of this folder is as of that instant"))
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("asked/site.json"))) as! [String: Any]
        #expect(written["asOf"] as? String == "2026-03-01T12:00:00Z")
    }
}
