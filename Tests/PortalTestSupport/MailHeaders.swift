import Foundation

/// A message's header read back strictly, as a mail program would (RFC 5322): unfolded fields,
/// and the mailboxes of an address field with their display names decoded (RFC 2047). Anything
/// a real parser could read differently (a bare CR or LF, a line that is neither a field nor a
/// continuation) is an error, so that a test sees exactly the senders and recipients a mail
/// program would.
package struct MailHeaders {
    package struct Malformed: Error, CustomStringConvertible {
        package let description: String
    }

    /// The fields in order, continuation lines unfolded.
    package let fields: [(name: String, value: String)]

    package init(message: String) throws {
        let bytes = Array(message.utf8)
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { throw Malformed(description: "no blank line after the header") }
        let block = bytes[..<end.lowerBound]
        var lines: [[UInt8]] = []
        var index = block.startIndex
        var line: [UInt8] = []
        while index < block.endIndex {
            let byte = block[index]
            if byte == 0x0D {
                guard index + 1 < block.endIndex, block[index + 1] == 0x0A else { throw Malformed(description: "a bare CR in the header") }
                lines.append(line)
                line = []
                index += 2
                continue
            }
            if byte == 0x0A { throw Malformed(description: "a bare LF in the header") }
            line.append(byte)
            index += 1
        }
        lines.append(line)
        var fields: [(name: String, value: String)] = []
        for line in lines {
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                guard !fields.isEmpty else { throw Malformed(description: "a continuation line before any field") }
                fields[fields.count - 1].value += String(decoding: line, as: UTF8.self)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                  line[..<colon].allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw Malformed(description: "not a header field: \(String(decoding: line, as: UTF8.self).debugDescription)")
            }
            fields.append((String(decoding: line[..<colon], as: UTF8.self), String(decoding: line[(colon + 1)...], as: UTF8.self)))
        }
        self.fields = fields
    }

    package var names: [String] { fields.map(\.name) }

    /// The mailboxes of every field named `name` (ignoring case), groups' members included.
    package func mailboxes(_ name: String) throws -> [ParsedMailbox] {
        try fields.filter { $0.name.lowercased() == name.lowercased() }.flatMap { try AddressListParser.parse($0.value) }
    }
}

package struct ParsedMailbox: Equatable, CustomStringConvertible {
    /// Decoded, nil when the mailbox has no display name.
    package let name: String?
    package let address: String

    package init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    package var description: String { "\(name.map { "\($0.debugDescription) " } ?? "")<\(address)>" }
}

/// RFC 5322 `address-list` (mailboxes and groups, comments and quoted strings), display names
/// decoded from RFC 2047 `B` and `Q` encoded words.
package struct AddressListParser {
    private let bytes: [UInt8]
    private var index = 0

    package static func parse(_ value: String) throws -> [ParsedMailbox] {
        var parser = AddressListParser(bytes: Array(value.utf8))
        var mailboxes: [ParsedMailbox] = []
        repeat {
            mailboxes += try parser.address()
            parser.skipWhitespaceAndComments()
        } while try parser.take(",")
        guard parser.index == parser.bytes.count else {
            throw MailHeaders.Malformed(description: "unexpected text after the addresses: \(value.debugDescription)")
        }
        return mailboxes
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    package enum Word { case atom(String), quoted(String) }

    private mutating func address() throws -> [ParsedMailbox] {
        let words = try phrase()
        skipWhitespaceAndComments()
        if try take("<") {
            let address = try addrSpec(localPart: nil)
            guard try take(">") else { throw malformed("expected > after the address") }
            return [ParsedMailbox(name: words.isEmpty ? nil : Self.decode(words), address: address)]
        }
        if try take(":") {
            var members: [ParsedMailbox] = []
            skipWhitespaceAndComments()
            while !(try take(";")) {
                members += try address()
                skipWhitespaceAndComments()
                _ = try take(",")
                guard index < bytes.count else { throw malformed("a group without its ;") }
            }
            return members
        }
        guard words.count == 1 else { throw malformed("a display name without an <address>") }
        let local: String
        switch words[0] { case .atom(let text): local = text; case .quoted(let text): local = "\"\(text)\"" }
        return [ParsedMailbox(name: nil, address: try addrSpec(localPart: local))]
    }

    private mutating func phrase() throws -> [Word] {
        var words: [Word] = []
        while true {
            skipWhitespaceAndComments()
            guard index < bytes.count else { return words }
            if bytes[index] == UInt8(ascii: "\"") {
                words.append(.quoted(try quotedString()))
            } else if Self.isAtomText(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
                let start = index
                while index < bytes.count, Self.isAtomText(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
                words.append(.atom(String(decoding: bytes[start..<index], as: UTF8.self)))
            } else {
                return words
            }
        }
    }

    private mutating func addrSpec(localPart: String?) throws -> String {
        var local = localPart
        if local == nil {
            let words = try phrase()
            guard words.count == 1 else { throw malformed("expected one local part") }
            switch words[0] { case .atom(let text): local = text; case .quoted(let text): local = "\"\(text)\"" }
        }
        skipWhitespaceAndComments()
        guard try take("@") else { throw malformed("expected @") }
        skipWhitespaceAndComments()
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") { index += 1 }
            index += 1
        } else {
            while index < bytes.count, Self.isAtomText(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
        }
        guard index > start, index <= bytes.count else { throw malformed("expected a domain") }
        return "\(local!)@\(String(decoding: bytes[start..<index], as: UTF8.self))"
    }

    private mutating func quotedString() throws -> String {
        index += 1
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: text, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                guard index < bytes.count else { break }
                text.append(bytes[index])
                index += 1
            } else {
                text.append(byte)
            }
        }
        throw malformed("an unterminated quoted string")
    }

    private mutating func skipWhitespaceAndComments() {
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if depth > 0 {
                if byte == UInt8(ascii: "\\") { index += 1 }
                else if byte == UInt8(ascii: "(") { depth += 1 }
                else if byte == UInt8(ascii: ")") { depth -= 1 }
            } else if byte == UInt8(ascii: "(") {
                depth = 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                return
            }
            index += 1
        }
    }

    private mutating func take(_ special: Character) throws -> Bool {
        skipWhitespaceAndComments()
        guard index < bytes.count, bytes[index] == special.asciiValue! else { return false }
        index += 1
        return true
    }

    private func malformed(_ reason: String) -> MailHeaders.Malformed {
        MailHeaders.Malformed(description: "\(reason) at \(index) in \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }

    package static func isAtomText(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) && !Array("()<>[]:;@\\,.\"".utf8).contains(byte)
    }

    /// The words of a display name: encoded words decoded and joined without the space between
    /// them (RFC 2047 section 6.2), other words joined by one space.
    package static func decode(_ words: [Word]) -> String {
        var text = ""
        var previousWasEncoded = false
        for word in words {
            switch word {
            case .quoted(let quoted):
                if !text.isEmpty { text += " " }
                text += quoted
                previousWasEncoded = false
            case .atom(let atom):
                if let decoded = decodeEncodedWord(atom) {
                    if !text.isEmpty && !previousWasEncoded { text += " " }
                    text += decoded
                    previousWasEncoded = true
                } else {
                    if !text.isEmpty { text += " " }
                    text += atom
                    previousWasEncoded = false
                }
            }
        }
        return text
    }

    /// `=?UTF-8?B?…?=` or `=?UTF-8?Q?…?=`, nil when `atom` is not an encoded word.
    package static func decodeEncodedWord(_ atom: String) -> String? {
        let parts = atom.split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "=", parts[4] == "=", parts[1].lowercased() == "utf-8" else { return nil }
        switch parts[2].uppercased() {
        case "B":
            return Data(base64Encoded: String(parts[3])).map { String(decoding: $0, as: UTF8.self) }
        case "Q":
            var bytes: [UInt8] = []
            var characters = Array(parts[3].utf8)[...]
            while let byte = characters.popFirst() {
                if byte == UInt8(ascii: "_") { bytes.append(0x20) }
                else if byte == UInt8(ascii: "="), characters.count >= 2,
                        let value = UInt8(String(decoding: characters.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    characters = characters.dropFirst(2)
                } else { bytes.append(byte) }
            }
            return String(decoding: bytes, as: UTF8.self)
        default:
            return nil
        }
    }
}
