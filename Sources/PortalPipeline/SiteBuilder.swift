import Foundation
import PortalLoad
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// The named steps of a build: load → apply the rules → make view models → render → write.
public enum SiteBuilder {
    /// Runs every step. Throws `MissingInput` (66), `InvalidInput` (65), `TemplateError` (66/65)
    /// or `OutputError` (73); on any error the output folder is left as it was.
    public static func build(_ options: BuildOptions, now: @Sendable () -> Instant = Instant.now) async throws -> BuildSummary {
        let templates = try await TemplateSet.load(from: options.templatesFolder)
        let (input, site, diagnostics) = try check(options, now: now)
        if !diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: diagnostics) }
        let warnings = diagnostics.warnings
        let markets = MarketDirectory(excludedMarkets: input.excludedMarkets, countries: BuiltInCountries.all)
        let writer = SiteWriter(output: options.outputFolder)
        let staged = try writer.stage()
        let audit: (files: [OutputFile], notes: [String])
        do {
            try await render(site, warnings: warnings, templates: templates, markets: markets, language: options.language, into: staged)
            audit = auditReports(site, periods: options.auditPeriods, templates: templates,
                                 language: options.language ?? input.site.defaultLanguage)
            for file in audit.files { try staged.write(file) }
            try writer.commit(staged)
        } catch {
            staged.discard()
            throw error
        }
        return BuildSummary(
            asOf: site.asOf,
            customerCount: site.customers.count,
            productCount: site.customers.reduce(0) { $0 + $1.purchases.count },
            fileCount: staged.written.files,
            warnings: warnings,
            notes: audit.notes,
            auditReports: audit.files.map(\.path).filter { $0.hasSuffix(".html") })
    }

    /// Reads and checks everything a build would, writes nothing: every diagnostic, sorted by file
    /// and line, and what was read. Throws only `MissingInput`.
    public static func validate(_ options: BuildOptions, now: @Sendable () -> Instant = Instant.now) throws(MissingInput) -> ValidationReport {
        let checked = try check(options, now: now)
        return ValidationReport(diagnostics: checked.diagnostics,
                                customerCount: checked.input.customers.count, purchaseCount: checked.input.purchases.count)
    }

    /// Loads the data folder and applies the rules to what was read, at `--as-of`, else site.json's
    /// `asOf`, else now. Loading and rule diagnostics come together, so that one run lists every problem.
    static func check(_ options: BuildOptions, now: () -> Instant) throws(MissingInput)
        -> (input: PortalInput, site: EvaluatedSite, diagnostics: [Diagnostic]) {
        let (input, loadDiagnostics) = try DataFolder(url: options.dataFolder, timestamps: TimestampParser(timeZone: options.timeZone)).read()
        let site = SiteEvaluation.evaluate(input, asOf: options.asOf ?? input.site.asOf ?? now())
        return (input, site, (loadDiagnostics + site.diagnostics).sortedByLocation())
    }

    /// The R12 audit report of the last 30 days (when there is an activity log) and of each period
    /// asked for: `audit/<from>_<to>/report.html`, and `report.eml` when it has recipients and a sender.
    public static func auditReports(_ site: EvaluatedSite, periods: [AuditPeriod], templates: TemplateSet,
                                    language: PortalLanguage) -> (files: [OutputFile], notes: [String]) {
        var all = periods
        if !site.activity.isEmpty { all.insert(AuditPeriod.lastThirtyDays(before: site.asOf), at: 0) }
        var files: [OutputFile] = []
        var notes: [String] = []
        var seen: Set<String> = []
        let format = LocaleFormat(catalogue: templates.catalogue(for: language))
        let recipients = AuditRules.reportRecipients(site.users)
        for period in all where seen.insert(period.name).inserted {
            let report = AuditReport(site, from: period.from, to: period.to, folderName: period.name, format: format)
            let html = templates.render(report, template: "audit-report")
            let folder = "audit/\(period.name)"
            files.append(OutputFile(path: "\(folder)/report.html", text: html))
            guard let sender = site.site.contactEmail else {
                notes.append("\(folder)/report.eml not written: site.json has no contactEmail to send it from")
                continue
            }
            guard !recipients.isEmpty else {
                notes.append("\(folder)/report.eml not written: no partner user holds Global admin, Account admin, Referral admin or Marketing content admin (R12)")
                continue
            }
            let message = MailMessage(
                from: Mailbox(name: site.site.partnerName, address: sender),
                to: recipients.map { Mailbox(name: $0.name, address: $0.user) },
                subject: format.catalogue.text("auditSubject", ["from": format.date(period.from), "to": format.date(period.to.adding(milliseconds: -1))]),
                date: site.asOf,
                text: templates.renderText(report, template: "audit-report-text"),
                html: html)
            files.append(OutputFile(path: "\(folder)/report.eml", text: message.render()))
        }
        return (files, notes)
    }

    /// Renders every page and `portal.json` into `staged`, each file written as soon as it is made.
    /// Customer portals render in parallel. `language` overrides every page's language (`--lang`).
    public static func render(_ site: EvaluatedSite, warnings: [Diagnostic], templates: TemplateSet, markets: MarketDirectory,
                              language: PortalLanguage? = nil, into staged: StagedSite) async throws(OutputError) {
        let slugs = Slugs.assign(site.customers.map(\.customer.id))
        let settings = site.site
        try await writeInParallel(count: site.customers.count, into: staged) { index in
            let customer = site.customers[index]
            let format = LocaleFormat(catalogue: templates.catalogue(for: language ?? customer.customer.language))
            let page = CustomerPortalPage(customer, site: settings, asOf: site.asOf, format: format, markets: markets)
            return OutputFile(path: PortalDocument.portalPath(slug: slugs[customer.customer.id]!), text: templates.render(page, template: "portal"))
        }
        let siteLanguage = language ?? settings.defaultLanguage
        let latestAudit = site.activity.isEmpty ? nil : AuditPeriod.lastThirtyDays(before: site.asOf)
        let overview = PartnerOverviewPage(site, slugs: slugs, warnings: warnings,
                                           format: LocaleFormat(catalogue: templates.catalogue(for: siteLanguage)), markets: markets,
                                           audit: latestAudit.map { period in
                                               (link: "audit/\(period.name)/report.html",
                                                findings: AuditRules.findings(site.findings, from: period.from, to: period.to).count)
                                           })
        try staged.write(OutputFile(path: "index.html", text: templates.render(overview, template: "overview")))
        // The markets table in both languages: index.html in the site's, <lang>.html in the other.
        for pageLanguage in PortalLanguage.allCases {
            let other = PortalLanguage.allCases.first { $0 != pageLanguage }!
            func path(_ language: PortalLanguage) -> String { language == siteLanguage ? "index.html" : "\(language.rawValue).html" }
            let page = MarketsPage(markets, format: LocaleFormat(catalogue: templates.catalogue(for: pageLanguage)),
                                   otherLanguage: other, otherLanguageLink: path(other))
            try staged.write(OutputFile(path: "markets/\(path(pageLanguage))", text: templates.render(page, template: "markets")))
        }
        let document = PortalDocument.make(site, slugs: slugs, warnings: warnings)
        try staged.write(path: "portal.json") { append throws(OutputError) in try JSONWriter.write(document, to: append) }
    }

    /// Makes and writes `count` files on every core: a few batches per core, so that a slow batch
    /// does not leave a core idle, and no more than a batch per task in memory.
    static func writeInParallel(count: Int, into staged: StagedSite,
                                _ make: @escaping @Sendable (Int) -> OutputFile) async throws(OutputError) {
        let batchSize = max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 4))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for start in stride(from: 0, to: count, by: batchSize) {
                    group.addTask {
                        for index in start..<min(start + batchSize, count) { try staged.write(make(index)) }
                    }
                }
                try await group.waitForAll()
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(description: "cannot write the site: \(error)")
        }
    }
}
