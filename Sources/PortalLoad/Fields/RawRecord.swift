import PortalRecords

/// One record of an input file, a value for each of its input's fields.
struct RawRecord<Field: InputField>: Sendable {
    let file: String
    /// CSV line of the record, or nil for JSON.
    let line: Int?
    /// JSON path of the record (`$[3]`), or nil for CSV.
    let jsonPath: String?
    /// Trimmed values by field position; empty when absent.
    private var values: [String]
    /// JSON only: where each field's value is (or would be) in the file, by field position; a value
    /// taken from another file (a subscription enriching an order line) points there. Empty for CSV.
    private var sources: [FieldSource]
    /// The 1-based CSV column of each field, by field position, for `file:line:column` in messages.
    private let columns: [Int?]
    /// True when the values use a decimal comma (a `;`-separated or Excel "Unicode text" file).
    let decimalComma: Bool
    /// What to do about a missing required value, when the file's format explains why it can be
    /// missing (the API's customer list has no country).
    var advice: [Field: String] = [:]
    /// A Partner Center subscription that no order line matched: the API gives it no price.
    var isSubscriptionWithoutOrder = false

    /// `values`, `sources` (when not empty) and `columns` hold one entry per field, by position.
    init(file: String, line: Int?, jsonPath: String?, values: [String], sources: [FieldSource] = [],
         columns: [Int?], decimalComma: Bool) {
        self.file = file
        self.line = line
        self.jsonPath = jsonPath
        self.values = values
        self.sources = sources
        self.columns = columns
        self.decimalComma = decimalComma
    }

    /// A record with no values yet, each field located at `location` until it is set.
    init(file: String, line: Int?, jsonPath: String?, locatedAt location: SourceLocation, decimalComma: Bool) {
        let count = Field.allCases.count
        self.init(file: file, line: line, jsonPath: jsonPath, values: [String](repeating: "", count: count),
                  sources: [FieldSource](repeating: .elsewhere(location), count: count), columns: [Int?](repeating: nil, count: count),
                  decimalComma: decimalComma)
    }

    /// The field's trimmed value, empty when absent.
    subscript(field: Field) -> String {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, jsonPath: jsonPath) }

    /// Where the field's value is: its CSV cell, or its JSON value's path.
    func location(of field: Field) -> SourceLocation {
        guard sources.isEmpty else {
            switch sources[field.rawValue] {
            case .underRecord(let relative): return SourceLocation(file: file, jsonPath: relative.resolved(against: jsonPath ?? ""))
            case .elsewhere(let location): return location
            }
        }
        return SourceLocation(file: file, line: line, column: columns[field.rawValue])
    }

    /// True for a CSV record: its fields are located by the file's columns, which every record of
    /// the file shares; a JSON record, or one that took values from another file, locates each field.
    var isLocatedByColumns: Bool { sources.isEmpty }

    /// Gives each field a location of its own (its CSV cell), so that values from elsewhere can be set.
    mutating func locateEachField() {
        if sources.isEmpty { sources = Field.allCases.map { .elsewhere(location(of: $0)) } }
    }

    /// Sets a field to a value read elsewhere (another file's), which its messages then point at.
    mutating func set(_ field: Field, to value: String, from source: SourceLocation) {
        locateEachField()
        values[field.rawValue] = value
        sources[field.rawValue] = .elsewhere(source)
    }

    /// Where each field is, for a JSON record: records of one shape give equal values, which a
    /// loader keeping records can share (`OrderLoader`).
    var fieldSources: [FieldSource] { sources }

    /// Where every field of the record is: the CSV column by field name, or each JSON value's path.
    var layout: FieldLayout {
        guard sources.isEmpty else {
            var elsewhere: [String: SourceLocation] = [:]
            var underRecord: [String: RelativeJSONPath] = [:]
            for (field, source) in zip(Field.allCases, sources) {
                switch source {
                case .underRecord(let relative): underRecord[field.name] = relative
                case .elsewhere(let location): elsewhere[field.name] = location
                }
            }
            return FieldLayout(sources: elsewhere, relativePaths: underRecord)
        }
        var columns: [String: Int] = [:]
        for field in Field.allCases { if let column = self.columns[field.rawValue] { columns[field.name] = column } }
        return FieldLayout(columns: columns)
    }
}

/// Where a JSON record's field is: in the record's file, at a path relative to the record's (no
/// string per field and record), or anywhere else (a CSV cell, another file's value).
enum FieldSource: Hashable, Sendable {
    case underRecord(RelativeJSONPath)
    case elsewhere(SourceLocation)
}
