import PortalViewModels
import PortalWrite

/// `desk/index.html`: the partner's cancellation desk, in the site's language and zone. It names
/// every customer, so it sits beside the overview, never under `customers/`.
struct DeskStep: SiteStep {
    var templates: [String] { ["desk"] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let page = CancellationDeskPage(context.site, format: context.partnerFormat)
        try staged.write(OutputFile(path: CancellationDeskPage.path, bytes: context.templates.renderPage(page, template: "desk")))
        return []
    }
}
