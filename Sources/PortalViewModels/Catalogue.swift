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
    /// Every `{name}` replaced by `value`; the value itself is never searched again.
    func replacingPlaceholder(_ name: String, with value: String) -> String {
        let token = Array("{\(name)}")
        let characters = Array(self)
        var result = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "{", index + token.count <= characters.count,
               Array(characters[index..<index + token.count]) == token {
                result += value
                index += token.count
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }
}
