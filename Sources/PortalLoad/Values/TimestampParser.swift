import Foundation
import PortalRecords

/// Reads timestamps as docs/rules.md "Time" says: an offset or `Z` wins; a timestamp without one is
/// read in the given zone; a date alone is 00:00 of that day in that zone.
public struct TimestampParser: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.timeZone = timeZone
    }

    public enum Failure: Error, Equatable, Sendable {
        case malformed
        case impossible(String)
    }

    /// `2026-11-20`, `2026-11-20T14:03`, `2026-11-20 14:03:00`, `2026-11-20T14:03:00.3058617Z`,
    /// `2026-11-20T14:03:00+01:00` (or `+0100`).
    public func parse(_ text: String) throws(Failure) -> Instant {
        let instant = try parseAnyYear(text)
        // An offset or a zone can move 9999-12-31T23:00 into year 10000 in UTC, which no date can show.
        guard instant.isWritable else {
            throw .impossible("\(instant.iso8601) in UTC, outside 0001-01-01 to 9999-12-31")
        }
        return instant
    }

    private func parseAnyYear(_ text: String) throws(Failure) -> Instant {
        var scanner = ByteScanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
              let day = scanner.digits(2) else { throw .malformed }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw .impossible("\(text.prefix(10)) is not a date in the calendar")
        }
        if scanner.atEnd { return localToInstant(date, .midnight) }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") else { throw .malformed }
        guard let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2) else { throw .malformed }
        var second = 0, millisecond = 0
        if scanner.skip(":") {
            guard let s = scanner.digits(2) else { throw .malformed }
            second = s
            if scanner.skip(".") || scanner.skip(",") {
                guard let (fraction, count) = scanner.fraction(), count > 0 else { throw .malformed }
                millisecond = fraction
            }
        }
        guard hour <= 23, minute <= 59, second <= 59 else {
            throw .impossible("\(hour.zeroPadded(2)):\(minute.zeroPadded(2)):\(second.zeroPadded(2)) is not a time of day")
        }
        let time = TimeOfDay(hour: hour, minute: minute, second: second, millisecond: millisecond)
        if scanner.atEnd { return localToInstant(date, time) }
        if scanner.skip("Z") || scanner.skip("z") {
            guard scanner.atEnd else { throw .malformed }
            return Instant(date, time)
        }
        let sign: Int64
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { throw .malformed }
        guard let offsetHours = scanner.digits(2) else { throw .malformed }
        _ = scanner.skip(":")
        guard let offsetMinutes = scanner.digits(2), scanner.atEnd else { throw .malformed }
        guard offsetHours <= 18, offsetMinutes <= 59 else { throw .impossible("the UTC offset is out of range") }
        let offset = sign * Int64(offsetHours * 60 + offsetMinutes) * 60_000
        return Instant(date, time).adding(milliseconds: -offset)
    }

    /// A wall-clock time in `timeZone`; in a gap or overlap of a daylight-saving change, the offset
    /// in force just after it.
    func localToInstant(_ date: CivilDate, _ time: TimeOfDay) -> Instant {
        let wall = Instant(date, time)
        guard timeZone.identifier != "UTC" && timeZone.identifier != "GMT" else { return wall }
        let asDate = Date(timeIntervalSince1970: Double(wall.millisecondsSinceEpoch) / 1_000)
        let firstGuess = Int64(timeZone.secondsFromGMT(for: asDate)) * 1_000
        let candidate = wall.adding(milliseconds: -firstGuess)
        let candidateDate = Date(timeIntervalSince1970: Double(candidate.millisecondsSinceEpoch) / 1_000)
        let corrected = Int64(timeZone.secondsFromGMT(for: candidateDate)) * 1_000
        return wall.adding(milliseconds: -corrected)
    }
}

struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }

    /// A run of digits read as a fraction of a second, in milliseconds (extra digits truncated).
    mutating func fraction() -> (milliseconds: Int, digits: Int)? {
        var milliseconds = 0, count = 0
        while index < bytes.count, (48...57).contains(bytes[index]) {
            if count < 3 { milliseconds = milliseconds * 10 + Int(bytes[index] - 48) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in min(count, 3)..<3 { milliseconds *= 10 }
        return (milliseconds, count)
    }
}
