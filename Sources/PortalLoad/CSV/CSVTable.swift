import PortalRecords

/// Reads a CSV text into raw records for a schema, collecting every problem found.
enum CSVTable {
    static func records(in raw: [UInt8], file: String, schema: InputSchema, diagnostics: inout [Diagnostic]) -> [RawRecord] {
        var records: [RawRecord] = []
        forEachRecord(.bytes(raw), file: file, schema: schema, diagnostics: &diagnostics) { record, _ in records.append(record) }
        return records
    }

    /// Calls `body` with each record of a CSV text, in order, as it is read; header and row problems
    /// become diagnostics. A syntax or encoding error ends the file: the records before it were seen.
    static func forEachRecord(_ stream: CSVStream, file: String, schema: InputSchema, diagnostics: inout [Diagnostic],
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
}
