import ArgumentParser
import Foundation
import PortalPipeline

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the customer portals, the partner overview and portal.json.",
        discussion: """
        The previous output folder is replaced only once the whole new site has been written; \
        on any error it is left untouched and nothing is written.
        """)

    @OptionGroup var input: DataOptions

    @Option(name: .long, help: ArgumentHelp("The folder to write the site to. It is replaced as a whole; an existing folder must be empty or a previous csp-portal site.", valueName: "folder"))
    var out = "Site"

    @Option(name: .long, help: ArgumentHelp("The folder with the page templates (*.mustache) and string catalogues (locales/*.json).", valueName: "folder"))
    var templates = "Templates"

    func run() async throws {
        let options = try input.buildOptions(out: out, templates: templates)
        do {
            let summary = try await SiteBuilder.build(options)
            Terminal.print(summary.warnings)
            print("Wrote \(summary.fileCount) files for \(summary.customerCount) customers and \(summary.productCount) products to \(options.outputFolder.path) (as of \(summary.asOf.iso8601)).")
        } catch let failure {
            throw Terminal.report(failure)
        }
    }
}
