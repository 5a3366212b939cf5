import Foundation
import Synchronization

/// A time zone that pages are shown in (docs/time.md): rules compute in UTC, and a reader sees each
/// instant at the wall-clock time of its own zone.
///
/// The offsets come from Foundation's copy of the tz database (the Swift toolchain's ICU data, whose
/// release `TimeZone.timeZoneDataVersion` names), read once per zone into a table of transitions:
/// the same bytes on every machine with the same toolchain, and no lock taken per date of 50,000
/// pages.
public struct DisplayZone: Hashable, Sendable, CustomStringConvertible {
    /// The IANA name as the input spelled it once matched (`Europe/Paris`); `UTC` for UTC.
    public let identifier: String
    private let offsets: ZoneOffsets

    public static let utc = DisplayZone(identifier: "UTC", offsets: ZoneOffsets(fixed: 0))

    private init(identifier: String, offsets: ZoneOffsets) {
        self.identifier = identifier
        self.offsets = offsets
    }

    /// The zone of an IANA name (`Europe/Paris`, `asia/tokyo`, `Etc/GMT-14`, `UTC`), or nil when the
    /// tz database has no such zone. Offsets (`+01:00`, `GMT+1`) and abbreviations (`CEST`) are not
    /// zone names: an offset does not follow daylight saving time.
    public init?(identifier text: String) {
        if let cached = Self.cache.withLock({ $0[text] }) {
            self = cached
            return
        }
        guard let identifier = Self.canonicalName(text),
              let zone = Self.isUTC(identifier) ? TimeZone(identifier: "GMT") : TimeZone(identifier: identifier) else { return nil }
        let made = Self.isUTC(identifier) ? .utc : DisplayZone(identifier: identifier, offsets: ZoneOffsets(zone))
        Self.cache.withLock { $0[text] = made }
        self = made
    }

    /// What an input is told when a zone name is not one: `customers.csv:4: error: timezone: …`.
    public static let unknownNameAdvice = "unknown time zone; expected an IANA name such as Europe/Paris, America/New_York or UTC"

    /// Zones already read, by the name as written: each customer of a country shares one table.
    private static let cache = Mutex<[String: DisplayZone]>([:])

    /// Every zone name Foundation lists, by its lower-case spelling, for names typed in another case.
    private static let namesByLowercase: [String: String] = {
        var names: [String: String] = ["utc": "UTC", "etc/utc": "Etc/UTC", "gmt": "GMT"]
        for name in TimeZone.knownTimeZoneIdentifiers { names[name.lowercased()] = name }
        return names
    }()

    static func canonicalName(_ text: String) -> String? {
        // Foundation also reads `GMT+1` and `UTC+1` as zones, renamed `GMT+0100`: a zone it keeps the
        // name of is one of the database's own names, links (`Asia/Calcutta`) included.
        if let zone = TimeZone(identifier: text), zone.identifier == text || (Self.isUTC(text) && zone.identifier == "GMT") {
            return text
        }
        return namesByLowercase[text.lowercased()]
    }

    static func isUTC(_ identifier: String) -> Bool {
        ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"].contains(identifier)
    }

    public var isUTC: Bool { identifier == "UTC" }

    /// Milliseconds to add to a UTC instant to get the wall-clock time in this zone.
    public func offsetMilliseconds(at instant: Instant) -> Int64 {
        offsets.offset(at: instant.millisecondsSinceEpoch)
    }

    /// The wall-clock date and time of `instant` in this zone.
    public func wallClock(_ instant: Instant) -> (date: CivilDate, time: TimeOfDay) {
        let shifted = instant.adding(milliseconds: offsetMilliseconds(at: instant))
        return (shifted.date, shifted.timeOfDay)
    }

    /// The calendar date `instant` falls on in this zone: the day a reader of this zone calls it.
    public func date(of instant: Instant) -> CivilDate {
        instant.adding(milliseconds: offsetMilliseconds(at: instant)).date
    }

    /// `UTC`, `UTC+1`, `UTC+5:30`, `UTC-3`: the offset in force at `instant`.
    public func offsetText(at instant: Instant) -> String {
        let minutes = offsetMilliseconds(at: instant) / 60_000
        guard minutes != 0 else { return "UTC" }
        let sign = minutes < 0 ? "-" : "+"
        let hours = Int(abs(minutes) / 60), rest = Int(abs(minutes) % 60)
        return "UTC\(sign)\(hours)" + (rest == 0 ? "" : ":\(rest.zeroPadded(2))")
    }

    /// The city the zone is named after, as the tz database writes it with spaces (`New York`,
    /// `Buenos Aires`); nil for UTC and the zones named after an offset or an abbreviation
    /// (`Etc/GMT-14`, `EST`), which are told by their offset instead.
    public var city: String? {
        guard !isUTC, identifier.contains("/"), !identifier.hasPrefix("Etc/") else { return nil }
        let last = identifier.split(separator: "/").last.map(String.init) ?? identifier
        return last.replacingOccurrences(of: "_", with: " ")
    }

    /// The city as French writes it (`Bruxelles`), else as the tz database does.
    public var frenchCity: String? {
        CountryTimeZones.frenchCityNames[identifier] ?? city
    }

    public var description: String { identifier }

    public static func == (lhs: DisplayZone, rhs: DisplayZone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

extension DisplayZone {
    /// The zone a customer reads its portal in (docs/rules.md, "Time"): its own `timezone`, else its
    /// country's only zone, else the site's `timeZone`, else UTC.
    public static func reading(customer: Customer, site: SiteSettings) -> DisplayZone {
        if let own = customer.timeZone { return own }
        if let name = CountryTimeZones.onlyZone[customer.country], let zone = DisplayZone(identifier: name) { return zone }
        return site.timeZone ?? .utc
    }

    /// The zone of the partner's own pages: the site's `timeZone`, else UTC.
    public static func partner(site: SiteSettings) -> DisplayZone {
        site.timeZone ?? .utc
    }
}

/// One zone's UTC offsets as a sorted table of transitions, read from Foundation once: a lookup is
/// a binary search in two arrays, with no lock and no allocation.
private final class ZoneOffsets: Sendable {
    /// The instants (milliseconds since 1970) at which each offset starts; `starts[0]` is the table's start.
    private let starts: [Int64]
    /// The offset in force from `starts[i]`, in milliseconds.
    private let offsets: [Int64]
    /// For instants outside the table, asked of Foundation.
    private let zone: TimeZone?

    /// 1970-01-01 to 2200-01-01: every date the pages show in practice.
    private static let tableStart: Int64 = 0
    private static let tableEnd: Int64 = 7_258_118_400_000

    init(fixed offset: Int64) {
        self.starts = [Self.tableStart]
        self.offsets = [offset]
        self.zone = nil
    }

    init(_ zone: TimeZone) {
        var starts = [Self.tableStart], offsets = [Self.secondsFromGMT(zone, Self.tableStart)]
        var cursor = Date(timeIntervalSince1970: 0)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor {
            let milliseconds = Int64((next.timeIntervalSince1970 * 1_000).rounded())
            guard milliseconds < Self.tableEnd else { break }
            let offset = Self.secondsFromGMT(zone, milliseconds)
            if offset != offsets.last {
                starts.append(milliseconds)
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        self.zone = zone
    }

    private static func secondsFromGMT(_ zone: TimeZone, _ milliseconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1_000))) * 1_000
    }

    func offset(at milliseconds: Int64) -> Int64 {
        guard milliseconds >= Self.tableStart && milliseconds < Self.tableEnd else {
            guard let zone else { return offsets[0] }
            // Seconds, floored, as Foundation reads them: a millisecond before a transition is before it.
            return Self.secondsFromGMT(zone, milliseconds.floorDivided(by: 1_000) * 1_000)
        }
        var low = 0, high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= milliseconds { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}
