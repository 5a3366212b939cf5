import PortalRecords
import Foundation

/// SHA-256 (FIPS 180-4), for the `'sha256-…'` sources of a page's Content-Security-Policy.
/// Foundation on Linux has no digest API, and one hash per page does not justify a dependency.
enum SHA256 {
    static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func digest(_ message: [UInt8]) -> [UInt8] {
        var hash: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }

        var schedule = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            for i in 0..<16 {
                let base = chunk + i * 4
                schedule[i] = UInt32(padded[base]) << 24 | UInt32(padded[base + 1]) << 16 | UInt32(padded[base + 2]) << 8 | UInt32(padded[base + 3])
            }
            for i in 16..<64 {
                let s0 = rotate(schedule[i - 15], 7) ^ rotate(schedule[i - 15], 18) ^ (schedule[i - 15] >> 3)
                let s1 = rotate(schedule[i - 2], 17) ^ rotate(schedule[i - 2], 19) ^ (schedule[i - 2] >> 10)
                schedule[i] = schedule[i - 16] &+ s0 &+ schedule[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7])
            for i in 0..<64 {
                let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                let choice = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ choice &+ roundConstants[i] &+ schedule[i]
                let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ majority
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (index, value) in [a, b, c, d, e, f, g, h].enumerated() { hash[index] &+= value }
        }
        return hash.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - $0 * 8)) } }
    }

    static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { value >> count | value << (32 - count) }

}

/// The Content-Security-Policy of a generated page: nothing from anywhere, the inline styles it
/// carries, and exactly its own inline scripts, by hash.
public enum ContentSecurityPolicy {
    /// The token a template puts in `<meta http-equiv="Content-Security-Policy" content="…">`.
    public static let placeholder = "CSP-POLICY"

    /// Replaces the placeholder in `html` with a policy that allows its inline scripts by hash.
    public static func apply(to html: String) -> String {
        String(decoding: apply(to: Array(html.utf8)), as: UTF8.self)
    }

    /// The same on UTF-8 bytes: it runs on every page, 50,000 times for a large partner. The page
    /// is changed in place (a 23 MB overview is not copied).
    public static func apply(to page: consuming [UInt8]) -> [UInt8] {
        var bytes = page
        // The meta tag comes before any value from the input, so only the first occurrence is ours.
        guard let slot = bytes.firstRange(of: placeholderBytes, from: 0) else { return bytes }
        var sources: [String] = []
        var position = slot.upperBound
        while let open = bytes.firstRange(of: scriptOpen, from: position),
              let close = bytes.firstRange(of: scriptClose, from: open.upperBound) {
            sources.append("'sha256-\(Base64.encode(SHA256.digest(Array(bytes[open.upperBound..<close.lowerBound]))))'")
            position = close.upperBound
        }
        let script = sources.isEmpty ? "'none'" : sources.joined(separator: " ")
        let policy = "default-src 'none'; style-src 'unsafe-inline'; script-src \(script); base-uri 'none'; form-action 'none'"
        bytes.replaceSubrange(slot, with: policy.utf8)
        return bytes
    }

    static let placeholderBytes = Array(placeholder.utf8)
    static let scriptOpen = Array("<script>".utf8)
    static let scriptClose = Array("</script>".utf8)
}
