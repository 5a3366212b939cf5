import PortalRecords

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
