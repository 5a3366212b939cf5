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
        let report = try SiteBuilder.validate(BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.prefix(5))")
        #expect(report.customerCount == 300)
        let summary = try await scratch.build(data: data)
        #expect(summary.fileCount >= 300 + 4)
        #expect(summary.auditReports.count == 1, "the activity log spans the 30 days before as-of")
    }
}
