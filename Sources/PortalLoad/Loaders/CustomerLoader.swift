import PortalRecords

/// `customers` -> `Customer` records.
enum CustomerLoader {
    /// The valid customers, and every id the file names (valid or not), so that orders of a
    /// customer whose own line has an error are not reported again as unknown.
    /// Ids compare ignoring case (`CustomerIds`): `3F2A8C1E-…` beside `3f2a8c1e-…` is a duplicate,
    /// never a second customer that could take the first one's folder.
    static func load(_ records: [RawRecord<CustomerField>], timestamps: TimestampParser,
                     diagnostics: inout [Diagnostic]) -> (customers: [Customer], namedIds: CustomerIds) {
        var customers: [Customer] = []
        var namedIds = CustomerIds()
        var firstSeen: [String: (location: SourceLocation, id: String)] = [:]
        for record in records {
            var fields = FieldReader(record, timestamps: timestamps)
            let id = fields.required(.customerId)
            let name = fields.required(.name)
            var country = fields.required(.country)?.uppercased()
            if let code = country, !isAlpha2(code) {
                fields.fail(.country, "expected an ISO 3166-1 alpha-2 code of the billing address, such as FR", value: code)
                country = nil
            }
            var language = PortalLanguage.en
            if let text = fields.optional(.language) {
                // `fr-FR` (a culture) is read as its language part.
                let primary = String(text.lowercased().prefix { $0 != "-" && $0 != "_" })
                if let known = PortalLanguage(rawValue: primary) {
                    language = known
                } else {
                    fields.warn(.language, "portals are written in en or fr; this customer's is in English", value: text)
                }
            }
            let timeZone = fields.timeZone(.timezone)
            if let id, let previous = firstSeen[CustomerIds.key(id)] {
                let sameSpelling = previous.id == id ? "" : " as \(previous.id) (ids are compared ignoring case)"
                fields.fail(.customerId, "duplicate customer id, first seen at \(previous.location)\(sameSpelling)", value: id)
            }
            diagnostics += fields.diagnostics
            if let id { namedIds.insert(id) }
            guard !fields.hasErrors, let id, let name, let country else { continue }
            firstSeen[CustomerIds.key(id)] = (record.location, id)
            customers.append(Customer(id: id, name: name, domain: fields.optional(.domain), country: country,
                                      language: language, timeZone: timeZone, source: record.location))
        }
        return (customers, namedIds)
    }

    static func isAlpha2(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
