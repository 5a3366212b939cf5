import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import Testing

/// One page a build renders: its view model and the template that renders it.
struct TemplatePage {
    /// What the page is, for messages: `portal <customer id>`, `markets fr`.
    let name: String
    let template: String
    let model: any TemplateObject
}

/// The view models a build of a data folder renders, made as the build makes them: each customer's
/// portal (in its language, or `language`), the overview, the markets page in each language, and
/// the audit report of the last 30 days and of the year so far, as a page and as e-mail text.
enum SiteViewModels {
    static func pages(data: URL, templates: TemplateSet, asOf: Instant? = nil, language: PortalLanguage? = nil) throws -> [TemplatePage] {
        let (input, loadDiagnostics) = try DataFolder(url: data).read()
        let markets = MarketDirectory(excludedMarkets: input.excludedMarkets, countries: BuiltInCountries.all)
        let site = SiteEvaluation.evaluate(input, asOf: try #require(asOf ?? input.site.asOf, "\(data.path): no as-of"))
        let settings = site.site
        let siteLanguage = language ?? settings.defaultLanguage
        let slugs = CustomerFolderNaming.readable.folderNames(for: site.customers.map(\.customer.id))
        var pages: [TemplatePage] = []
        for customer in site.customers {
            let format = LocaleFormat(catalogue: templates.catalogue(for: language ?? customer.customer.language),
                                      zone: .reading(customer: customer.customer, site: settings))
            pages.append(TemplatePage(name: "portal \(customer.customer.id)", template: "portal",
                                      model: CustomerPortalPage(customer, site: settings, asOf: site.asOf, format: format, markets: markets)))
        }
        let partnerFormat = LocaleFormat(catalogue: templates.catalogue(for: siteLanguage), zone: .partner(site: settings))
        let lastThirtyDays = AuditPeriod.lastThirtyDays(before: site.asOf)
        let audit = site.activity.isEmpty ? nil : (link: "audit/\(lastThirtyDays.name)/report.html",
                                                   findings: AuditRules.findings(site.findings, from: lastThirtyDays.from, to: lastThirtyDays.to).count)
        pages.append(TemplatePage(name: "overview", template: "overview",
                                  model: PartnerOverviewPage(site, slugs: slugs, warnings: (loadDiagnostics + site.diagnostics).warnings,
                                                             format: partnerFormat, markets: markets, audit: audit)))
        for pageLanguage in PortalLanguage.allCases {
            let other = try #require(PortalLanguage.allCases.first { $0 != pageLanguage })
            pages.append(TemplatePage(name: "markets \(pageLanguage.rawValue)", template: "markets",
                                      model: MarketsPage(markets, format: LocaleFormat(catalogue: templates.catalogue(for: pageLanguage)),
                                                         otherLanguage: other, otherLanguageLink: "\(other.rawValue).html")))
        }
        let yearStart = Instant(try #require(CivilDate(year: site.asOf.date.year, month: 1, day: 1)))
        for (from, name) in [(lastThirtyDays.from, lastThirtyDays.name), (yearStart, "year")] {
            let report = AuditReport(site, from: from, to: site.asOf, folderName: name, format: partnerFormat)
            pages.append(TemplatePage(name: "audit \(name)", template: "audit-report", model: report))
            pages.append(TemplatePage(name: "audit \(name) text", template: "audit-report-text", model: report))
        }
        // The audit archive with a report of each kind: with and without findings, text and e-mail.
        let kept = [KeptAuditReport(folder: lastThirtyDays.name, from: lastThirtyDays.from, to: lastThirtyDays.to, findingCount: 3,
                                    hasText: true, hasEmail: true),
                    KeptAuditReport(folder: "year", from: yearStart, to: site.asOf, findingCount: 0, hasText: false, hasEmail: false)]
        pages.append(TemplatePage(name: "audit archive", template: "audit-index",
                                  model: AuditArchivePage(kept, site: settings, retention: settings.auditRetention, format: partnerFormat)))
        pages.append(TemplatePage(name: "desk", template: "desk", model: CancellationDeskPage(site, format: partnerFormat)))
        // The changes page, with one change of each kind it can list.
        let previousAsOf = site.asOf.adding(days: -1)
        let changes = SiteChange.Kind.allCases.map { kind in
            SiteChange(kind: kind, asOf: site.asOf, previousAsOf: previousAsOf, customerId: "C", customerName: "N <&>",
                       subject: "P", reference: "O", line: 0, before: "active", after: "cancelled")
        }
        pages.append(TemplatePage(name: "changes", template: "changes",
                                  model: ChangesPage(changes, site: settings, asOf: site.asOf, previousAsOf: previousAsOf, format: partnerFormat)))
        return pages
    }
}
