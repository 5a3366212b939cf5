import PortalRecords

/// `2026-11-25T09:00:00Z` or `2026-11-25` as an instant (UTC), for writing rule tables readably.
package func at(_ text: String) -> Instant {
    let parts = text.split(separator: "T")
    let day = parts[0].split(separator: "-").map { Int($0)! }
    var time = TimeOfDay.midnight
    if parts.count > 1 {
        let clock = parts[1].dropLast().split(separator: ":").map { Int64($0)! }
        time = TimeOfDay(millisecondsSinceMidnight: (clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)) * 1000)
    }
    return Instant(CivilDate(year: day[0], month: day[1], day: day[2])!, time)
}

/// `12.345` as an exact decimal.
package func decimal(_ text: String) -> ExactDecimal {
    let negative = text.hasPrefix("-")
    let unsigned = negative ? String(text.dropFirst()) : text
    let parts = unsigned.split(separator: ".")
    let digits = parts.joined()
    let significand = Int64(digits)! * (negative ? -1 : 1)
    return ExactDecimal(significand: significand, scale: parts.count > 1 ? parts[1].count : 0)
}

package let eur = Currency(code: "EUR")!
package let jpy = Currency(code: "JPY")!

/// A purchase with everything but what a test cares about set to ordinary values.
package func purchase(
    kind: PurchaseKind = .subscription, product: String = "Windows Server 2025 Standard - 16 Core License Pack",
    publisher: String = "Microsoft", purchasedAt: String, term: Term? = .oneYear, billing: BillingPlan? = nil,
    quantity: Int = 1, unitPrice: String = "1200.00", currency: Currency = eur, autoRenew: Bool? = nil,
    commitmentEnd: String? = nil, cancellableUntil: String? = nil, cancelledAt: String? = nil,
    activation: Activation = .mak, delivery: Delivery = .keyAndDownload, productKey: String? = nil
) -> Purchase {
    Purchase(
        orderId: "ORD-1", customerId: "C-1", product: product, publisher: publisher, kind: kind,
        purchasedAt: at(purchasedAt), term: kind == .perpetual ? nil : term, billing: billing, quantity: quantity,
        unitPrice: decimal(unitPrice), currency: currency, autoRenew: autoRenew,
        commitmentEnd: commitmentEnd.map(at), cancellableUntil: cancellableUntil.map(at),
        cancelledAt: cancelledAt.map(at), activation: activation, delivery: delivery, productKey: productKey,
        source: SourceLocation(file: "orders.csv", line: 2))
}
