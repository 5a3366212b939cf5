import PortalRender
import PortalViewModels
import PortalWrite

/// `portal.json`: everything computed, in the data contract's shape, written a piece at a time.
struct PortalJSONStep: SiteStep {
    var templates: [String] { [] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let document = PortalDocument.make(context.site, slugs: context.folders, warnings: context.warnings + context.leftOut)
        try staged.write(path: "portal.json") { append throws(OutputError) in try JSONWriter.write(document, to: append) }
        return []
    }
}
