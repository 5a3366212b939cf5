import PortalViewModels

/// `products.csv` as a spreadsheet opens it: UTF-8 with a byte-order mark (Excel otherwise reads
/// it in the system's code page), CRLF line ends, RFC 4180 quoting, and every cell that a
/// spreadsheet would take for a formula neutralised (CSV injection).
public enum SpreadsheetCSV {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func file(_ export: ProductsExport) -> [UInt8] {
        var bytes = byteOrderMark
        for row in [export.header] + export.rows {
            bytes += Array(row.map { cell($0, separator: export.separator) }.joined(separator: export.separator).utf8)
            bytes += [0x0D, 0x0A]
        }
        return bytes
    }

    /// Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one
    /// behind them): `=`, `+`, `-`, `@`, tab, CR.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One cell: a value that starts like a formula gets a leading `'`, which spreadsheets show as
    /// text; quoted when it holds the separator, a quote or a line end.
    static func cell(_ value: String, separator: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) { text = "'" + text }
        guard text.contains(separator) || text.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}
