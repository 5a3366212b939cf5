import PortalRecords

/// Dates, times, numbers and money written the way one language writes them, from its catalogue:
/// the same bytes on every machine (no system locale involved). Dates and times are the reader's:
/// every instant is shown in `zone` and the zone is named (docs/time.md).
public struct LocaleFormat: Sendable {
    public let catalogue: Catalogue
    /// The reader's time zone: a customer's for its portal, the site's for the partner's pages.
    public let zone: DisplayZone
    let monthNames: [String]
    let groupSeparator: String
    let decimalSeparator: String
    /// `Paris time`, `heure de Paris`; nil for UTC and the zones named after an offset, whose times
    /// carry the offset instead (`UTC+14`).
    let zoneName: String?

    public init(catalogue: Catalogue, zone: DisplayZone = .utc) {
        self.catalogue = catalogue
        self.zone = zone
        let months = catalogue.text("formatMonths").split(separator: "|").map(String.init)
        self.monthNames = months.count == 12 ? months : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        self.groupSeparator = catalogue.text("formatGroupSeparator")
        self.decimalSeparator = catalogue.text("formatDecimalSeparator")
        if let city = catalogue.language == .fr ? zone.frenchCity : zone.city {
            // French elides before a vowel: "heure d'Amsterdam", "heure de Paris".
            self.zoneName = catalogue.text(Self.startsWithVowel(city) ? "zoneNameCityVowel" : "zoneNameCity", ["city": city])
        } else {
            self.zoneName = nil
        }
    }

    static func startsWithVowel(_ text: String) -> Bool {
        guard let first = text.lowercased().unicodeScalars.first else { return false }
        return "aeiouàâäéèêëîïôöùûüœæ".unicodeScalars.contains(first)
    }

    /// `Dec 2, 2026`: the day `instant` falls on in the reader's zone.
    public func date(_ instant: Instant) -> String {
        civilDate(zone.date(of: instant))
    }

    func civilDate(_ date: CivilDate) -> String {
        catalogue.text("formatDate", ["month": monthNames[date.month - 1], "day": String(date.day), "year": String(date.year)])
    }

    /// `Dec 2, 2026, 15:00 Paris time`, `2 déc. 2026 à 15:00, heure de Paris`, `Dec 2, 2026, 14:00 UTC`.
    public func dateTime(_ instant: Instant) -> String {
        let (date, time) = zone.wallClock(instant)
        return catalogue.text("formatDateTime", ["date": civilDate(date), "time": zonedTime(time, at: instant)])
    }

    /// `Dec 1, 2026 09:00`, `1 déc. 2026 09:00`: a wall-clock date and time of the reader's zone
    /// to the minute, for a text that names the zone once (`period`). A time the clocks show twice,
    /// when they go back, carries its offset (`02:30 UTC+1`).
    public func clock(_ instant: Instant) -> String {
        let (date, time) = zone.wallClock(instant)
        let repeated = [-3_600_000, -1_800_000, 1_800_000, 3_600_000].contains { shift in
            let other = zone.wallClock(instant.adding(milliseconds: Int64(shift)))
            return other.date == date && other.time == time
        }
        let timeText = repeated ? catalogue.text("formatTimeWithOffset", ["time": time.hhmm, "offset": zone.offsetText(at: instant)]) : time.hhmm
        return catalogue.text("formatDateClock", ["date": civilDate(date), "time": timeText])
    }

    /// A period [from, to) to the minute, its zone named once: `from Nov 23, 2026 00:00 to Dec 1,
    /// 2026 09:00 (Europe/Paris)`. `key` names the catalogue string, given `{from}`, `{to}`,
    /// `{zone}` and `{lastDay}`, the day of its last minute; a period that ends at midnight says
    /// it (`key` + `ThroughDay`): "to Nov 30 00:00" alone reads as if Nov 30 were in it.
    public func period(from: Instant, to: Instant, key: String) -> String {
        let endsAtMidnight = zone.wallClock(to).time == .midnight
        return catalogue.text(endsAtMidnight ? key + "ThroughDay" : key, [
            "from": clock(from), "to": clock(to), "zone": zone.identifier, "lastDay": date(to.adding(milliseconds: -1)),
        ])
    }

    /// `15:00 Paris time`, `14:00 UTC`, `00:00 UTC+14`.
    func zonedTime(_ time: TimeOfDay, at instant: Instant) -> String {
        if let zoneName {
            return catalogue.text("formatTimeInZone", ["time": time.hhmm, "zone": zoneName])
        }
        return catalogue.text("formatTimeWithOffset", ["time": time.hhmm, "offset": zone.offsetText(at: instant)])
    }

    /// "Information as of …", naming the reader's zone once for the whole page: whole-day dates are
    /// that zone's days too.
    public func asOf(_ instant: Instant) -> String {
        guard !zone.isUTC else { return catalogue.text("asOf", ["date": dateTime(instant)]) }
        return catalogue.text("asOfInZone", ["date": dateTime(instant), "zone": zoneName ?? zone.offsetText(at: instant),
                                             "identifier": zone.identifier])
    }

    /// How long until `deadline`, as the reader counts it (docs/time.md): under 48 hours, the hours
    /// left (minutes under one hour), with "today" or "tomorrow" when the deadline falls on the
    /// reader's today or tomorrow; beyond, the calendar days from the reader's today to the
    /// deadline's date, so that "Dec 5" seen on Dec 1 is "in 4 days". Hours and minutes are whole
    /// ones, rounded down: a reader is never told more time than there is.
    public func countdown(until deadline: Instant, asOf: Instant) -> String {
        let remaining = deadline.milliseconds(since: asOf)
        let days = zone.date(of: deadline).daysSinceEpoch - zone.date(of: asOf).daysSinceEpoch
        guard remaining < 48 * Self.millisecondsPerHour else {
            // A local day can last 25 hours: 48 hours ahead can still be tomorrow.
            return days == 1 ? catalogue.text("countdownTomorrow") : plural("countdownInDays", count: Int(days))
        }
        let left: String
        if remaining <= 0 {
            return catalogue.text("countdownNone")
        } else if remaining < 60_000 {
            left = catalogue.text("countdownUnderMinute")
        } else if remaining < Self.millisecondsPerHour {
            left = plural("countdownMinutes", count: Int(remaining / 60_000))
        } else {
            left = plural("countdownHours", count: Int(remaining / Self.millisecondsPerHour))
        }
        switch days {
        case 0: return catalogue.text("countdownTodayLeft", ["left": left])
        case 1: return catalogue.text("countdownTomorrowLeft", ["left": left])
        default: return left
        }
    }

    static let millisecondsPerHour: Int64 = 3_600_000

    /// The plural form of `base` that the catalogue gives `count` (`productsShown.one`,
    /// `productsShown.other`), its `{count}` written as this language writes numbers.
    public func plural(_ base: String, count: Int, _ arguments: KeyValuePairs<String, String> = [:]) -> String {
        catalogue.text(catalogue.pluralKey(base, count: count),
                       arguments: [(key: "count", value: number(count))] + arguments.map { (key: $0.key, value: $0.value) })
    }

    /// `Cuba, Iran and Syria`, `Cuba, Iran et Syrie`.
    public func list(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return catalogue.text("formatListLast", ["rest": items.dropLast().joined(separator: ", "), "last": last])
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

    private func grouped(_ digits: String, negative: Bool) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += groupSeparator }
            result.append(digit)
        }
        return (negative ? "-" : "") + result
    }
}
