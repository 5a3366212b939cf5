import PortalViewModels

/// Writes a `JSONValue` as pretty, stable UTF-8 text: two-space indent, keys in the order given,
/// `"key": value`, non-ASCII characters as they are, control characters escaped.
public enum JSONWriter {
    /// The whole text at once, for small documents.
    public static func text(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        write(value) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hands the text to `sink` a piece of about `pieceSize` bytes at a time: with lazy arrays the
    /// document is never whole in memory, whatever its size.
    public static func write<Failure: Error>(_ value: JSONValue, pieceSize: Int = 1 << 20,
                                             to sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var output = Output<Failure>(pieceSize: pieceSize)
        try output.write(value, indent: 0, sink)
        output.bytes.append(UInt8(ascii: "\n"))
        try output.flush(sink)
    }

    private struct Output<Failure: Error> {
        typealias Sink = ([UInt8]) throws(Failure) -> Void
        let pieceSize: Int
        var bytes: [UInt8] = []

        init(pieceSize: Int) {
            self.pieceSize = pieceSize
            bytes.reserveCapacity(pieceSize + 4096)
        }

        mutating func flush(_ sink: Sink) throws(Failure) {
            guard !bytes.isEmpty else { return }
            try sink(bytes)
            bytes.removeAll(keepingCapacity: true)
        }

        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func indent(_ level: Int) {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }

        mutating func write(_ value: JSONValue, indent level: Int, _ sink: Sink) throws(Failure) {
            switch value {
            case .null: append("null")
            case .bool(let flag): flag ? append("true") : append("false")
            case .int(let number): bytes.append(contentsOf: String(number).utf8)
            case .string(let string): writeString(string)
            case .array(let elements):
                try writeArray(count: elements.count, indent: level, sink) { elements[$0] }
            case .lazyArray(let array):
                try writeArray(count: array.count, indent: level, sink, array.element)
            case .object(let members):
                guard !members.isEmpty else { append("{}"); return }
                append("{\n")
                for (index, (key, member)) in members.enumerated() {
                    indent(level + 1)
                    writeString(key)
                    append(": ")
                    try write(member, indent: level + 1, sink)
                    index == members.count - 1 ? append("\n") : append(",\n")
                }
                indent(level)
                append("}")
            }
            if bytes.count >= pieceSize { try flush(sink) }
        }

        mutating func writeArray(count: Int, indent level: Int, _ sink: Sink, _ element: (Int) -> JSONValue) throws(Failure) {
            guard count > 0 else { append("[]"); return }
            append("[\n")
            for index in 0..<count {
                indent(level + 1)
                try write(element(index), indent: level + 1, sink)
                index == count - 1 ? append("\n") : append(",\n")
            }
            indent(level)
            append("]")
        }

        mutating func writeString(_ string: String) {
            bytes.append(UInt8(ascii: "\""))
            if string.utf8.withContiguousStorageIfAvailable({ escape($0) }) != nil { return }
            let copy = Array(string.utf8)
            copy.withUnsafeBufferPointer { escape($0) }
        }

        private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "\r"): append("\\r")
                case UInt8(ascii: "\t"): append("\\t")
                case 0..<0x20:
                    append("\\u00")
                    bytes.append(Self.hexDigits.utf8Start[Int(byte >> 4)])
                    bytes.append(Self.hexDigits.utf8Start[Int(byte & 0xF)])
                // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript: escaped so the text can go in a script.
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    utf8[index + 2] == 0xA8 ? append("\\u2028") : append("\\u2029")
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
            bytes.append(UInt8(ascii: "\""))
        }

        static var hexDigits: StaticString { "0123456789abcdef" }
    }
}
