import Foundation

/// The text a JSON number gives a field: the one Foundation's `JSONSerialization` gave when
/// csp-portal read JSON with it, so that a value reads the same as before (`2`, not `2.0`;
/// `1069.2`, the shortest text that reads back as the same Double, not `1069.2000000000000455`).
///
/// Integers up to 15 digits are their own text (the fast path: ids, quantities, line numbers).
/// Others go the way Foundation went: Int64 or UInt64 when they fit, Decimal for more than 17
/// digits, else Double; a number that is none of them (`1e400`) is not read, as Foundation refused it.
enum JSONNumberText {
    /// `literal` is a number as RFC 8259 writes it (the reader has checked its grammar).
    static func text(of literal: [UInt8]) -> String? {
        if literal.count <= 16, let fast = smallInteger(literal) { return fast }
        guard let double = value(of: String(decoding: literal, as: UTF8.self)) else { return nil }
        return text(of: double)
    }

    /// `-?[0-9]{1,15}` as its decimal text ("-0" is "0").
    private static func smallInteger(_ literal: [UInt8]) -> String? {
        let negative = literal.first == UInt8(ascii: "-")
        let digits = literal.count - (negative ? 1 : 0)
        guard digits >= 1, digits <= 15 else { return nil }
        var value: Int64 = 0
        for byte in literal.dropFirst(negative ? 1 : 0) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return String(negative ? -value : value)
    }

    /// The Double Foundation's NSNumber for this literal gave (`NSNumber.fromJSONNumber` in
    /// swift-corelibs-foundation, then `doubleValue`); nil when it refused the number.
    static func value(of string: String) -> Double? {
        let decimalIndex = string.firstIndex(of: ".")
        let exponentIndex = string.firstIndex(of: "e")
        let isInteger = decimalIndex == nil && exponentIndex == nil
        let isNegative = string.utf8.first == UInt8(ascii: "-")
        let digitCount = string[string.startIndex..<(exponentIndex ?? string.endIndex)].count
        if isInteger {
            if isNegative {
                if digitCount <= 19, let integer = Int64(string) { return Double(integer) }
            } else if digitCount <= 20, let integer = UInt64(string) {
                return Double(integer)
            }
        }
        var exponent = 0
        if let exponentIndex, let parsed = Int(string[string.index(after: exponentIndex)...]) {
            exponent = parsed
        }
        if digitCount > 17, exponent >= -128, exponent <= 127, let decimal = Decimal(string: string), decimal.isFinite {
            return NSDecimalNumber(decimal: decimal).doubleValue
        }
        if let double = Double(string), double.isFinite { return double }
        return nil
    }

    /// A whole number below 9e15 as an integer, any other as the shortest text that reads back as it.
    static func text(of double: Double) -> String {
        if double.rounded() == double, abs(double) < 9e15 { return String(Int64(double)) }
        return "\(double)"
    }
}
