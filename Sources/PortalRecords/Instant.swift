/// A point in time, in whole milliseconds since 1970-01-01T00:00:00Z.
///
/// Every rule works on instants in UTC (docs/rules.md, "Time"); calendars and time zones only matter
/// when reading input and when showing a date. Milliseconds keep the arithmetic exact in integers
/// while the output is written with seconds precision.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static let millisecondsPerSecond: Int64 = 1_000
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// The first and last instants with a four-digit year in UTC. Every date written is ISO 8601
    /// with four digits: one outside these is a data error, never `10000-01-01` nor `0000-12-31`.
    public static let earliestWritable = Instant(CivilDate(year: 1, month: 1, day: 1)!)
    public static let latestWritable = Instant(CivilDate(year: 9999, month: 12, day: 31)!,
                                               TimeOfDay(hour: 23, minute: 59, second: 59, millisecond: 999))

    /// True when the instant's UTC date has four digits.
    public var isWritable: Bool { Self.earliestWritable <= self && self <= Self.latestWritable }

    /// The instant at `time` on `date`, UTC.
    public init(_ date: CivilDate, _ time: TimeOfDay = .midnight) {
        self.millisecondsSinceEpoch = date.daysSinceEpoch * Self.millisecondsPerDay + time.millisecondsSinceMidnight
    }

    /// The UTC calendar date this instant falls on.
    public var date: CivilDate {
        CivilDate(daysSinceEpoch: millisecondsSinceEpoch.floorDivided(by: Self.millisecondsPerDay))
    }

    /// The UTC wall-clock time of this instant.
    public var timeOfDay: TimeOfDay {
        TimeOfDay(millisecondsSinceMidnight: millisecondsSinceEpoch.floorModulo(Self.millisecondsPerDay))
    }

    public func adding(milliseconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    public func adding(days: Int64) -> Instant {
        adding(milliseconds: days * Self.millisecondsPerDay)
    }

    public func adding(minutes: Int64) -> Instant {
        adding(milliseconds: minutes * 60_000)
    }

    /// Calendar arithmetic in UTC: the same wall-clock time `months` later, the day clamped to the
    /// end of a shorter month (Jan 31 + P1M = Feb 28 or 29; Feb 29 + P1Y = Feb 28).
    public func adding(months: Int) -> Instant {
        Instant(date.adding(months: months), timeOfDay)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// Milliseconds from `other` to `self` (negative when `other` is later).
    public func milliseconds(since other: Instant) -> Int64 {
        millisecondsSinceEpoch - other.millisecondsSinceEpoch
    }

    /// ISO 8601 in UTC with seconds precision: `2026-11-25T00:00:00Z`.
    public var iso8601: String {
        "\(date.iso8601)T\(timeOfDay.hhmmss)Z"
    }

    public var description: String { iso8601 }
}

/// A wall-clock time, as milliseconds since midnight.
public struct TimeOfDay: Hashable, Sendable {
    public let millisecondsSinceMidnight: Int64

    public static let midnight = TimeOfDay(millisecondsSinceMidnight: 0)

    public init(millisecondsSinceMidnight: Int64) {
        self.millisecondsSinceMidnight = millisecondsSinceMidnight
    }

    public init(hour: Int, minute: Int, second: Int = 0, millisecond: Int = 0) {
        self.millisecondsSinceMidnight = Int64(((hour * 60 + minute) * 60 + second) * 1_000 + millisecond)
    }

    public var hour: Int { Int(millisecondsSinceMidnight / 3_600_000) }
    public var minute: Int { Int(millisecondsSinceMidnight / 60_000 % 60) }
    public var second: Int { Int(millisecondsSinceMidnight / 1_000 % 60) }

    /// `14:03:00`
    public var hhmmss: String {
        "\(hour.zeroPadded(2)):\(minute.zeroPadded(2)):\(second.zeroPadded(2))"
    }

    /// `14:03`
    public var hhmm: String {
        "\(hour.zeroPadded(2)):\(minute.zeroPadded(2))"
    }
}

extension Int64 {
    @inlinable func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    @inlinable func floorModulo(_ divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}

extension Int {
    /// The number in decimal, left-padded with zeros to `width` digits.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self.magnitude)
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return self < 0 ? "-" + padded : padded
    }
}
