/// A Mustache template compiled once, when the templates load, into a tree of nodes that
/// `TemplateRenderer` turns into bytes.
///
/// csp-portal reads its templates with its own parser (CompiledTemplate+Parsing.swift) for the
/// subset they use: variables, dotted names, `{{.}}`, `{{{ }}}` and `{{& }}`, sections, inverted
/// sections, partials, comments and the `CONTENT_TYPE` pragma, with the Mustache specification's
/// standalone lines. Tests hold it to the specification's cases (Tests/Fixtures/Mustache) and every
/// page of real sites to swift-mustache, the reference renderer, byte for byte.
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
}
