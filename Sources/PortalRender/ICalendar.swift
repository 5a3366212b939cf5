import PortalRecords
import PortalViewModels

/// `deadlines.ics` as RFC 5545 text: CRLF line ends, lines folded at 75 octets without cutting a
/// UTF-8 character, every value from the input escaped as TEXT (`\\`, `\;`, `\,`, `\n`) and other
/// control characters dropped, so that no value can end a line and start a property of its own.
public enum ICalendar {
    /// The whole calendar.
    public static func file(_ calendar: DeadlineCalendar) -> [UInt8] {
        var bytes = begin(calendar)
        for event in calendar.events { append(event, of: calendar, to: &bytes) }
        bytes += end
        return bytes
    }

    /// The calendar's properties, before its events.
    public static func begin(_ calendar: DeadlineCalendar) -> [UInt8] {
        var bytes: [UInt8] = []
        line("BEGIN:VCALENDAR", to: &bytes)
        line("VERSION:2.0", to: &bytes)
        line("PRODID:-//csp-portal//deadlines//\(calendar.language.uppercased())", to: &bytes)
        line("CALSCALE:GREGORIAN", to: &bytes)
        line("METHOD:PUBLISH", to: &bytes)
        // NAME is RFC 7986's; X-WR-CALNAME is what most calendar applications read.
        line("NAME:" + text(calendar.name), to: &bytes)
        line("X-WR-CALNAME:" + text(calendar.name), to: &bytes)
        return bytes
    }

    public static let end = Array("END:VCALENDAR\r\n".utf8)

    /// One event, stamped with the calendar's as-of.
    public static func append(_ event: CalendarEvent, of calendar: DeadlineCalendar, to bytes: inout [UInt8]) {
        let language = ";LANGUAGE=" + calendar.language
        line("BEGIN:VEVENT", to: &bytes)
        line("UID:" + text(event.uid), to: &bytes)
        line("DTSTAMP:" + dateTime(calendar.asOf), to: &bytes)
        switch event.start {
        case .moment(let instant):
            line("DTSTART:" + dateTime(instant), to: &bytes)
        case .day(let date):
            line("DTSTART;VALUE=DATE:" + basic(date), to: &bytes)
            line("DTEND;VALUE=DATE:" + basic(date.adding(days: 1)), to: &bytes)
        }
        line("SUMMARY\(language):" + text(event.summary), to: &bytes)
        line("DESCRIPTION\(language):" + text(event.description), to: &bytes)
        // A date to remember, not time taken: it does not make the reader look busy.
        line("TRANSP:TRANSPARENT", to: &bytes)
        for reminder in event.reminders {
            line("BEGIN:VALARM", to: &bytes)
            line("ACTION:DISPLAY", to: &bytes)
            line("DESCRIPTION\(language):" + text(event.summary), to: &bytes)
            line("TRIGGER:-" + duration(reminder), to: &bytes)
            line("END:VALARM", to: &bytes)
        }
        line("END:VEVENT", to: &bytes)
    }

    /// A content line, folded: at most 75 octets a line, each continuation starting with a space,
    /// never inside a UTF-8 sequence.
    static func line(_ content: String, to bytes: inout [UInt8]) {
        let utf8 = Array(content.utf8)
        var start = 0
        var limit = 75
        while utf8.count - start > limit {
            var cut = start + limit
            while cut > start && utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes += utf8[start..<cut]
            bytes += [0x0D, 0x0A, 0x20]
            start = cut
            limit = 74
        }
        bytes += utf8[start...]
        bytes += [0x0D, 0x0A]
    }

    /// RFC 5545 TEXT: backslash, semicolon and comma escaped, a line end written `\n`, any other
    /// control character (which TEXT does not allow) dropped; a tab is kept.
    static func text(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCR { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `20261125T090000Z`: UTC, to the second.
    static func dateTime(_ instant: Instant) -> String {
        let time = instant.timeOfDay
        return basic(instant.date) + "T" + time.hour.zeroPadded(2) + time.minute.zeroPadded(2) + time.second.zeroPadded(2) + "Z"
    }

    /// `20261125`
    static func basic(_ date: CivilDate) -> String {
        date.year.zeroPadded(4) + date.month.zeroPadded(2) + date.day.zeroPadded(2)
    }

    /// `P7D`, `PT48H`, `PT90M`: a reminder's lead, in the largest whole unit.
    static func duration(_ milliseconds: Int64) -> String {
        let minutes = milliseconds / 60_000
        if minutes % (24 * 60) == 0 { return "P\(minutes / (24 * 60))D" }
        if minutes % 60 == 0 { return "PT\(minutes / 60)H" }
        return "PT\(minutes)M"
    }
}
