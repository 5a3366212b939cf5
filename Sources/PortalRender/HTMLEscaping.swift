import Mustache

/// The HTML escaping of every value in a page, byte by byte: the same five characters as
/// swift-mustache's own (`< > & " '`), without a dictionary lookup per character.
enum HTMLEscaping {
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
    }

    /// Appends `text` to `output`, escaped: the runs between special characters are copied whole.
    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}

/// swift-mustache's content type for `{{% CONTENT_TYPE: HTML}}` (`TemplateSet.load` registers it
/// under that name), for the reference rendering the compiled templates are tested against.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        guard HTMLEscaping.needsEscaping(text) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        HTMLEscaping.append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
