/// Records written back as CSV text, for the round trip: what the parser read, written again,
/// must read back the same.
public enum CSVWriting {
    /// Every field quoted, quotes doubled, CRLF after each record.
    public static func allQuoted(_ records: [[String]], delimiter: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        for fields in records {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(delimiter) }
                appendQuoted(field, to: &bytes)
            }
            bytes += [0x0D, 0x0A]
        }
        return bytes
    }

    /// Fields quoted only when they must be (a delimiter, a quote, a CR or LF, or a first field
    /// that would otherwise read as a blank line), LF after each record.
    public static func minimallyQuoted(_ records: [[String]], delimiter: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        for fields in records {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(delimiter) }
                let utf8 = Array(field.utf8)
                let needsQuotes = utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                if needsQuotes { appendQuoted(field, to: &bytes) } else { bytes += utf8 }
            }
            bytes.append(0x0A)
        }
        return bytes
    }

    static func appendQuoted(_ field: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
    }
}
