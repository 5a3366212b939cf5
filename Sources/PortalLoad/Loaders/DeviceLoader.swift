import PortalRecords

/// `devices` -> `Device` records (R14 migration planning).
enum DeviceLoader {
    static func load(_ records: [RawRecord<DeviceField>], customerIds: CustomerIds, timestamps: TimestampParser,
                     diagnostics: inout [Diagnostic]) -> [Device] {
        var devices: [Device] = []
        var firstSeen = FirstOccurrences()
        for record in records {
            var fields = FieldReader(record, timestamps: timestamps)
            let name = fields.required(.device)
            var customerId = fields.required(.customerId)
            if let id = customerId {
                // Found ignoring case, the device takes the customers file's spelling of the id.
                customerId = customerIds.spelling(of: id)
                if customerId == nil { fields.fail(.customerId, "unknown customer: no such customer_id in customers", value: id) }
            }
            let lastActivation = fields.instant(.lastKMSActivation, required: true)
            let makDeployedAt = fields.instant(.makDeployedAt)
            if let name, let customerId, let previous = firstSeen.previous(of: "\(customerId)\u{0}\(name)", at: record.location) {
                fields.fail(.device, "the same device appears twice for this customer, first at \(previous)", value: name)
            }
            diagnostics += fields.diagnostics
            guard !fields.hasErrors, let name, let customerId, let lastActivation else { continue }
            devices.append(Device(name: name, customerId: customerId, lastKMSActivation: lastActivation,
                                  makDeployedAt: makDeployedAt, source: record.location))
        }
        return devices
    }
}
