/// The shape of one input file: its canonical field names (snake_case, as data.md spells them).
public struct InputSchema: Sendable {
    public let name: String
    public let fields: [String]
    public let required: [String]
    /// Other header spellings accepted for a field (normalized form -> canonical field).
    public let aliases: [String: String]
    /// The Partner Center API resource a JSON file of this input may hold instead of flat records.
    let partnerCenter: PartnerCenterResource?

    init(name: String, fields: [String], required: [String], aliases: [String: String] = [:],
         partnerCenter: PartnerCenterResource? = nil) {
        self.name = name
        self.fields = fields
        self.required = required
        self.aliases = aliases
        self.partnerCenter = partnerCenter
    }

    func fieldIndex(forHeader header: String) -> Int? {
        let key = FieldName.normalized(header)
        if let index = fields.firstIndex(where: { FieldName.normalized($0) == key }) { return index }
        if let canonical = aliases[key] { return fields.firstIndex(of: canonical) }
        return nil
    }
}
