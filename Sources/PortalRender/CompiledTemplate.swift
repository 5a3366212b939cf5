import Mustache
import PortalRecords
import PortalSupport

/// A Mustache template compiled once into instructions that append bytes to one buffer per page.
///
/// swift-mustache renders by building a `String` per tag and climbing a context stack of
/// existentials; at ~1 ms a portal page it was most of a 50,000-customer build. This renderer
/// reads the same files with the same rules for the subset the templates use (variables, dotted
/// names, `{{.}}`, `{{{ }}}`, sections, inverted sections, partials, comments and the
/// `CONTENT_TYPE` pragma; standalone tags take their whole line, Mustache spec) and reads view
/// models through the same tables of fields (`TemplateObject`, TemplateFields.swift), typed. swift-mustache stays the reference:
/// `CompiledTemplateTests` requires every page of the sample site to be byte-identical.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        /// An empty path is `{{.}}`, the top of the context stack.
        case variable(path: [String], escaped: Bool)
        /// `line`: where the section's tag is, for errors found once every template is read.
        case section(path: [String], inverted: Bool, body: [Node], line: Int)
        case partial(name: String, indentation: [UInt8], line: Int)
        /// `{{% CONTENT_TYPE: HTML}}` turns HTML escaping on, `TEXT` off, for the rest of the template.
        case contentType(escapesHTML: Bool)
    }

    struct ParseError: Error, Sendable {
        let line: Int
        let message: String
    }

    let nodes: [Node]

    init(_ source: String) throws(ParseError) {
        var parser = Parser(bytes: Array(source.utf8))
        nodes = try parser.parse()
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        /// `line(at:)` counts on from here: tags are met in order, so the text is counted once.
        var countedOffset = 0
        var countedLine = 1

        mutating func parse() throws(ParseError) -> [Node] {
            var stack: [(path: [String], inverted: Bool, nodes: [Node], line: Int)] = []
            var nodes: [Node] = []
            var textStart = 0
            while let open = find([0x7B, 0x7B], from: position) {
                let triple = open + 2 < bytes.count && bytes[open + 2] == 0x7B
                let closer: [UInt8] = triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D]
                guard let close = find(closer, from: open + 2) else {
                    throw ParseError(line: line(at: open), message: "a tag that is never closed")
                }
                let end = close + closer.count
                let inner = Array(bytes[(open + (triple ? 3 : 2))..<close])
                let sigil = triple ? UInt8(ascii: "{") : inner.first ?? 0
                let content = trimmed(triple || !"#^/>!%&".utf8.contains(sigil) ? inner[...] : inner.dropFirst())
                // Delimiter changes, dynamic partials and inheritance: swift-mustache has them, this
                // renderer not. Refused, so that both read the same templates, and a partial can only
                // be named by the plain `{{> name}}` that TemplateSet checks before anything renders.
                if (!triple && "=<$".utf8.contains(sigil)) || (sigil == UInt8(ascii: ">") && content.hasPrefix("*")) {
                    throw ParseError(line: line(at: open), message: "{{\(String(decoding: inner, as: UTF8.self))}}: this kind of tag is not supported (delimiter changes, dynamic partials and template inheritance are not)")
                }
                let canStandAlone = !triple && "#^/>!%".utf8.contains(sigil)

                // A standalone tag is alone on its line with spaces or tabs: the line goes with it.
                var lineStart = open
                while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
                var lineEnd = end
                while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 { lineEnd += 1 }
                let startsLine = lineStart == 0 || bytes[lineStart - 1] == 0x0A
                var endsLine = lineEnd == bytes.count
                if lineEnd < bytes.count && bytes[lineEnd] == 0x0A { lineEnd += 1; endsLine = true }
                if lineEnd + 1 < bytes.count && bytes[lineEnd] == 0x0D && bytes[lineEnd + 1] == 0x0A { lineEnd += 2; endsLine = true }
                let standalone = canStandAlone && startsLine && endsLine && lineStart >= textStart

                let textEnd = standalone ? lineStart : open
                if textEnd > textStart { nodes.append(.text(Array(bytes[textStart..<textEnd]))) }
                textStart = standalone ? lineEnd : end
                position = textStart

                let path = content == "." ? [] : content.split(separator: ".").map(String.init)
                switch sigil {
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    // Here already: a tree of nodes too deep would overflow the stack when freed.
                    guard stack.count < TemplateNesting.maximumDepth else {
                        throw ParseError(line: line(at: open), message: TemplateNesting.tooDeep)
                    }
                    stack.append((path, sigil == UInt8(ascii: "^"), nodes, line(at: open)))
                    nodes = []
                case UInt8(ascii: "/"):
                    guard let section = stack.popLast(), section.path == path else {
                        throw ParseError(line: line(at: open), message: "{{/\(content)}} closes no open section of that name")
                    }
                    let body = nodes
                    nodes = section.nodes
                    nodes.append(.section(path: section.path, inverted: section.inverted, body: body, line: section.line))
                case UInt8(ascii: ">"):
                    nodes.append(.partial(name: content, indentation: standalone ? Array(bytes[lineStart..<open]) : [], line: line(at: open)))
                case UInt8(ascii: "!"):
                    break
                case UInt8(ascii: "%"):
                    let words = content.split(separator: ":").map { trimmed(Array($0.utf8)[...]) }
                    if words.count == 2, words[0] == "CONTENT_TYPE" { nodes.append(.contentType(escapesHTML: words[1] == "HTML")) }
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    nodes.append(.variable(path: path, escaped: false))
                default:
                    nodes.append(.variable(path: path, escaped: true))
                }
            }
            if let open = stack.last {
                throw ParseError(line: open.line, message: "{{#\(open.path.joined(separator: "."))}} is never closed")
            }
            if textStart < bytes.count { nodes.append(.text(Array(bytes[textStart...]))) }
            return nodes
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            bytes.firstRange(of: needle, from: start)?.lowerBound
        }

        mutating func line(at offset: Int) -> Int {
            if offset < countedOffset { (countedOffset, countedLine) = (0, 1) }
            countedLine += bytes[countedOffset..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            countedOffset = offset
            return countedLine
        }

        func trimmed(_ slice: ArraySlice<UInt8>) -> String {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            guard let first = slice.firstIndex(where: { !isSpace($0) }), let last = slice.lastIndex(where: { !isSpace($0) }) else { return "" }
            return String(decoding: slice[first...last], as: UTF8.self)
        }
    }
}

/// Renders compiled templates into bytes.
struct TemplateRenderer {
    let templates: [String: CompiledTemplate]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue] = []
    private var escapesHTML = true

    init(templates: [String: CompiledTemplate], capacity: Int) {
        self.templates = templates
        output.reserveCapacity(capacity)
    }

    mutating func render(_ name: String, with object: any TemplateObject) {
        guard let template = templates[name] else { return }
        stack = [.object(object)]
        escapesHTML = true
        render(template.nodes, indentation: [])
    }

    private mutating func render(_ nodes: [CompiledTemplate.Node], indentation: [UInt8]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                if indentation.isEmpty { output.append(contentsOf: bytes) } else { appendIndented(bytes, indentation) }
            case .variable(let path, let escaped):
                append(lookup(path), escaped: escaped && escapesHTML)
            case .section(let path, let inverted, let body, _):
                let value = lookup(path)
                if inverted {
                    if isFalsy(value) { render(body, indentation: indentation) }
                } else {
                    renderSection(value, body, indentation: indentation)
                }
            case .partial(let name, let partialIndentation, _):
                guard let partial = templates[name] else { continue }
                let saved = escapesHTML
                render(partial.nodes, indentation: indentation + partialIndentation)
                escapesHTML = saved
            case .contentType(let html):
                escapesHTML = html
            }
        }
    }

    private mutating func renderSection(_ value: TemplateValue, _ body: [CompiledTemplate.Node], indentation: [UInt8]) {
        switch value {
        case .list(let list):
            // Static: a method on self would hold a second reference to `output` while the body
            // appends to it, and every append would copy the page so far (quadratic on the overview).
            Self.forEach(list) { element in
                stack.append(element)
                render(body, indentation: indentation)
                stack.removeLast()
            }
        case .flag(let flag):
            if flag { render(body, indentation: indentation) }
        case .missing:
            break
        case .text, .number, .object:
            stack.append(value)
            render(body, indentation: indentation)
            stack.removeLast()
        }
    }

    private static func forEach(_ list: any TemplateList, _ body: (TemplateValue) -> Void) {
        list.forEachValue(body)
    }

    private func isFalsy(_ value: TemplateValue) -> Bool {
        switch value {
        case .list(let list): list.isEmpty
        case .flag(let flag): !flag
        case .missing: true
        case .text, .number, .object: false
        }
    }

    /// The first object on the stack, from the top, that answers the path's first name; the rest
    /// of the path is read from it (Mustache's dotted names).
    private func lookup(_ path: [String]) -> TemplateValue {
        guard let first = path.first else { return stack.last ?? .missing }
        for entry in stack.reversed() {
            guard case .object(let object) = entry else { continue }
            var value = object.field(first)
            if case .missing = value { continue }
            for name in path.dropFirst() {
                guard case .object(let parent) = value else { return .missing }
                value = parent.field(name)
            }
            return value
        }
        return .missing
    }

    private mutating func append(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text): appendText(text, escaped: escaped)
        case .number(let number): output.append(contentsOf: String(number).utf8)
        case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .object, .list: appendText(String(describing: value.mustacheValue!), escaped: escaped)
        case .missing: break
        }
    }

    private mutating func appendText(_ text: String, escaped: Bool) {
        if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
    }

    /// A partial's text with its indentation at the start of each line it begins.
    private mutating func appendIndented(_ bytes: [UInt8], _ indentation: [UInt8]) {
        for byte in bytes {
            if output.last == 0x0A || output.isEmpty { output.append(contentsOf: indentation) }
            output.append(byte)
        }
    }
}
