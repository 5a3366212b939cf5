import PortalRecords

/// The user-facing strings of one language, loaded from `Templates/locales/<lang>.json`.
///
/// Values may hold `{name}` placeholders. A key missing from the file shows as `[key]` so that a
/// gap is visible on the page; a test checks that every language has every key.
///
/// A string that counts something comes in plural forms, `key.one` and `key.other`, and the
/// catalogue says which counts take the singular (`formatPluralOne`: `1` in English, `0|1` in
/// French, where "0 produit" is singular): the code never chooses a form itself.
public struct Catalogue: Sendable {
    public let language: PortalLanguage
    public let strings: [String: String]
    /// Each string cut at its placeholders once, so that a label costs appends rather than a search
    /// per argument: every date, amount and label of 50,000 pages goes through `text(_:_:)`.
    private let messages: [String: PlaceholderText]
    /// The counts that take the `one` form; every other count takes `other`.
    let singularCounts: Set<Int>

    public init(language: PortalLanguage, strings: [String: String]) {
        self.language = language
        self.strings = strings
        self.messages = strings.mapValues(PlaceholderText.init)
        let listed = (strings[Self.pluralRuleKey] ?? "").split(separator: "|").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        self.singularCounts = listed.isEmpty ? [1] : Set(listed)
    }

    /// The catalogue key that lists the counts read in the singular.
    public static let pluralRuleKey = "formatPluralOne"

    /// `one` or `other`: the plural form this language uses for `count`.
    public func pluralForm(_ count: Int) -> String {
        singularCounts.contains(count) ? "one" : "other"
    }

    /// The key of `base`'s plural form for `count`: `productsShown.one`.
    public func pluralKey(_ base: String, count: Int) -> String {
        "\(base).\(pluralForm(count))"
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

    /// `text(_:_:)` with arguments gathered at run time: a count added to a string's own arguments.
    public func text(_ key: String, arguments: [(key: String, value: String)]) -> String {
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

    func filled<Arguments: Collection<(key: String, value: String)>>(_ arguments: Arguments) -> String {
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
