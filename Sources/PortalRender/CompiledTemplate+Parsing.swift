import PortalSupport

/// The parser of the templates: what `TemplateSet.load` runs once per file.
///
/// Tags the templates do not use and the renderer cannot follow are refused here, with their line,
/// rather than rendered as something else: delimiter changes, dynamic partials, inheritance.
extension CompiledTemplate {
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
                // Its own line end only, LF or CRLF: an empty line after it is text.
                if lineEnd < bytes.count && bytes[lineEnd] == 0x0A {
                    lineEnd += 1
                    endsLine = true
                } else if lineEnd + 1 < bytes.count && bytes[lineEnd] == 0x0D && bytes[lineEnd + 1] == 0x0A {
                    lineEnd += 2
                    endsLine = true
                }
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
