import Crypto
import PortalRecords
import PortalRules

/// One change as the partner reads it, on the page and in the feed.
public struct ChangeRow: Sendable {
    public let anchor: String
    /// The kind (`cancellation`), for a CSS class and tests.
    public let kind: String
    public let kindLabel: String
    public let customer: String
    /// The product and its order line, the device, or the audited action and its user; `—` for a customer.
    public let subject: String
    public let before: String
    public let after: String
    /// "Nov 24, 2026, 09:00 UTC → Nov 25, 2026, 09:00 UTC": the as-of of both builds.
    public let builds: String
}

/// `changes/index.html`: what changed between the builds of the last 30 days, newest first.
public struct ChangesPage: Sendable {
    public let lang: String
    public let t: [String: String]
    public let title: String
    public let partnerName: String
    public let asOfText: String
    /// What this build was compared with, or that there was no earlier build.
    public let comparison: String
    public let historyNote: String
    public let rows: [ChangeRow]
    public let hasRows: Bool
    public let countText: String
    public let feedLink: String
    public let overviewLink: String
}

extension ChangesPage {
    /// `previousAsOf`: the as-of of the build this one was compared with; nil when there was none.
    public init(_ changes: [SiteChange], site: SiteSettings, asOf: Instant, previousAsOf: Instant?, format: LocaleFormat) {
        let c = format.catalogue
        self.lang = c.language.rawValue
        self.t = c.strings
        self.title = c.text("changesTitle", ["partner": site.partnerName])
        self.partnerName = site.partnerName
        self.asOfText = format.asOf(asOf)
        self.comparison = previousAsOf.map { c.text("changesComparedWith", ["date": format.dateTime($0)]) } ?? c.text("changesFirstBuild")
        self.historyNote = c.text("changesHistory", ["days": String(SiteChanges.keptDays)])
        self.rows = changes.map { ChangeRow($0, format: format) }
        self.hasRows = !rows.isEmpty
        self.countText = format.plural("changesCount", count: rows.count)
        self.feedLink = "../changes.xml"
        self.overviewLink = "../index.html"
    }
}

extension ChangeRow {
    init(_ change: SiteChange, format: LocaleFormat) {
        let c = format.catalogue
        self.anchor = ChangeHistory.anchor(of: change)
        self.kind = change.kind.rawValue
        self.kindLabel = c.text("change_\(change.kind.rawValue)")
        self.customer = change.customerName
        let none = c.text("changeNone")
        func status(_ value: String?) -> String { value.map { c.text("status_\($0)") } ?? none }
        func deviceStatus(_ value: String?) -> String { value.map { c.text("deviceStatus_\($0)") } ?? c.text("changeNotListed") }
        let moment = change.occurredAt.map(format.dateTime) ?? none
        switch change.kind {
        case .customerAdded:
            (subject, before, after) = (none, c.text("changeAbsent"), c.text("changePresent"))
        case .customerRemoved:
            (subject, before, after) = (none, c.text("changePresent"), c.text("changeAbsent"))
        case .purchaseAdded, .cancellation, .statusChanged, .windowClosed:
            let order = c.text("orderReference", ["order": change.reference ?? "", "line": change.line.map(String.init) ?? ""])
            subject = c.text("changeProduct", ["product": change.subject ?? "", "order": order])
            if change.kind == .windowClosed {
                before = c.text("changeWindowOpen", ["date": moment])
                after = c.text("changeWindowClosed", ["date": moment, "status": status(change.after)])
            } else {
                before = change.kind == .purchaseAdded ? c.text("changeNotListed") : status(change.before)
                after = status(change.after)
            }
        case .deviceLimited:
            subject = c.text("changeDevice", ["device": change.subject ?? "", "date": moment])
            (before, after) = (deviceStatus(change.before), deviceStatus(change.after))
        case .auditFinding:
            let action = change.reference ?? ""
            let actionLabel = c.strings["auditAction_\(action)"] ?? action
            subject = c.text("changeFinding", ["action": actionLabel, "user": change.subject ?? "", "date": moment])
            before = none
            after = change.after.map { c.strings["auditReason_\($0)"] ?? $0 } ?? none
        }
        self.builds = c.text("changeBuilds", ["previous": format.dateTime(change.previousAsOf), "current": format.dateTime(change.asOf)])
    }
}

/// `changes.xml`: the changes as an Atom feed (RFC 4287), one entry per change with the id it
/// keeps in every build that carries it.
public struct ChangeFeed: Sendable {
    public struct Entry: Sendable, Equatable {
        public let id: String
        public let title: String
        public let updated: Instant
        public let summary: String
        /// Relative to the feed: `changes/index.html#change-…`.
        public let link: String
    }

    /// The feed's id: one per partner, whatever the build.
    public let id: String
    public let title: String
    public let language: String
    public let authorName: String
    /// The as-of of the build.
    public let updated: Instant
    /// The page, relative to the feed.
    public let pageLink: String
    public let entries: [Entry]

    public init(_ changes: [SiteChange], site: SiteSettings, asOf: Instant, format: LocaleFormat) {
        let c = format.catalogue
        self.id = "urn:uuid:" + Self.uuid(of: "csp-portal changes\u{0}" + site.partnerName)
        self.title = c.text("changesTitle", ["partner": site.partnerName])
        self.language = c.language.rawValue
        self.authorName = site.partnerName
        self.updated = asOf
        self.pageLink = "changes/index.html"
        self.entries = changes.map { change in
            let row = ChangeRow(change, format: format)
            return Entry(id: ChangeHistory.id(of: change),
                         title: c.text("changeEntryTitle", ["kind": row.kindLabel, "customer": row.customer, "subject": row.subject]),
                         updated: change.asOf,
                         summary: c.text("changeEntrySummary", ["before": row.before, "after": row.after, "builds": row.builds]),
                         link: "changes/index.html#\(row.anchor)")
        }
    }

    static func uuid(of name: String) -> String {
        ChangeHistory.uuidText(Array(SHA256.hash(data: Array(name.utf8)).prefix(16)))
    }
}
