import ArgumentParser
import Foundation
import PortalPipeline
import PortalRecords

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the customer portals, the partner overview and portal.json.",
        discussion: """
        The previous output folder is replaced only once the whole new site has been written; \
        on any error it is left untouched and nothing is written (exit status 65 for data errors). \
        With --keep-going, lines with errors are left out and listed instead, the rest is built, \
        and the exit status is 2 when something was left out.
        """)

    @OptionGroup var input: DataOptions

    @OptionGroup var links: LinkSecretOptions

    @Option(name: .long, help: ArgumentHelp("The folder to write the site to. It is replaced as a whole; an existing folder must be empty or a previous csp-portal site (marked by its .csp-portal file).", valueName: "folder"))
    var out = "Site"

    @Flag(name: .long, help: "Leave out the lines with errors (listed on standard error, the overview and portal.json; their customers' portals say some purchases could not be shown) and build the rest. Exit status 2 when a line was left out. An error about a whole file or site.json still stops the build.")
    var keepGoing = false

    @Flag(name: .long, help: "Write the new site to the disk, and wait for it, before it replaces the old one: a power cut right after the build then cannot leave empty files. Slower; without it the site is replaced whole or not at all, but reaches the disk when the system chooses.")
    var sync = false

    @Flag(name: .long, help: "Print no progress, only problems and the final line.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("A folder of templates (*.mustache, partials/) and catalogues (locales/*.json) that replace the built-in ones file by file, and key by key in a catalogue. Default: the data folder's templates folder when there is one, else the built-in set alone.", valueName: "folder"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Write every page in this language (en or fr) instead of each customer's own and the site's default.", valueName: "language"))
    var lang: String?

    func run() async throws {
        var options = try input.buildOptions(out: out, templates: templates)
        try links.apply(to: &options)
        options.progress = Terminal.progress(quiet: quiet)
        options.keepGoing = keepGoing
        options.durable = sync
        if let lang {
            guard let language = PortalLanguage(rawValue: lang.lowercased()) else {
                throw ValidationError("--lang: expected en or fr, got \(lang.debugDescription)")
            }
            options.language = language
        }
        let summary: BuildSummary
        do {
            summary = try await SiteBuilder.build(options)
        } catch let failure {
            throw Terminal.report(failure)
        }
        Terminal.print(summary, quiet: quiet)
        print("Wrote \(Terminal.plural(summary.fileCount, "file")) for \(Terminal.plural(summary.customerCount, "customer")) and \(Terminal.plural(summary.productCount, "product")) to \(options.outputFolder.path) (as of \(summary.asOf.iso8601)).")
        if !summary.leftOut.isEmpty {
            let lines = Set(summary.leftOut.compactMap(\.location.record)).count
            Terminal.error("csp-portal: \(Terminal.plural(lines, "line")) with errors left out (--keep-going); the rest was written.")
            throw ExitCode(ExitStatus.builtWithRecordsLeftOut)
        }
    }
}
