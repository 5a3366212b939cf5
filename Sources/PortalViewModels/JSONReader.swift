import PortalRecords

/// Reads JSON text a value at a time, keeping only what the caller asks for: the `portal.json` of
/// a large partner (100 MB) is read back without a tree of millions of objects. Nesting deeper
/// than `maximumDepth` is refused rather than recursed into.
struct JSONReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let message: String
        var description: String { "at byte \(offset): \(message)" }
    }

    static let maximumDepth = 64

    private let bytes: [UInt8]
    private(set) var offset = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A byte-order mark is not JSON, but an editor may have added one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    func failure(_ message: String) -> Failure { Failure(offset: offset, message: message) }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func peek() throws -> UInt8 {
        skipSpace()
        guard offset < bytes.count else { throw failure("unexpected end of the text") }
        return bytes[offset]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw failure("expected \(String(UnicodeScalar(byte)))") }
        offset += 1
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) deep") }
    }

    /// Reads an object, calling `member` with each key; `member` must read (or skip) the value.
    mutating func object(_ member: (inout JSONReader, String) throws -> Void) throws {
        try enter()
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch try peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                depth -= 1
                return
            default: throw failure("expected , or }")
            }
        }
    }

    /// Reads an array, calling `element` for each value; `element` must read (or skip) it.
    mutating func array(_ element: (inout JSONReader) throws -> Void) throws {
        try enter()
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            try element(&self)
            switch try peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                depth -= 1
                return
            default: throw failure("expected , or ]")
            }
        }
    }

    /// True (and the `null` read) when the next value is `null`.
    mutating func null() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func optionalString() throws -> String? {
        try null() ? nil : string()
    }

    mutating func bool() throws -> Bool {
        if try peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// An integer: digits with an optional minus sign, within Int's range.
    mutating func int() throws -> Int {
        _ = try peek()
        let start = offset
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
        guard let value = Int(String(decoding: bytes[start..<offset], as: UTF8.self)) else {
            offset = start
            throw failure("expected an integer")
        }
        return value
    }

    mutating func optionalInt() throws -> Int? {
        try null() ? nil : int()
    }

    private mutating func literal(_ word: StaticString) throws {
        let expected = word.withUTF8Buffer { Array($0) }
        guard bytes[offset...].starts(with: expected) else { throw failure("expected \(word)") }
        offset += expected.count
    }

    /// Reads and throws away one value of any kind.
    mutating func skip() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { reader, _ in try reader.skip() }
        case UInt8(ascii: "["): try array { reader in try reader.skip() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default:
            let start = offset
            while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
            if offset == start { throw failure("expected a value") }
        }
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// A string, its escapes decoded; its bytes must be UTF-8.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var result: [UInt8] = []
        var runStart = offset
        while true {
            guard offset < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                result += bytes[runStart..<offset]
                offset += 1
                break
            }
            if byte < 0x20 { throw failure("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                offset += 1
                continue
            }
            result += bytes[runStart..<offset]
            offset += 1
            guard offset < bytes.count else { throw failure("unterminated string") }
            let escaped = bytes[offset]
            offset += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A surrogate pair: the low half must follow as its own escape.
                    guard bytes[offset...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else { throw failure("lone surrogate") }
                    offset += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw failure("lone surrogate") }
                result += Array(String(Character(unicode)).utf8)
            default: throw failure("unknown escape")
            }
            runStart = offset
        }
        guard let text = String(validating: result, as: UTF8.self) else { throw failure("a string that is not UTF-8") }
        return text
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw failure("short \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        offset += 4
        return value
    }

    /// `2026-11-25T09:00:00Z`, as `portal.json` writes instants.
    mutating func instant() throws -> Instant {
        let start = offset
        let text = Array(try string().utf8)
        func number(_ range: Range<Int>) -> Int? {
            let digits = text[range]
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard text.count == 20, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"), text[10] == UInt8(ascii: "T"),
              text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: "Z"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 60, let date = CivilDate(year: year, month: month, day: day) else {
            offset = start
            throw failure("expected an instant such as 2026-11-25T09:00:00Z")
        }
        return Instant(date, TimeOfDay(hour: hour, minute: minute, second: second))
    }

    mutating func optionalInstant() throws -> Instant? {
        try null() ? nil : instant()
    }

    /// The text must end after the value read.
    mutating func end() throws {
        skipSpace()
        guard offset == bytes.count else { throw failure("text after the value") }
    }
}
