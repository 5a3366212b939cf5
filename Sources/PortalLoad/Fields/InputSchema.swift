/// The fields of one input. Code names a field by its case, so that a misspelt field does not
/// compile; the raw value is the field's position among a record's values (the order of the
/// cases), and `name` its canonical spelling (snake_case, as docs/data-format.md writes it), the
/// one headers are matched against and diagnostics print.
protocol InputField: RawRepresentable<Int>, CaseIterable, Hashable, Sendable where AllCases == [Self] {
    var name: String { get }
}

/// The shape of one input file: its fields, the ones it requires, the other spellings accepted for
/// their headers, and the Partner Center resource a JSON file of it may hold.
struct InputSchema<Field: InputField>: Sendable {
    /// `orders`: the file is `orders.csv` or `orders.json`.
    let name: String
    let required: [Field]
    /// Other spellings accepted for a field's header or key (`TenantId` for `customer_id`), by their
    /// normalized form (`FieldName.normalized`); a field's own name wins over an alias.
    let aliases: [String: Field]
    /// The Partner Center API resource a JSON file of this input may hold instead of flat records.
    let partnerCenter: PartnerCenterMapping<Field>?
    /// The field each accepted spelling names, by its normalized form: the names, then the aliases.
    private let fieldsBySpelling: [String: Field]

    init(name: String, required: [Field], aliases: [String: Field] = [:], partnerCenter: PartnerCenterMapping<Field>? = nil) {
        self.name = name
        self.required = required
        self.aliases = aliases
        self.partnerCenter = partnerCenter
        var fieldsBySpelling = aliases
        for field in Field.allCases { fieldsBySpelling[FieldName.normalized(field.name)] = field }
        self.fieldsBySpelling = fieldsBySpelling
    }

    /// The field a CSV header or a JSON key names (`Customer ID`, `customerId`, `TenantId`), if any.
    func field(forHeader header: String) -> Field? {
        fieldsBySpelling[FieldName.normalized(header)]
    }
}
