import PortalRecords

/// Turns a file's bytes into UTF-8 text: strips a UTF-8 byte-order mark, transcodes UTF-16 with a
/// byte-order mark (Excel's "Unicode text"), and rejects anything else that is not UTF-8.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
    }

    public struct Failure: Error, Sendable {
        public let byteOffset: Int
        /// Where the offending byte is as an editor shows it: 1-based line, and column in characters.
        public let line: Int
        public let column: Int
        public let message: String
    }

    /// UTF-8 bytes without a byte-order mark, and the encoding the file was in.
    public static func utf8(_ bytes: [UInt8]) throws(Failure) -> (bytes: [UInt8], encoding: Encoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            try validateUTF8(body[...], from: 0, offsetBase: 3, firstLine: 1)
            return (body, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try transcodeUTF16(bytes, littleEndian: true), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try transcodeUTF16(bytes, littleEndian: false), .utf16BigEndian)
        }
        try validateUTF8(bytes[...], from: 0, offsetBase: 0, firstLine: 1)
        return (bytes, .utf8)
    }

    /// Checks `text[start...]` (what comes before is already known to be UTF-8) and throws at the
    /// first NUL or invalid sequence. `offsetBase` is the file offset of `text.first` and
    /// `firstLine` its line: only a failure counts the lines before it.
    static func validateUTF8(_ text: ArraySlice<UInt8>, from start: Int, offsetBase: Int, firstLine: Int) throws(Failure) {
        let bytes = text[start...]
        func failure(at index: Int, _ message: String) -> Failure {
            let (line, column) = position(of: index, in: text, firstLine: firstLine)
            return Failure(byteOffset: index - text.startIndex + offsetBase, line: line, column: column, message: message)
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw failure(at: nul, "a NUL byte: this is a binary file or text in an encoding other than UTF-8 or UTF-16 with a byte-order mark")
        }
        // The standard library's validator is fast; the decoder below only finds where it failed.
        if String(validating: bytes, as: UTF8.self) != nil { return }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var lastGood = bytes.startIndex
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                lastGood += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                throw failure(at: lastGood, "not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark)")
            }
        }
    }

    /// The line and column of `text[index]`, the text before it being UTF-8: lines end with LF,
    /// CRLF or a lone CR (as CSV records do), columns count characters (Unicode scalars) from 1.
    static func position(of index: Int, in text: ArraySlice<UInt8>, firstLine: Int) -> (line: Int, column: Int) {
        var line = firstLine
        var lineStart = text.startIndex
        var cursor = text.startIndex
        while cursor < index {
            let byte = text[cursor]
            cursor += 1
            if byte == 0x0A || (byte == 0x0D && (cursor == text.endIndex || text[cursor] != 0x0A)) {
                line += 1
                lineStart = cursor
            }
        }
        // Continuation bytes (10xxxxxx) are inside a character; every other byte starts one.
        let column = 1 + text[lineStart..<index].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (line, column)
    }

    /// The end of the last whole UTF-8 sequence of `bytes`: a sequence cut at the end of a chunk
    /// waits for the next one. Looks at the last 3 bytes at most.
    static func endOfWholeSequences(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        while index > max(0, bytes.count - 4) {
            index -= 1
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 { continue }
            // A lead byte: 110xxxxx starts 2 bytes, 1110xxxx 3, 11110xxx 4; ASCII and invalid bytes 1.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return bytes.count - index >= length ? bytes.count : index
        }
        return bytes.count
    }

    static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool) throws(Failure) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        // An odd last byte is reported once the text before it is read, for its line.
        while index + 1 < bytes.count {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var unitOffset = 0
        // The text so far, in UTF-8, is where a failure's line and column are counted.
        func failure(_ message: String, byteOffset: Int? = nil) -> Failure {
            let (line, column) = position(of: output.count, in: output[...], firstLine: 1)
            return Failure(byteOffset: byteOffset ?? 2 + unitOffset * 2, line: line, column: column, message: message)
        }
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 {
                    throw failure("a NUL character in UTF-16 text")
                }
                unitOffset += UTF16.width(scalar)
                output.append(contentsOf: UTF8.encode(scalar)!)
            case .emptyInput:
                break loop
            case .error:
                throw failure("invalid UTF-16 text (an unpaired surrogate)")
            }
        }
        guard bytes.count % 2 == 0 else {
            throw failure("UTF-16 text with an odd number of bytes", byteOffset: bytes.count - 1)
        }
        return output
    }
}

extension TextDecoding.Failure {
    /// `orders.csv:2:5: error: not UTF-8 text; … (byte 84)`: where an editor shows it, and the offset
    /// for a hex viewer.
    func diagnostic(file: String) -> Diagnostic {
        .error(at: SourceLocation(file: file, line: line, column: column), "\(message) (byte \(byteOffset))")
    }
}
