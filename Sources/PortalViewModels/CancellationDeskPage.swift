import PortalRecords
import PortalRules

/// One purchase on the cancellation desk: what the partner needs at hand to cancel it in Partner
/// Center, or to answer a customer about it.
public struct DeskEntry: Sendable {
    /// Stable across builds: it depends on the order id and line alone (`CancellationDeskPage.anchor`).
    public let anchor: String
    public let product: String
    /// "Software subscription, 1 year · Contoso Électronique SARL".
    public let summary: String
    public let badge: String
    /// One of the portal's badge classes: `active` (open), `processing` (closing within 72 hours,
    /// or cancelling), `expired` (closed), `cancelled` (never cancellable).
    public let badgeClass: String
    public let facts: [ProductFact]
    /// The kind's steps in Partner Center, for a window still open; empty otherwise.
    public let steps: [String]
    public let hasSteps: Bool
    public let stepsHeading: String
}

/// One section of the desk: its purchases in order, each made into a `DeskEntry` only when it is
/// read. A large partner's desk lists tens of thousands of purchases (50,000 customers: ~110 MB of
/// HTML); the desk step writes them one at a time, so neither the entries nor the page are ever
/// whole in memory.
public struct DeskSection: RandomAccessCollection, Sendable, CustomReflectable {
    public enum Kind: String, Sendable, CaseIterable {
        case open
        case processing
        case closed
        case neverCancellable = "never-cancellable"

        /// Where the desk template wants this section's entries: the desk step writes them there,
        /// in place of the marker's line. A value from the input is escaped, so it can never
        /// write a marker.
        public var marker: String { "<!--entries:\(rawValue)-->" }
    }

    struct Item: Sendable {
        let customer: Int
        let purchase: Int
        /// The deadline (open, closed) or the cancellation (processing).
        let at: Instant
    }

    package let kind: Kind
    let items: [Item]
    let site: EvaluatedSite
    let format: LocaleFormat

    public var startIndex: Int { 0 }
    public var endIndex: Int { items.count }

    public subscript(position: Int) -> DeskEntry {
        let item = items[position]
        let customer = site.customers[item.customer]
        let purchase = customer.purchases[item.purchase]
        switch kind {
        case .open:
            return CancellationDeskPage.openEntry(customer, purchase, deadline: item.at, asOf: site.asOf, format: format)
        case .processing:
            return CancellationDeskPage.processingEntry(customer, purchase, since: item.at, partnerName: site.site.partnerName, format: format)
        case .closed:
            return CancellationDeskPage.closedEntry(customer, purchase, deadline: item.at, format: format)
        case .neverCancellable:
            return CancellationDeskPage.neverCancellableEntry(customer, purchase, format: format)
        }
    }

    /// Its entries, as a list: what a test or a template that lists them in place sees.
    public var customMirror: Mirror { Mirror(self, unlabeledChildren: Array(self), displayStyle: .collection) }
}

/// `desk/index.html`, for the partner: every purchase that can still be cancelled, soonest deadline
/// first, with the facts the documentation says to have ready for its kind, the deadline, the
/// refund estimate, the role and the steps; windows closed in the last week; cancellations still
/// processing (R10); RedHat/SUSE plans, which never can be (R5). Never in a customer's folder.
public struct CancellationDeskPage: Sendable {
    public let lang: String
    public let t: [String: String]
    public let title: String
    public let partnerName: String
    public let asOfText: String
    public let overviewLink: String
    public let intro: String
    public let totals: String
    public let open: DeskSection
    public let hasOpen: Bool
    public let closed: DeskSection
    public let hasClosed: Bool
    public let processing: DeskSection
    public let hasProcessing: Bool
    public let neverCancellable: DeskSection
    public let hasNeverCancellable: Bool
    /// The documentation's steps for a support request, when Partner Center asks for more.
    public let supportSteps: [String]
    public let supportCommand: String
    /// The contact a support request gives (site.json), or what is missing from it.
    public let contactText: String
}

extension CancellationDeskPage {
    /// Where the desk is, relative to the site.
    public static let path = "desk/index.html"

    /// The anchor of a purchase's entry: `order-ORD-2026-1101-line-0`. The order id keeps its ASCII
    /// letters, digits and hyphens; any other byte is `_` and two hex digits, so that two order
    /// ids never share an anchor and no id can break out of a URL fragment or an attribute.
    public static func anchor(orderId: String, line: Int) -> String {
        var encoded = ""
        for byte in orderId.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "_" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return "order-\(encoded)-line-\(line)"
    }

    /// The link from a page at the site's root to a purchase's entry.
    public static func link(to purchase: Purchase) -> String {
        "\(path)#\(anchor(orderId: purchase.orderId, line: purchase.line))"
    }

    public init(_ site: EvaluatedSite, format: LocaleFormat) {
        let c = format.catalogue
        let asOf = site.asOf
        self.lang = c.language.rawValue
        self.t = c.strings
        self.partnerName = site.site.partnerName
        self.title = c.text("deskTitle", ["partner": site.site.partnerName])
        self.asOfText = format.asOf(asOf)
        self.overviewLink = "../index.html"
        self.intro = c.text("deskIntro", ["role": CancellationDesk.requiredRole,
                                          "minutes": String(Milestones.cancellationProcessingMinutes)])

        typealias Item = DeskSection.Item
        var open: [Item] = [], closed: [Item] = [], processing: [Item] = [], never: [Item] = []
        for (customerIndex, customer) in site.customers.enumerated() {
            for (purchaseIndex, purchase) in customer.purchases.enumerated() {
                func item(_ at: Instant) -> Item { Item(customer: customerIndex, purchase: purchaseIndex, at: at) }
                switch CancellationDesk.listing(for: purchase.facts, asOf: asOf) {
                case .open(let deadline): open.append(item(deadline))
                case .closedRecently(let deadline): closed.append(item(deadline))
                case .processing(let since): processing.append(item(since))
                case .neverCancellable: never.append(item(purchase.purchase.purchasedAt))
                case nil: break
                }
            }
        }
        // Ties (same instant) in the order of customer name, then order id and line: the same every build.
        func byCustomer(_ a: Item, _ b: Item) -> Bool {
            let first = site.customers[a.customer], second = site.customers[b.customer]
            let one = first.purchases[a.purchase].purchase, other = second.purchases[b.purchase].purchase
            if first.customer.name != second.customer.name { return first.customer.name < second.customer.name }
            if one.orderId != other.orderId { return one.orderId < other.orderId }
            return one.line < other.line
        }
        func soonestFirst(_ a: Item, _ b: Item) -> Bool { a.at != b.at ? a.at < b.at : byCustomer(a, b) }
        func latestFirst(_ a: Item, _ b: Item) -> Bool { a.at != b.at ? a.at > b.at : byCustomer(a, b) }

        self.open = DeskSection(kind: .open, items: open.sorted(by: soonestFirst), site: site, format: format)
        self.closed = DeskSection(kind: .closed, items: closed.sorted(by: latestFirst), site: site, format: format)
        self.processing = DeskSection(kind: .processing, items: processing.sorted(by: soonestFirst), site: site, format: format)
        self.neverCancellable = DeskSection(kind: .neverCancellable, items: never.sorted(by: byCustomer), site: site, format: format)
        self.hasOpen = !open.isEmpty
        self.hasClosed = !closed.isEmpty
        self.hasProcessing = !processing.isEmpty
        self.hasNeverCancellable = !never.isEmpty
        self.totals = c.text("deskTotals", ["open": format.number(open.count), "closed": format.number(closed.count),
                                            "processing": format.number(processing.count), "never": format.number(never.count)])
        self.supportSteps = (1...Self.supportStepCount).map { c.text("deskSupportStep\($0)") }
        self.supportCommand = "csp-portal support-request --order ORDER-ID --line LINE --reason \"…\""
        self.contactText = Self.contactText(site.site, c)
    }

    /// The sections in the order the page shows them.
    public var sections: [DeskSection] { [open, processing, closed, neverCancellable] }

    static let supportStepCount = 6
    static let subscriptionStepCount = 6
    static let perpetualStepCount = 6

    /// The contact a support request gives, or which site.json keys to add.
    static func contactText(_ site: SiteSettings, _ c: Catalogue) -> String {
        let given = [site.contactName, site.contactEmail, site.contactPhone].compactMap { $0 }
        let missing = [("contactName", site.contactName), ("contactEmail", site.contactEmail), ("contactPhone", site.contactPhone)]
            .filter { $0.1 == nil }.map(\.0)
        var text = c.text("deskContact", ["contact": given.isEmpty ? "—" : given.joined(separator: ", ")])
        if !missing.isEmpty { text += " " + c.text("deskContactMissing", ["keys": missing.joined(separator: ", ")]) }
        return text
    }

    /// What the documentation says to have ready before cancelling: the customer's name, its tenant
    /// GUID or domain name, and the subscription's friendly name or ID (a subscription) or the
    /// product name and the order ID (perpetual software).
    static func identification(_ customer: Customer, _ purchase: Purchase, _ c: Catalogue) -> [ProductFact] {
        var facts = [ProductFact(c.text("labelCustomer"), customer.name), ProductFact(c.text("labelTenantId"), customer.id)]
        if let domain = customer.domain { facts.append(ProductFact(c.text("labelDomain"), domain)) }
        switch purchase.kind {
        case .perpetual:
            facts.append(ProductFact(c.text("labelProductName"), purchase.product))
            facts.append(ProductFact(c.text("labelOrderId"), purchase.orderId))
        case .subscription, .softwarePlan:
            facts.append(ProductFact(c.text("labelSubscription"), purchase.subscriptionId.map {
                c.text("deskSubscriptionWithId", ["name": purchase.product, "id": $0])
            } ?? c.text("deskSubscriptionWithoutId", ["name": purchase.product])))
        }
        return facts
    }

    static func entry(_ customer: EvaluatedCustomer, _ purchase: EvaluatedPurchase, badge: String, badgeClass: String,
                      facts: [ProductFact], steps: [String] = [], _ c: Catalogue) -> DeskEntry {
        let bought = purchase.purchase
        return DeskEntry(anchor: anchor(orderId: bought.orderId, line: bought.line), product: bought.product,
                         summary: c.text("deskSummary", ["kind": ProductCard.kindText(bought, c), "customer": customer.customer.name]),
                         badge: badge, badgeClass: badgeClass,
                         facts: identification(customer.customer, bought, c) + facts, steps: steps, hasSteps: !steps.isEmpty,
                         stepsHeading: c.text("deskStepsHeading"))
    }

    static func taxLabel(_ customer: EvaluatedCustomer, _ c: Catalogue) -> String {
        c.text(customer.pricesIncludeTax ? "taxIncluded" : "taxExcluded")
    }

    static func openEntry(_ customer: EvaluatedCustomer, _ purchase: EvaluatedPurchase, deadline: Instant, asOf: Instant,
                          format: LocaleFormat) -> DeskEntry {
        let c = format.catalogue
        let bought = purchase.purchase
        let countdown = format.countdown(until: deadline, asOf: asOf)
        let urgent = Attention.isClosingSoon(deadline, asOf: asOf)
        let refund: String
        if let amount = purchase.facts.refundEstimate {
            refund = c.text(bought.kind == .perpetual ? "refundEstimatePerpetual" : "refundEstimate",
                            ["amount": format.money(amount), "tax": taxLabel(customer, c)])
                + " " + c.text("deskCurrency", ["code": amount.currency.code])
        } else {
            refund = c.text("deskRefundUnknown")
        }
        let stepKey = bought.kind == .perpetual ? "deskStepPerpetual" : "deskStepSubscription"
        let stepCount = bought.kind == .perpetual ? perpetualStepCount : subscriptionStepCount
        let steps = (1...stepCount).map {
            c.text("\(stepKey)\($0)", ["customer": customer.customer.name, "subscription": bought.product,
                                       "product": bought.product, "order": bought.orderId])
        }
        return entry(customer, purchase, badge: countdown, badgeClass: urgent ? "processing" : "active", facts: [
            ProductFact(c.text("labelDeadline"), c.text("cancellableUntil", ["date": format.dateTime(deadline), "days": countdown]),
                        emphasis: urgent),
            ProductFact(c.text("labelRefund"), refund),
            ProductFact(c.text("labelRole"), c.text("deskRole", ["role": CancellationDesk.requiredRole])),
        ], steps: steps, c)
    }

    static func closedEntry(_ customer: EvaluatedCustomer, _ purchase: EvaluatedPurchase, deadline: Instant,
                            format: LocaleFormat) -> DeskEntry {
        let c = format.catalogue
        let perpetual = purchase.purchase.kind == .perpetual
        return entry(customer, purchase, badge: c.text("deskBadgeClosed"), badgeClass: "expired", facts: [
            ProductFact(c.text("labelDeadline"), c.text("cancellationClosed", ["date": format.dateTime(deadline)])),
            ProductFact(c.text("labelLateRequest"), c.text(perpetual ? "deskLatePerpetual" : "deskLateSubscription")),
        ], c)
    }

    static func processingEntry(_ customer: EvaluatedCustomer, _ purchase: EvaluatedPurchase, since: Instant, partnerName: String,
                                format: LocaleFormat) -> DeskEntry {
        let c = format.catalogue
        var facts = [ProductFact(c.text("labelCancelled"), c.text("deskCancelledAt", [
            "date": format.dateTime(since),
            "until": format.dateTime(since.adding(minutes: Milestones.cancellationProcessingMinutes)),
        ]))]
        if let credit = purchase.facts.credit {
            let creditKey = purchase.purchase.kind == .perpetual ? "creditPerpetual" : "creditProrated"
            facts.append(ProductFact(c.text("labelCredit"), c.text(creditKey, ["amount": format.money(credit), "tax": taxLabel(customer, c)])
                                     + " " + c.text("deskCurrency", ["code": credit.currency.code])))
        }
        facts.append(ProductFact(c.text("labelAfterCancellation"), c.text("afterCancellationPartner", ["partner": partnerName])))
        return entry(customer, purchase, badge: c.text("status_cancellation_processing"), badgeClass: "processing", facts: facts, c)
    }

    static func neverCancellableEntry(_ customer: EvaluatedCustomer, _ purchase: EvaluatedPurchase, format: LocaleFormat) -> DeskEntry {
        let c = format.catalogue
        var facts: [ProductFact] = []
        // The subscription facts name no order; a plan that cannot be cancelled is still found by its order.
        if purchase.purchase.kind != .perpetual {
            facts.append(ProductFact(c.text("labelOrderId"), purchase.purchase.orderId))
        }
        facts.append(ProductFact(c.text("labelCancellation"), c.text("deskNeverCancellable", ["publisher": purchase.purchase.publisher])))
        return entry(customer, purchase, badge: c.text("deskBadgeNever"), badgeClass: "cancelled", facts: facts, c)
    }
}
