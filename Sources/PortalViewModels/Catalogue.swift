import PortalRecords

/// The user-facing strings of one language, loaded from `Templates/locales/<lang>.json`.
///
/// Values may hold `{name}` placeholders. A key missing from the file shows as `[key]` so that a
/// gap is visible on the page; a test checks that every language has every key.
public struct Catalogue: Sendable {
    public let language: PortalLanguage
    public let strings: [String: String]
    /// Each string cut at its placeholders once, so that a label costs appends rather than a search
    /// per argument: every date, amount and label of 50,000 pages goes through `text(_:_:)`.
    private let messages: [String: PlaceholderText]

    public init(language: PortalLanguage, strings: [String: String]) {
        self.language = language
        self.strings = strings
        self.messages = strings.mapValues(PlaceholderText.init)
    }

    public func text(_ key: String) -> String {
        strings[key] ?? "[\(key)]"
    }

    /// The string for `key` with each `{name}` replaced by its argument; a value is never searched
    /// for placeholders itself, and a placeholder with no argument stays as written.
    public func text(_ key: String, _ arguments: KeyValuePairs<String, String>) -> String {
        guard let message = messages[key] else { return text(key) }
        return message.filled(arguments)
    }
}

/// A catalogue string as text and `{name}` placeholders.
struct PlaceholderText: Sendable {
    enum Piece: Sendable {
        case text(String)
        case placeholder(String)
    }

    let pieces: [Piece]

    init(_ string: String) {
        let bytes = Array(string.utf8)
        var pieces: [Piece] = []
        var textStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"),
                  let close = bytes[(index + 1)...].firstIndex(where: { !Self.isNameByte($0) }),
                  close > index + 1, bytes[close] == UInt8(ascii: "}") else {
                index += 1
                continue
            }
            if index > textStart { pieces.append(.text(String(decoding: bytes[textStart..<index], as: UTF8.self))) }
            pieces.append(.placeholder(String(decoding: bytes[(index + 1)..<close], as: UTF8.self)))
            index = close + 1
            textStart = index
        }
        if textStart < bytes.count { pieces.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        self.pieces = pieces
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    func filled(_ arguments: KeyValuePairs<String, String>) -> String {
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let text):
                result += text
            case .placeholder(let name):
                if let argument = arguments.first(where: { $0.key == name }) {
                    result += argument.value
                } else {
                    result += "{\(name)}"
                }
            }
        }
        return result
    }
}

extension String {
    /// Every `{name}` replaced by `value`, for strings that are not catalogue keys (a choice of
    /// two made first); the value itself is never searched.
    func replacingPlaceholder(_ name: String, with value: String) -> String {
        PlaceholderText(self).filled([name: value])
    }
}
