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
        let progress = options.progress
        let templates = try TemplateSet.load(from: options.templatesFolder)
        let writer = SiteWriter(output: options.outputFolder)
        // Prepared while the data is loaded: taking the kept previous site means reading its
        // 50,000 folders, mostly waiting on the disk.
        async let preparedStaging = Result { () throws(OutputError) in try writer.stage() }
        let checked: (site: EvaluatedSite, excludedMarkets: [ReservationExcludedMarket], purchaseCount: Int, diagnostics: [Diagnostic])
        do {
            checked = try check(options, now: now)
            if !checked.diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: checked.diagnostics) }
        } catch {
            // The input's problems come first; the staging folder goes back as it was.
            if case .success(let staged) = await preparedStaging { staged.discard() }
            throw error
        }
        let (site, excludedMarkets, _, diagnostics) = checked
        // The input records the rules evaluated are freed by now: their pages go back to the system
        // before the pages are rendered, rather than stay in the process's peak.
        FreedMemory.returnToSystem()
        let warnings = diagnostics.warnings
        let markets = MarketDirectory(excludedMarkets: excludedMarkets, countries: BuiltInCountries.all)
        progress.start("render", total: site.customers.count)
        // The audit reports read the whole activity log: made while the pages render.
        async let reports = auditReports(site, periods: options.auditPeriods, templates: templates,
                                         language: options.language ?? site.site.defaultLanguage)
        let staged = try await preparedStaging.get()
        let audit: (files: [OutputFile], notes: [String])
        do {
            try await render(site, warnings: warnings, templates: templates, markets: markets, language: options.language,
                             folders: options.folderNaming, into: staged, progress: progress)
            audit = await reports
            for file in audit.files { try staged.write(file) }
            let written = staged.written
            progress.finish("\(written.files.formatted()) files, \(megabytes(written.bytes)) MB")
            progress.start("write")
            try writer.commit(staged)
            progress.finish(options.outputFolder.path)
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
            auditReports: audit.files.map(\.path).filter { $0.hasSuffix(".html") },
            linkWarning: options.linkSecret == nil ? BuildSummary.guessableLinksWarning : nil)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_000_000)
    }

    /// Reads and checks everything a build would, writes nothing: every diagnostic, sorted by file
    /// and line, and what was read. Throws only `MissingInput`.
    public static func validate(_ options: BuildOptions, now: @Sendable () -> Instant = Instant.now) throws(MissingInput) -> ValidationReport {
        let checked = try check(options, now: now)
        return ValidationReport(diagnostics: checked.diagnostics,
                                customerCount: checked.site.customers.count, purchaseCount: checked.purchaseCount)
    }

    /// Loads the data folder and applies the rules to what was read, at `--as-of`, else site.json's
    /// `asOf`, else now. Loading and rule diagnostics come together, so that one run lists every problem.
    static func check(_ options: BuildOptions, now: () -> Instant) throws(MissingInput)
        -> (site: EvaluatedSite, excludedMarkets: [ReservationExcludedMarket], purchaseCount: Int, diagnostics: [Diagnostic]) {
        let progress = options.progress
        progress.start("load")
        let (input, loadDiagnostics) = try DataFolder(url: options.dataFolder, timestamps: TimestampParser(timeZone: options.timeZone)).read()
        progress.finish("\(input.customers.count.formatted()) customers, \(input.purchases.count.formatted()) order lines, "
                        + "\(input.devices.count.formatted()) devices, \(input.activity.count.formatted()) activity events")
        // What the load freed (file text, raw records) goes back to the system before the rules
        // allocate on other threads, whose memory would otherwise come on top of it.
        FreedMemory.returnToSystem()
        progress.start("rules")
        let (excludedMarkets, purchaseCount) = (input.excludedMarkets, input.purchases.count)
        let givenAsOf = options.asOf ?? input.site.asOf
        // Checked whatever the naming, so that data valid with a link secret is valid without one.
        var folderDiagnostics = CustomerFolderNaming.readable.collisions(among: input.customers)
        if case .keyed = options.folderNaming { folderDiagnostics += options.folderNaming.collisions(among: input.customers) }
        // Its last use: the rules free the records as they evaluate them.
        let site = SiteEvaluation.evaluate(consume input, asOf: givenAsOf ?? now(), asOfOrigin: givenAsOf == nil ? .clock : .given)
        progress.finish("\(site.findings.count.formatted()) audit findings, \((loadDiagnostics.count + site.diagnostics.count).formatted()) diagnostics")
        return (site, excludedMarkets, purchaseCount, (loadDiagnostics + folderDiagnostics + site.diagnostics).sortedByLocation())
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
        let format = LocaleFormat(catalogue: templates.catalogue(for: language), zone: .partner(site: site.site))
        let recipients = AuditRules.reportRecipients(site.users)
        for period in all where seen.insert(period.name).inserted {
            let report = AuditReport(site, from: period.from, to: period.to, folderName: period.name, format: format)
            let html = templates.render(report, template: "audit-report")
            let folder = "audit/\(period.name)"
            files.append(OutputFile(path: "\(folder)/report.html", text: html))
            guard let contactEmail = site.site.contactEmail else {
                notes.append("\(folder)/report.eml not written: site.json has no contactEmail to send it from")
                continue
            }
            guard !recipients.isEmpty else {
                notes.append("\(folder)/report.eml not written: no partner user holds Global admin, Account admin, Referral admin or Marketing content admin (R12)")
                continue
            }
            // The loaders refuse a bad address (a data error); an unchecked one never reaches a header.
            let mailboxes = recipients.compactMap { user in EmailAddress(user.user).map { Mailbox(name: user.name, address: $0) } }
            guard let sender = EmailAddress(contactEmail), mailboxes.count == recipients.count else {
                notes.append("\(folder)/report.eml not written: an address is not a valid e-mail address")
                continue
            }
            let message = MailMessage(
                from: Mailbox(name: site.site.partnerName, address: sender),
                to: mailboxes,
                subject: format.catalogue.text("auditSubject", ["from": format.date(period.from), "to": format.date(period.to.adding(milliseconds: -1))]),
                date: site.asOf,
                text: templates.renderText(report, template: "audit-report-text"),
                html: html)
            files.append(OutputFile(path: "\(folder)/report.eml", text: message.render()))
        }
        return (files, notes)
    }

    /// Renders every page and `portal.json` into `staged`, each file written as soon as it is made,
    /// on every core: the customer portals in batches, alongside the overview, the markets pages and
    /// `portal.json`. `language` overrides every page's language (`--lang`); `folders` names each
    /// customer's folder.
    public static func render(_ site: EvaluatedSite, warnings: [Diagnostic], templates: TemplateSet, markets: MarketDirectory,
                              language: PortalLanguage? = nil, folders: CustomerFolderNaming = .readable, into staged: StagedSite,
                              progress: BuildProgress = .silent) async throws(OutputError) {
        let slugs = folders.folderNames(for: site.customers.map(\.customer.id))
        let settings = site.site
        let siteLanguage = language ?? settings.defaultLanguage
        let customerCount = site.customers.count
        // A few batches per core, so that a slow batch does not leave a core idle.
        let batchSize = max(1, customerCount / (ProcessInfo.processInfo.activeProcessorCount * 8))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The largest single files first, so that they do not finish last.
                group.addTask {
                    let document = PortalDocument.make(site, slugs: slugs, warnings: warnings)
                    try staged.write(path: "portal.json") { append throws(OutputError) in try JSONWriter.write(document, to: append) }
                }
                group.addTask {
                    let latestAudit = site.activity.isEmpty ? nil : AuditPeriod.lastThirtyDays(before: site.asOf)
                    let overview = PartnerOverviewPage(site, slugs: slugs, warnings: warnings,
                                                       format: LocaleFormat(catalogue: templates.catalogue(for: siteLanguage), zone: .partner(site: settings)),
                                                       markets: markets,
                                                       audit: latestAudit.map { period in
                                                           (link: "audit/\(period.name)/report.html",
                                                            findings: AuditRules.findings(site.findings, from: period.from, to: period.to).count)
                                                       })
                    let room = 64 * 1024 + 1024 * customerCount   // ~500 bytes a customer row, its actions
                    try staged.write(OutputFile(path: "index.html", bytes: templates.renderPage(overview, template: "overview", capacity: room)))
                    // The markets table in both languages: index.html in the site's, <lang>.html in the other.
                    for pageLanguage in PortalLanguage.allCases {
                        let other = PortalLanguage.allCases.first { $0 != pageLanguage }!
                        func path(_ language: PortalLanguage) -> String { language == siteLanguage ? "index.html" : "\(language.rawValue).html" }
                        let page = MarketsPage(markets, format: LocaleFormat(catalogue: templates.catalogue(for: pageLanguage)),
                                               otherLanguage: other, otherLanguageLink: path(other))
                        try staged.write(OutputFile(path: "markets/\(path(pageLanguage))", bytes: templates.renderPage(page, template: "markets")))
                    }
                    // robots.txt and the static hosts' header files: the same policy as the pages, as headers.
                    for file in PublishingFiles.make(policy: templates.sitePolicy) {
                        try staged.write(OutputFile(path: file.path, bytes: file.bytes))
                    }
                }
                for start in stride(from: 0, to: customerCount, by: batchSize) {
                    group.addTask {
                        for customer in site.customers[start..<min(start + batchSize, customerCount)] {
                            let format = LocaleFormat(catalogue: templates.catalogue(for: language ?? customer.customer.language),
                                                      zone: .reading(customer: customer.customer, site: settings))
                            let page = CustomerPortalPage(customer, site: settings, asOf: site.asOf, format: format, markets: markets)
                            try staged.write(OutputFile(path: PortalDocument.portalPath(slug: slugs[customer.customer.id]!),
                                                        bytes: templates.renderPage(page, template: "portal")))
                            progress.advance()
                        }
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
