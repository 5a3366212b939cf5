import Foundation
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// `audit/<from>--<to>/`: the R12 report of each audit period, as a page (`report.html`), as text
/// (`report.txt`) and, when it has a sender and recipients, as an e-mail ready for `sendmail -t`
/// (`report.eml`), with what the archive needs to list it (`report.json`). Only the reports of
/// `audit` runs are carried forward from the site replaced, the newest `auditRetention`: the 30-day
/// report each build writes is replaced by the next build's, so that an hourly build neither fills
/// the retention with overlapping reports (evicting the `audit` ones) nor copies them all again.
/// `audit/index.html` lists this build's 30-day report first, then the `audit` reports, newest first.
struct AuditReportsStep: SiteStep {
    var templates: [String] { ["audit-report", "audit-report-text", "audit-index"] }

    static let indexPath = "audit/index.html"
    /// The files of a report folder; `report.json` and `report.html` must be there to carry it.
    static let metadataName = "report.json"
    static let pageName = "report.html"
    static let optionalNames = ["report.txt", "report.eml"]
    /// The largest report file carried: the page of 50,000 customers is about 15 MB, its e-mail 25.
    static let fileByteLimit = 64 << 20
    static let metadataByteLimit = 64 << 10
    /// How many entries of `audit/` that are not reports are named one by one.
    static let strayNoteLimit = 20

    /// `report.json`'s `kind`: an `audit` report is archived (carried forward and counted by
    /// `auditRetention`); a `rolling` one, the 30 days before a build's as-of, is not. A
    /// `report.json` without it (an earlier version's) is carried: nothing is lost on upgrade.
    enum Kind: String {
        case audit, rolling
    }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        let format = context.partnerFormat
        var notes: [String] = []
        var written: [KeptAuditReport] = []
        var rolling: KeptAuditReport?
        let requested = Set(context.requestedAuditPeriods.map(\.name))
        for period in context.auditPeriods {
            // A period `audit` asked for is archived even when it is also the build's last 30 days.
            let kind: Kind = requested.contains(period.name) ? .audit : .rolling
            let flagged = Set(AuditRules.findings(site.findings, from: period.from, to: period.to).map { site.event(of: $0).user.lowercased() })
            let (recipients, _) = AuditRules.reportRecipients(site.users, configured: site.site.auditRecipients, flagged: flagged)
            let report = AuditReport(site, from: period.from, to: period.to, folderName: period.name, format: format, recipients: recipients)
            let html = context.templates.render(report, template: "audit-report")
            let text = context.templates.renderText(report, template: "audit-report-text")
            try staged.write(OutputFile(path: period.reportPath, text: html))
            try staged.write(OutputFile(path: "\(period.folder)/report.txt", text: text))
            try staged.write(OutputFile(path: "\(period.folder)/\(Self.metadataName)", text: Self.metadata(period, kind: kind, findings: report.findingCount, asOf: site.asOf)))
            let messagePath = "\(period.folder)/report.eml"
            let mailed = try Self.writeMessage(report, html: html, text: text, recipients: recipients, site: site, to: messagePath,
                                               into: staged, notes: &notes)
            let kept = KeptAuditReport(folder: period.name, from: period.from, to: period.to, findingCount: report.findingCount,
                                       hasText: true, hasEmail: mailed)
            if kind == .rolling { rolling = kept } else { written.append(kept) }
        }
        let carried = try carryForward(context, besides: written, rolling: rolling, into: staged, notes: &notes)
        let kept = (written + carried).sorted(by: KeptAuditReport.newestFirst)
        let page = AuditArchivePage(kept, rolling: rolling, site: site.site, retention: site.site.auditRetention, format: format)
        try staged.write(OutputFile(path: Self.indexPath, bytes: context.templates.renderPage(page, template: "audit-index")))
        return notes
    }

    /// Writes the e-mail when it has a sender and recipients; else says why not. True when written.
    static func writeMessage(_ report: AuditReport, html: String, text: String, recipients: [ReportRecipient], site: EvaluatedSite,
                             to messagePath: String, into staged: StagedSite, notes: inout [String]) throws(OutputError) -> Bool {
        guard let contactEmail = site.site.contactEmail else {
            notes.append("\(messagePath) not written: site.json has no contactEmail to send it from")
            return false
        }
        guard !recipients.isEmpty else {
            let who = site.site.auditRecipients == nil
                ? "no partner user holds Global admin, Account admin, Referral admin or Marketing content admin (R12)"
                : "site.json's auditRecipients name no address and no role a partner user holds"
            notes.append("\(messagePath) not written: \(who), or each one who does is a finding of the period")
            return false
        }
        // The loaders refuse a bad address (a data error); an unchecked one never reaches a header.
        let mailboxes = recipients.compactMap { recipient in
            EmailAddress(recipient.address).map { Mailbox(name: recipient.name, address: $0) }
        }
        guard let sender = EmailAddress(contactEmail), mailboxes.count == recipients.count else {
            notes.append("\(messagePath) not written: an address is not a valid e-mail address")
            return false
        }
        let message = MailMessage(
            from: Mailbox(name: site.site.partnerName, address: sender),
            to: mailboxes,
            subject: report.subject,
            date: site.asOf,
            text: text,
            html: html)
        try staged.write(OutputFile(path: messagePath, text: message.render()))
        return true
    }

    /// `report.json`: the period and its findings, which the archive lists the report by.
    static func metadata(_ period: AuditPeriod, kind: Kind, findings: Int, asOf: Instant) -> String {
        JSONWriter.text(.object([
            ("kind", .string(kind.rawValue)), ("from", .string(period.from.iso8601)), ("to", .string(period.to.iso8601)),
            ("findings", .int(findings)), ("asOf", .string(asOf.iso8601)),
        ]))
    }

    /// The `audit` reports of the site replaced that this build did not write again, the newest that
    /// the retention keeps, copied into the new site; `rolling` ones are left behind. Read as
    /// `SiteWriter.readReplaced` reads (a site of ours, no link followed, regular files of one link
    /// only, each of a bounded size): an entry that is anything else is left behind, and said.
    func carryForward(_ context: PublishingContext, besides written: [KeptAuditReport], rolling: KeptAuditReport?, into staged: StagedSite,
                      notes: inout [String]) throws(OutputError) -> [KeptAuditReport] {
        guard let replaced = context.replacedSite else { return [] }
        let entries: [ReplacedSiteEntry]
        switch replaced.replacedEntries(of: "audit") {
        case .absent: return []
        case .unusable(let why):
            notes.append("audit reports of the site replaced not carried forward: \(why)")
            return []
        case .entries(let found): entries = found
        }
        let writtenNames = Set((written + [rolling].compactMap { $0 }).map(\.folder))
        var candidates: [AuditPeriod] = []
        // A folder filled with a million strays is said in a few lines, not a million.
        var strays: [String] = []
        for entry in entries {
            guard let name = entry.name else {
                strays.append("audit/: an entry whose name is not plain ASCII not carried forward")
                continue
            }
            if name == "index.html" || writtenNames.contains(name) { continue }
            guard entry.isFolder, let period = AuditPeriod(folderName: name) else {
                strays.append("audit/\(name) not carried forward: not the folder of an audit report (a real folder named <from>--<to>)")
                continue
            }
            candidates.append(period)
        }
        strays.sort()
        notes += strays.prefix(Self.strayNoteLimit)
        if strays.count > Self.strayNoteLimit {
            notes.append("… and \(strays.count - Self.strayNoteLimit) more entries of audit/ not carried forward")
        }
        candidates.sort { a, b in a.to != b.to ? a.to > b.to : a.from != b.from ? a.from > b.from : a.name < b.name }
        let room = max(0, context.site.site.auditRetention - written.count)
        var carried: [KeptAuditReport] = []
        var removed = 0
        // Only a report.json tells a rolling report from an audit one, so each is read before it is
        // counted: a rolling report or one left behind takes no room from the `audit` ones.
        for period in candidates {
            guard let metadata = readMetadata(period, from: replaced, notes: &notes) else { continue }
            if carried.count >= room {
                removed += 1
            } else if let report = try carry(period, metadata, from: replaced, into: staged, notes: &notes) {
                carried.append(report)
            }
        }
        if removed > 0 {
            notes.append("\(removed) older audit report\(removed == 1 ? "" : "s") removed: "
                         + "site.json's auditRetention keeps the newest \(context.site.site.auditRetention)")
        }
        return carried
    }

    /// What a carried report's `report.json` says.
    struct ReportMetadata {
        let bytes: [UInt8]
        let findings: Int
    }

    /// The `report.json` of an `audit` report (or one without a kind) that describes its folder's
    /// period; nil for a rolling report (silently: every build leaves the previous one behind) or
    /// a folder left behind (said in a note).
    func readMetadata(_ period: AuditPeriod, from replaced: SiteWriter, notes: inout [String]) -> ReportMetadata? {
        func skip(_ why: String) -> ReportMetadata? {
            notes.append("\(period.folder) not carried forward: \(why)")
            return nil
        }
        let bytes: [UInt8]
        switch replaced.readReplaced("\(period.folder)/\(Self.metadataName)", byteLimit: Self.metadataByteLimit, refusingHardLinks: true) {
        case .bytes(let read): bytes = read
        case .absent: return skip("no \(Self.metadataName)")
        case .unusable(let why): return skip(why)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              object["from"] as? String == period.from.iso8601, object["to"] as? String == period.to.iso8601,
              let findings = Self.count(object["findings"]) else {
            return skip("\(Self.metadataName) does not describe the period of its folder")
        }
        switch object["kind"] {
        case nil: break
        case let kind as String where Kind(rawValue: kind) == .rolling: return nil
        case let kind as String where Kind(rawValue: kind) == .audit: break
        default: return skip("\(Self.metadataName)'s kind is neither \"audit\" nor \"rolling\"")
        }
        return ReportMetadata(bytes: bytes, findings: findings)
    }

    /// A whole number of findings, 0 or more. JSONSerialization reads `true` as an NSNumber that
    /// `as? Int` takes for 1; a boolean is told by its objCType "c", as SiteLoader tells it.
    static func count(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
              let count = Int(exactly: number.doubleValue), count >= 0 else { return nil }
        return count
    }

    /// Copies one report folder, all of it or nothing: its files are read before any is written.
    func carry(_ period: AuditPeriod, _ metadata: ReportMetadata, from replaced: SiteWriter, into staged: StagedSite,
               notes: inout [String]) throws(OutputError) -> KeptAuditReport? {
        func read(_ name: String, limit: Int) -> ReplacedSiteFile {
            replaced.readReplaced("\(period.folder)/\(name)", byteLimit: limit, refusingHardLinks: true)
        }
        func skip(_ why: String) -> KeptAuditReport? {
            notes.append("\(period.folder) not carried forward: \(why)")
            return nil
        }
        let findings = metadata.findings
        var files: [(name: String, bytes: [UInt8])] = [(Self.metadataName, metadata.bytes)]
        switch read(Self.pageName, limit: Self.fileByteLimit) {
        case .bytes(let bytes): files.append((Self.pageName, bytes))
        case .absent: return skip("no \(Self.pageName)")
        case .unusable(let why): return skip(why)
        }
        for name in Self.optionalNames {
            switch read(name, limit: Self.fileByteLimit) {
            case .bytes(let bytes): files.append((name, bytes))
            case .absent: break
            case .unusable(let why): return skip(why)
            }
        }
        for file in files { try staged.write(OutputFile(path: "\(period.folder)/\(file.name)", bytes: file.bytes)) }
        let names = Set(files.map(\.name))
        return KeptAuditReport(folder: period.name, from: period.from, to: period.to, findingCount: findings,
                               hasText: names.contains("report.txt"), hasEmail: names.contains("report.eml"))
    }
}
