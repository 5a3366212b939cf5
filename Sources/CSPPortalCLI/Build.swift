import ArgumentParser
import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalRender
import PortalWrite

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the customer portals, the partner overview and portal.json.",
        discussion: """
        The previous output folder is replaced only once the whole new site has been written; \
        on any error it is left untouched and nothing is written.
        """)

    @Option(name: .long, help: ArgumentHelp("The folder with customers and orders (.csv or .json), and optionally site.json and markets.", valueName: "folder"))
    var data = "Data"

    @Option(name: .long, help: ArgumentHelp("The folder to write the site to. It is replaced as a whole; an existing folder must be empty or a previous csp-portal site.", valueName: "folder"))
    var out = "Site"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The instant every status, window and days-left count is computed at: a date (2026-11-25) or a timestamp (2026-11-25T09:00:00Z). Default: site.json's asOf, else now.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("The time zone of timestamps written without an offset, in the input and in --as-of (an IANA name such as Europe/Paris).", valueName: "zone"))
    var timezone = "UTC"

    @Option(name: .long, help: ArgumentHelp("The folder with the page templates (*.mustache) and string catalogues (locales/*.json).", valueName: "folder"))
    var templates = "Templates"

    func run() async throws {
        let options = try makeOptions()
        do {
            let summary = try await SiteBuilder.build(options)
            for warning in summary.warnings { Terminal.error(warning.description) }
            print("Wrote \(summary.fileCount) files for \(summary.customerCount) customers and \(summary.productCount) products to \(options.outputFolder.path) (as of \(summary.asOf.iso8601)).")
        } catch let failure {
            throw Terminal.report(failure)
        }
    }

    func makeOptions() throws -> BuildOptions {
        guard let zone = TimeZone(identifier: timezone) else {
            throw ValidationError("--timezone: unknown time zone \(timezone.debugDescription); use an IANA name such as UTC or Europe/Paris")
        }
        var instant: Instant?
        if let asOf {
            do {
                instant = try TimestampParser(timeZone: zone).parse(asOf)
            } catch {
                throw ValidationError("--as-of: expected a date (2026-11-25) or a timestamp (2026-11-25T09:00:00Z), got \(asOf.debugDescription)")
            }
        }
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return BuildOptions(
            dataFolder: URL(fileURLWithPath: data, relativeTo: current),
            outputFolder: URL(fileURLWithPath: out, relativeTo: current),
            templatesFolder: URL(fileURLWithPath: templates, relativeTo: current),
            asOf: instant, timeZone: zone)
    }
}
