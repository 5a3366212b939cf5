import Foundation
import PortalRecords

/// A Partner Center REST API (v1) resource as partners save it, and how it maps onto the data
/// contract (docs/data-format.md, "Partner Center API JSON"). Each input file promises one kind
/// of resource (`PartnerCenterMapping`).
enum PartnerCenterResource: String, CaseIterable {
    case customer = "Customer"
    case order = "Order"
    case subscription = "Subscription"
    case auditRecord = "AuditRecord"

    /// The file that holds this resource: `customers.json`.
    var fileName: String {
        switch self {
        case .customer: InputFile(schema: Schemas.customers, format: .json).name
        case .order: InputFile(schema: Schemas.orders, format: .json).name
        case .subscription: InputFile(schema: Schemas.subscriptions, format: .json).name
        case .auditRecord: InputFile(schema: Schemas.activity, format: .json).name
        }
    }

    /// The request whose response the file should hold.
    var request: String {
        switch self {
        case .customer: "GET /v1/customers/{customer-id}"
        case .order: "GET /v1/customers/{customer-id}/orders"
        case .subscription: "GET /v1/customers/{customer-id}/subscriptions"
        case .auditRecord: "GET /v1/auditrecords"
        }
    }

    /// `attributes.objectType` of an object, with its path.
    static func objectType(of json: JSONObject) -> (value: String, path: String)? {
        guard let attributes = json.object("attributes"), let type = attributes.text("objectType") else { return nil }
        return (type, attributes.path("objectType"))
    }

    /// What to say when a file holds `found` resources instead of this kind.
    func misplaced(_ found: String, file: String) -> String {
        if let other = PartnerCenterResource.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(found) == .orderedSame }) {
            return "this file holds Partner Center \(other.rawValue) resources but \(file) takes \(rawValue) resources: "
                + "save them as \(other.fileName), and the response of \(request) as \(file)"
        }
        return "csp-portal does not read Partner Center \(found) resources; \(file) takes \(rawValue) resources, "
            + "the response of \(request)"
    }

    /// True when the object is this API resource (by its `objectType` or its shape) rather than a
    /// flat record with the contract's field names.
    func isShaped(_ json: JSONObject) -> Bool {
        if PartnerCenterResource.objectType(of: json) != nil { return true }
        switch self {
        case .customer: return json["companyProfile"] != nil || json["billingProfile"] != nil
        case .order: return json["lineItems"] != nil
        case .subscription: return true
        case .auditRecord: return json["operationType"] != nil || json["operationDate"] != nil
        }
    }

    /// Properties the mappings read on purpose, which must not fill a field a second way (an
    /// order's `id` is not a customer id).
    static let mappedProperties: Set<String> = [
        "id", "status", "billingcycle", "quantity", "creationdate", "friendlyname", "offername", "termduration",
        "currencycode", "customerid", "orderid", "lineitemnumber", "subscriptionid", "offerid",
    ]

    static let countryAdvice = "the API's customer list has no billingProfile: save each customer's own response "
        + "(GET /v1/customers/{customer-id}), whose billingProfile.defaultAddress.country is the country, "
        + "or give the country in customers.csv"
    static let priceAdvice = "a Partner Center order line without pricing.price: add the price per unit there, "
        + "give it with the subscription in subscriptions.json (unitPrice and currencyCode), "
        + "or write the line in orders.csv with a unit_price"

    // MARK: Customer

    static func customer(_ json: JSONObject) -> MappedRecord<CustomerField> {
        var record = MappedRecord<CustomerField>(path: json.path)
        let company = json.object("companyProfile")
        let billing = json.object("billingProfile")
        record.set(.customerId, json.value("id") ?? company?.value("tenantId"), expected: json.path("id"))
        record.set(.name, company?.value("companyName"), expected: "\(json.path).companyProfile.companyName")
        record.set(.domain, company?.value("domain"), expected: "\(json.path).companyProfile.domain")
        record.set(.country, billing?.object("defaultAddress")?.value("country"),
                   expected: "\(json.path).billingProfile.defaultAddress.country")
        record.set(.language, billing?.value("language") ?? billing?.value("culture"),
                   expected: "\(json.path).billingProfile.language")
        if billing == nil {
            record.advice[.country] = countryAdvice
        }
        return record
    }

    // MARK: Order

    /// One record per line item. A line is cancelled when the order is, or when its quantity went
    /// to 0 while the order's other lines did not.
    static func orderLines(_ order: JSONObject, file: String, diagnostics: inout [Diagnostic]) -> [(MappedRecord<OrderField>, JSONObject)] {
        guard let items = order["lineItems"]?.elements, !items.isEmpty else {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: order.path("lineItems")), field: "lineItems",
                                      "an order without line items: save the order as GET /v1/customers/{customer-id}/orders/{order-id} returns it"))
            return []
        }
        let lines = items.enumerated().compactMap { index, item -> JSONObject? in
            guard let object = item.members else {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "\(order.path).lineItems[\(index)]"), "expected an object"))
                return nil
            }
            return JSONObject(object, path: "\(order.path).lineItems[\(index)]")
        }
        let zeroQuantity = lines.map { $0.text("quantity").flatMap { Double($0) } == 0 }
        let orderCancelled = order.text("status")?.lowercased() == "cancelled"

        return lines.enumerated().map { index, line in
            var record = MappedRecord<OrderField>(path: line.path)
            record.set(.orderId, order.value("id"), expected: order.path("id"))
            record.set(.line, line.value("lineItemNumber"), expected: line.path("lineItemNumber"))
            record.set(.customerId, order.value("referenceCustomerId"), expected: order.path("referenceCustomerId"))
            record.set(.subscriptionId, line.value("subscriptionId"), expected: line.path("subscriptionId"))
            record.set(.product, line.value("friendlyName") ?? line.value("offerName"), expected: line.path("friendlyName"))
            record.set(.sku, line.value("offerId"), expected: line.path("offerId"))
            record.set(.purchasedAt, order.value("creationDate"), expected: order.path("creationDate"))
            if let term = line.value("termDuration"), term.text?.isEmpty == false {
                record.values[.term] = term
                record.values[.kind] = MappedValue(derived: PurchaseKind.subscription.rawValue, path: line.path("termDuration"))
            } else {
                // No term: perpetual software.
                record.values[.kind] = MappedValue(derived: PurchaseKind.perpetual.rawValue, path: line.path("termDuration"))
            }
            // Our extension: the API has no software plan (RedHat, SUSE) kind; a line that says so is one.
            if let kind = line.value("kind"), kind.text?.isEmpty == false {
                record.values[.kind] = kind
            }
            let cycle = line["billingCycle"] != nil ? line : order
            record.set(.billing, billingCycle(cycle), expected: order.path("billingCycle"))
            record.set(.quantity, line.value("quantity"), expected: line.path("quantity"))
            record.set(.unitPrice, line.object("pricing")?.value("price"), expected: "\(line.path).pricing.price")
            record.set(.currency, order.value("currencyCode") ?? line.value("currencyCode"), expected: order.path("currencyCode"))
            if orderCancelled {
                record.values[.status] = MappedValue(derived: ReportedStatus.cancelled.rawValue, path: order.path("status"))
            } else if zeroQuantity[index] && zeroQuantity.contains(false) {
                record.values[.status] = MappedValue(derived: ReportedStatus.cancelled.rawValue, path: line.path("quantity"))
            }
            record.advice[.unitPrice] = priceAdvice
            return (record, line)
        }
    }

    /// `billingCycle`, except `none` and `unknown`, which leave the R9 default.
    static func billingCycle(_ json: JSONObject) -> MappedValue? {
        guard let value = json.value("billingCycle"), let text = value.text?.lowercased(),
              text != "none", text != "unknown", !text.isEmpty else { return nil }
        return value
    }

    // MARK: Subscription

    static func subscription(_ json: JSONObject) -> MappedRecord<SubscriptionField> {
        var record = MappedRecord<SubscriptionField>(path: json.path)
        record.set(.subscriptionId, json.value("id"), expected: json.path("id"))
        record.set(.orderId, json.value("orderId"), expected: json.path("orderId"))
        record.set(.customerId, json.value("customerId") ?? customerIdFromLinks(json), expected: json.path("customerId"))
        let friendlyName = json.text("friendlyName") != nil ? json.value("friendlyName") : nil
        record.set(.product, friendlyName ?? json.value("offerName"), expected: json.path("offerName"))
        record.set(.sku, json.value("offerId"), expected: json.path("offerId"))
        record.set(.publisher, json.value("publisherName"), expected: json.path("publisherName"))
        record.set(.purchasedAt, json.value("creationDate"), expected: json.path("creationDate"))
        record.set(.commitmentEnd, inclusiveEndDate(json.value("commitmentEndDate")), expected: json.path("commitmentEndDate"))
        record.set(.autoRenew, json.value("autoRenewEnabled"), expected: json.path("autoRenewEnabled"))
        record.set(.billing, billingCycle(json), expected: json.path("billingCycle"))
        record.set(.term, json.value("termDuration"), expected: json.path("termDuration"))
        record.set(.quantity, json.value("quantity"), expected: json.path("quantity"))
        record.set(.cancellableUntil, json.value("cancellationAllowedUntilDate"), expected: json.path("cancellationAllowedUntilDate"))
        record.set(.status, json.value("status"), expected: json.path("status"))
        // Not in the API's Subscription: our extension, for a subscription whose order is missing.
        record.set(.unitPrice, json.value("unitPrice") ?? json.object("pricing")?.value("price"), expected: json.path("unitPrice"))
        record.set(.currency, json.value("currencyCode"), expected: json.path("currencyCode"))
        return record
    }

    /// New-commerce end dates are inclusive: the term ends at the end of that day, so the contract's
    /// exclusive `commitment_end` is the next day at 00:00 UTC. Text that is not a date is kept, for
    /// the loader to report.
    static func inclusiveEndDate(_ value: MappedValue?) -> MappedValue? {
        guard let value, let text = value.text, let end = try? TimestampParser().parse(text) else { return value }
        return MappedValue(derived: "\(end.date.adding(days: 1).iso8601)T00:00:00Z", path: value.location.path)
    }

    /// The customer of a subscription saved from `GET /v1/customers/{id}/subscriptions`: its
    /// `links.self.uri` is `/customers/{id}/subscriptions/{subscription-id}`.
    static func customerIdFromLinks(_ json: JSONObject) -> MappedValue? {
        guard let own = json.object("links")?.object("self"), let uri = own.text("uri") else { return nil }
        let parts = uri.split(separator: "/").map(String.init)
        guard let index = parts.firstIndex(where: { $0.lowercased() == "customers" }), index + 1 < parts.count else { return nil }
        return MappedValue(derived: parts[index + 1], path: own.path("uri"))
    }

    // MARK: AuditRecord

    static func auditRecord(_ json: JSONObject) -> MappedRecord<ActivityField> {
        var record = MappedRecord<ActivityField>(path: json.path)
        record.set(.at, json.value("operationDate"), expected: json.path("operationDate"))
        record.set(.user, json.value("userPrincipalName"), expected: json.path("userPrincipalName"))
        record.set(.action, json.value("operationType"), expected: json.path("operationType"))
        record.set(.status, json.value("operationStatus"), expected: json.path("operationStatus"))
        record.set(.customerId, json.value("customerId"), expected: json.path("customerId"))
        record.set(.customerName, json.value("customerName"), expected: json.path("customerName"))
        if let pairs = json["customizedData"]?.elements {
            for (index, element) in pairs.enumerated() {
                guard let pair = element.members else { continue }
                let entry = JSONObject(pair, path: "\(json.path(("customizedData")))[\(index)]")
                if entry.text("key")?.lowercased() == "orderid" {
                    record.set(.orderId, entry.value("value"), expected: entry.path("value"))
                }
            }
        }
        return record
    }
}

extension MappedRecord {
    /// Sets a field from a property, remembering where the property would be when it is absent.
    mutating func set(_ field: Field, _ value: MappedValue?, expected: String) {
        if let value { values[field] = value } else { expectedPaths[field] = expected }
    }

    /// Fields the mapping left empty, from properties named like them (`cancelledAt`, `productKey`).
    mutating func fillUnmapped(from json: JSONObject, schema: InputSchema<Field>) {
        for key in json.sortedKeys {
            guard let field = schema.field(forHeader: key) else { continue }
            guard values[field] == nil, !PartnerCenterResource.mappedProperties.contains(key.lowercased()), let value = json.value(key) else { continue }
            values[field] = value
        }
    }
}
