import Crypto
import PortalRecords

/// A mailbox: a display name and an address.
public struct Mailbox: Sendable, Equatable {
    public let name: String?
    public let address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// `"Northwind" <a@b.example>`, the name as an RFC 2047 encoded word when it is not plain ASCII.
    var header: String {
        guard let name, !name.isEmpty else { return address }
        return "\(MailMessage.encodedWord(name)) <\(address)>"
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
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "csp-portal.invalid"
        let boundary = "=_csp-portal_\(token)"
        let lines = [
            "From: \(from.header)",
            "To: \(to.map(\.header).joined(separator: ",\r\n "))",
            "Subject: \(Self.encodedWord(subject))",
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

    /// The text itself when it is printable ASCII, else `=?UTF-8?B?…?=` words of at most 75 characters.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        return words.joined(separator: "\r\n ")
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
