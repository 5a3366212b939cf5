/// Header and key names are matched loosely: case, spaces, underscores and hyphens are ignored, so
/// `Customer ID`, `customer_id`, `customerId` and `CUSTOMER-ID` are the same field (docs/data-format.md).
enum FieldName {
    static func normalized(_ name: String) -> String {
        // ASCII names (nearly all of them): lower-cased byte by byte, no Unicode tables.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                bytes.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
            }
            return String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        }
        var result = ""
        result.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars where scalar != " " && scalar != "_" && scalar != "-" && scalar != "\u{FEFF}" {
            result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return result.trimmingWhitespace()
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, no-break spaces and line breaks.
    func trimmingWhitespace() -> String {
        // Most values start and end with a printable ASCII byte: nothing to trim, no Unicode lookup.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
