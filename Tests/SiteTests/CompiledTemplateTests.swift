import Foundation
import PortalPipeline
import PortalRecords
import PortalRender
import PortalSample
import PortalTestSupport
import Testing

/// The compiled templates (what builds use) against swift-mustache (the reference): every file of
/// a site, byte for byte, for data sets that reach every section of every template.
@Suite("Compiled templates match swift-mustache")
struct CompiledTemplateTests {
    static let asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!)

    func site(_ data: URL, engine: TemplateEngine, language: PortalLanguage? = nil) async throws -> [String: [UInt8]] {
        let scratch = try Scratch()
        var options = BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates,
                                   asOf: Self.asOf, language: language)
        options.templateEngine = engine
        options.auditPeriods = [AuditPeriod(from: Instant(CivilDate(year: 2026, month: 1, day: 1)!), to: Self.asOf, name: "year")]
        _ = try await SiteBuilder.build(options, now: { Self.asOf })
        return try scratch.files()
    }

    func expectSame(_ data: URL, language: PortalLanguage? = nil) async throws {
        let compiled = try await site(data, engine: .compiled, language: language)
        let reference = try await site(data, engine: .swiftMustache, language: language)
        #expect(compiled.keys.sorted() == reference.keys.sorted())
        #expect(compiled.count > 4)
        for (path, bytes) in reference.sorted(by: { $0.key < $1.key }) where compiled[path] != bytes {
            let other = compiled[path] ?? []
            let offset = zip(bytes, other).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(bytes.count, other.count)
            Issue.record("\(path) differs at byte \(offset): \(String(decoding: bytes[offset...].prefix(80), as: UTF8.self)) vs \(String(decoding: other[min(offset, other.count)...].prefix(80), as: UTF8.self))")
        }
    }

    @Test("The sample data set, in each language")
    func sample() async throws {
        try await expectSame(Repository.data)
        try await expectSame(Repository.data, language: .fr)
    }

    @Test("The Partner Center fixture: products without a price, reported statuses")
    func partnerCenter() async throws {
        try await expectSame(Repository.root.appendingPathComponent("Tests/Fixtures/Formats/partner-center"))
    }

    @Test("A generated data set of 300 customers")
    func generated() async throws {
        let scratch = try Scratch()
        var options = SampleOptions(customers: 300)
        options.events = 3_000
        _ = try SampleGenerator.write(options, to: scratch.url)
        try await expectSame(scratch.url)
    }

    @Test("Values with markup, quotes and ampersands are escaped the same way")
    func hostile() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,domain,country,language\nC1,\"<b>A & B</b> \"\"Q\"\" 'x'\",<i>d</i>,FR,fr\nC2,Zed,,AU,en\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,instructions_url,delivery\nO<1>,C1,<img src=x> & co,subscription,2026-11-20,P1Y,1,10.00,EUR,https://example.com/?a=1&b='2',instructions\n",
            "site.json": #"{"partnerName": "<i>P&amp;</i>", "contactEmail": "a@b.example"}"#,
        ])
        try await expectSame(data)
    }
}
