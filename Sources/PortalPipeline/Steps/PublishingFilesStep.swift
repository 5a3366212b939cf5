import PortalRender
import PortalWrite

/// `robots.txt` and the static hosts' header files: the same policy as the pages, as headers.
struct PublishingFilesStep: SiteStep {
    var templates: [String] { [] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        for file in PublishingFiles.make(policy: context.templates.sitePolicy) {
            try staged.write(OutputFile(path: file.path, bytes: file.bytes))
        }
        return []
    }
}
