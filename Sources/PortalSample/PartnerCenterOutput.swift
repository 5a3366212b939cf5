import Foundation

/// One input of the sample written as a Partner Center API collection, `{"items": [...],
/// "totalCount": N, "attributes": {"objectType": "Collection"}}`, one resource a line, through a
/// buffer, so that a 500 MB activity log is never held. The resources carry what the loader maps
/// back onto the same records as the CSV sample's (docs/data-format.md, "Partner Center API JSON"),
/// the contract's other fields as properties of the same name (our extensions: `publisher`,
/// `kind`, `cancelledAt`, `productKey`...).
final class PartnerCenterOutput: SampleTable {
    /// Which resource a row becomes.
    enum Resource {
        case customer
        /// An order: consecutive rows of one order_id are its line items.
        case order
        case auditRecord
    }

    private let resource: Resource
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// The line items of the order being gathered (order rows only).
    private var pendingOrder: [[String]] = []
    private var resources = 0
    private(set) var rowCount = 0
    private(set) var byteCount = 0

    init(url: URL, resource: Resource) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw SampleError(description: "\(url.path): cannot create the file")
        }
        self.resource = resource
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
        append("{\"items\": [")
    }

    func row(_ fields: [String]) throws {
        rowCount += 1
        switch resource {
        case .customer: try write(Self.customer(fields))
        case .auditRecord: try write(Self.auditRecord(fields))
        case .order:
            if let first = pendingOrder.first, first[0] != fields[0] { try write(Self.order(pendingOrder)); pendingOrder = [] }
            pendingOrder.append(fields)
        }
    }

    func close() throws {
        if !pendingOrder.isEmpty { try write(Self.order(pendingOrder)) }
        append("\n], \"totalCount\": \(resources), \"attributes\": {\"objectType\": \"Collection\"}}\n")
        try flush()
        try handle.close()
    }

    private func write(_ object: String) throws {
        append(resources == 0 ? "\n" : ",\n")
        append(object)
        resources += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    private func flush() throws {
        byteCount += buffer.count
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Resources (fields in the order of the CSV headers SampleGenerator writes)

    /// customer_id, name, domain, country, language.
    static func customer(_ row: [String]) -> String {
        "{\"id\": \(quoted(row[0])), \"companyProfile\": {\"tenantId\": \(quoted(row[0])), \"domain\": \(quoted(row[2])), "
            + "\"companyName\": \(quoted(row[1]))}, \"billingProfile\": {\"language\": \(quoted(row[4])), "
            + "\"defaultAddress\": {\"country\": \(quoted(row[3]))}}, \"attributes\": {\"objectType\": \"Customer\"}}"
    }

    /// order_id, line, customer_id, subscription_id, product, sku, publisher, kind, purchased_at, term,
    /// billing, quantity, unit_price, currency, auto_renew, commitment_end, cancellable_until,
    /// cancelled_at, activation, delivery, instructions_url, product_key.
    static func order(_ lines: [[String]]) -> String {
        let first = lines[0]
        let items = lines.map { row in
            var members = ["\"lineItemNumber\": \(row[1])", "\"offerId\": \(quoted(row[5]))"]
            if !row[3].isEmpty { members.append("\"subscriptionId\": \(quoted(row[3]))") }
            if !row[9].isEmpty { members.append("\"termDuration\": \(quoted(row[9]))") }
            members += ["\"friendlyName\": \(quoted(row[4]))", "\"quantity\": \(row[11])", "\"pricing\": {\"price\": \(row[12])}",
                        "\"billingCycle\": \(quoted(row[10]))"]
            // The contract's fields the Order resource has no property for.
            for (index, key) in [(6, "publisher"), (7, "kind"), (14, "autoRenew"), (15, "commitmentEnd"), (16, "cancellableUntil"),
                                 (17, "cancelledAt"), (18, "activation"), (19, "delivery"), (20, "instructionsUrl"),
                                 (21, "productKey")] where !row[index].isEmpty {
                members.append(index == 14 ? "\"\(key)\": \(row[index])" : "\"\(key)\": \(quoted(row[index]))")
            }
            return "{" + members.joined(separator: ", ") + "}"
        }
        return "{\"id\": \(quoted(first[0])), \"referenceCustomerId\": \(quoted(first[2])), \"currencyCode\": \(quoted(first[13])), "
            + "\"status\": \"completed\", \"creationDate\": \(quoted(first[8])), \"lineItems\": [" + items.joined(separator: ", ")
            + "], \"attributes\": {\"objectType\": \"Order\"}}"
    }

    /// at, user, action, status, customer_id, customer_name, order_id, product.
    static func auditRecord(_ row: [String]) -> String {
        var members = ["\"operationDate\": \(quoted(row[0]))", "\"userPrincipalName\": \(quoted(row[1]))",
                       "\"operationType\": \(quoted(row[2]))", "\"operationStatus\": \(quoted(row[3]))",
                       "\"customerId\": \(quoted(row[4]))"]
        if !row[5].isEmpty { members.append("\"customerName\": \(quoted(row[5]))") }
        if !row[6].isEmpty { members.append("\"customizedData\": [{\"key\": \"OrderId\", \"value\": \(quoted(row[6]))}]") }
        if !row[7].isEmpty { members.append("\"product\": \(quoted(row[7]))") }
        members.append("\"attributes\": {\"objectType\": \"AuditRecord\"}")
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as it is (UTF-8).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
