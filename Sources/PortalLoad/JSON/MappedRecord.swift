import Foundation
import PortalRecords

/// A JSON object and its path in the file, with lookups that tolerate the casing of keys
/// (Partner Center writes camelCase; hand-edited files do not always).
struct JSONObject {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    /// The value of `key` (exact spelling first, then ignoring case), nil when absent or null.
    subscript(key: String) -> Any? {
        let value = object[key] ?? object.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
        return value is NSNull ? nil : value
    }

    func path(_ key: String) -> String { "\(path).\(key)" }

    func object(_ key: String) -> JSONObject? {
        (self[key] as? [String: Any]).map { JSONObject($0, path: path(key)) }
    }

    /// The value at `key` with its path, for a record field; nil when absent or null.
    func value(_ key: String) -> MappedValue? {
        self[key].map { MappedValue($0, path: path(key)) }
    }

    /// The text of a scalar at `key`, nil when absent, null, empty or not a scalar.
    func text(_ key: String) -> String? {
        guard let value = self[key], let text = JSONTable.scalarText(value)?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}

/// One field's value as read from JSON: its text (nil for an object or an array) and where it was.
struct MappedValue {
    let text: String?
    let location: (file: String?, path: String)

    init(_ value: Any, path: String) {
        self.text = JSONTable.scalarText(value)
        self.location = (nil, path)
    }

    /// A value the reader derived (a kind from a term), pointing at what it was derived from.
    init(derived text: String, path: String, file: String? = nil) {
        self.text = text
        self.location = (file, path)
    }
}

/// A JSON record before it is aligned with its input's fields: values by field.
struct MappedRecord<Field: InputField> {
    let path: String
    var values: [Field: MappedValue] = [:]
    /// Where a field would be when it is absent (a Partner Center property).
    var expectedPaths: [Field: String] = [:]
    /// What to do when a required field is absent.
    var advice: [Field: String] = [:]

    init(path: String) {
        self.path = path
    }

    func rawRecord(file: String, diagnostics: inout [Diagnostic]) -> RawRecord<Field> {
        let fields = Field.allCases
        var texts = [String](repeating: "", count: fields.count)
        var sources: [SourceLocation] = []
        sources.reserveCapacity(fields.count)
        for field in fields {
            guard let value = values[field] else {
                sources.append(SourceLocation(file: file, jsonPath: expectedPaths[field] ?? "\(path).\(field.name)"))
                continue
            }
            let location = SourceLocation(file: value.location.file ?? file, jsonPath: value.location.path)
            sources.append(location)
            if let text = value.text {
                texts[field.rawValue] = text.trimmingWhitespace()
            } else {
                diagnostics.append(.error(at: location, field: field.name,
                                          "expected a string, a number or a boolean, found an object or an array"))
            }
        }
        var record = RawRecord<Field>(file: file, line: nil, jsonPath: path, values: texts, sources: sources,
                                      columns: [Int?](repeating: nil, count: fields.count), decimalComma: false)
        record.advice = advice
        return record
    }
}
