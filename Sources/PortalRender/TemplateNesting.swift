/// What every template set must satisfy before anything is rendered with it: each
/// partial names a template of the set by a plain relative name, no partial includes itself
/// (directly or through others), and sections and partials nest at most `maximumDepth` deep.
///
/// The renderer (and swift-mustache, the tests' reference) recurses once per section and per
/// partial, so a partial that includes itself was a stack overflow (SIGSEGV) and a name that found
/// nothing (`/etc/passwd`, `../x`) rendered nothing, silently. Checked once per template set, so
/// rendering needs no guard of its own.
enum TemplateNesting {
    /// Far above what the templates need (about 6), far below what a thread's stack holds.
    static let maximumDepth = 32
    static let tooDeep = "sections and partials nest more than \(maximumDepth) deep here"

    struct Violation: Error, Sendable {
        /// The template whose tag is at fault (`partials/styles`), and the tag's line in it.
        let template: String
        let line: Int
        let message: String
    }

    /// Throws the first violation found, visiting the templates by name so that it is always the same.
    static func check(_ templates: [String: CompiledTemplate]) throws(Violation) {
        var walk = Walk(templates: templates)
        for name in templates.keys.sorted() {
            _ = try walk.height(of: name, depth: 0, chain: [name])
        }
    }

    /// A partial name that can only be a template of the folder: relative and without `..`.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.contains("..") && !name.contains("\\")
    }

    private struct Walk {
        let templates: [String: CompiledTemplate]
        /// How deep each template's own tags nest, once known: each template is walked once.
        var heights: [String: Int] = [:]
        /// The templates being walked, from the outermost: a partial naming one of them is a cycle.
        var open: Set<String> = []

        /// How deep the tags of template `name` nest; `depth` is how deep it is itself included.
        /// The recursion stops at `maximumDepth`, whatever the templates.
        mutating func height(of name: String, depth: Int, chain: [String]) throws(Violation) -> Int {
            if let known = heights[name] { return known }
            open.insert(name)
            let height = try self.height(of: templates[name]?.nodes ?? [], in: name, depth: depth, chain: chain)
            open.remove(name)
            heights[name] = height
            return height
        }

        mutating func height(of nodes: [CompiledTemplate.Node], in template: String, depth: Int, chain: [String]) throws(Violation) -> Int {
            var height = 0
            for node in nodes {
                switch node {
                case .section(_, _, let body, let line):
                    try checkDepth(depth + 1, template, line)
                    height = max(height, 1 + (try self.height(of: body, in: template, depth: depth + 1, chain: chain)))
                case .partial(let name, _, let line):
                    guard TemplateNesting.isPlainName(name) else {
                        throw Violation(template: template, line: line, message: "{{> \(name)}}: a partial is named relative to the templates folder, without `..` (such as partials/styles)")
                    }
                    guard templates[name] != nil else {
                        throw Violation(template: template, line: line, message: "{{> \(name)}} names no template of the folder (\(name).mustache)")
                    }
                    if open.contains(name) {
                        let cycle = (chain.drop { $0 != name } + [name]).joined(separator: " > ")
                        throw Violation(template: template, line: line, message: "{{> \(name)}}: a partial includes itself (\(cycle))")
                    }
                    try checkDepth(depth + 1, template, line)
                    let inner = try self.height(of: name, depth: depth + 1, chain: chain + [name])
                    // Known from an earlier, shallower visit: it may not fit at this depth.
                    try checkDepth(depth + 1 + inner, template, line)
                    height = max(height, 1 + inner)
                case .text, .variable, .contentType:
                    break
                }
            }
            return height
        }

        func checkDepth(_ depth: Int, _ template: String, _ line: Int) throws(Violation) {
            guard depth <= TemplateNesting.maximumDepth else {
                throw Violation(template: template, line: line, message: TemplateNesting.tooDeep)
            }
        }
    }
}
