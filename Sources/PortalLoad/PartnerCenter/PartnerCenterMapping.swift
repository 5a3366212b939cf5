import PortalRecords

/// How a JSON file of one input reads the Partner Center API resource that input comes from: which
/// resource the file takes, and the input's records in one resource: one per customer,
/// subscription or audit record, one per line item of an order. Properties the mapping does not
/// name still fill the fields of the same name (our extensions: `cancelledAt`, `productKey`,
/// `activation`...).
struct PartnerCenterMapping<Field: InputField>: Sendable {
    let resource: PartnerCenterResource
    let records: @Sendable (_ resource: JSONObject, _ schema: InputSchema<Field>, _ file: String,
                            _ diagnostics: inout [Diagnostic]) -> [MappedRecord<Field>]

    /// A resource that is one record: the mapped fields, then properties named like the others.
    init(_ resource: PartnerCenterResource, oneRecord map: @escaping @Sendable (JSONObject) -> MappedRecord<Field>) {
        self.resource = resource
        self.records = { json, schema, _, _ in
            var record = map(json)
            record.fillUnmapped(from: json, schema: schema)
            return [record]
        }
    }

    init(_ resource: PartnerCenterResource,
         records: @escaping @Sendable (JSONObject, InputSchema<Field>, String, inout [Diagnostic]) -> [MappedRecord<Field>]) {
        self.resource = resource
        self.records = records
    }
}

extension PartnerCenterMapping<CustomerField> {
    static var customers: Self { Self(.customer, oneRecord: PartnerCenterResource.customer) }
}

extension PartnerCenterMapping<OrderField> {
    /// A line's own properties fill its fields before the order's.
    static var orders: Self {
        Self(.order) { order, schema, file, diagnostics in
            PartnerCenterResource.orderLines(order, file: file, diagnostics: &diagnostics).map { record, line in
                var record = record
                record.fillUnmapped(from: line, schema: schema)
                record.fillUnmapped(from: order, schema: schema)
                return record
            }
        }
    }
}

extension PartnerCenterMapping<SubscriptionField> {
    static var subscriptions: Self { Self(.subscription, oneRecord: PartnerCenterResource.subscription) }
}

extension PartnerCenterMapping<ActivityField> {
    static var activity: Self { Self(.auditRecord, oneRecord: PartnerCenterResource.auditRecord) }
}
