import PortalViewModels

/// `products.csv` as a spreadsheet opens it: UTF-8 with a byte-order mark (Excel otherwise reads
/// it in the system's code page), CRLF line ends, RFC 4180 quoting, and every cell that a
/// spreadsheet would take for a formula neutralised (CSV injection).
///
/// Cells are written as bytes straight into the file: everything that decides a cell's quoting is
/// ASCII, so one look at its UTF-8 is enough, with no `String` made per cell.
public enum SpreadsheetCSV {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func file(_ export: ProductsExport) -> [UInt8] {
        var bytes = byteOrderMark
        bytes.reserveCapacity(256 * (export.rows.count + 1))
        var separator = export.separator
        separator.withUTF8 { separator in
            appendRow(export.header, separator: separator, to: &bytes)
            for row in export.rows { appendRow(row, separator: separator, to: &bytes) }
        }
        return bytes
    }

    private static func appendRow(_ row: [String], separator: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(contentsOf: separator) }
            appendCell(value, separator: separator, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Bytes that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one
    /// behind them): `=`, `+`, `-`, `@`, tab, CR.
    @inline(__always)
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// One cell, as text: see `appendCell`.
    static func cell(_ value: String, separator: String) -> String {
        var bytes: [UInt8] = []
        var separator = separator
        separator.withUTF8 { appendCell(value, separator: $0, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One cell: a value that starts like a formula gets a leading `'`, which spreadsheets show as
    /// text; quoted when it holds the separator, a quote or a line end. The separator is looked
    /// for in the bytes, as a spreadsheet splits them: a comma followed by a combining accent is
    /// still a comma to it.
    static func appendCell(_ value: String, separator: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            let neutralised = utf8.first.map(startsFormula) ?? false
            // The leading `'` counts in the search too: it could be (part of) the separator.
            let quoted = needsQuotes(utf8, neutralised: neutralised, separator: separator)
            if quoted { bytes.append(UInt8(ascii: "\"")) }
            if neutralised { bytes.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>, neutralised: Bool, separator: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in utf8 where byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return true }
        guard let firstSeparatorByte = separator.first else { return false }
        if neutralised && firstSeparatorByte == UInt8(ascii: "'") {
            let text = [UInt8(ascii: "'")] + Array(utf8)
            return text.withUnsafeBufferPointer { contains($0, separator) }
        }
        return contains(utf8, separator)
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 0, haystack.count >= needle.count else { return needle.isEmpty }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0] {
                var matched = 1
                while matched < needle.count && haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
