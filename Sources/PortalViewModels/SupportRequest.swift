import PortalRecords
import PortalRules

/// A support request for a refund, ready to paste into Partner Center's "Report a problem" page
/// when a cancellation asks for more information: the problem type, a title, a description with
/// what the documentation lists (the customer's tenant GUID or domain name, the order or
/// subscription ID, the refund reason, the amount requested) and the contact.
public struct SupportRequest: Sendable {
    /// Where the amount requested comes from.
    public enum AmountBasis: String, Sendable {
        /// `--amount`.
        case given
        /// The rules' refund estimate at the as-of, while the window is open (R3, R4).
        case refundEstimate = "refund_estimate"
        /// The credit of a cancellation (R3 at the cancellation, or 100% for perpetual software, R4).
        case credit
        /// Nothing given and nothing due by the rules: the partner states it.
        case none
    }

    public let asOf: Instant
    public let problemType: String
    public let title: String
    public let customerName: String
    public let tenantId: String
    public let domain: String?
    public let orderId: String
    public let line: Int
    public let subscriptionId: String?
    public let product: String
    public let reason: String
    /// The amount in the purchase's smallest unit, when it is known with its currency.
    public let amount: Money?
    public let amountBasis: AmountBasis
    public let pricesIncludeTax: Bool
    public let status: ProductStatus
    public let cancellable: Bool
    public let cancellationDeadline: Instant?
    /// The window existed and has closed.
    public let windowPassed: Bool
    /// R5: a RedHat/SUSE plan.
    public let neverCancellable: Bool
    public let contactName: String?
    public let contactEmail: String?
    public let contactPhone: String?
    /// The description's lines, in the reader's language.
    public let descriptionLines: [String]
    /// The contact's lines, in the reader's language.
    public let contactLines: [String]
    /// The headings of the text form, in the reader's language: "Problem type: …", "Description:".
    let headings: (problemType: String, title: String, description: String, contact: String)
}

extension SupportRequest {
    /// What a look-up of `--order` and `--line` found.
    public enum Lookup: Sendable {
        case found(EvaluatedCustomer, EvaluatedPurchase)
        /// No such order at the as-of; the closest order ids, closest first.
        case unknownOrder(suggestions: [String])
        /// The order exists but has no such line; its lines.
        case unknownLine(lines: [Int])
        /// The order has several lines and none was named.
        case lineNeeded(lines: [Int])
    }

    /// How many order ids an unknown one is answered with.
    static let suggestionCount = 3

    /// The purchase `orderId` (exactly as written) and `line` name in `site`; with no line, the
    /// order's only line.
    public static func find(orderId: String, line: Int?, in site: EvaluatedSite) -> Lookup {
        var lines: [(EvaluatedCustomer, EvaluatedPurchase)] = []
        var orderIds: Set<String> = []
        for customer in site.customers {
            for purchase in customer.purchases {
                orderIds.insert(purchase.purchase.orderId)
                if purchase.purchase.orderId == orderId { lines.append((customer, purchase)) }
            }
        }
        guard !lines.isEmpty else {
            let query = orderId.lowercased()
            // The markets search's edit distance, ignoring case as people type ids.
            let closest = orderIds.map { (id: $0, distance: MarketDirectory.distance(query, $0.lowercased())) }
                .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
            return .unknownOrder(suggestions: closest.prefix(suggestionCount).map(\.id))
        }
        let numbers = lines.map(\.1.purchase.line).sorted()
        if let line {
            guard let match = lines.first(where: { $0.1.purchase.line == line }) else { return .unknownLine(lines: numbers) }
            return .found(match.0, match.1)
        }
        guard lines.count == 1 else { return .lineNeeded(lines: numbers) }
        return .found(lines[0].0, lines[0].1)
    }

    /// An amount as the partner types it (`1234.56`, `1234,56`), in `currency`: no more decimals
    /// than the currency has, never negative. Nil when it is not such a number.
    public static func amount(_ text: String, currency: Currency) -> Money? {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let parts = trimmed.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= currency.minorDigits, whole.count + currency.minorDigits <= 18 else { return nil }
        let digits = String(whole) + fraction + String(repeating: "0", count: currency.minorDigits - fraction.count)
        return Int64(digits).map { Money(minorUnits: $0, currency: currency) }
    }

    /// The request for one purchase. `amount` is `--amount` already read in the purchase's
    /// currency; without it, the rules' refund estimate or credit.
    public init(customer evaluatedCustomer: EvaluatedCustomer, purchase evaluated: EvaluatedPurchase, reason: String,
                amount given: Money?, site: SiteSettings, asOf: Instant, format: LocaleFormat) {
        let c = format.catalogue
        let customer = evaluatedCustomer.customer, purchase = evaluated.purchase, facts = evaluated.facts
        self.asOf = asOf
        self.problemType = c.text("supportProblemType")
        self.title = c.text("supportTitle", ["product": purchase.product, "customer": customer.name])
        self.customerName = customer.name
        self.tenantId = customer.id
        self.domain = customer.domain
        self.orderId = purchase.orderId
        self.line = purchase.line
        self.subscriptionId = purchase.subscriptionId
        self.product = purchase.product
        self.reason = reason
        self.pricesIncludeTax = evaluatedCustomer.pricesIncludeTax
        self.status = facts.status
        self.cancellable = facts.cancellable
        self.cancellationDeadline = facts.cancellationDeadline
        self.windowPassed = !facts.cancellable && facts.cancellationDeadline != nil
        self.neverCancellable = facts.neverCancellable
        self.contactName = site.contactName
        self.contactEmail = site.contactEmail
        self.contactPhone = site.contactPhone
        if let given {
            (self.amount, self.amountBasis) = (given, .given)
        } else if let refund = facts.refundEstimate {
            (self.amount, self.amountBasis) = (refund, .refundEstimate)
        } else if let credit = facts.credit {
            (self.amount, self.amountBasis) = (credit, .credit)
        } else {
            (self.amount, self.amountBasis) = (nil, .none)
        }
        self.headings = (c.text("supportLabelProblemType", ["value": problemType]), c.text("supportLabelTitle", ["value": title]),
                         c.text("supportLabelDescription"), c.text("supportLabelContact"))

        let perpetual = purchase.kind == .perpetual
        var lines = [c.text("supportCustomer", ["name": customer.name]), c.text("supportTenant", ["id": customer.id])]
        if let domain = customer.domain { lines.append(c.text("supportDomain", ["domain": domain])) }
        lines.append(c.text("supportProduct", ["product": purchase.product]))
        lines.append(c.text("supportOrder", ["order": purchase.orderId, "line": String(purchase.line)]))
        if let subscription = purchase.subscriptionId { lines.append(c.text("supportSubscription", ["id": subscription])) }
        lines.append(c.text("supportReason", ["reason": reason]))
        let tax = c.text(evaluatedCustomer.pricesIncludeTax ? "taxIncluded" : "taxExcluded")
        if let amount {
            let arguments: KeyValuePairs<String, String> = ["amount": format.money(amount), "code": amount.currency.code, "tax": tax,
                                                            "date": format.dateTime(facts.cancelledAt ?? asOf)]
            switch amountBasis {
            case .given: lines.append(c.text("supportAmountGiven", arguments))
            case .refundEstimate: lines.append(c.text(perpetual ? "supportAmountEstimatePerpetual" : "supportAmountEstimate", arguments))
            case .credit: lines.append(c.text(perpetual ? "supportAmountCreditPerpetual" : "supportAmountCredit", arguments))
            case .none: break
            }
        } else {
            lines.append(c.text("supportAmountNone"))
        }
        lines.append(Self.window(facts, asOf: asOf, format: format))
        self.descriptionLines = lines

        func contact(_ key: String, _ value: String?, _ siteKey: String) -> String {
            c.text(key, ["value": value ?? c.text("supportContactMissing", ["key": siteKey])])
        }
        self.contactLines = [contact("supportContactName", site.contactName, "contactName"),
                             contact("supportContactEmail", site.contactEmail, "contactEmail"),
                             contact("supportContactPhone", site.contactPhone, "contactPhone")]
    }

    /// The cancellation window, and whether it has passed, as Partner Center tells it when one
    /// tries to cancel.
    static func window(_ facts: ProductFacts, asOf: Instant, format: LocaleFormat) -> String {
        let c = format.catalogue
        if facts.neverCancellable { return c.text("supportNeverCancellable") }
        switch facts.status {
        case .cancellationProcessing, .cancelled:
            return facts.cancelledAt.map { c.text("supportCancelled", ["date": format.dateTime($0)]) } ?? c.text("supportCancelledUndated")
        case .expired:
            return facts.term.map { c.text("supportExpired", ["date": format.date($0.end)]) } ?? c.text("supportNoWindow")
        case .active:
            guard let deadline = facts.cancellationDeadline else { return c.text("supportNoWindow") }
            if facts.cancellable {
                return c.text("supportWindowOpen", ["date": format.dateTime(deadline), "days": format.countdown(until: deadline, asOf: asOf)])
            }
            return c.text("supportWindowPassed", ["date": format.dateTime(deadline)])
        }
    }

    /// The request as text to paste, one field a line. Control characters in any value (a line
    /// break in a product name, a terminal escape) become spaces: a value can never add a line
    /// the partner did not mean, nor drive the terminal it is printed on.
    public var text: String {
        var out = [headings.problemType, headings.title, "", headings.description]
        out += descriptionLines
        out += ["", headings.contact]
        out += contactLines
        return out.map(Self.oneLine).joined(separator: "\n") + "\n"
    }

    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }

    /// The same fields for programs: raw values (JSON escapes them), instants in UTC, money as a
    /// string with the currency's minor digits.
    public var json: JSONValue {
        .object([
            ("asOf", .string(asOf.iso8601)),
            ("problemType", .string(problemType)),
            ("title", .string(title)),
            ("description", .string(descriptionLines.joined(separator: "\n"))),
            ("customerName", .string(customerName)),
            ("tenantId", .string(tenantId)),
            ("domain", .string(domain)),
            ("orderId", .string(orderId)),
            ("line", .int(line)),
            ("subscriptionId", .string(subscriptionId)),
            ("product", .string(product)),
            ("reason", .string(reason)),
            ("amount", .string(amount?.plainString)),
            ("currency", .string(amount?.currency.code)),
            ("amountBasis", .string(amountBasis.rawValue)),
            ("pricesIncludeTax", .bool(pricesIncludeTax)),
            ("status", .string(status.rawValue)),
            ("cancellable", .bool(cancellable)),
            ("cancellationDeadline", .string(cancellationDeadline?.iso8601)),
            ("windowPassed", .bool(windowPassed)),
            ("neverCancellable", .bool(neverCancellable)),
            ("contact", .object([("name", .string(contactName)), ("email", .string(contactEmail)), ("phone", .string(contactPhone))])),
        ])
    }
}
