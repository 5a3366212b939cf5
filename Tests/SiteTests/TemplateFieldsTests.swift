import Mustache
import PortalLoad
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalTestSupport
import Testing

/// Templates read view models through `MustacheParent.child(named:)` (TemplateFields.swift), not a
/// Mirror. Every field a Mirror sees must answer the same through `child(named:)`, at every depth.
@Suite("Template fields")
struct TemplateFieldsTests {
    /// Fields that are not for templates.
    static let internalFields: Set<String> = ["sortInstant"]

    @Test("Every view model of the sample site answers every field by name, as a Mirror would")
    func everyField() async throws {
        let templates = try await TemplateSet.load(from: Repository.templates)
        let (input, _) = try DataFolder(url: Repository.data).read()
        let site = SiteEvaluation.evaluate(input, asOf: input.site.asOf!)
        let markets = MarketDirectory(excludedMarkets: input.excludedMarkets, countries: BuiltInCountries.all)
        let slugs = CustomerFolderNaming.readable.folderNames(for: site.customers.map(\.customer.id))
        var checked: Set<String> = []
        for language in PortalLanguage.allCases {
            let format = LocaleFormat(catalogue: templates.catalogue(for: language))
            for customer in site.customers {
                check(CustomerPortalPage(customer, site: site.site, asOf: site.asOf, format: format, markets: markets), path: "portal", &checked)
            }
            check(PartnerOverviewPage(site, slugs: slugs, warnings: site.diagnostics.warnings, format: format, markets: markets,
                                      audit: (link: "audit/x/report.html", findings: 1)), path: "overview", &checked)
            check(MarketsPage(markets, format: format, otherLanguage: .fr, otherLanguageLink: "fr.html"), path: "markets", &checked)
            check(AuditReport(site, from: site.asOf.adding(days: -30), to: site.asOf, folderName: "x", format: format), path: "audit", &checked)
            check(CancellationDeskPage(site, format: format), path: "desk", &checked)
        }
        // The sample exercises every kind of row, so that no type escapes the check.
        #expect(checked.isSuperset(of: ["CustomerPortalPage", "ProductCard", "ProductFact", "FilterChoice", "MoveToCSPSection", "DeviceGroup",
                                        "DeviceRow", "PartnerOverviewPage", "CustomerRow", "ActionItem", "MarketsPage", "MarketRow",
                                        "AuditReport", "FindingRow", "UserActivityRow", "CustomerActivityRow",
                                        "CancellationDeskPage", "DeskEntry"]), "\(checked.sorted())")
    }

    func check(_ value: Any, path: String, _ checked: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?:
            for (index, element) in mirror.children.enumerated() { check(element.value, path: "\(path)[\(index)]", &checked) }
        case .optional?:
            if let wrapped = mirror.children.first { check(wrapped.value, path: path, &checked) }
        case .struct?:
            guard let parent = value as? MustacheParent else {
                Issue.record("\(path): \(type(of: value)) is read by templates through a Mirror; add it to TemplateFields.swift")
                return
            }
            checked.insert(String(describing: type(of: value)))
            for child in mirror.children {
                guard let label = child.label, !Self.internalFields.contains(label) else { continue }
                let expected = Self.unwrapped(child.value)
                let actual = parent.child(named: label)
                #expect(String(describing: actual) == String(describing: expected), "\(path).\(label) of \(type(of: value))")
                if let expected { check(expected, path: "\(path).\(label)", &checked) }
            }
        default:
            return
        }
    }

    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
