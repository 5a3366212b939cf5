import PortalRecords

/// Partner Center subscriptions enrich the order lines they belong to (docs/data-format.md,
/// "Partner Center API JSON"): joined on the order id and then the subscription id. A subscription tells the
/// current state of a line (its quantity, plan, renewal, commitment end, cancellation deadline,
/// status); the order tells what was bought, when, and at what price. A subscription that no line
/// matches is a product of its own; a line without a subscription is normal (R8).
enum SubscriptionEnrichment {
    /// Taken from the subscription whenever it has them: the current state.
    static let currentState: [SubscriptionField] = [.product, .publisher, .commitmentEnd, .autoRenew, .billing, .term,
                                                    .quantity, .cancellableUntil, .cancelledAt]
    /// Taken from the subscription only where the order line has nothing.
    static let fallbacks: [SubscriptionField] = [.subscriptionId, .customerId, .sku, .purchasedAt, .unitPrice, .currency]
    /// Subscription statuses that decide the line's status; the others leave it to the order and the dates.
    static let decisiveStatuses: Set<String> = ["deleted", "cancelled", "canceled", "expired", "disabled"]

    static func apply(_ subscriptions: [RawRecord<SubscriptionField>], to orders: [RawRecord<OrderField>],
                      diagnostics: inout [Diagnostic]) -> [RawRecord<OrderField>] {
        var lines = orders
        var linesByPair: [String: Int] = [:]
        var linesBySubscription: [String: [Int]] = [:]
        var linesByOrder: [String: [Int]] = [:]
        for (index, line) in lines.enumerated() {
            let orderId = line[.orderId], subscriptionId = line[.subscriptionId]
            linesByOrder[orderId, default: []].append(index)
            guard !subscriptionId.isEmpty else { continue }
            linesByPair[orderId + "\u{0}" + subscriptionId] = index
            linesBySubscription[subscriptionId, default: []].append(index)
        }

        var firstSeen = FirstOccurrences()
        var matchedLines: Set<Int> = []
        var unmatched: [RawRecord<SubscriptionField>] = []
        for subscription in subscriptions {
            let id = subscription[.subscriptionId], orderId = subscription[.orderId]
            guard !id.isEmpty else { continue }
            if let previous = firstSeen.previous(of: id.lowercased(), at: subscription.location) {
                diagnostics.append(.error(at: subscription.location(of: .subscriptionId), field: SubscriptionField.subscriptionId.name,
                                          "the same subscription appears twice, first at \(previous)", value: id))
                continue
            }
            let match: Int?
            if let index = linesByPair[orderId + "\u{0}" + id] {
                match = index
            } else if let candidates = linesBySubscription[id], candidates.count == 1 {
                match = candidates[0]
            } else if let candidates = linesByOrder[orderId], candidates.count == 1, lines[candidates[0]][.subscriptionId].isEmpty {
                // A one-line order saved without the line's subscription id.
                match = candidates[0]
            } else {
                match = nil
            }
            guard let match, !matchedLines.contains(match) else {
                unmatched.append(subscription)
                continue
            }
            matchedLines.insert(match)
            lines[match] = enrich(lines[match], with: subscription)
        }

        var nextLine: [String: Int] = [:]
        for subscription in unmatched {
            var orderId = subscription[.orderId]
            if orderId.isEmpty { orderId = subscription[.subscriptionId] }
            let siblings = linesByOrder[orderId] ?? []
            let line = nextLine[orderId] ?? (siblings.map { Int(lines[$0][.line]) ?? 0 }.max().map { $0 + 1 } ?? 0)
            nextLine[orderId] = line + 1
            let customerId = subscription[.customerId].isEmpty ? siblings.first.map { lines[$0][.customerId] } : nil
            lines.append(standalone(subscription, orderId: orderId, line: line, customerId: customerId))
        }
        return lines
    }

    /// The order line with the subscription's values, each pointing at where it came from.
    static func enrich(_ line: RawRecord<OrderField>, with subscription: RawRecord<SubscriptionField>) -> RawRecord<OrderField> {
        var enriched = line
        enriched.locateEachField()
        func take(_ field: SubscriptionField) {
            enriched.set(field.orderField, to: subscription[field], from: subscription.location(of: field))
        }
        for field in currentState where !subscription[field].isEmpty { take(field) }
        for field in fallbacks where line[field.orderField].isEmpty && !subscription[field].isEmpty { take(field) }
        if decisiveStatuses.contains(subscription[.status].lowercased()) { take(.status) }
        return enriched
    }

    /// An order-line record for a subscription that no line matched.
    static func standalone(_ subscription: RawRecord<SubscriptionField>, orderId: String, line: Int,
                           customerId: String?) -> RawRecord<OrderField> {
        var record = RawRecord<OrderField>(file: subscription.file, line: subscription.line, jsonPath: subscription.jsonPath,
                                           locatedAt: subscription.location, decimalComma: subscription.decimalComma)
        for field in SubscriptionField.allCases {
            record.set(field.orderField, to: subscription[field], from: subscription.location(of: field))
        }
        record[.orderId] = orderId
        record[.line] = String(line)
        if let customerId, record[.customerId].isEmpty { record[.customerId] = customerId }
        // No term: perpetual software, as for an order line.
        let kind = record[.term].isEmpty ? PurchaseKind.perpetual : PurchaseKind.subscription
        record.set(.kind, to: kind.rawValue, from: subscription.location(of: .term))
        record.isSubscriptionWithoutOrder = true
        record.advice[.customerId] = "a subscription without an order names no customer: save it from "
            + "GET /v1/customers/{customer-id}/subscriptions (its links.self.uri names the customer), add customerId, "
            + "or save its order in orders.json"
        record.advice[.product] = "a subscription without an order needs its offerName or friendlyName"
        record.advice[.purchasedAt] = "a subscription without an order needs its creationDate"
        record.advice[.quantity] = "a subscription without an order needs its quantity"
        return record
    }
}

extension SubscriptionField {
    /// The order-line field a subscription's value goes to: every field of a subscription is one of
    /// an order line's, of the same name.
    var orderField: OrderField {
        switch self {
        case .subscriptionId: .subscriptionId
        case .orderId: .orderId
        case .customerId: .customerId
        case .product: .product
        case .sku: .sku
        case .publisher: .publisher
        case .purchasedAt: .purchasedAt
        case .commitmentEnd: .commitmentEnd
        case .autoRenew: .autoRenew
        case .billing: .billing
        case .term: .term
        case .quantity: .quantity
        case .cancellableUntil: .cancellableUntil
        case .cancelledAt: .cancelledAt
        case .status: .status
        case .unitPrice: .unitPrice
        case .currency: .currency
        }
    }
}
