import PortalRecords

/// Dates, times, numbers and money written the way one language writes them, from its catalogue:
/// the same bytes on every machine (no system locale involved).
public struct LocaleFormat: Sendable {
    public let catalogue: Catalogue
    let monthNames: [String]
    let groupSeparator: String
    let decimalSeparator: String

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        let months = catalogue.text("formatMonths").split(separator: "|").map(String.init)
        self.monthNames = months.count == 12 ? months : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        self.groupSeparator = catalogue.text("formatGroupSeparator")
        self.decimalSeparator = catalogue.text("formatDecimalSeparator")
    }

    /// `Dec 2, 2026`
    public func date(_ instant: Instant) -> String {
        let date = instant.date
        return catalogue.text("formatDate", ["month": monthNames[date.month - 1], "day": String(date.day), "year": String(date.year)])
    }

    /// `Dec 2, 2026, 14:00 UTC`
    public func dateTime(_ instant: Instant) -> String {
        catalogue.text("formatDateTime", ["date": date(instant), "time": instant.timeOfDay.hhmm])
    }

    /// `1,234`
    public func number(_ value: Int) -> String {
        grouped(String(value.magnitude), negative: value < 0)
    }

    /// `€1,234.56`, `¥1,235`, `1,234.56 CHF` for a currency with no symbol in the catalogue.
    public func money(_ money: Money) -> String {
        let plain = money.plainString
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? String(plain.dropFirst()) : plain
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        var amount = grouped(String(parts[0]), negative: false)
        if parts.count > 1 { amount += decimalSeparator + parts[1] }
        let sign = negative ? "-" : ""
        if let symbol = catalogue.strings["currency\(money.currency.code)"] {
            return sign + catalogue.text("formatMoney", ["symbol": symbol, "amount": amount])
        }
        return sign + catalogue.text("formatMoneyCode", ["code": money.currency.code, "amount": amount])
    }

    /// `1 day left`, `3 days left`
    public func daysLeft(_ days: Int) -> String {
        catalogue.text(days == 1 ? "daysLeftOne" : "daysLeftOther", ["count": number(days)])
    }

    private func grouped(_ digits: String, negative: Bool) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += groupSeparator }
            result.append(digit)
        }
        return (negative ? "-" : "") + result
    }
}
