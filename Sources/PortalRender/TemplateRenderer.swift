/// Renders compiled templates into one buffer of bytes per page, reading view models through
/// `TemplateObject.field(_:)` (TemplateFields.generated.swift), typed: no `String` per tag, no
/// dynamic cast per lookup.
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
                let value = lookup(path)
                // A partial's lines are indented before the values go in (Mustache spec): a value
                // that begins a line of the partial is indented, the lines inside the value are not.
                if !indentation.isEmpty, atLineStart, !isEmptyText(value) { output.append(contentsOf: indentation) }
                append(value, escaped: escaped && escapesHTML)
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
        // What swift-mustache writes for a value that is neither text nor a number: its description.
        case .object(let object): appendText(String(describing: object), escaped: escaped)
        case .list(let list): appendText(String(describing: list), escaped: escaped)
        case .missing: break
        }
    }

    private mutating func appendText(_ text: String, escaped: Bool) {
        if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
    }

    private var atLineStart: Bool {
        output.last == 0x0A || output.isEmpty
    }

    /// Nothing is written for it: no indentation either.
    private func isEmptyText(_ value: TemplateValue) -> Bool {
        switch value {
        case .text(let text): text.isEmpty
        case .missing: true
        case .number, .flag, .object, .list: false
        }
    }

    /// A partial's text with its indentation at the start of each line it begins.
    private mutating func appendIndented(_ bytes: [UInt8], _ indentation: [UInt8]) {
        for byte in bytes {
            if atLineStart { output.append(contentsOf: indentation) }
            output.append(byte)
        }
    }
}
