import Mustache

/// The HTML escaping of every value in a page, byte by byte: the same five characters as
/// swift-mustache's own (`< > & " '`), without a dictionary lookup per character.
enum HTMLEscaping {
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
    }

    /// Appends `text` to `output`, escaped.
    static func append(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): output += "&lt;".utf8
            case UInt8(ascii: ">"): output += "&gt;".utf8
            case UInt8(ascii: "&"): output += "&amp;".utf8
            case UInt8(ascii: "\""): output += "&quot;".utf8
            case UInt8(ascii: "'"): output += "&#39;".utf8
            default: output.append(byte)
            }
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
