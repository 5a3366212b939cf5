import PortalRecords

/// Reads JSON text a value at a time, keeping only what the caller asks for: the `portal.json` of
/// a large partner (200 MB) is read back without a tree of millions of objects and, read in
/// pieces (`init(pieces:)`), without the whole text in memory either. Nesting deeper than
/// `maximumDepth` is refused rather than recursed into.
struct JSONReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let message: String
        var description: String { "at byte \(offset): \(message)" }
    }

    static let maximumDepth = 64

    /// The text read so far that is still needed: from the piece being read on (a value that
    /// spans two pieces keeps the end of the first).
    private var bytes: [UInt8]
    /// Where reading is in `bytes`.
    private var index = 0
    /// How many bytes of the text came before `bytes`.
    private var dropped = 0
    /// The rest of the text, a piece at a time (nil at its end); nil when `bytes` is all of it.
    private var nextPiece: (() throws -> [UInt8]?)?
    private var depth = 0
    /// The most text held at once: a piece and the unfinished value before it (tests hold reading
    /// in pieces to that, whatever the size of the text).
    private(set) var largestHeld = 0

    /// Where reading is in the text, in bytes from its start.
    var offset: Int { dropped + index }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        largestHeld = bytes.count
        skipByteOrderMark()
    }

    /// A text that `nextPiece` gives a piece at a time, nil after the last; what it throws
    /// (a read that failed) is thrown as it is.
    init(pieces nextPiece: @escaping () throws -> [UInt8]?) throws {
        self.bytes = []
        self.nextPiece = nextPiece
        _ = try available(3)
        skipByteOrderMark()
    }

    /// A byte-order mark is not JSON, but an editor may have added one.
    private mutating func skipByteOrderMark() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func failure(_ message: String) -> Failure { Failure(offset: offset, message: message) }

    func failure(at offset: Int, _ message: String) -> Failure { Failure(offset: offset, message: message) }

    /// Reads the next piece after what is left of `bytes`; false at the end of the text. The bytes
    /// before `index` are dropped: a caller keeps no position in `bytes` across it.
    private mutating func readNextPiece() throws -> Bool {
        guard let next = nextPiece else { return false }
        while true {
            guard let piece = try next() else {
                nextPiece = nil
                return false
            }
            if piece.isEmpty { continue }
            if index == bytes.count {
                dropped += bytes.count
                bytes = piece
            } else {
                dropped += index
                bytes.removeSubrange(..<index)
                bytes += piece
            }
            index = 0
            largestHeld = max(largestHeld, bytes.count)
            return true
        }
    }

    /// Whether `count` more bytes are there to read from `index` on, reading pieces until they are.
    private mutating func available(_ count: Int) throws -> Bool {
        while bytes.count - index < count {
            guard try readNextPiece() else { return false }
        }
        return true
    }

    /// Whether a byte is there to read at `index`.
    @inline(__always)
    private mutating func hasByte() throws -> Bool {
        index < bytes.count ? true : try readNextPiece()
    }

    private mutating func skipSpace() throws {
        while try hasByte() {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func peek() throws -> UInt8 {
        try skipSpace()
        guard index < bytes.count else { throw failure("unexpected end of the text") }
        return bytes[index]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw failure("expected \(String(UnicodeScalar(byte)))") }
        index += 1
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
            index += 1
            depth -= 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
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
            index += 1
            depth -= 1
            return
        }
        while true {
            try element(&self)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
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
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value = 0
        var digits = 0
        var overflow = false
        while try hasByte(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let digit = Int(bytes[index] - UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            value = next
            digits += 1
            index += 1
        }
        guard digits > 0, !overflow else { throw failure(at: start, "expected an integer") }
        return value
    }

    mutating func optionalInt() throws -> Int? {
        try null() ? nil : int()
    }

    private mutating func literal(_ word: StaticString) throws {
        let expected = word.withUTF8Buffer { Array($0) }
        guard try available(expected.count), bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw failure("expected \(word)")
        }
        index += expected.count
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
            while try hasByte(), Self.isNumberByte(bytes[index]) { index += 1 }
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
        var runStart = index
        // Most strings have no escape and lie within one piece: made from their bytes in place.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: bytes[runStart..<index], as: UTF8.self) else {
                    throw failure("a string that is not UTF-8")
                }
                index += 1
                return text
            }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte == UInt8(ascii: "\\") { break }
            index += 1
        }
        var result: [UInt8] = []
        while true {
            if index == bytes.count {
                result += bytes[runStart..<index]
                guard try readNextPiece() else { throw failure("unterminated string") }
                runStart = index
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                result += bytes[runStart..<index]
                index += 1
                break
            }
            if byte < 0x20 { throw failure("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            result += bytes[runStart..<index]
            index += 1
            guard try hasByte() else { throw failure("unterminated string") }
            let escaped = bytes[index]
            index += 1
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
                    guard try available(2), bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw failure("lone surrogate")
                    }
                    index += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw failure("lone surrogate") }
                result += Array(String(Character(unicode)).utf8)
            default: throw failure("unknown escape")
            }
            runStart = index
        }
        guard let text = String(validating: result, as: UTF8.self) else { throw failure("a string that is not UTF-8") }
        return text
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard try available(4) else { throw failure("short \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
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
            throw failure(at: start, "expected an instant such as 2026-11-25T09:00:00Z")
        }
        return Instant(date, TimeOfDay(hour: hour, minute: minute, second: second))
    }

    mutating func optionalInstant() throws -> Instant? {
        try null() ? nil : instant()
    }

    /// The text must end after the value read.
    mutating func end() throws {
        try skipSpace()
        guard index == bytes.count else { throw failure("text after the value") }
    }
}
