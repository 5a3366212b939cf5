import Crypto
import PortalRecords

/// A mailbox: a display name and an address. The address is checked (`EmailAddress`); the name
/// can be anything, it is always written as RFC 2047 encoded words, so that no name can add a
/// mailbox (`Eve <eve@attacker.example>, Dev`) or a header (a line break).
public struct Mailbox: Sendable, Equatable {
    public let name: String?
    public let address: EmailAddress

    public init(name: String?, address: EmailAddress) {
        self.name = name
        self.address = address
    }

    /// The pieces of `=?UTF-8?B?…?= <a@b.example>`, each written whole on a header line.
    var headerWords: [String] {
        var words: [String] = []
        if let name, !name.isEmpty { words = MailMessage.encodedWords(MailMessage.displayable(name)) }
        words.append("<\(address.text)>")
        return words
    }
}

/// An RFC 5322 message with a MIME `multipart/alternative` body (text/plain, then text/html),
/// UTF-8, base64, CRLF line ends, no line over 78 characters: ready for `sendmail -t`.
public struct MailMessage: Sendable {
    public let from: Mailbox
    public let to: [Mailbox]
    public let subject: String
    public let date: Instant
    public let text: String
    public let html: String

    public init(from: Mailbox, to: [Mailbox], subject: String, date: Instant, text: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
    }

    /// The whole message. Deterministic: the boundary and Message-ID derive from the content.
    public func render() -> String {
        let digest = Array(SHA256.hash(data: Array((subject + text + html).utf8)))
        let token = digest.prefix(12).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        let domain = from.address.text.split(separator: "@").last.map(String.init) ?? "csp-portal.invalid"
        let boundary = "=_csp-portal_\(token)"
        let lines = [
            Self.folded("From:", from.headerWords),
            Self.folded("To:", to.enumerated().flatMap { index, mailbox in
                var words = mailbox.headerWords
                if index < to.count - 1 { words[words.count - 1] += "," }
                return words
            }),
            Self.subjectLine(subject),
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <audit.\(token)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
        ]
        var message = Array(lines.joined(separator: "\r\n").utf8)
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            let header = ["", "", "--\(boundary)", "Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", "", ""]
            message += header.joined(separator: "\r\n").utf8
            Base64.append(Self.crlf(body), lineLength: 76, to: &message)
        }
        message += "\r\n\r\n--\(boundary)--\r\n".utf8
        return String(decoding: message, as: UTF8.self)
    }

    /// The text's UTF-8 with every line end as CRLF, as MIME text parts want them.
    static func crlf(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + text.utf8.count / 32)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A && previous != 0x0D { bytes.append(0x0D) }
            bytes.append(byte)
            previous = byte
        }
        return bytes
    }

    /// `Subject: …`: printable ASCII folded between words to stay within 78 characters a line
    /// (a subject that states its period to the minute is longer than one line), else encoded words.
    static func subjectLine(_ subject: String) -> String {
        let encoded = encodedWord(subject)
        guard encoded == subject else { return "Subject: \(encoded)" }
        return folded("Subject:", subject.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
    }

    /// The text itself when it is printable ASCII, else `=?UTF-8?B?…?=` words of at most 75 characters.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" }) { return text }
        return encodedWords(text).joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?…?=` words of at most 72 characters (45 bytes of text each, never a character cut
    /// in two): only base64 characters between the markers, whatever the text holds.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 && !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        return words
    }

    /// A display name as a mail program can show it: control characters (line breaks among them)
    /// become spaces; a name needs none.
    static func displayable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// `name words…`, folded before a word that would take the line past 78 characters (a word
    /// longer than that, a long address, gets a line of its own).
    static func folded(_ name: String, _ words: [String]) -> String {
        var text = name
        var lineLength = name.utf8.count
        for word in words {
            if lineLength + 1 + word.utf8.count > 78 && lineLength > name.utf8.count {
                text += "\r\n"
                lineLength = 0
            }
            text += " " + word
            lineLength += 1 + word.utf8.count
        }
        return text
    }

    /// `Wed, 25 Nov 2026 09:00:00 +0000`
    static func rfc5322Date(_ instant: Instant) -> String {
        let date = instant.date
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]   // 1970-01-01 was a Thursday
        let weekday = weekdays[Int(((date.daysSinceEpoch % 7) + 7) % 7)]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(weekday), \(date.day) \(months[date.month - 1]) \(date.year) \(instant.timeOfDay.hhmmss) +0000"
    }
}
