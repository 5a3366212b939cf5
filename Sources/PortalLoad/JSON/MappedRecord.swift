import Foundation
import PortalRecords

/// A JSON object and its path in the file, with lookups that tolerate the casing of keys
/// (Partner Center writes camelCase; hand-edited files do not always).
struct JSONObject {
    /// In document order.
    let members: [JSONMember]
    let path: String

    init(_ members: [JSONMember], path: String) {
        self.members = members
        self.path = path
    }

    /// The value of `key`, nil when absent or null: spelt exactly (the last one when the key is
    /// given twice, as Foundation's JSONSerialization kept), else the first ignoring case.
    subscript(key: String) -> JSONValue? {
        var exact: JSONValue?
        for member in members where member.key == key { exact = member.value }
        let value = exact ?? members.first { Self.equalIgnoringCase($0.key, key) }?.value
        if let value, value.isNull { return nil }
        return value
    }

    /// `caseInsensitiveCompare`, on ASCII bytes when both are ASCII (a million records go by).
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        let aBytes = a.utf8, bBytes = b.utf8
        guard aBytes.allSatisfy({ $0 < 0x80 }) && bBytes.allSatisfy({ $0 < 0x80 }) else {
            return a.caseInsensitiveCompare(b) == .orderedSame
        }
        guard aBytes.count == bBytes.count else { return false }
        return zip(aBytes, bBytes).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
    }

    func path(_ key: String) -> String { "\(path).\(key)" }

    func object(_ key: String) -> JSONObject? {
        self[key]?.members.map { JSONObject($0, path: path(key)) }
    }

    /// The value at `key` with its path, for a record field; nil when absent or null.
    func value(_ key: String) -> MappedValue? {
        self[key].map { MappedValue($0, path: path(key)) }
    }

    /// The text of a scalar at `key`, nil when absent, null, empty or not a scalar.
    func text(_ key: String) -> String? {
        guard let value = self[key], let text = value.scalarText?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }

    /// Each key once, sorted.
    var sortedKeys: [String] {
        var keys = members.map(\.key).sorted()
        keys.removeDuplicates()
        return keys
    }
}

private extension Array where Element == String {
    /// Drops each element equal to the one before it.
    mutating func removeDuplicates() {
        var kept = 0
        for index in indices where kept == 0 || self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}

/// One field's value as read from JSON: its text (nil for an object or an array) and where it was.
struct MappedValue {
    let text: String?
    let location: (file: String?, path: String)

    init(_ value: JSONValue, path: String) {
        self.text = value.scalarText
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
    var values = ByField<Field, MappedValue>()
    /// Where a field would be when it is absent (a Partner Center property).
    var expectedPaths = ByField<Field, String>()
    /// What to do when a required field is absent.
    var advice: [Field: String] = [:]

    init(path: String) {
        self.path = path
    }

    /// The record with each field's place relative to the record's path, the places shared with
    /// the records of the same shape read before (`shapes`), so that records held together (an
    /// order file's lines, for their subscriptions) do not keep a path per field.
    func rawRecord(file: String, shapes: inout FieldSourceShapes, diagnostics: inout [Diagnostic]) -> RawRecord<Field> {
        let fields = Field.allCases
        var texts = [String](repeating: "", count: fields.count)
        var sources: [FieldSource] = []
        sources.reserveCapacity(fields.count)
        for field in fields {
            guard let value = values[field] else {
                let expected = expectedPaths[field] ?? "\(path).\(field.name)"
                sources.append(.underRecord(RelativeJSONPath(expected, relativeTo: path)))
                continue
            }
            let source: FieldSource = value.location.file.map { .elsewhere(SourceLocation(file: $0, jsonPath: value.location.path)) }
                ?? .underRecord(RelativeJSONPath(value.location.path, relativeTo: path))
            sources.append(source)
            if let text = value.text {
                texts[field.rawValue] = text.trimmingWhitespace()
            } else {
                let location = SourceLocation(file: value.location.file ?? file, jsonPath: value.location.path)
                diagnostics.append(.error(at: location, field: field.name,
                                          "expected a string, a number or a boolean, found an object or an array"))
            }
        }
        var record = RawRecord<Field>(file: file, line: nil, jsonPath: path, values: texts, sources: shapes.shared(sources),
                                      columns: [Int?](repeating: nil, count: fields.count), decimalComma: false)
        record.advice = advice
        return record
    }
}

/// The field places of the records of one file read so far, each kept once: an array of a
/// hundred thousand records holds a few shapes.
struct FieldSourceShapes {
    /// A file whose records each have a shape of their own (keys spelt a new way in each) would
    /// otherwise keep every record's places until its end, where streaming keeps one record's.
    static let maximumCount = 1_000

    private var seen: Set<[FieldSource]> = []

    var count: Int { seen.count }

    /// `sources`, or an equal array seen before (whose storage the records then share).
    mutating func shared(_ sources: [FieldSource]) -> [FieldSource] {
        if let known = seen.firstIndex(of: sources) { return seen[known] }
        // A value read from elsewhere is its record's alone: no other record will share it.
        if seen.count < Self.maximumCount, sources.allSatisfy({ if case .underRecord = $0 { true } else { false } }) {
            seen.insert(sources)
        }
        return sources
    }
}

/// A value for some of an input's fields, by the field's position: what a dictionary keyed by
/// field would hold, without hashing a million records' fields.
struct ByField<Field: InputField, Value> {
    private var slots = [Value?](repeating: nil, count: Field.allCases.count)

    subscript(field: Field) -> Value? {
        get { slots[field.rawValue] }
        set { slots[field.rawValue] = newValue }
    }
}
