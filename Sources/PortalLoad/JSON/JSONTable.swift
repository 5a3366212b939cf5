import Foundation
import PortalRecords

/// The shape of one input file: its canonical field names (snake_case, as data.md spells them).
public struct InputSchema: Sendable {
    public let name: String
    public let fields: [String]
    public let required: [String]
    /// Other header spellings accepted for a field (normalized form -> canonical field).
    public let aliases: [String: String]

    public init(name: String, fields: [String], required: [String], aliases: [String: String] = [:]) {
        self.name = name
        self.fields = fields
        self.required = required
        self.aliases = aliases
    }

    func fieldIndex(forHeader header: String) -> Int? {
        let key = FieldName.normalized(header)
        if let index = fields.firstIndex(where: { FieldName.normalized($0) == key }) { return index }
        if let canonical = aliases[key] { return fields.firstIndex(of: canonical) }
        return nil
    }
}

/// One record of an input file, its values aligned with the schema's fields.
public struct RawRecord: Sendable {
    public let file: String
    /// CSV line of the record, or nil for JSON.
    public let line: Int?
    /// JSON path of the record (`$[3]`), or nil for CSV.
    public let jsonPath: String?
    /// Trimmed values by field index; empty when absent.
    var values: [String]
    /// JSON only: where each field's value is (or would be) in the file, by field index; a value
    /// taken from another file (a subscription enriching an order line) points there. Empty for CSV.
    var sources: [SourceLocation]
    /// The 1-based CSV column of each field, for `file:line:column` in messages.
    let columns: [Int?]
    /// True when the values use a decimal comma (a `;`-separated or Excel "Unicode text" file).
    public let decimalComma: Bool
    /// What to do about a missing required value, by field name, when the file's format explains
    /// why it can be missing (the API's customer list has no country).
    var advice: [String: String] = [:]
    /// A Partner Center subscription that no order line matched: the API gives it no price.
    var isSubscriptionWithoutOrder = false

    init(file: String, line: Int?, jsonPath: String?, values: [String], sources: [SourceLocation] = [],
         columns: [Int?], decimalComma: Bool) {
        self.file = file
        self.line = line
        self.jsonPath = jsonPath
        self.values = values
        self.sources = sources
        self.columns = columns
        self.decimalComma = decimalComma
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, jsonPath: jsonPath) }

    /// Where every field of the record is: the CSV column by field name, or each JSON value's path.
    func layout(_ schema: InputSchema) -> FieldLayout {
        guard sources.isEmpty else {
            return FieldLayout(sources: Dictionary(uniqueKeysWithValues: zip(schema.fields, sources)))
        }
        var columns: [String: Int] = [:]
        for (index, column) in self.columns.enumerated() { if let column { columns[schema.fields[index]] = column } }
        return FieldLayout(columns: columns)
    }

    func location(ofField index: Int) -> SourceLocation {
        guard sources.isEmpty else { return sources[index] }
        return SourceLocation(file: file, line: line, column: columns[index])
    }
}

/// Reads a CSV or JSON file into raw records for a schema, collecting every problem found.
public enum InputTable {
    public static func read(_ bytes: [UInt8], file: String, schema: InputSchema,
                            diagnostics: inout [Diagnostic]) -> [RawRecord] {
        if file.lowercased().hasSuffix(".json") {
            return readJSON(bytes, file: file, schema: schema, diagnostics: &diagnostics)
        }
        return readCSV(bytes, file: file, schema: schema, diagnostics: &diagnostics)
    }

    static func decode(_ bytes: [UInt8], file: String, diagnostics: inout [Diagnostic]) -> (bytes: [UInt8], encoding: TextDecoding.Encoding)? {
        do {
            return try TextDecoding.utf8(bytes)
        } catch {
            diagnostics.append(encodingError(error, file: file))
            return nil
        }
    }

    /// `orders.csv:2:5: error: not UTF-8 text; … (byte 84)`: where an editor shows it, and the offset
    /// for a hex viewer.
    static func encodingError(_ failure: TextDecoding.Failure, file: String) -> Diagnostic {
        .error(at: SourceLocation(file: file, line: failure.line, column: failure.column), "\(failure.message) (byte \(failure.byteOffset))")
    }

    // MARK: CSV

    static func readCSV(_ raw: [UInt8], file: String, schema: InputSchema, diagnostics: inout [Diagnostic]) -> [RawRecord] {
        var records: [RawRecord] = []
        forEachCSVRecord(.bytes(raw), file: file, schema: schema, diagnostics: &diagnostics) { record, _ in records.append(record) }
        return records
    }

    /// Calls `body` with each record of a CSV text, in order, as it is read; header and row problems
    /// become diagnostics. A syntax or encoding error ends the file: the records before it were seen.
    static func forEachCSVRecord(_ stream: CSVStream, file: String, schema: InputSchema, diagnostics: inout [Diagnostic],
                                 _ body: (RawRecord, inout [Diagnostic]) -> Void) {
        var decimalComma = false
        var header: CSVRecord?
        var columnToField: [Int?] = []
        var fieldColumns = [Int?](repeating: nil, count: schema.fields.count)
        var headerIsUsable = false
        do throws(CSVStreamFailure) {
            try stream.forEachRecord({ dialect in
                decimalComma = dialect.delimiter == UInt8(ascii: ";") || (dialect.delimiter == UInt8(ascii: "\t") && dialect.encoding != .utf8)
            }) { row in
                guard let header else {
                    // Lines of spaces before the header are as blank as empty lines.
                    if row.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { return }
                    header = row
                    headerIsUsable = readHeader(row, file: file, schema: schema, columnToField: &columnToField, diagnostics: &diagnostics)
                    for (column, field) in columnToField.enumerated() { if let field { fieldColumns[field] = column + 1 } }
                    return
                }
                guard headerIsUsable else { return }
                if row.fields.count != header.fields.count {
                    // Trailing empty cells are what spreadsheets add or drop; anything else is ragged.
                    let extra = row.fields.dropFirst(header.fields.count)
                    if row.fields.count < header.fields.count || extra.contains(where: { !$0.trimmingWhitespace().isEmpty }) {
                        diagnostics.append(.error(at: SourceLocation(file: file, line: row.line),
                                                  "the row has \(row.fields.count) fields but the header has \(header.fields.count) (a ragged row: check for a missing or extra delimiter)"))
                        return
                    }
                }
                var values = [String](repeating: "", count: schema.fields.count)
                for (column, value) in row.fields.prefix(header.fields.count).enumerated() {
                    if let field = columnToField[column] { values[field] = value.trimmingWhitespace() }
                }
                body(RawRecord(file: file, line: row.line, jsonPath: nil, values: values,
                               columns: fieldColumns, decimalComma: decimalComma), &diagnostics)
            }
        } catch {
            switch error {
            case .encoding(let failure):
                diagnostics.append(encodingError(failure, file: file))
            case .syntax(let failure):
                diagnostics.append(.error(at: SourceLocation(file: file, line: failure.line), failure.message))
            case .unreadable(let reason):
                diagnostics.append(.error(at: SourceLocation(file: file), "cannot read: \(reason)"))
            }
            return
        }
        if header == nil {
            diagnostics.append(.error(at: SourceLocation(file: file), "the file is empty; it needs a header row naming the columns"))
        }
    }

    /// Maps the header's columns to the schema's fields; false when a required column is missing.
    static func readHeader(_ header: CSVRecord, file: String, schema: InputSchema, columnToField: inout [Int?],
                           diagnostics: inout [Diagnostic]) -> Bool {
        var seen: [Int: Int] = [:]
        for (column, name) in header.fields.enumerated() {
            let index = schema.fieldIndex(forHeader: name)
            if let index, let first = seen[index] {
                diagnostics.append(.error(at: SourceLocation(file: file, line: header.line, column: column + 1),
                                          field: schema.fields[index],
                                          "the column appears twice (columns \(first + 1) and \(column + 1))", value: name))
                columnToField.append(nil)
                continue
            }
            if let index { seen[index] = column }
            columnToField.append(index)
        }
        let missing = schema.required.filter { field in !seen.keys.contains(schema.fields.firstIndex(of: field)!) }
        guard missing.isEmpty else {
            diagnostics.append(.error(at: SourceLocation(file: file, line: header.line),
                                      "missing required column\(missing.count > 1 ? "s" : ""): \(missing.joined(separator: ", ")) (the header has: \(header.fields.joined(separator: ", ")))"))
            return false
        }
        return true
    }

    // MARK: JSON

    static func readJSON(_ raw: [UInt8], file: String, schema: InputSchema, diagnostics: inout [Diagnostic]) -> [RawRecord] {
        guard let (bytes, _) = decode(raw, file: file, diagnostics: &diagnostics) else { return [] }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            diagnostics.append(JSONErrorText.diagnostic(error, in: bytes, file: file))
            return []
        }
        var objects: [(path: String, object: [String: Any])] = []
        collectObjects(root, path: "$", into: &objects, file: file, diagnostics: &diagnostics)

        let resource = PartnerCenterResource(schema: schema.name)
        var records: [RawRecord] = []
        records.reserveCapacity(objects.count)
        for (path, object) in objects {
            let json = JSONObject(object, path: path)
            if let resource, let found = PartnerCenterResource.objectType(of: json) {
                // One message for the file: a wrong file is wrong for every resource in it.
                guard found.value.caseInsensitiveCompare(resource.rawValue) == .orderedSame else {
                    diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: found.path), field: "objectType",
                                              resource.misplaced(found.value, file: file), value: found.value))
                    return []
                }
            }
            let mapped = resource.flatMap { $0.isShaped(json) ? $0.map(json, schema: schema, file: file, diagnostics: &diagnostics) : nil }
                ?? [flatRecord(json, schema: schema)]
            for record in mapped {
                records.append(record.rawRecord(file: file, schema: schema, diagnostics: &diagnostics))
            }
        }
        return records
    }

    /// An object whose keys are the schema's field names (or their aliases, camelCase included).
    static func flatRecord(_ json: JSONObject, schema: InputSchema) -> MappedRecord {
        var record = MappedRecord(path: json.path)
        for (key, value) in json.object {
            guard let index = schema.fieldIndex(forHeader: key) else { continue }
            record.values[schema.fields[index]] = MappedValue(value, path: json.path(key))
        }
        return record
    }

    /// Accepts an array of objects, a collection envelope (`{"items": [...]}`) or an array of envelopes.
    static func collectObjects(_ value: Any, path: String, into objects: inout [(path: String, object: [String: Any])],
                               file: String, diagnostics: inout [Diagnostic]) {
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                let elementPath = "\(path)[\(index)]"
                if let object = element as? [String: Any], let items = object["items"] {
                    collectObjects(items, path: "\(elementPath).items", into: &objects, file: file, diagnostics: &diagnostics)
                } else if let object = element as? [String: Any] {
                    objects.append((elementPath, object))
                } else {
                    diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: elementPath), "expected an object"))
                }
            }
        } else if let object = value as? [String: Any], let items = object["items"] {
            collectObjects(items, path: "\(path).items", into: &objects, file: file, diagnostics: &diagnostics)
        } else if let object = value as? [String: Any], PartnerCenterResource.objectType(of: JSONObject(object, path: path)) != nil {
            // A single resource, as `GET /v1/customers/{id}` returns it.
            objects.append((path, object))
        } else {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: path),
                                      "expected an array of objects, a collection with \"items\" or a Partner Center resource"))
        }
    }

    /// The text of a JSON scalar, "" for null; nil for an object or an array.
    static func jsonScalarText(_ value: Any) -> String? {
        switch value {
        case is NSNull: return ""
        case let string as String: return string
        case let number as NSNumber:
            if isJSONBoolean(number) { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 9e15 { return String(Int64(double)) }
            // The shortest text that reads back as the same Double: 1234.56, not 1234.5599999.
            return "\(double)"
        case is [Any], is [String: Any]: return nil
        default: return "\(value)"
        }
    }

    /// True when `number` came from a JSON `true` or `false` (Foundation boxes both as NSNumber).
    static func isJSONBoolean(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }
}

/// A JSON syntax error as a diagnostic: Foundation's reason, at the line and column of the byte it
/// names (its error index on Darwin; "around character N", a byte offset, on Linux).
enum JSONErrorText {
    static func diagnostic(_ error: Error, in bytes: [UInt8], file: String) -> Diagnostic {
        let nsError = error as NSError
        let text = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
        var location = SourceLocation(file: file)
        if let index = (nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int) ?? characterIndex(in: text), index <= bytes.count {
            let (line, column) = TextDecoding.position(of: index, in: bytes[...], firstLine: 1)
            location = SourceLocation(file: file, line: line, column: column)
        }
        return .error(at: location, "not valid JSON: \(text)")
    }

    /// N in "Invalid value around character N.".
    static func characterIndex(in text: String) -> Int? {
        guard let range = text.range(of: "around character ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }
}
