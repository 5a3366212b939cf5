import PortalRecords
import PortalViewModels

/// `deadlines.ics` as RFC 5545 text: CRLF line ends, lines folded at 75 octets without cutting a
/// UTF-8 character, every value from the input escaped as TEXT (`\\`, `\;`, `\,`, `\n`) and other
/// control characters dropped, so that no value can end a line and start a property of its own.
///
/// Written as bytes, escaped and folded in one pass over each value's UTF-8 (`ContentLines`): a
/// large partner's calendars hold millions of lines, and a `String` a line cost more than the rest
/// of the calendar together.
public enum ICalendar {
    /// The whole calendar.
    public static func file(_ calendar: DeadlineCalendar) -> [UInt8] {
        var lines = ContentLines(capacity: 1024 + 640 * calendar.events.count)
        lines.begin(calendar)
        for event in calendar.events { lines.event(event, of: calendar) }
        lines.bytes += end
        return lines.bytes
    }

    /// The calendar's properties, before its events.
    public static func begin(_ calendar: DeadlineCalendar) -> [UInt8] {
        var lines = ContentLines(capacity: 512)
        lines.begin(calendar)
        return lines.bytes
    }

    public static let end = Array("END:VCALENDAR\r\n".utf8)

    /// One event, stamped with the calendar's as-of.
    public static func append(_ event: CalendarEvent, of calendar: DeadlineCalendar, to bytes: inout [UInt8]) {
        var lines = ContentLines(bytes: bytes)
        bytes = []   // uniquely referenced by `lines` while it appends
        lines.event(event, of: calendar)
        bytes = lines.bytes
    }

    /// `20261125T090000Z`: UTC, to the second.
    static func dateTime(_ instant: Instant) -> String {
        var lines = ContentLines(capacity: 16)
        lines.dateTime(instant)
        return String(decoding: lines.bytes, as: UTF8.self)
    }

    /// `P7D`, `PT48H`, `PT90M`: a reminder's lead, in the largest whole unit.
    static func duration(_ milliseconds: Int64) -> String {
        let minutes = milliseconds / 60_000
        if minutes % (24 * 60) == 0 { return "P\(minutes / (24 * 60))D" }
        if minutes % 60 == 0 { return "PT\(minutes / 60)H" }
        return "PT\(minutes)M"
    }
}

/// Content lines appended to a byte buffer, folded as they are written: at most 75 octets a line,
/// each continuation starting with a space, never inside a UTF-8 sequence.
struct ContentLines {
    var bytes: [UInt8]
    /// The octets the current physical line may still take.
    private var room = ContentLines.lineOctets
    static let lineOctets = 75

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func begin(_ calendar: DeadlineCalendar) {
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        name("PRODID:-//csp-portal//deadlines//")
        plain(calendar.language.uppercased())
        endLine()
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        // NAME is RFC 7986's; X-WR-CALNAME is what most calendar applications read.
        name("NAME:")
        text(calendar.name)
        endLine()
        name("X-WR-CALNAME:")
        text(calendar.name)
        endLine()
    }

    mutating func event(_ event: CalendarEvent, of calendar: DeadlineCalendar) {
        line("BEGIN:VEVENT")
        name("UID:")
        text(event.uid)
        endLine()
        name("DTSTAMP:")
        dateTime(calendar.asOf)
        endLine()
        switch event.start {
        case .moment(let instant):
            name("DTSTART:")
            dateTime(instant)
            endLine()
        case .day(let date):
            name("DTSTART;VALUE=DATE:")
            basic(date)
            endLine()
            name("DTEND;VALUE=DATE:")
            basic(date.adding(days: 1))
            endLine()
        }
        textProperty("SUMMARY", language: calendar.language, event.summary)
        textProperty("DESCRIPTION", language: calendar.language, event.description)
        // A date to remember, not time taken: it does not make the reader look busy.
        line("TRANSP:TRANSPARENT")
        for reminder in event.reminders {
            line("BEGIN:VALARM")
            line("ACTION:DISPLAY")
            textProperty("DESCRIPTION", language: calendar.language, event.summary)
            name("TRIGGER:-")
            plain(ICalendar.duration(reminder))
            endLine()
            line("END:VALARM")
        }
        line("END:VEVENT")
    }

    /// `SUMMARY;LANGUAGE=fr:<value as TEXT>`
    private mutating func textProperty(_ property: StaticString, language: String, _ value: String) {
        name(property)
        name(";LANGUAGE=")
        plain(language)
        name(":")
        text(value)
        endLine()
    }

    /// A whole line of ASCII (a property name and a fixed value).
    private mutating func line(_ content: StaticString) {
        name(content)
        endLine()
    }

    mutating func endLine() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        room = Self.lineOctets
    }

    /// Starts a continuation line when `octets` more do not fit on this one.
    @inline(__always)
    private mutating func makeRoom(_ octets: Int) {
        if octets > room {
            bytes.append(0x0D)
            bytes.append(0x0A)
            bytes.append(0x20)
            room = Self.lineOctets - 1
        }
        room -= octets
    }

    /// ASCII of ours (property names, digits), folded like any other content.
    private mutating func name(_ ascii: StaticString) {
        ascii.withUTF8Buffer { buffer in
            for byte in buffer {
                makeRoom(1)
                bytes.append(byte)
            }
        }
    }

    /// A value written as it is (a language code, a duration): folded, not escaped.
    private mutating func plain(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let length = Self.sequenceLength(utf8[index])
                let sequenceEnd = min(index + length, utf8.count)
                makeRoom(sequenceEnd - index)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<sequenceEnd]))
                index = sequenceEnd
            }
        }
    }

    /// RFC 5545 TEXT: backslash, semicolon and comma escaped, a line end written `\n`, any other
    /// control character (which TEXT does not allow) dropped; a tab is kept. Only ASCII bytes are
    /// escaped or dropped, so the value's UTF-8 is read a byte at a time, and a character of
    /// several octets is kept whole on one line.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var previousWasCR = false
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                defer { previousWasCR = byte == 0x0D }
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                    makeRoom(1)
                    bytes.append(UInt8(ascii: "\\"))
                    makeRoom(1)
                    bytes.append(byte)
                case 0x0D:
                    name("\\n")
                case 0x0A:
                    if !previousWasCR { name("\\n") }
                case 0x09:
                    makeRoom(1)
                    bytes.append(byte)
                case 0..<0x20, 0x7F:
                    break
                case 0..<0x80:
                    makeRoom(1)
                    bytes.append(byte)
                default:
                    let length = Self.sequenceLength(byte)
                    let sequenceEnd = min(index + length, utf8.count)
                    makeRoom(sequenceEnd - index)
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<sequenceEnd]))
                    index = sequenceEnd
                    continue
                }
                index += 1
            }
        }
    }

    /// The octets of the UTF-8 sequence that `lead` starts (a String's UTF-8 is always valid).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// `20261125T090000Z`: UTC, to the second.
    mutating func dateTime(_ instant: Instant) {
        basic(instant.date)
        makeRoom(1)
        bytes.append(UInt8(ascii: "T"))
        let time = instant.timeOfDay
        digits(time.hour, 2)
        digits(time.minute, 2)
        digits(time.second, 2)
        makeRoom(1)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// `20261125`
    mutating func basic(_ date: CivilDate) {
        digits(date.year, 4)
        digits(date.month, 2)
        digits(date.day, 2)
    }

    /// `value` in decimal, zero-padded to `width` (the dates' fields are never negative).
    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        var count = 1
        while count < width || value / divisor >= 10 {
            divisor *= 10
            count += 1
        }
        while divisor > 0 {
            makeRoom(1)
            bytes.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }
}
