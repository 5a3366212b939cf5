/// A byte-level JSON reader (RFC 8259) over a text that arrives in chunks: the caller pulls the
/// document apart (an array's elements, an object's keys) and reads or skips each value, so that a
/// file of a million records is never held whole: at most one chunk, the value being read and,
/// when the caller builds it, that value (`readValue`).
///
/// Strict where RFC 8259 is: numbers as its grammar writes them (no leading zero, no `1.`, no
/// `.5`), the escapes it lists, `\u` surrogate pairs that pair, no control character inside a
/// string, no trailing comma, nothing after the top-level value but whitespace, and UTF-8 text
/// (checked as it arrives, a UTF-8 byte-order mark skipped; UTF-16 with a byte-order mark is
/// transcoded whole, as for CSV). Nesting is limited to `maximumDepth`, a value read whole to
/// `maximumValueBytes`.
///
/// Each byte is looked at a bounded number of times whatever the content: validated once (two
/// passes of the standard library's validator), then scanned once; a long string is copied as
/// it goes rather than scanned again from its start when the next chunk arrives.
/// `bytesScanned` counts that work, for tests to hold to a multiple of the text's size.
struct JSONPullReader {
    /// The next bytes of the text; empty at its end.
    typealias Source = () throws(JSONReadFailure) -> [UInt8]

    /// Big enough that per-chunk work is noise, small enough to stay far below the file sizes.
    static let chunkSize = 1 << 20
    /// Arrays and objects inside one another: as deep as Foundation's JSONSerialization read.
    static let maximumDepth = 512
    /// The most a value read whole (a record, a key, a number) may span in the file: far above any
    /// Partner Center resource, and what bounds the memory a file can make csp-portal use.
    static let maximumValueBytes = 16 << 20

    /// An array or object being read: whether its first element is still to come.
    struct Container {
        fileprivate let closing: UInt8
        fileprivate var isFirst = true
    }

    /// Where a byte of the text is, as an editor shows it.
    struct Position {
        let line: Int
        let column: Int
        /// The byte's offset in the text after a byte-order mark.
        let offset: Int
    }

    private let nextChunk: Source
    /// Bytes read and not yet dropped; `buffer[position]` is the next byte to look at.
    private var buffer: [UInt8] = []
    private var position = 0
    /// `buffer[..<validated]` is known to be UTF-8 without NUL; the rest is a sequence cut by a chunk.
    private var validated = 0
    private var sourceEnded = false
    private var started = false
    private var needsValidation = true
    /// The text offset of `buffer[0]`, the text being what follows a byte-order mark.
    private var bufferOffset = 0
    /// The file offset of the text's first byte (3 after a UTF-8 byte-order mark), for encoding errors.
    private var textStart = 0
    private var line = 1
    /// The text offset where `line` starts, and the UTF-8 continuation bytes between it and
    /// `position` (only strings hold any): a column counts characters, not bytes.
    private var lineStart = 0
    private var continuationBytesOnLine = 0
    /// The last line break was a CR: an LF right after it ends the same line.
    private var afterCarriageReturn = false
    private var depth = 0
    /// A string or number being copied: it may span chunks.
    private var scratch: [UInt8] = []
    /// Every byte each pass looked at: validation (two passes), scanning, copies.
    private(set) var bytesScanned = 0

    init(_ nextChunk: @escaping Source) {
        self.nextChunk = nextChunk
    }

    /// A text already in memory, handed over a chunk at a time as a file would be.
    static func bytes(_ bytes: [UInt8]) -> Source {
        var start = 0
        return {
            let end = min(bytes.count, start + chunkSize)
            defer { start = end }
            return Array(bytes[start..<end])
        }
    }

    /// The text offset of the next byte.
    var offset: Int { bufferOffset + position }

    /// Where the next byte is.
    var currentPosition: Position { position(at: offset) }

    private func position(at offset: Int) -> Position {
        Position(line: line, column: 1 + offset - lineStart - continuationBytesOnLine, offset: offset)
    }

    // MARK: Pulling the document apart

    /// Skips whitespace and returns the first byte of the next value (or of what stands where a
    /// value should be) without consuming it; nil at the end of the text.
    mutating func peekValue() throws(JSONReadFailure) -> UInt8? {
        try skipWhitespace()
    }

    /// Consumes the `[` that `peekValue` returned.
    mutating func beginArray() throws(JSONReadFailure) -> Container {
        try enter()
        return Container(closing: UInt8(ascii: "]"))
    }

    /// Consumes the `{` that `peekValue` returned.
    mutating func beginObject() throws(JSONReadFailure) -> Container {
        try enter()
        return Container(closing: UInt8(ascii: "}"))
    }

    /// True when another element of the array follows (read it next), false once the array is closed.
    mutating func nextElement(_ array: inout Container) throws(JSONReadFailure) -> Bool {
        try nextEntry(&array, expected: "an element")
    }

    /// The next key of the object, its `:` consumed (read its value next); nil once the object is
    /// closed. With `storing` false the key is checked but not made into a String ("").
    mutating func nextKey(_ object: inout Container, storing: Bool = true) throws(JSONReadFailure) -> String? {
        guard try nextEntry(&object, expected: "a key") else { return nil }
        guard let quote = try skipWhitespace() else { throw endOfText("a key in double quotes") }
        guard quote == UInt8(ascii: "\"") else { throw unexpected(quote, "a key in double quotes") }
        position += 1
        let key = try string(storing: storing, limit: offset + Self.maximumValueBytes)
        guard let colon = try skipWhitespace() else { throw endOfText("a colon after the key") }
        guard colon == UInt8(ascii: ":") else { throw unexpected(colon, "a colon after the key") }
        position += 1
        return key
    }

    /// Reads the next value whole. `limit` is the text offset it must end before: a longer one
    /// is an error at `start`, where the record it belongs to begins.
    mutating func readValue(limit: Int, start: Position) throws(JSONReadFailure) -> JSONValue {
        try value(storing: true, limit: limit, start: start)
    }

    /// Checks the next value and forgets it: an envelope's `links`, an element that is not an object.
    mutating func skipValue() throws(JSONReadFailure) {
        _ = try value(storing: false, limit: .max, start: currentPosition)
    }

    /// Checks that nothing but whitespace follows the top-level value.
    mutating func finish() throws(JSONReadFailure) {
        if let byte = try skipWhitespace() {
            throw unexpected(byte, "the end of the text after the top-level value")
        }
        bytesScanned += position
    }

    // MARK: Values

    private mutating func value(storing: Bool, limit: Int, start: Position) throws(JSONReadFailure) -> JSONValue {
        guard let byte = try skipWhitespace() else { throw endOfText("a value") }
        let result: JSONValue
        switch byte {
        case UInt8(ascii: "{"):
            var object = try beginObject()
            var members: [JSONMember] = []
            while let key = try nextKey(&object, storing: storing) {
                let member = try value(storing: storing, limit: limit, start: start)
                if storing { members.append(JSONMember(key: key, value: member)) }
            }
            result = .object(members)
        case UInt8(ascii: "["):
            var array = try beginArray()
            var elements: [JSONValue] = []
            while try nextElement(&array) {
                let element = try value(storing: storing, limit: limit, start: start)
                if storing { elements.append(element) }
            }
            result = .array(elements)
        case UInt8(ascii: "\""):
            position += 1
            result = .string(try string(storing: storing, limit: limit, start: start))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            result = .number(try number())
        case UInt8(ascii: "t"):
            try literal("true")
            result = .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            result = .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            result = .null
        default:
            throw unexpected(byte, "a value (a string in double quotes, a number, true, false, null, an object or an array)")
        }
        if offset > limit { throw tooLong(start) }
        return result
    }

    private mutating func enter() throws(JSONReadFailure) {
        guard depth < Self.maximumDepth else {
            throw failure(at: offset, "arrays and objects nested more than \(Self.maximumDepth) deep")
        }
        depth += 1
        position += 1
    }

    /// After `[`, `{` or an entry: true when an entry follows, false when the container closes.
    private mutating func nextEntry(_ container: inout Container, expected: String) throws(JSONReadFailure) -> Bool {
        let closingText = container.closing == UInt8(ascii: "]") ? "]" : "}"
        guard let byte = try skipWhitespace() else {
            throw endOfText(container.isFirst ? "\(expected) or \(closingText)" : "a comma or \(closingText)")
        }
        if byte == container.closing {
            position += 1
            depth -= 1
            return false
        }
        if container.isFirst {
            container.isFirst = false
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw unexpected(byte, "a comma or \(closingText)") }
        let comma = currentPosition
        position += 1
        guard let next = try skipWhitespace() else { throw endOfText(expected) }
        if next == container.closing {
            throw .syntax(JSONSyntaxError(line: comma.line, column: comma.column,
                                          message: "a comma before \(closingText): JSON allows no trailing comma"))
        }
        return true
    }

    /// The rest of a string whose opening quote is consumed; "" when not `storing`.
    private mutating func string(storing: Bool, limit: Int, start: Position? = nil) throws(JSONReadFailure) -> String {
        let opening = offset - 1
        let start = start ?? position(at: opening)
        scratch.removeAll(keepingCapacity: true)
        while true {
            if position == validated {
                guard try fill() else { throw endOfText("the closing quote of the string that starts at \(describe(position(at: opening)))") }
            }
            let segmentStart = position
            var index = position
            var continuationBytes = 0
            var stop: UInt8?
            let end = validated
            buffer.withUnsafeBufferPointer { bytes in
                while index < end {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { stop = byte; break }
                    if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                    index += 1
                }
            }
            continuationBytesOnLine += continuationBytes
            position = index
            if storing {
                if stop == UInt8(ascii: "\"") && scratch.isEmpty {
                    position += 1
                    return String(decoding: buffer[segmentStart..<index], as: UTF8.self)
                }
                bytesScanned += index - segmentStart
                scratch.append(contentsOf: buffer[segmentStart..<index])
                if offset > limit { throw tooLong(start) }
            }
            guard let stop else { continue }
            switch stop {
            case UInt8(ascii: "\""):
                position += 1
                return storing ? String(decoding: scratch, as: UTF8.self) : ""
            case UInt8(ascii: "\\"):
                try escape(storing: storing)
            default:
                throw failure(at: offset, "a control character (U+\(hex(UInt16(stop)))) inside a string: write it as an escape such as \\n, \\t or \\u00\(hex(UInt16(stop)).suffix(2))")
            }
        }
    }

    /// An escape after a backslash, its UTF-8 appended to `scratch` when `storing`.
    private mutating func escape(storing: Bool) throws(JSONReadFailure) {
        let backslash = offset
        position += 1
        guard let letter = try peekByte() else { throw endOfText("an escape after the backslash") }
        position += 1
        let replacement: UInt8
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): replacement = letter
        case UInt8(ascii: "b"): replacement = 0x08
        case UInt8(ascii: "f"): replacement = 0x0C
        case UInt8(ascii: "n"): replacement = 0x0A
        case UInt8(ascii: "r"): replacement = 0x0D
        case UInt8(ascii: "t"): replacement = 0x09
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hexUnit())
            if (0xDC00...0xDFFF).contains(scalar) {
                throw failure(at: backslash, "\\u\(hex(UInt16(scalar))) is the second half of a surrogate pair without its first half")
            }
            if (0xD800...0xDBFF).contains(scalar) {
                let pairStart = offset
                guard try peekByte() == UInt8(ascii: "\\"), try peekByte(after: 1) == UInt8(ascii: "u") else {
                    throw failure(at: backslash, "\\u\(hex(UInt16(scalar))) is the first half of a surrogate pair without its second half")
                }
                position += 2
                let low = UInt32(try hexUnit())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure(at: pairStart, "\\u\(hex(UInt16(low))) after \\u\(hex(UInt16(scalar))): the second half of a surrogate pair is \\uDC00 to \\uDFFF")
                }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            if storing { scratch.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!) }
            return
        default:
            let written = letter >= 0x21 && letter < 0x7F ? String(Character(Unicode.Scalar(letter))) : printable(letter)
            throw failure(at: backslash, "\\\(written) is not an escape JSON has (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t, \\uXXXX)")
        }
        if storing { scratch.append(replacement) }
    }

    /// The 4 hex digits of a `\u` escape.
    private mutating func hexUnit() throws(JSONReadFailure) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = try peekByte() else { throw endOfText("4 hex digits after \\u") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw unexpected(byte, "4 hex digits after \\u")
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    /// A number's text as a field reads it; its grammar is RFC 8259's.
    private mutating func number() throws(JSONReadFailure) -> String {
        let start = offset
        scratch.removeAll(keepingCapacity: true)
        func take() throws(JSONReadFailure) -> UInt8? {
            scratch.append(buffer[position])
            position += 1
            if scratch.count > Self.maximumValueBytes { throw tooLong(position(at: start)) }
            return try peekByte()
        }
        func digits(_ first: UInt8?, after what: String) throws(JSONReadFailure) -> UInt8? {
            guard let first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
                if let first { throw unexpected(first, "a digit \(what)") }
                throw endOfText("a digit \(what)")
            }
            var next: UInt8? = try take()
            while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { next = try take() }
            return next
        }
        var next = try peekByte()
        if next == UInt8(ascii: "-") { next = try take() }
        if next == UInt8(ascii: "0") {
            next = try take()
            if let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                throw failure(at: offset, "a number with a leading zero")
            }
        } else {
            next = try digits(next, after: "in the number")
        }
        if next == UInt8(ascii: ".") {
            next = try digits(try take(), after: "after the decimal point")
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = try take()
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = try take() }
            next = try digits(next, after: "in the exponent")
        }
        bytesScanned += scratch.count
        guard let text = JSONNumberText.text(of: scratch) else {
            throw failure(at: start, "the number \(String(decoding: scratch.prefix(40), as: UTF8.self)) is too large to be read as a double")
        }
        return text
    }

    private mutating func literal(_ word: StaticString) throws(JSONReadFailure) {
        let expected = String(describing: word)
        for byte in expected.utf8 {
            guard let found = try peekByte() else { throw endOfText(expected) }
            guard found == byte else { throw unexpected(found, expected) }
            position += 1
        }
    }

    // MARK: Bytes

    /// The next byte that is not whitespace, not consumed; nil at the end of the text. Counts lines.
    private mutating func skipWhitespace() throws(JSONReadFailure) -> UInt8? {
        while true {
            if position == validated {
                guard try fill() else { return nil }
            }
            let byte = buffer[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                afterCarriageReturn = false
            case UInt8(ascii: "\n"):
                if !afterCarriageReturn { line += 1 }
                afterCarriageReturn = false
                startLine(at: offset + 1)
            case UInt8(ascii: "\r"):
                line += 1
                afterCarriageReturn = true
                startLine(at: offset + 1)
            default:
                afterCarriageReturn = false
                return byte
            }
            position += 1
        }
    }

    private mutating func startLine(at offset: Int) {
        lineStart = offset
        continuationBytesOnLine = 0
    }

    private mutating func peekByte(after distance: Int = 0) throws(JSONReadFailure) -> UInt8? {
        while position + distance >= validated {
            guard try fill() else { return nil }
        }
        return buffer[position + distance]
    }

    /// Reads the next chunk after dropping what was consumed; false at the end of the text.
    private mutating func fill() throws(JSONReadFailure) -> Bool {
        if !started { try start() }
        if position > 0 {
            bytesScanned += buffer.count
            buffer.removeFirst(position)
            bufferOffset += position
            validated -= position
            position = 0
        }
        while true {
            // Up to the last whole UTF-8 sequence, so that none is cut between two chunks.
            let end = sourceEnded ? buffer.count : TextDecoding.endOfWholeSequences(buffer)
            if end > validated {
                if needsValidation { try validate(upTo: end) }
                validated = end
                return true
            }
            if sourceEnded { return false }
            let more = try nextChunk()
            if more.isEmpty { sourceEnded = true } else { buffer += more }
        }
    }

    /// Reads the first bytes: a UTF-8 byte-order mark is skipped, UTF-16 with one transcoded whole.
    private mutating func start() throws(JSONReadFailure) {
        started = true
        while !sourceEnded && buffer.count < 3 {
            let more = try nextChunk()
            if more.isEmpty { sourceEnded = true } else { buffer += more }
        }
        if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) {
            while !sourceEnded {
                let more = try nextChunk()
                if more.isEmpty { sourceEnded = true } else { buffer += more }
            }
            bytesScanned += buffer.count
            do { buffer = try TextDecoding.utf8(buffer).bytes } catch { throw .encoding(error) }
            needsValidation = false
            validated = buffer.count
        } else if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            buffer.removeFirst(3)
            textStart = 3
        }
        // A second mark, as Foundation skipped one after the one TextDecoding took off.
        while !sourceEnded && buffer.count < 3 {
            let more = try nextChunk()
            if more.isEmpty { sourceEnded = true } else { buffer += more }
        }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            buffer.removeFirst(3)
            textStart += 3
            if !needsValidation { validated = buffer.count }
        }
    }

    private mutating func validate(upTo end: Int) throws(JSONReadFailure) {
        bytesScanned += 2 * (end - validated)
        // buffer[0] is on `line`, unless it is the LF of a CRLF whose CR ended that line already.
        let firstLine = afterCarriageReturn && buffer.first == UInt8(ascii: "\n") ? line - 1 : line
        do {
            try TextDecoding.validateUTF8(buffer[..<end], from: validated, offsetBase: bufferOffset + textStart, firstLine: firstLine)
        } catch {
            guard firstLine == line, error.line == line else { throw .encoding(error) }
            // On the line being read, the column counts the characters before the buffer too.
            let before = bufferOffset - lineStart - continuationBytesOnLine
            throw .encoding(TextDecoding.Failure(byteOffset: error.byteOffset, line: error.line, column: error.column + before,
                                                 message: error.message))
        }
    }

    // MARK: Errors

    private func failure(at offset: Int, _ message: String) -> JSONReadFailure {
        let place = position(at: offset)
        return .syntax(JSONSyntaxError(line: place.line, column: place.column, message: message))
    }

    private func unexpected(_ byte: UInt8, _ expected: String) -> JSONReadFailure {
        failure(at: offset, "expected \(expected), found \(printable(byte))")
    }

    private func endOfText(_ expected: String) -> JSONReadFailure {
        failure(at: offset, "the text ends where \(expected) should be: is the file cut short?")
    }

    private func tooLong(_ start: Position) -> JSONReadFailure {
        let limit = "\(Self.maximumValueBytes / (1 << 20)) MiB (\(Self.maximumValueBytes) bytes)"
        return .syntax(JSONSyntaxError(line: start.line, column: start.column,
                                       message: "a record or value longer than \(limit), more than csp-portal reads: is this the right file?"))
    }

    private func describe(_ place: Position) -> String { "line \(place.line), column \(place.column)" }

    /// `'C'` for a printable ASCII byte, `U+00E9`-style for the first byte of anything else.
    private func printable(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "U+\(hex(UInt16(byte)))" }
        // A character outside ASCII: the text is UTF-8, so its whole sequence is in the buffer.
        var end = position + 1
        while end < validated && buffer[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: buffer[position..<end], as: UTF8.self))'"
    }

    private func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
