import PortalRecords

/// Partner Center subscriptions enrich the order lines they belong to (partner-center.md,
/// "Subscription"): joined on the order id and then the subscription id. A subscription tells the
/// current state of a line (its quantity, plan, renewal, commitment end, cancellation deadline,
/// status); the order tells what was bought, when, and at what price. A subscription that no line
/// matches is a product of its own; a line without a subscription is normal (R8).
enum SubscriptionEnrichment {
    /// Taken from the subscription whenever it has them: the current state.
    static let currentState = ["product", "publisher", "commitment_end", "auto_renew", "billing", "term", "quantity",
                               "cancellable_until", "cancelled_at"]
    /// Taken from the subscription only where the order line has nothing.
    static let fallbacks = ["subscription_id", "customer_id", "sku", "purchased_at", "unit_price", "currency"]
    /// Subscription statuses that decide the line's status; the others leave it to the order and the dates.
    static let decisiveStatuses: Set<String> = ["deleted", "cancelled", "canceled", "expired", "disabled"]

    static func apply(_ subscriptions: [RawRecord], to orders: [RawRecord], diagnostics: inout [Diagnostic]) -> [RawRecord] {
        let subscriptionField = Dictionary(uniqueKeysWithValues: Schemas.subscriptions.fields.enumerated().map { ($1, $0) })
        let orderField = Dictionary(uniqueKeysWithValues: Schemas.orders.fields.enumerated().map { ($1, $0) })
        func value(_ record: RawRecord, _ field: String) -> String { record.values[subscriptionField[field]!] }
        func orderValue(_ record: RawRecord, _ field: String) -> String { record.values[orderField[field]!] }

        var lines = orders
        var linesByPair: [String: Int] = [:]
        var linesBySubscription: [String: [Int]] = [:]
        var linesByOrder: [String: [Int]] = [:]
        for (index, line) in lines.enumerated() {
            let orderId = orderValue(line, "order_id"), subscriptionId = orderValue(line, "subscription_id")
            linesByOrder[orderId, default: []].append(index)
            guard !subscriptionId.isEmpty else { continue }
            linesByPair[orderId + "\u{0}" + subscriptionId] = index
            linesBySubscription[subscriptionId, default: []].append(index)
        }

        var firstSeen = FirstOccurrences()
        var matchedLines: Set<Int> = []
        var unmatched: [RawRecord] = []
        for subscription in subscriptions {
            let id = value(subscription, "subscription_id"), orderId = value(subscription, "order_id")
            guard !id.isEmpty else { continue }
            if let previous = firstSeen.previous(of: id.lowercased(), at: subscription.location) {
                diagnostics.append(.error(at: subscription.location(ofField: subscriptionField["subscription_id"]!),
                                          field: "subscription_id", "the same subscription appears twice, first at \(previous)", value: id))
                continue
            }
            let match: Int?
            if let index = linesByPair[orderId + "\u{0}" + id] {
                match = index
            } else if let candidates = linesBySubscription[id], candidates.count == 1 {
                match = candidates[0]
            } else if let candidates = linesByOrder[orderId], candidates.count == 1,
                      orderValue(lines[candidates[0]], "subscription_id").isEmpty {
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
            lines[match] = enrich(lines[match], with: subscription, orderField: orderField, subscriptionField: subscriptionField)
        }

        var nextLine: [String: Int] = [:]
        for subscription in unmatched {
            var orderId = value(subscription, "order_id")
            if orderId.isEmpty { orderId = value(subscription, "subscription_id") }
            let siblings = linesByOrder[orderId] ?? []
            let line = nextLine[orderId] ?? (siblings.map { Int(orderValue(lines[$0], "line")) ?? 0 }.max().map { $0 + 1 } ?? 0)
            nextLine[orderId] = line + 1
            let customerId = value(subscription, "customer_id").isEmpty
                ? siblings.first.map { orderValue(lines[$0], "customer_id") } : nil
            lines.append(standalone(subscription, orderId: orderId, line: line, customerId: customerId,
                                    orderField: orderField, subscriptionField: subscriptionField))
        }
        return lines
    }

    /// The order line with the subscription's values, each pointing at where it came from.
    static func enrich(_ line: RawRecord, with subscription: RawRecord, orderField: [String: Int],
                       subscriptionField: [String: Int]) -> RawRecord {
        var enriched = line
        enriched.sources = Schemas.orders.fields.indices.map { line.location(ofField: $0) }
        func take(_ field: String) {
            let from = subscriptionField[field]!, to = orderField[field]!
            enriched.values[to] = subscription.values[from]
            enriched.sources[to] = subscription.location(ofField: from)
        }
        for field in currentState where !subscription.values[subscriptionField[field]!].isEmpty { take(field) }
        for field in fallbacks where line.values[orderField[field]!].isEmpty && !subscription.values[subscriptionField[field]!].isEmpty {
            take(field)
        }
        if decisiveStatuses.contains(subscription.values[subscriptionField["status"]!].lowercased()) { take("status") }
        return enriched
    }

    /// An order-line record for a subscription that no line matched.
    static func standalone(_ subscription: RawRecord, orderId: String, line: Int, customerId: String?,
                           orderField: [String: Int], subscriptionField: [String: Int]) -> RawRecord {
        var values = [String](repeating: "", count: Schemas.orders.fields.count)
        var sources = [SourceLocation](repeating: subscription.location, count: Schemas.orders.fields.count)
        for (field, from) in subscriptionField {
            guard let to = orderField[field] else { continue }
            values[to] = subscription.values[from]
            sources[to] = subscription.location(ofField: from)
        }
        values[orderField["order_id"]!] = orderId
        values[orderField["line"]!] = String(line)
        if let customerId, values[orderField["customer_id"]!].isEmpty { values[orderField["customer_id"]!] = customerId }
        // No term: perpetual software, as for an order line.
        let term = values[orderField["term"]!]
        values[orderField["kind"]!] = (term.isEmpty ? PurchaseKind.perpetual : PurchaseKind.subscription).rawValue
        sources[orderField["kind"]!] = subscription.location(ofField: subscriptionField["term"]!)
        var record = RawRecord(file: subscription.file, line: subscription.line, jsonPath: subscription.jsonPath, values: values,
                               sources: sources, columns: [Int?](repeating: nil, count: values.count),
                               decimalComma: subscription.decimalComma)
        record.isSubscriptionWithoutOrder = true
        record.advice["customer_id"] = "a subscription without an order names no customer: save it from "
            + "GET /v1/customers/{customer-id}/subscriptions (its links.self.uri names the customer), add customerId, "
            + "or save its order in orders.json"
        record.advice["product"] = "a subscription without an order needs its offerName or friendlyName"
        record.advice["purchased_at"] = "a subscription without an order needs its creationDate"
        record.advice["quantity"] = "a subscription without an order needs its quantity"
        return record
    }
}
