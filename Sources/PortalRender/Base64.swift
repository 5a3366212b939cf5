/// Standard base64 (RFC 4648) with padding: CSP hash sources and MIME bodies.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var output = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = Array(bytes[start..<min(start + 3, bytes.count)]) + [0, 0]
            let value = UInt32(chunk[0]) << 16 | UInt32(chunk[1]) << 8 | UInt32(chunk[2])
            let characters = min(bytes.count - start, 3) + 1
            for index in 0..<4 {
                output.append(index < characters ? alphabet[Int(value >> UInt32(18 - index * 6) & 63)] : "=")
            }
        }
        return output
    }
}
