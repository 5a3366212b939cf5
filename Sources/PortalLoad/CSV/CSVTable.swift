import PortalRecords

/// Reads a CSV text into raw records for a schema, collecting every problem found.
enum CSVTable {
    static func records<Field>(in raw: [UInt8], file: String, schema: InputSchema<Field>,
                               diagnostics: inout [Diagnostic]) -> [RawRecord<Field>] {
        var records: [RawRecord<Field>] = []
        forEachRecord(.bytes(raw), file: file, schema: schema, diagnostics: &diagnostics) { record, _ in records.append(record) }
        return records
    }

    /// Calls `body` with each record of a CSV text, in order, as it is read; header and row problems
    /// become diagnostics. A syntax or encoding error ends the file: the records before it were seen.
    static func forEachRecord<Field>(_ stream: CSVStream, file: String, schema: InputSchema<Field>, diagnostics: inout [Diagnostic],
                                     _ body: (RawRecord<Field>, inout [Diagnostic]) -> Void) {
        let fieldCount = Field.allCases.count
        var decimalComma = false
        var header: CSVRecord?
        var columnToField: [Field?] = []
        var fieldColumns = [Int?](repeating: nil, count: fieldCount)
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
                    for (column, field) in columnToField.enumerated() { if let field { fieldColumns[field.rawValue] = column + 1 } }
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
                var values = [String](repeating: "", count: fieldCount)
                for (column, value) in row.fields.prefix(header.fields.count).enumerated() {
                    if let field = columnToField[column] { values[field.rawValue] = value.trimmingWhitespace() }
                }
                body(RawRecord(file: file, line: row.line, jsonPath: nil, values: values,
                               columns: fieldColumns, decimalComma: decimalComma), &diagnostics)
            }
        } catch {
            switch error {
            case .encoding(let failure):
                diagnostics.append(failure.diagnostic(file: file))
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
    static func readHeader<Field>(_ header: CSVRecord, file: String, schema: InputSchema<Field>, columnToField: inout [Field?],
                                  diagnostics: inout [Diagnostic]) -> Bool {
        var seen: [Field: Int] = [:]
        for (column, name) in header.fields.enumerated() {
            let field = schema.field(forHeader: name)
            if let field, let first = seen[field] {
                diagnostics.append(.error(at: SourceLocation(file: file, line: header.line, column: column + 1),
                                          field: field.name,
                                          "the column appears twice (columns \(first + 1) and \(column + 1))", value: name))
                columnToField.append(nil)
                continue
            }
            if let field { seen[field] = column }
            columnToField.append(field)
        }
        let missing = schema.required.filter { seen[$0] == nil }.map(\.name)
        guard missing.isEmpty else {
            diagnostics.append(.error(at: SourceLocation(file: file, line: header.line),
                                      "missing required column\(missing.count > 1 ? "s" : ""): \(missing.joined(separator: ", ")) (the header has: \(header.fields.joined(separator: ", ")))"))
            return false
        }
        return true
    }
}
