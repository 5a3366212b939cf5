/// Standard base64 (RFC 4648) with padding: CSP hash sources and MIME bodies.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the encoding of `bytes` to `output`; with a `lineLength`, a CRLF after every
    /// `lineLength` characters but the last (MIME bodies: 76).
    static func append(_ bytes: [UInt8], lineLength: Int? = nil, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + (bytes.count + 2) / 3 * 4 + (bytes.count / 57 + 1) * 2)
        var lineCount = 0
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let available = min(bytes.count - start, 3)
            let value = UInt32(bytes[start]) << 16
                | UInt32(available > 1 ? bytes[start + 1] : 0) << 8
                | UInt32(available > 2 ? bytes[start + 2] : 0)
            if let lineLength, lineCount == lineLength {
                output += [0x0D, 0x0A]
                lineCount = 0
            }
            for index in 0..<4 {
                output.append(index <= available ? alphabet[Int(value >> UInt32(18 - index * 6) & 63)] : UInt8(ascii: "="))
            }
            lineCount += 4
        }
    }
}
