/// An ISO 4217 currency and the number of digits of its minor unit.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The alphabetic code, upper case: `EUR`.
    public let code: String
    /// Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.
    public let minorDigits: Int

    /// The currency with this code (any case), or nil when it is not three ASCII letters.
    ///
    /// Codes not in the exceptions below have 2 minor digits, as ISO 4217 gives most currencies.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            return nil
        }
        self.code = upper
        self.minorDigits = Currency.minorDigitExceptions[upper] ?? 2
    }

    public var description: String { code }

    /// ISO 4217 currencies whose minor unit is not 2 digits.
    static let minorDigitExceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]
}

/// An exact decimal number as read from input: `significand / 10^scale`.
///
/// Prices stay exact until a rule rounds them to a currency's minor unit (R3), so that half cents
/// round the same way on every machine.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    public let significand: Int64
    public let scale: Int

    /// The largest significand accepted: 15 digits keep every rule's products inside Int128.
    public static let maximumSignificand: Int64 = 999_999_999_999_999
    public static let maximumScale = 6

    public init(significand: Int64, scale: Int) {
        precondition(scale >= 0 && scale <= ExactDecimal.maximumScale)
        self.significand = significand
        self.scale = scale
    }

    public var isNegative: Bool { significand < 0 }

    public var description: String {
        guard scale > 0 else { return String(significand) }
        let digits = String(significand.magnitude)
        let padded = digits.count > scale ? digits : String(repeating: "0", count: scale - digits.count + 1) + digits
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return (significand < 0 ? "-" : "") + padded[..<split] + "." + padded[split...]
    }
}

/// An amount of money in whole minor units of its currency (cents, yen).
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// `price x numerator / denominator`, rounded half-up to the currency's minor unit
    /// (docs/rules.md, "Where the documentation is silent"); nil when the amount is more than `minorUnits` can hold (about 92
    /// quadrillion euros), never a clamped or wrapped number. `denominator` must be positive.
    public init?(_ price: ExactDecimal, times numerator: Int128, over denominator: Int128, currency: Currency) {
        precondition(denominator > 0)
        var (scaledNumerator, overflow) = Int128(price.significand).multipliedReportingOverflow(by: numerator)
        var scaledDenominator = denominator
        var scaleOverflow = false
        if currency.minorDigits >= price.scale {
            (scaledNumerator, scaleOverflow) = scaledNumerator.multipliedReportingOverflow(by: Money.powerOfTen(currency.minorDigits - price.scale))
        } else {
            (scaledDenominator, scaleOverflow) = scaledDenominator.multipliedReportingOverflow(by: Money.powerOfTen(price.scale - currency.minorDigits))
        }
        guard !overflow && !scaleOverflow else { return nil }
        // Half-up, as commerce means it (Java's HALF_UP): halves go away from zero. On the
        // magnitude, a remainder of at least half the denominator rounds up (2r >= d, as r >= d - r
        // so that nothing is doubled).
        let divisor = scaledDenominator.magnitude
        let (quotient, remainder) = scaledNumerator.magnitude.quotientAndRemainder(dividingBy: divisor)
        let magnitude = quotient + (remainder >= divisor - remainder ? 1 : 0)
        guard let minorUnits = Int64(exactly: scaledNumerator < 0 ? -Int128(clamping: magnitude) : Int128(clamping: magnitude)) else { return nil }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The largest amount of the currency: what a bigger one is reported against.
    public static func largest(in currency: Currency) -> Money {
        Money(minorUnits: .max, currency: currency)
    }

    static func powerOfTen(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The amount with exactly the currency's minor digits and a point: `1234.50`, `1235` (JPY).
    public var plainString: String {
        let digits = currency.minorDigits
        let magnitude = minorUnits.magnitude
        guard digits > 0 else { return (minorUnits < 0 ? "-" : "") + String(magnitude) }
        let unit = UInt64(Money.powerOfTen(digits))
        let whole = magnitude / unit
        let fraction = Int(magnitude % unit)
        return (minorUnits < 0 ? "-" : "") + "\(whole).\(fraction.zeroPadded(digits))"
    }

    public var description: String { "\(plainString) \(currency.code)" }
}
