import Foundation
import PortalRecords
import PortalRender
import PortalSample
import PortalTestSupport
import PortalViewModels
import Testing

/// The compiled templates (what builds use) against swift-mustache (the reference, test-only): every
/// page of a site, from the same view models, byte for byte, for data sets that reach every
/// section of every template.
@Suite("Compiled templates match swift-mustache")
struct CompiledTemplateTests {
    static let asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!)

    @Test("The sample data set, in each language")
    func sample() async throws {
        let pages = try await expectSameAsReference(data: Repository.data)
        try await expectSameAsReference(data: Repository.data, language: .fr)
        #expect(pages.contains { $0.template == "portal" } && pages.contains { $0.template == "audit-report-text" })
    }

    @Test("The Partner Center fixture: products without a price, reported statuses")
    func partnerCenter() async throws {
        try await expectSameAsReference(data: Repository.root.appendingPathComponent("Tests/Fixtures/Formats/partner-center"), asOf: Self.asOf)
    }

    @Test("A generated data set of 300 customers")
    func generated() async throws {
        let scratch = try Scratch()
        var options = SampleOptions(customers: 300)
        options.events = 3_000
        _ = try SampleGenerator.write(options, to: scratch.url)
        let pages = try await expectSameAsReference(data: scratch.url, asOf: options.asOf)
        #expect(pages.filter { $0.template == "portal" }.count == 300)
    }

    @Test("Values with markup, quotes and ampersands are escaped the same way")
    func hostile() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,domain,country,language\nC1,\"<b>A & B</b> \"\"Q\"\" 'x'\",<i>d</i>,FR,fr\nC2,Zed,,AU,en\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,instructions_url,delivery\nO<1>,C1,<img src=x> & co,subscription,2026-11-20,P1Y,1,10.00,EUR,https://example.com/?a=1&b='2',instructions\n",
            "site.json": #"{"partnerName": "<i>P&amp;</i>", "contactEmail": "a@b.example"}"#,
        ])
        try await expectSameAsReference(data: data, asOf: Self.asOf)
    }

    @Test("A partial included with indentation, values at the start of its lines: indented as swift-mustache does")
    func indentedPartialWithValues() async throws {
        // The repository's partials have no tags; a row partial with values shows how both indent them.
        let scratch = try Scratch()
        let templates = scratch.url.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        let markets = templates.appendingPathComponent("markets.mustache")
        let source = try String(contentsOf: markets, encoding: .utf8)
        let row = try #require(source.range(of: "{{#rows}}"))
        try Data(source.replacingCharacters(in: row, with: "{{#rows}}\n    {{> partials/row}}\n").utf8).write(to: markets)
        try Data("{{code}}\n{{name}} {{state}}\n".utf8).write(to: templates.appendingPathComponent("partials/row.mustache"))
        let pages = try await expectSameAsReference(data: Repository.data, templates: templates)
        let page = try #require(pages.first { $0.template == "markets" })
        let first = try #require((page.model as? MarketsPage)?.rows.first)
        let written = String(decoding: try TemplateSet.load(from: templates).renderPage(page.model, template: "markets"), as: UTF8.self)
        #expect(written.contains("\n    \(first.code)\n    \(first.name) \(first.state)\n"),
                "each line of the partial indented, the values that start them too")
    }
}

/// Renders every page a build of `data` renders with the compiled templates of `templates` and
/// with swift-mustache, and records each page that differs, at its first differing byte.
/// Returns the pages compared.
@discardableResult
func expectSameAsReference(data: URL, templates: URL = Repository.templates, asOf: Instant? = nil, language: PortalLanguage? = nil,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> [TemplatePage] {
    let reference = try await ReferenceTemplates(folder: templates)
    let pages = try SiteViewModels.pages(data: data, templates: reference.templates, asOf: asOf, language: language)
    #expect(pages.count > 4, sourceLocation: sourceLocation)
    for page in pages {
        let compiled = reference.templates.renderPage(page.model, template: page.template)
        let expected = reference.renderPage(page.model, template: page.template)
        guard compiled != expected else { continue }
        let offset = zip(expected, compiled).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, compiled.count)
        let reference = String(decoding: expected[offset...].prefix(80), as: UTF8.self)
        let written = String(decoding: compiled[offset...].prefix(80), as: UTF8.self)
        let message = "\(page.name) (\(page.template)) differs at byte \(offset): swift-mustache wrote \(reference.debugDescription), "
            + "the compiled template \(written.debugDescription)"
        Issue.record("\(message)", sourceLocation: sourceLocation)
    }
    return pages
}
