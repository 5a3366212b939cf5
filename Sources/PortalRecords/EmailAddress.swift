/// An e-mail address that can be written into a message header as it is: RFC 5322's `addr-spec`
/// narrowed to what a partner's addresses and user principal names use, so that no value can end
/// a header, start another one or add a mailbox.
///
/// - local part: a dot-atom (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, in runs joined by single
///   dots), at most 64 characters; quoted local parts (`"a b"@x`) are refused;
/// - domain: a host name of at least two labels, each of letters, digits and hyphens (not at
///   either end), at most 63 characters; no address literal (`[192.0.2.1]`);
/// - ASCII only: no space, no control character (CR, LF, TAB, NUL…), at most 254 characters.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    /// nil when `text` is not such an address; `problem(in:)` says why.
    public init?(_ text: String) {
        guard Self.problem(in: text) == nil else { return nil }
        self.text = text
    }

    public var description: String { text }

    /// What makes `text` unusable as an address, a clause for a diagnostic; nil when it is fine.
    public static func problem(in text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return "line breaks and other control characters are not allowed"
        }
        if bytes.contains(where: { $0 >= 0x80 }) { return "only ASCII characters are allowed" }
        if bytes.contains(UInt8(ascii: " ")) { return "spaces are not allowed" }
        if bytes.count > 254 { return "at most 254 characters are allowed" }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "exactly one @ is needed" }
        let (local, domain) = (parts[0], parts[1])
        if local.isEmpty { return "a name is needed before the @" }
        if local.count > 64 { return "at most 64 characters are allowed before the @" }
        for atom in local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            if atom.isEmpty { return "no dot may start or end the part before the @, nor follow another" }
            if let byte = atom.first(where: { !isAtomText($0) }) {
                return "the character \(String(decoding: [byte], as: UTF8.self)) is not allowed before the @"
            }
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "a domain such as contoso.example is needed after the @" }
        for label in labels {
            if label.isEmpty { return "no dot may start or end the domain, nor follow another" }
            if label.count > 63 { return "each part of the domain has at most 63 characters" }
            if !label.allSatisfy(isHostNameCharacter) { return "the domain may hold only letters, digits, hyphens and dots" }
            if label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") {
                return "no part of the domain may start or end with a hyphen"
            }
        }
        return nil
    }

    /// RFC 5322 `atext`.
    static func isAtomText(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }

    static func isHostNameCharacter(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || byte == UInt8(ascii: "-")
    }

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
