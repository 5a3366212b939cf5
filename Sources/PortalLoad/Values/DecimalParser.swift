import Foundation
import PortalRecords

/// Reads decimal numbers as written in exports: `1234.56`, `1,234.56`; with a decimal comma,
/// `1234,56`, `1 234,56` (normal or narrow no-break space) and `1.234,56`.
enum DecimalParser {
    enum Failure: Error {
        case malformed
        case tooLarge
    }

    /// `1.234` or `-12.345.678`: groups of three after a first group of one to three digits.
    static func isGroupedByThousands(_ text: String, separator: Character) -> Bool {
        let groups = (text.hasPrefix("-") ? text.dropFirst() : text[...]).split(separator: separator, omittingEmptySubsequences: false)
        return groups.count > 1 && (1...3).contains(groups[0].count)
            && groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    static func parse(_ text: String, decimalComma: Bool) throws(Failure) -> ExactDecimal {
        var body = text
        if decimalComma {
            body = String(body.unicodeScalars.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" && $0 != "'" })
            if body.contains(",") {
                body = body.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else if isGroupedByThousands(body, separator: ".") {
                // 6.155 in a decimal-comma file is six thousand (German grouping), not six.
                body = body.replacingOccurrences(of: ".", with: "")
            }
        } else if body.contains(",") {
            // Thousands separators only where they group by three: 1,234,567.89
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            let lead = groups[0].hasPrefix("-") ? groups[0].dropFirst() : groups[0]
            guard (1...3).contains(lead.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .malformed }
            body = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
        }
        var bytes = Array(body.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var significand: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digitCount = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { throw .malformed }
                seenPoint = true
                continue
            }
            guard (48...57).contains(byte) else { throw .malformed }
            if seenPoint {
                // Trailing zeros beyond the supported scale change nothing.
                if scale == ExactDecimal.maximumScale {
                    guard byte == 48 else { throw .tooLarge }
                    continue
                }
                scale += 1
            }
            significand = significand * 10 + Int64(byte - 48)
            digitCount += 1
            guard significand <= ExactDecimal.maximumSignificand else { throw .tooLarge }
        }
        guard digitCount > 0 else { throw .malformed }
        return ExactDecimal(significand: negative ? -significand : significand, scale: scale)
    }
}
