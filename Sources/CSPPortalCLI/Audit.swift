import ArgumentParser
import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the audit report of who saw software keys and download links in a period (R12).",
        discussion: """
        Builds the site as `build` does, plus Site/audit/<from>--<to>/ (the period's instants in UTC \
        to the minute): report.html, report.txt and report.eml (a MIME e-mail to the partner users \
        allowed to view the activity log, or to site.json's auditRecipients, ready for \
        `sendmail -t < report.eml`). Earlier reports are kept and listed in Site/audit/index.html. \
        A date-only --to includes that whole day.
        """)

    @OptionGroup var input: DataOptions

    @OptionGroup var links: LinkSecretOptions

    @Option(name: .long, help: ArgumentHelp("The first day (or instant) of the period.", valueName: "date"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The last day of the period (included), or the instant it ends.", valueName: "date"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("The site folder to write.", valueName: "folder"))
    var out = "Site"

    @Flag(name: .long, help: "Write the new site to the disk, and wait for it, before it replaces the old one: a power cut right after the build then cannot leave empty files. Slower; without it the site is replaced whole or not at all, but reaches the disk when the system chooses.")
    var sync = false

    @Flag(name: .long, help: "Print no progress, only problems and the final line.")
    var quiet = false

    @Flag(name: .long, help: "Exit with status 1 when the period's report has findings (R12), once the site is written: for a cron job that alerts.")
    var failOnFindings = false

    @Option(name: .long, help: ArgumentHelp("A folder of templates (*.mustache, partials/) and catalogues (locales/*.json) that replace the built-in ones file by file, and key by key in a catalogue. Default: the data folder's templates folder when there is one, else the built-in set alone.", valueName: "folder"))
    var templates: String?

    func run() async throws {
        var options = try input.buildOptions(out: out, templates: templates)
        try links.apply(to: &options)
        options.progress = Terminal.progress(quiet: quiet)
        options.durable = sync
        let parser = TimestampParser(timeZone: try input.zone())
        func instant(_ text: String, option: String) throws -> Instant {
            do { return try parser.parse(text) } catch {
                throw ValidationError("\(option): expected a date (2026-10-01) or a timestamp (2026-10-01T00:00:00Z), got \(text.debugDescription)")
            }
        }
        let start = try instant(from, option: "--from")
        var end = try instant(to, option: "--to")
        let dateOnly = !to.contains("T") && !to.contains(" ")
        if dateOnly { end = end.adding(days: 1) }
        guard start < end else { throw ValidationError("--from must be before --to") }
        let period = AuditPeriod(from: start, to: end)
        let name = period.name
        options.auditPeriods = [period]
        let summary: BuildSummary
        do {
            summary = try await SiteBuilder.build(options)
            Terminal.print(summary, quiet: quiet)
            for report in summary.auditReports where report.contains(name) { print("Wrote \(options.outputFolder.appendingPathComponent(report).path)") }
        } catch let failure {
            throw Terminal.report(failure)
        }
        let findings = summary.auditFindingCounts[period.reportPath] ?? 0
        if failOnFindings && findings > 0 {
            Terminal.error("csp-portal: \(Terminal.plural(findings, "audit finding")) in \(name) (--fail-on-findings).")
            throw ExitCode(ExitStatus.auditFindings)
        }
    }
}
