import Crypto
import PortalRecords
import PortalSupport

/// The Content-Security-Policy of a generated page: nothing from anywhere, inline styles, and the
/// inline scripts its template carries, by hash.
///
/// The scripts are read from the templates when they load, never from a rendered page: a
/// `<script>` that is in a page only because a value was written unescaped (`{{{ }}}`) is not the
/// template's, and the policy must block it.
public struct ContentSecurityPolicy: Sendable, Equatable {
    /// The token a template puts in `<meta http-equiv="Content-Security-Policy" content="…">`.
    public static let placeholder = "CSP-POLICY"

    /// `'sha256-…'` sources, in the order their scripts come in the template, each once.
    public let scriptSources: [String]

    /// A policy that allows exactly these scripts (their text as the browser reads it).
    public init(scripts: [[UInt8]]) {
        var sources: [String] = []
        for script in scripts {
            let source = "'sha256-\(Base64.encode(Array(SHA256.hash(data: Self.normalizedLineEnds(script)))))'"
            if !sources.contains(source) { sources.append(source) }
        }
        scriptSources = sources
    }

    private init(scriptSources: [String]) {
        self.scriptSources = scriptSources
    }

    /// A policy that allows every script any of `policies` allows: for an HTTP header that covers
    /// every page, each page's own `<meta>` then narrowing it to its scripts (both apply).
    public static func union(_ policies: some Sequence<ContentSecurityPolicy>) -> ContentSecurityPolicy {
        var sources: [String] = []
        for source in policies.lazy.flatMap(\.scriptSources) where !sources.contains(source) { sources.append(source) }
        return ContentSecurityPolicy(scriptSources: sources)
    }

    /// The policy of a page's `<meta>`. Inline styles are allowed whole: the audit report is
    /// e-mail-safe HTML styled by `style=` attributes, which only `'unsafe-inline'` allows in every
    /// browser (hashes of attributes need CSP 3's `'unsafe-hashes'`). Images only as `data:` URIs:
    /// the partner's logo (site.json) is embedded so that a page is one file that works from
    /// `file://`; nothing is fetched, and an image never runs a script.
    public var pagePolicy: String {
        let script = scriptSources.isEmpty ? "'none'" : scriptSources.joined(separator: " ")
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src \(script); base-uri 'none'; form-action 'none'"
    }

    /// The same as an HTTP header, where `frame-ancestors` is obeyed (browsers ignore it in a `<meta>`).
    public var headerPolicy: String { pagePolicy + "; frame-ancestors 'none'" }

    /// Sets the policy in the page in place of the placeholder. The page is changed in place: it
    /// runs on every page, and a 23 MB overview is not copied.
    public func apply(to page: consuming [UInt8]) -> [UInt8] {
        var bytes = page
        // The meta tag comes before any value from the input, so only the first occurrence is ours.
        guard let slot = bytes.firstRange(of: Self.placeholderBytes, from: 0) else { return bytes }
        bytes.replaceSubrange(slot, with: pagePolicy.utf8)
        return bytes
    }

    static let placeholderBytes = Array(placeholder.utf8)

    /// HTML reads CR LF and a lone CR as LF before anything else, so a script's hash is over LF
    /// line ends whatever the template file has.
    static func normalizedLineEnds(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(0x0D) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == 0x0D {
                result.append(0x0A)
                if index + 1 < text.count && text[index + 1] == 0x0A { index += 1 }
            } else {
                result.append(text[index])
            }
            index += 1
        }
        return result
    }
}

/// An inline script of a template whose text is not fixed: a hash of the template's text would not
/// be the hash of the page's script, which the policy would then block.
struct InlineScriptError: Error, Sendable {
    let line: Int
    let message: String
}

extension ContentSecurityPolicy {
    /// The text of every inline `<script>` element of a template's source, in order, as it is
    /// written into a page. A script must be fixed text: a Mustache tag inside it is an error.
    /// `<script` within a Mustache tag (a comment) or an HTML comment is not a script.
    static func inlineScripts(in source: [UInt8]) throws(InlineScriptError) -> [[UInt8]] {
        var scripts: [[UInt8]] = []
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "{"), matches(mustacheOpen, in: source, at: index) {
                // `{{! <script> }}` is a comment: the tag is skipped whole.
                let closer = matches(tripleOpen, in: source, at: index) ? tripleClose : mustacheClose
                guard let end = find(closer, in: source, from: index + 2) else { break }   // the template's parser reports it
                index = end
                continue
            }
            if source[index] == UInt8(ascii: "<"), matches(commentOpen, in: source, at: index) {
                // Nor is one in an HTML comment.
                guard let end = find(commentClose, in: source, from: index + commentOpen.count) else { break }
                index = end
                continue
            }
            guard source[index] == UInt8(ascii: "<"), matches(scriptOpen, in: source, at: index),
                  index + scriptOpen.count < source.count, endsTagName(source[index + scriptOpen.count]) else {
                index += 1
                continue
            }
            let line = source[..<index].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            guard let openEnd = source[index...].firstIndex(of: UInt8(ascii: ">")) else {
                throw InlineScriptError(line: line, message: "a <script> tag that is never closed")
            }
            guard let close = find(scriptClose, in: source, from: openEnd + 1) else {
                throw InlineScriptError(line: line, message: "a <script> element without </script>")
            }
            let closeStart = close - scriptClose.count
            if find(mustacheOpen, in: source, from: index, before: closeStart) != nil {
                throw InlineScriptError(line: line, message: "an inline script must be fixed text, with no Mustache tag: "
                                        + "the page's Content-Security-Policy allows it by the hash of the template's text")
            }
            scripts.append(Array(source[(openEnd + 1)..<closeStart]))
            index = close
        }
        return scripts
    }

    /// `<script>`, `<script type=…>`, not `<scripts>`.
    private static func endsTagName(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Whether `pattern` (lowercase) is at `index`, ASCII letters in any case, as HTML reads tag names.
    private static func matches(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count {
            let byte = bytes[index + offset]
            let lowercased = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if lowercased != pattern[offset] { return false }
        }
        return true
    }

    /// The offset just past the first `pattern` at or after `start` that ends by `limit`.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        let end = limit ?? bytes.count
        var index = start
        while index + pattern.count <= end {
            if bytes[index] == pattern[0] && matches(pattern, in: bytes, at: index) { return index + pattern.count }
            index += 1
        }
        return nil
    }

    private static let scriptOpen = Array("<script".utf8)
    private static let scriptClose = Array("</script".utf8)
    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let mustacheOpen = Array("{{".utf8)
    private static let tripleOpen = Array("{{{".utf8)
    private static let mustacheClose = Array("}}".utf8)
    private static let tripleClose = Array("}}}".utf8)
}
