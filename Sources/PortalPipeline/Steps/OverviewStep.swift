import PortalRules
import PortalViewModels
import PortalWrite

/// `index.html`: the partner overview, every customer and what needs acting on.
struct OverviewStep: SiteStep {
    var templates: [String] { ["overview"] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        let overview = PartnerOverviewPage(site, slugs: context.folders, warnings: context.warnings, leftOut: context.leftOut, format: context.partnerFormat,
                                           markets: context.markets,
                                           audit: context.latestAudit.map { period in
                                               (link: period.reportPath,
                                                findings: AuditRules.findings(site.findings, from: period.from, to: period.to).count)
                                           })
        // Room for the whole page, so that the overview of 50,000 customers is not copied as it
        // grows: ~500 bytes a customer row and its actions.
        let room = 64 * 1024 + 1024 * site.customers.count
        try staged.write(OutputFile(path: "index.html", bytes: context.templates.renderPage(overview, template: "overview", capacity: room)))
        return []
    }
}
