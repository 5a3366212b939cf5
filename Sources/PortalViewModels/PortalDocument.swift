import PortalRecords
import PortalRules

/// `portal.json`: the machine-readable twin of the pages, with the keys, order and formats of docs/portal-json.md.
public enum PortalDocument {
    public static func make(_ site: EvaluatedSite, slugs: [String: String], warnings: [Diagnostic]) -> JSONValue {
        .object([
            ("asOf", .string(site.asOf.iso8601)),
            ("customers", .lazyArray(LazyJSONArray(count: site.customers.count) { index in
                customer(site.customers[index], slug: slugs[site.customers[index].customer.id] ?? "")
            })),
            ("audit", .object([("findings", .lazyArray(LazyJSONArray(count: site.findings.count) { finding(site.findings[$0], event: site.event(of: site.findings[$0])) }))])),
            ("warnings", .array(warningLines(warnings).map(JSONValue.string))),
        ])
    }

    /// Warnings as one sorted line each: `orders.csv:7: warning: auto_renew: … (true)`.
    public static func warningLines(_ warnings: [Diagnostic]) -> [String] {
        warnings.map(\.description).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public static func portalPath(slug: String) -> String { "customers/\(slug)/index.html" }

    static func customer(_ evaluated: EvaluatedCustomer, slug: String) -> JSONValue {
        let customer = evaluated.customer
        return .object([
            ("customerId", .string(customer.id)),
            ("name", .string(customer.name)),
            ("country", .string(customer.country)),
            ("azureReservationsAvailable", .bool(evaluated.azureReservationsAvailable)),
            ("pricesIncludeTax", .bool(evaluated.pricesIncludeTax)),
            ("portalPath", .string(portalPath(slug: slug))),
            ("products", .array(evaluated.purchases.map(product))),
            ("devices", .array(evaluated.devices.map(device))),
        ])
    }

    static func finding(_ finding: AuditFinding, event: ActivityEvent) -> JSONValue {
        .object([
            ("at", .string(event.at.iso8601)),
            ("user", .string(event.user)),
            ("action", .string(event.action)),
            ("customerId", .string(event.customerId)),
            ("reason", .string(finding.reason.rawValue)),
        ])
    }

    static func device(_ evaluated: EvaluatedDevice) -> JSONValue {
        .object([
            ("device", .string(evaluated.device.name)),
            ("deadline", .string(evaluated.facts.deadline.iso8601)),
            ("status", .string(evaluated.facts.status.rawValue)),
            ("daysLeft", .int(evaluated.facts.daysLeft)),
        ])
    }

    /// The price of one unit for one term with the currency's minor digits, as every amount of
    /// `portal.json` (the data contract), rounded half-up like the rules' amounts; the term price
    /// is computed from the exact unit price.
    static func unitPrice(of purchase: Purchase) -> Money? {
        guard let (amount, currency) = purchase.termPrice else { return nil }
        return Money(amount, times: 1, over: 1, currency: currency)
    }

    static func product(_ evaluated: EvaluatedPurchase) -> JSONValue {
        let purchase = evaluated.purchase, facts = evaluated.facts
        return .object([
            ("orderId", .string(purchase.orderId)),
            ("line", .int(purchase.line)),
            ("product", .string(purchase.product)),
            ("kind", .string(purchase.kind.rawValue)),
            // Every amount of the product is in this currency; the prices (and so every amount) are
            // null when the export gives none.
            ("currency", .string(purchase.currency?.code)),
            ("quantity", .int(purchase.quantity)),
            ("unitPrice", .string(unitPrice(of: purchase)?.plainString)),
            ("termPrice", .string(facts.termPrice?.plainString)),
            ("status", .string(facts.status.rawValue)),
            ("autoRenew", .bool(facts.autoRenew)),
            ("termStart", .string(facts.term?.start.iso8601)),
            ("termEnd", .string(facts.term?.end.iso8601)),
            ("cancellable", .bool(facts.cancellable)),
            ("cancellationDeadline", .string(facts.cancellationDeadline?.iso8601)),
            ("cancellationDaysLeft", .int(facts.cancellationDaysLeft)),
            ("refundEstimate", .string(facts.refundEstimate?.plainString)),
            ("credit", .string(facts.credit?.plainString)),
            ("azureHybridBenefit", .bool(facts.azureHybridBenefit)),
            ("billing", .string(facts.billing.rawValue)),
            ("nextChargeDate", .string(facts.nextChargeDate?.iso8601)),
            ("installment", .string(facts.installment?.plainString)),
            ("listedInSubscriptions", .bool(facts.listedInSubscriptions)),
            ("keyStatus", .string(facts.keyStatus.rawValue)),
            ("maskedKey", .string(facts.maskedKey)),
        ])
    }
}
