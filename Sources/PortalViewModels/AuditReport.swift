import PortalRecords
import PortalRules

/// One finding as the report shows it.
public struct FindingRow: Sendable {
    public let at: String
    public let user: String
    public let action: String
    /// The product the event names, else the order line's.
    public let product: String?
    /// `order ORD-1, line 2`; the line when the order has one line of that product.
    public let order: String?
    public let customer: String
    public let reason: String
}

/// What one partner user did with keys and downloads in the period.
public struct UserActivityRow: Sendable {
    public let user: String
    public let name: String
    public let roles: String
    public let keys: Int
    public let links: Int
    public let customers: Int
    public let first: String
    public let last: String
    public let flagged: Bool
}

/// What happened to one customer's keys and downloads in the period.
public struct CustomerActivityRow: Sendable {
    public let customer: String
    public let keys: Int
    public let links: Int
    public let users: Int
    public let first: String
    public let last: String
}

/// The R12 audit report for one period: who saw software keys or produced download links.
public struct AuditReport: Sendable {
    public let lang: String
    public let t: [String: String]
    public let title: String
    public let partnerName: String
    /// Its template shows the accent colour and the name, not the logo: mail clients block `data:` images.
    public let branding: PageBranding?
    public let periodText: String
    public let totals: String
    public let retentionNote: String?
    public let findings: [FindingRow]
    public let hasFindings: Bool
    public let findingsSummary: String
    /// "… and 1,234 more findings", when the table is cut.
    public let moreFindings: String?
    public let users: [UserActivityRow]
    public let customers: [CustomerActivityRow]
    public let hasActivity: Bool
    public let generated: String
    /// Who the e-mail goes to, in words: the roles of R12, or the recipients `site.json` names.
    public let audience: String
    /// The e-mail's subject: the period to the minute.
    public let subject: String
    public let findingCount: Int
    /// `2026-10-26_2026-11-25`: the report's folder.
    public let folderName: String

    /// The Partner Center API keeps the activity log for 90 days.
    public static let retentionDays: Int64 = 90
    /// How many findings the report lists one by one.
    public static let findingRowLimit = 200

    /// - Parameters:
    ///   - from: the first instant of the period; `to`: the instant after its end.
    ///   - folderName: `<from>--<to>`, the report's folder.
    ///   - recipients: who the e-mail goes to, named on the report when `site.json` chose them.
    public init(_ site: EvaluatedSite, from: Instant, to: Instant, folderName: String, format: LocaleFormat,
                recipients: [ReportRecipient] = []) {
        let c = format.catalogue
        self.lang = c.language.rawValue
        self.t = c.strings
        self.partnerName = site.site.partnerName
        self.branding = PageBranding(site.site)
        self.folderName = folderName
        self.title = c.text("auditTitle", ["partner": site.site.partnerName])
        var periodText = format.period(from: from, to: to, key: "auditPeriod")
        self.subject = format.period(from: from, to: to, key: "auditSubject")
        if to > site.asOf {
            // The site is as of its as-of: the log's later events were left out of it.
            periodText += " " + c.text("auditPeriodPastAsOf", ["asOf": format.dateTime(site.asOf)])
        }
        self.periodText = periodText
        self.retentionNote = from < site.asOf.adding(days: -Self.retentionDays)
            ? c.text("auditRetention", ["days": format.plural("countDays", count: Int(Self.retentionDays))]) : nil

        let customerNames = Dictionary(site.customers.map { ($0.customer.id, $0.customer.name) }, uniquingKeysWith: { a, _ in a })
        func customerName(_ event: ActivityEvent) -> String {
            event.customerId.flatMap { customerNames[$0] } ?? event.customerName ?? event.customerId ?? "—"
        }
        func actionLabel(_ action: String) -> String { c.strings["auditAction_\(action)"] ?? action }

        let periodFindings = AuditRules.findings(site.findings, from: from, to: to)
        // An e-mail stays readable: the first findings in full, the rest counted (all are in portal.json).
        self.moreFindings = periodFindings.count > Self.findingRowLimit
            ? format.plural("auditMoreFindings", count: periodFindings.count - Self.findingRowLimit) : nil
        let listed = periodFindings.prefix(Self.findingRowLimit)
        let orderLines = Self.orderLines(site, orderIds: Set(listed.compactMap { site.event(of: $0).orderId }))
        self.findings = listed.map { finding in
            let event = site.event(of: finding)
            let (product, order) = Self.productAndOrder(of: event, lines: event.orderId.flatMap { orderLines[$0] } ?? [], catalogue: c)
            return FindingRow(at: format.clock(event.at), user: event.user, action: actionLabel(event.action),
                              product: product, order: order,
                              customer: customerName(event), reason: c.text("auditReason_\(finding.reason.rawValue)"))
        }
        self.findingCount = periodFindings.count
        self.hasFindings = !periodFindings.isEmpty
        self.findingsSummary = format.plural("auditFindings", count: periodFindings.count)
        let flaggedUsers = Set(periodFindings.map { site.event(of: $0).user.lowercased() })

        // One pass over the log, whatever its size: only a tally per user and per customer is kept.
        var byUser: [String: ActivityTally] = [:]
        var byCustomer: [String: ActivityTally] = [:]
        var keyCount = 0, linkCount = 0
        for position in site.activity.indices {
            let at = site.activity.instant(at: position)
            guard from <= at && at < to else { continue }
            let event = site.activity[position]
            guard event.status == "succeeded" && AuditRules.isKeyOrDownload(event) else { continue }
            let userKey = event.user.lowercased()
            let customer = customerName(event)
            byUser[userKey, default: ActivityTally()].add(event, counterpart: customer)
            byCustomer[customer, default: ActivityTally()].add(event, counterpart: userKey)
            if event.action == AuditRules.keyAction { keyCount += 1 } else { linkCount += 1 }
        }

        let knownUsers = Dictionary(site.users.map { ($0.user.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.users = byUser.keys.sorted().map { key in
            let tally = byUser[key]!
            let known = knownUsers[key]
            return UserActivityRow(
                user: tally.earliestUser, name: known?.name ?? "",
                roles: known.map { $0.roles.map { Self.roleName($0, in: c) }.joined(separator: ", ") } ?? c.text("auditUnknownUser"),
                keys: tally.keys, links: tally.links, customers: tally.counterparts.count,
                first: format.clock(tally.first), last: format.clock(tally.last),
                flagged: flaggedUsers.contains(key))
        }
        self.customers = byCustomer.keys.sorted().map { name in
            let tally = byCustomer[name]!
            return CustomerActivityRow(customer: name, keys: tally.keys, links: tally.links, users: tally.counterparts.count,
                                       first: format.clock(tally.first), last: format.clock(tally.last))
        }
        self.hasActivity = keyCount + linkCount > 0
        self.totals = c.text("auditTotals", [
            "keys": format.plural("auditKeysShown", count: keyCount), "links": format.plural("auditLinksProduced", count: linkCount),
            "users": format.plural("countUsers", count: byUser.count), "customers": format.plural("countCustomers", count: byCustomer.count),
        ])
        self.generated = c.text("auditGenerated", ["date": format.dateTime(site.asOf)])
        self.audience = site.site.auditRecipients == nil || recipients.isEmpty
            ? c.text("auditAudience")
            : c.text("auditSentTo", ["recipients": format.list(recipients.map(\.address))])
    }

    /// The order lines of `orderIds`, by order id, in one pass over the purchases.
    static func orderLines(_ site: EvaluatedSite, orderIds: Set<String>) -> [String: [Purchase]] {
        guard !orderIds.isEmpty else { return [:] }
        var lines: [String: [Purchase]] = [:]
        for customer in site.customers {
            for purchase in customer.purchases where orderIds.contains(purchase.purchase.orderId) {
                lines[purchase.purchase.orderId, default: []].append(purchase.purchase)
            }
        }
        return lines
    }

    /// What a finding is about: the product the event names (else its order's, when the order has
    /// one line), and its order with the line when one line of the order is that product.
    static func productAndOrder(of event: ActivityEvent, lines: [Purchase], catalogue: Catalogue) -> (product: String?, order: String?) {
        guard let orderId = event.orderId else { return (event.product, nil) }
        let ofCustomer = lines.filter { event.customerId == nil || $0.customerId == event.customerId }
        let matching = event.product.map { product in ofCustomer.filter { $0.product.lowercased() == product.lowercased() } } ?? ofCustomer
        guard matching.count == 1, let line = matching.first else {
            return (event.product, catalogue.text("auditOrder", ["order": orderId]))
        }
        return (event.product ?? line.product, catalogue.text("auditOrderLine", ["order": orderId, "line": String(line.line)]))
    }
}

extension AuditReport {
    /// A Partner Center role as the report's language names it ("Agent d'administration" for Admin
    /// Agent, as the French documentation does); a role the catalogue does not know, as the users
    /// file writes it.
    static func roleName(_ role: String, in catalogue: Catalogue) -> String {
        let key = "role_" + role.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: "_")
        return catalogue.strings[key] ?? role
    }
}

/// What one user (or one customer) did in a period, counted as the log is read.
private struct ActivityTally {
    /// The user as the earliest event writes it.
    var earliestUser = ""
    var keys = 0
    var links = 0
    /// The customers a user touched, or the users who touched a customer.
    var counterparts: Set<String> = []
    var first = Instant(millisecondsSinceEpoch: .max)
    var last = Instant(millisecondsSinceEpoch: .min)

    mutating func add(_ event: ActivityEvent, counterpart: String) {
        if event.action == AuditRules.keyAction { keys += 1 } else { links += 1 }
        counterparts.insert(counterpart)
        if event.at < first { first = event.at; earliestUser = event.user }
        if event.at > last { last = event.at }
    }
}
