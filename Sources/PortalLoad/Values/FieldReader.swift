import PortalRecords

/// Typed access to one raw record's fields. Every problem becomes a diagnostic naming the file,
/// the line (or JSON path), the field and the value; the reader never stops at the first one.
struct FieldReader<Field: InputField> {
    let record: RawRecord<Field>
    let timestamps: TimestampParser
    var diagnostics: [Diagnostic] = []

    init(_ record: RawRecord<Field>, timestamps: TimestampParser) {
        self.record = record
        self.timestamps = timestamps
        for field in Field.allCases {
            if let control = Self.controlCharacter(in: record[field]) {
                fail(field, "a control character (\(control)) is in the value: it shows as nothing, and a page, calendar or "
                     + "spreadsheet made from it would be broken; remove it", value: record[field])
            }
        }
    }

    /// The first character of `value` that no page, calendar or spreadsheet may hold, as `U+001B`:
    /// C0 controls but tab and line ends (a quoted CSV value may span lines), DEL, C1 controls.
    /// HTML reads each as a parse error; a CSV value can hold them, JSON's `\u0000` too.
    static func controlCharacter(in value: String) -> String? {
        var previous: UInt8 = 0
        for byte in value.utf8 {
            defer { previous = byte }
            let isC0 = byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
            // U+0080…U+009F are C2 80…C2 9F in UTF-8.
            let isC1 = previous == 0xC2 && (0x80...0x9F).contains(byte)
            guard isC0 || byte == 0x7F || isC1 else { continue }
            // A C1 control's scalar is its second byte.
            let hex = String(byte, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return nil
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func fail(_ field: Field, _ message: String, value: String?) {
        diagnostics.append(.error(at: record.location(of: field), field: field.name, message, value: value))
    }

    mutating func warn(_ field: Field, _ message: String, value: String?) {
        diagnostics.append(.warning(at: record.location(of: field), field: field.name, message, value: value))
    }

    /// The trimmed value, nil when empty.
    func optional(_ field: Field) -> String? {
        let value = record[field]
        return value.isEmpty ? nil : value
    }

    /// The value, or a diagnostic when it is empty.
    mutating func required(_ field: Field) -> String? {
        guard let value = optional(field) else {
            fail(field, record.advice[field].map { "a value is required: \($0)" } ?? "a value is required", value: nil)
            return nil
        }
        return value
    }

    mutating func instant(_ field: Field, required isRequired: Bool = false) -> Instant? {
        guard let text = isRequired ? required(field) : optional(field) else { return nil }
        do {
            return try timestamps.parse(text)
        } catch .impossible(let reason) {
            fail(field, "an impossible date: \(reason)", value: text)
        } catch {
            fail(field, "expected a date (2026-11-20) or a timestamp (2026-11-20T14:03:00Z, with an optional offset)", value: text)
        }
        return nil
    }

    mutating func integer(_ field: Field, required isRequired: Bool = false, range: ClosedRange<Int>, meaning: String) -> Int? {
        guard let text = isRequired ? required(field) : optional(field) else { return nil }
        var digits = text
        // Spreadsheets write whole numbers as 3.0 or 3,0 once a column was formatted as a number.
        for suffix in [".0", ",0", ".00", ",00"] where digits.hasSuffix(suffix) { digits.removeLast(suffix.count) }
        guard let value = Int(digits) else {
            fail(field, "expected \(meaning)", value: text)
            return nil
        }
        guard range.contains(value) else {
            fail(field, "expected \(meaning)", value: text)
            return nil
        }
        return value
    }

    mutating func decimal(_ field: Field, required isRequired: Bool = false) -> ExactDecimal? {
        guard let text = isRequired ? required(field) : optional(field) else { return nil }
        do {
            return try DecimalParser.parse(text, decimalComma: record.decimalComma)
        } catch .tooLarge {
            fail(field, "too many digits (at most 15, and 6 after the decimal point)", value: text)
        } catch {
            fail(field, record.decimalComma ? "expected a number such as 1 234,56" : "expected a number such as 1234.56", value: text)
        }
        return nil
    }

    mutating func choice<Value: RawRepresentable & CaseIterable>(_ field: Field, as type: Value.Type,
                                                                  required isRequired: Bool = false) -> Value?
        where Value.RawValue == String {
        guard let text = isRequired ? required(field) : optional(field) else { return nil }
        if let exact = Value(rawValue: text) { return exact }
        let key = FieldName.normalized(text)
        if let match = Value.allCases.first(where: { FieldName.normalized($0.rawValue) == key }) { return match }
        let expected = Value.allCases.map(\.rawValue).joined(separator: ", ")
        fail(field, "expected one of \(expected)", value: text)
        return nil
    }

    /// An IANA time zone name, for display (docs/time.md).
    mutating func timeZone(_ field: Field) -> DisplayZone? {
        guard let text = optional(field) else { return nil }
        guard let zone = DisplayZone(identifier: text) else {
            fail(field, DisplayZone.unknownNameAdvice, value: text)
            return nil
        }
        return zone
    }

    mutating func boolean(_ field: Field) -> Bool? {
        guard let text = optional(field) else { return nil }
        switch text.lowercased() {
        // Excel writes TRUE and FALSE in the workbook's language when it saves a CSV.
        case "true", "yes", "y", "1", "vrai", "oui", "on", "wahr", "verdadero", "vero", "waar": return true
        case "false", "no", "n", "0", "faux", "non", "off", "falsch", "falso", "onwaar": return false
        default:
            fail(field, "expected true, false or empty", value: text)
            return nil
        }
    }
}
