import Foundation
import PortalLoad
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// The named steps of a build: load → apply the rules → make view models → render → write.
public enum SiteBuilder {
    /// What the site publishes, one step each; they run at once, each writing its files as soon
    /// as they are made. The largest single files first, so that they do not finish last.
    static let steps: [any SiteStep] = [
        PortalJSONStep(),
        OverviewStep(),
        DeskStep(),
        MarketsStep(),
        PublishingFilesStep(),
        AuditReportsStep(),
        CustomerPortalsStep(),
        CalendarsStep(),
        ProductExportsStep(),
        ChangesStep(),
    ]

    /// Runs every step. Throws `MissingInput` (66), `InvalidInput` (65), `TemplateError` (66/65)
    /// or `OutputError` (73); on any error the output folder is left as it was. With
    /// `keepGoing`, errors about records leave those records out instead (`BuildSummary.leftOut`).
    public static func build(_ options: BuildOptions, now: @Sendable () -> Instant = Instant.now) async throws -> BuildSummary {
        let progress = options.progress
        let templates = try options.templates()
        try templates.require(steps.flatMap(\.templates))
        let writer = SiteWriter(output: options.outputFolder, durable: options.durable)
        // Prepared while the data is loaded: taking the kept previous site means reading its
        // 50,000 folders, mostly waiting on the disk.
        async let preparedStaging = Result { () throws(OutputError) in try writer.stage() }
        // Read before the new site takes its place: "what changed" compares with the site replaced.
        async let earlierBuild = ChangesStep.readEarlierBuild(writer)
        let checked: CheckedInput
        let leftOut: [Diagnostic]
        do {
            checked = try check(options, now: now)
            leftOut = checked.diagnostics.errors
            if !leftOut.isEmpty && !(options.keepGoing && leftOut.allSatisfy(canBeLeftOut)) {
                throw InvalidInput(diagnostics: checked.diagnostics)
            }
        } catch {
            // The input's problems come first; the staging folder goes back as it was.
            if case .success(let staged) = await preparedStaging { staged.discard() }
            throw error
        }
        // The input records the rules evaluated are freed by now: their pages go back to the system
        // before the pages are rendered, rather than stay in the process's peak.
        FreedMemory.returnToSystem()
        let kept = checked.site.leavingOut(records: Set(leftOut.compactMap(\.location.record)))
        let site = kept.site
        let context = PublishingContext(
            site: site, warnings: checked.diagnostics.warnings, templates: templates,
            markets: MarketDirectory(excludedMarkets: checked.excludedMarkets, countries: BuiltInCountries.all),
            folders: options.folderNaming.folderNames(for: site.customers.map(\.customer.id)),
            languageOverride: options.language, requestedAuditPeriods: options.auditPeriods, progress: progress,
            earlierBuild: await earlierBuild, replacedSite: writer,
            leftOut: leftOut,
            customersMissingPurchases: kept.customersMissingPurchases.union(leftOut.compactMap(\.customerId)))
        progress.start("render", total: site.customers.count)
        let staged = try await preparedStaging.get()
        var notes: [String]
        do {
            notes = try await publish(context, steps: steps, into: staged)
            let written = staged.written
            progress.finish("\(written.files.formatted()) files, \(megabytes(written.bytes)) MB")
            progress.start("write")
            if let problem = try writer.commit(staged) { notes.append(problem) }
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
            warnings: context.warnings,
            leftOut: leftOut,
            notes: notes,
            auditReports: context.auditPeriods.map(\.reportPath),
            auditFindingCounts: Dictionary(uniqueKeysWithValues: context.auditPeriods.map { period in
                (period.reportPath, AuditRules.findings(site.findings, from: period.from, to: period.to).count)
            }),
            auditMail: site.site.contactEmail == nil ? [] : context.auditPeriods.compactMap { period in
                let findings = AuditRules.findings(site.findings, from: period.from, to: period.to)
                let (recipients, leftOut) = AuditRules.reportRecipients(site.users, configured: site.site.auditRecipients,
                                                                        flagged: Set(findings.map { site.event(of: $0).user.lowercased() }))
                return recipients.isEmpty ? nil : AuditMail(path: "\(period.folder)/report.eml", recipients: recipients.map(\.address), leftOut: leftOut)
            },
            linkWarning: options.linkSecret == nil ? BuildSummary.guessableLinksWarning : nil,
            templateWarnings: templates.warnings)
    }

    /// Runs `steps` at once into `staged`; their notes in the order of the steps.
    static func publish(_ context: PublishingContext, steps: [any SiteStep], into staged: StagedSite) async throws(OutputError) -> [String] {
        do {
            return try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
                for (index, step) in steps.enumerated() {
                    group.addTask { (index, try await step.publish(context, into: staged)) }
                }
                var notes = Array(repeating: [String](), count: steps.count)
                for try await (index, stepNotes) in group { notes[index] = stepNotes }
                return notes.flatMap { $0 }
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(description: "cannot write the site: \(error)")
        }
    }

    /// Whether `--keep-going` may leave out what `error` is about: one record of a table. An error
    /// about a whole file, or about site.json (the site's settings, not a record), stops the build.
    static func canBeLeftOut(_ error: Diagnostic) -> Bool {
        error.location.record != nil && error.location.file != "site.json"
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
    static func check(_ options: BuildOptions, now: () -> Instant) throws(MissingInput) -> CheckedInput {
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
        return CheckedInput(site: site, excludedMarkets: excludedMarkets, purchaseCount: purchaseCount,
                            diagnostics: (loadDiagnostics + folderDiagnostics + site.diagnostics).sortedByLocation())
    }
}

/// The data folder read and the rules applied: what a build publishes, or `validate` reports.
struct CheckedInput {
    let site: EvaluatedSite
    let excludedMarkets: [ReservationExcludedMarket]
    /// Order lines read, valid or not (`validate`'s count).
    let purchaseCount: Int
    /// Loading and rule diagnostics together, sorted by file and line.
    let diagnostics: [Diagnostic]
}
