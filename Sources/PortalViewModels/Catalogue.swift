import PortalRecords

/// The user-facing strings of one language, loaded from `Templates/locales/<lang>.json`.
///
/// Values may hold `{name}` placeholders. A key missing from the file shows as `[key]` so that a
/// gap is visible on the page; a test checks that every language has every key.
public struct Catalogue: Sendable {
    public let language: PortalLanguage
    public let strings: [String: String]

    public init(language: PortalLanguage, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    public func text(_ key: String) -> String {
        strings[key] ?? "[\(key)]"
    }

    /// The string for `key` with each `{name}` replaced by its argument.
    public func text(_ key: String, _ arguments: KeyValuePairs<String, String>) -> String {
        var result = text(key)
        for (name, value) in arguments {
            result = result.replacingPlaceholder(name, with: value)
        }
        return result
    }
}

extension String {
    /// Every `{name}` replaced by `value`; the value itself is never searched again. Works on
    /// UTF-8 bytes: every label of every page goes through it.
    func replacingPlaceholder(_ name: String, with value: String) -> String {
        let token = Array("{\(name)}".utf8)
        let text = Array(utf8)
        guard var match = text.firstRange(of: token, from: 0) else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(text.count + value.utf8.count)
        var position = 0
        while true {
            result += text[position..<match.lowerBound]
            result += value.utf8
            position = match.upperBound
            guard let next = text.firstRange(of: token, from: position) else { break }
            match = next
        }
        result += text[position...]
        return String(decoding: result, as: UTF8.self)
    }
}
