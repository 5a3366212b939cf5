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
        public let message: String
    }

    /// UTF-8 bytes without a byte-order mark, and the encoding the file was in.
    public static func utf8(_ bytes: [UInt8]) throws(Failure) -> (bytes: [UInt8], encoding: Encoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            try validateUTF8(body[...], offsetBase: 3)
            return (body, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try transcodeUTF16(bytes, littleEndian: true), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try transcodeUTF16(bytes, littleEndian: false), .utf16BigEndian)
        }
        try validateUTF8(bytes[...], offsetBase: 0)
        return (bytes, .utf8)
    }

    /// Throws at the first NUL or invalid sequence; `offsetBase` is the file offset of `bytes.first`.
    static func validateUTF8(_ bytes: ArraySlice<UInt8>, offsetBase: Int) throws(Failure) {
        if let nul = bytes.firstIndex(of: 0) {
            throw Failure(byteOffset: nul - bytes.startIndex + offsetBase,
                          message: "a NUL byte: this is a binary file or text in an encoding other than UTF-8 or UTF-16 with a byte-order mark")
        }
        // The standard library's validator is fast; the decoder below only finds where it failed.
        if String(validating: bytes, as: UTF8.self) != nil { return }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var lastGood = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                lastGood = offset
            case .emptyInput:
                break loop
            case .error:
                throw Failure(byteOffset: lastGood + offsetBase,
                              message: "not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark)")
            }
        }
    }

    static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool) throws(Failure) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw Failure(byteOffset: bytes.count - 1, message: "UTF-16 text with an odd number of bytes")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index < bytes.count {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var unitOffset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 {
                    throw Failure(byteOffset: 2 + unitOffset * 2, message: "a NUL character in UTF-16 text")
                }
                unitOffset += UTF16.width(scalar)
                output.append(contentsOf: UTF8.encode(scalar)!)
            case .emptyInput:
                break loop
            case .error:
                throw Failure(byteOffset: 2 + unitOffset * 2, message: "invalid UTF-16 text (an unpaired surrogate)")
            }
        }
        return output
    }
}
