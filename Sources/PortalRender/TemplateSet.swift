import Foundation
import PortalRecords
import PortalViewModels

/// The templates folder could not be used (sysexits EX_NOINPUT, 66, or EX_DATAERR, 65, for a bad file).
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let isMissing: Bool
}

/// The page templates (`*.mustache`, partials in `partials/`) and one string catalogue per
/// language in `locales/<lang>.json`: the built-in set (the repository's `Templates/`, compiled into
/// the binary), with what an override folder holds in place of its files and keys.
public struct TemplateSet: Sendable {
    /// How messages name each template's file, by template name: the override's path, or the built-in one.
    let origins: [String: String]
    /// What pages are rendered with, by name (`portal`, `partials/styles`): each file parsed once.
    let compiled: [String: CompiledTemplate]
    /// Each template's Content-Security-Policy, from the inline scripts of its text and its partials'.
    let policies: [String: ContentSecurityPolicy]
    public let catalogues: [PortalLanguage: Catalogue]
    /// The folder whose files replaced built-in ones, if any.
    public let overrideFolder: URL?
    /// Files and catalogue keys of the override folder that csp-portal does not use, each naming
    /// what it is about (a misspelt file or key would otherwise change nothing, silently).
    public let warnings: [String]

    /// The built-in set alone.
    public static func builtIn() throws(TemplateError) -> TemplateSet {
        try load(overriding: nil)
    }

    /// The built-in set with the files of `directory` in place of its own: kept for callers that
    /// name a folder (a folder holding every file gives exactly that folder's templates).
    public static func load(from directory: URL) throws(TemplateError) -> TemplateSet {
        try load(overriding: directory)
    }

    /// The set a command uses: `--templates` when given, else the data folder's `templates` when
    /// there is one (never followed if it is a link: the data folder is not trusted as much as a
    /// folder the user names), else the built-in set alone.
    public static func load(templatesOption: URL?, dataFolder: URL?) throws(TemplateError) -> TemplateSet {
        if let templatesOption { return try load(overriding: templatesOption) }
        if let dataFolder {
            let candidate = dataFolder.appendingPathComponent(dataFolderTemplates)
            var status = stat()
            if lstat(candidate.path, &status) == 0 { return try load(overriding: candidate, followingLink: false) }
        }
        return try load(overriding: nil)
    }

    /// The name of the override folder a data folder may hold.
    public static let dataFolderTemplates = "templates"

    /// Loads and parses every template and catalogue, the override folder's in place of the
    /// built-in ones, reporting the file of the first problem.
    public static func load(overriding directory: URL?, followingLink: Bool = true) throws(TemplateError) -> TemplateSet {
        var sources: [String: [UInt8]] = [:]
        var origins: [String: String] = [:]
        var catalogueTexts: [PortalLanguage: (bytes: [UInt8], shown: String)] = [:]
        for file in BuiltinTemplates.files {
            if let name = templateName(file.path) {
                sources[name] = file.bytes
                origins[name] = BuiltinTemplates.shown(file.path)
            } else if let language = catalogueLanguage(file.path) {
                catalogueTexts[language] = (file.bytes, BuiltinTemplates.shown(file.path))
            }
        }
        let builtInNames = Set(sources.keys)
        // The pages that carry a Content-Security-Policy: a template replacing one must carry it too.
        let pagesWithPolicy = Set(sources.filter { $0.value.firstRange(of: ContentSecurityPolicy.placeholderBytes, from: 0) != nil }.keys)
        var catalogues: [PortalLanguage: [String: String]] = [:]
        for language in PortalLanguage.allCases {
            guard let text = catalogueTexts[language] else {
                throw TemplateError(description: "\(BuiltinTemplates.shown("locales/\(language.rawValue).json")): missing string catalogue", isMissing: true)
            }
            catalogues[language] = try strings(text.bytes, shown: text.shown)
        }

        var warnings: [String] = []
        var overridden: Set<String> = []
        if let directory {
            let files = try TemplateOverrideFolder.read(directory, followingLink: followingLink)
            for path in files.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let shown = directory.appendingPathComponent(path).path
                if let name = templateName(path) {
                    sources[name] = files[path]
                    origins[name] = shown
                    overridden.insert(name)
                } else if let language = catalogueLanguage(path) {
                    let known = catalogues[language] ?? [:]
                    for (key, text) in try strings(files[path]!, shown: shown).sorted(by: { $0.key < $1.key }) {
                        guard known[key] != nil else {
                            warnings.append("\(shown): key \(key.debugDescription) is not a string csp-portal uses")
                            continue
                        }
                        catalogues[language]![key] = text
                    }
                } else if path.hasPrefix("locales/") && path.hasSuffix(".json") {
                    let languages = PortalLanguage.allCases.map(\.rawValue).joined(separator: ", ")
                    warnings.append("\(shown): not a language csp-portal has (\(languages))")
                } else {
                    warnings.append("\(shown): not a template csp-portal uses")
                }
            }
        }

        // Before anything renders: the renderer recurses once per section and partial.
        let compiled = try compile(sources, origins: origins)
        do {
            try TemplateNesting.check(compiled)
        } catch {
            throw TemplateError(description: "\(origins[error.template] ?? error.template):\(error.line): template error: \(error.message)", isMissing: false)
        }
        // A template of the folder that no page reaches: misspelt, or no longer included.
        let used = reachable(from: builtInNames, in: compiled)
        for name in overridden.subtracting(used) {
            warnings.append("\(origins[name]!): not a template csp-portal uses")
        }
        let policies = try scriptPolicies(origins, compiled: compiled, sources: sources)
        let placed = try placingPolicies(in: compiled, pages: pagesWithPolicy, policies: policies, origins: origins)
        return TemplateSet(origins: origins, compiled: placed, policies: policies,
                           catalogues: Dictionary(uniqueKeysWithValues: catalogues.map { ($0.key, Catalogue(language: $0.key, strings: $0.value)) }),
                           overrideFolder: directory, warnings: warnings.sorted())
    }

    /// Each page's policy written into its template, in place of the placeholder in the page's own
    /// text, once, when the templates load: a value from the input that reads `CSP-POLICY` (a
    /// customer's name in a `<title>` an override put before the `<meta>`) stays as it is, and a page
    /// template without the placeholder in its own text, before any partial could supply it, is an
    /// error rather than a page without a policy.
    static func placingPolicies(in compiled: [String: CompiledTemplate], pages: Set<String>, policies: [String: ContentSecurityPolicy],
                                origins: [String: String]) throws(TemplateError) -> [String: CompiledTemplate] {
        var placed = compiled
        for name in pages.sorted() {
            guard let template = compiled[name] else { continue }
            let policy = Array((policies[name] ?? ContentSecurityPolicy(scripts: [])).pagePolicy.utf8)
            var nodes = template.nodes
            guard let index = nodes.firstIndex(where: {
                if case .text(let bytes) = $0 { return bytes.firstRange(of: ContentSecurityPolicy.placeholderBytes, from: 0) != nil }
                return false
            }), case .text(var bytes) = nodes[index], let slot = bytes.firstRange(of: ContentSecurityPolicy.placeholderBytes, from: 0) else {
                throw TemplateError(description: "\(origins[name] ?? name): template error: no <meta http-equiv=\"Content-Security-Policy\" "
                                    + "content=\"\(ContentSecurityPolicy.placeholder)\"> in the template's own text; every page carries its policy",
                                    isMissing: false)
            }
            bytes.replaceSubrange(slot, with: policy)
            nodes[index] = .text(bytes)
            placed[name] = CompiledTemplate(nodes: nodes)
        }
        return placed
    }

    /// `partials/styles` for `partials/styles.mustache`; nil for a file that is not a template.
    static func templateName(_ path: String) -> String? {
        path.hasSuffix(".mustache") ? String(path.dropLast(".mustache".count)) : nil
    }

    /// The language of `locales/<lang>.json`; nil for any other file.
    static func catalogueLanguage(_ path: String) -> PortalLanguage? {
        guard path.hasPrefix("locales/"), path.hasSuffix(".json") else { return nil }
        return PortalLanguage(rawValue: String(path.dropFirst("locales/".count).dropLast(".json".count)))
    }

    /// A catalogue's strings by key.
    static func strings(_ bytes: [UInt8], shown: String) throws(TemplateError) -> [String: String] {
        guard let strings = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: String] else {
            throw TemplateError(description: "\(shown): expected a JSON object of strings", isMissing: false)
        }
        return strings
    }

    /// Every template that `roots` include, themselves and through partials.
    static func reachable(from roots: Set<String>, in compiled: [String: CompiledTemplate]) -> Set<String> {
        var seen: Set<String> = []
        var pending = Array(roots)
        while let name = pending.popLast() {
            guard seen.insert(name).inserted, let template = compiled[name] else { continue }
            func visit(_ nodes: [CompiledTemplate.Node]) {
                for node in nodes {
                    switch node {
                    case .section(_, _, let body, _): visit(body)
                    case .partial(let partial, _, _): pending.append(partial)
                    case .text, .variable, .contentType: break
                    }
                }
            }
            visit(template.nodes)
        }
        return seen
    }

    /// Every template parsed, by name, in the order of names so that the first error is always the same.
    static func compile(_ sources: [String: [UInt8]], origins: [String: String]) throws(TemplateError) -> [String: CompiledTemplate] {
        var compiled: [String: CompiledTemplate] = [:]
        for name in sources.keys.sorted() {
            let shown = origins[name] ?? name
            guard let source = String(validating: sources[name]!, as: UTF8.self) else {
                throw TemplateError(description: "\(shown): cannot read the template as UTF-8", isMissing: false)
            }
            do {
                compiled[name] = try CompiledTemplate(source)
            } catch {
                throw TemplateError(description: "\(shown):\(error.line): template error: \(error.message)", isMissing: false)
            }
        }
        return compiled
    }

    /// The policy of each template: the inline scripts of its own text, and of the partials it
    /// includes with their indentation, as the renderer writes them.
    static func scriptPolicies(_ origins: [String: String], compiled: [String: CompiledTemplate],
                               sources: [String: [UInt8]]) throws(TemplateError) -> [String: ContentSecurityPolicy] {
        var ownScripts: [String: [[UInt8]]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                ownScripts[name] = try ContentSecurityPolicy.inlineScripts(in: source)
            } catch {
                throw TemplateError(description: "\(origins[name] ?? name):\(error.line): template error: \(error.message)", isMissing: false)
            }
        }
        var scripts: [String: [[UInt8]]] = [:]
        // Memoized: a partial included from many places is read once. `expanding` is a second guard
        // against a partial that includes itself (TemplateNesting refuses those before this runs).
        func allScripts(_ name: String, expanding: Set<String>) -> [[UInt8]] {
            if let known = scripts[name] { return known }
            guard let template = compiled[name], !expanding.contains(name) else { return [] }
            var result = ownScripts[name] ?? []
            func visit(_ nodes: [CompiledTemplate.Node]) {
                for node in nodes {
                    switch node {
                    case .section(_, _, let body, _): visit(body)
                    case .partial(let partial, let indentation, _):
                        result += allScripts(partial, expanding: expanding.union([name])).map { indented($0, indentation) }
                    case .text, .variable, .contentType: break
                    }
                }
            }
            visit(template.nodes)
            scripts[name] = result
            return result
        }
        var policies: [String: ContentSecurityPolicy] = [:]
        for name in compiled.keys.sorted() { policies[name] = ContentSecurityPolicy(scripts: allScripts(name, expanding: [])) }
        return policies
    }

    /// A script of a partial as the renderer writes it: the partial's indentation after each line
    /// end inside it, the last one too (the indentation of `</script>`'s line is the script's text).
    static func indented(_ script: [UInt8], _ indentation: [UInt8]) -> [UInt8] {
        guard !indentation.isEmpty else { return script }
        var result: [UInt8] = []
        for byte in script {
            result.append(byte)
            if byte == 0x0A { result += indentation }
        }
        return result
    }

    /// The policy of the pages of `template`.
    public func policy(for template: String) -> ContentSecurityPolicy {
        policies[template] ?? ContentSecurityPolicy(scripts: [])
    }

    /// A policy that allows every script of every template: what an HTTP header sent with every
    /// page must allow, since a header and a page's `<meta>` policy both apply.
    public var sitePolicy: ContentSecurityPolicy {
        ContentSecurityPolicy.union(policies.keys.sorted().map { policies[$0]! })
    }

    func compiledRender(_ page: any TemplateObject, template name: String, capacity: Int = 32 * 1024) -> [UInt8] {
        var renderer = TemplateRenderer(templates: compiled, capacity: capacity)
        renderer.render(name, with: page)
        return renderer.output
    }

    public func catalogue(for language: PortalLanguage) -> Catalogue {
        catalogues[language] ?? Catalogue(language: language, strings: [:])
    }

    /// Renders a plain-text template: no HTML escaping happens where the template uses `{{{ }}}`.
    public func renderText(_ page: any TemplateObject, template name: String) -> String {
        String(decoding: compiledRender(page, template: name), as: UTF8.self)
    }

    /// Renders one view model with the named template.
    public func render(_ page: any TemplateObject, template name: String) -> String {
        String(decoding: renderPage(page, template: name), as: UTF8.self)
    }

    /// The page's bytes, as they are written: no `String` in between on the build's hot path.
    /// `capacity`: room for the whole page, so that a large one (the overview of 50,000 customers,
    /// 23 MB) is not copied as it grows; what is reserved and not written takes no memory.
    /// A page's policy is already in its template (`placingPolicies`).
    public func renderPage(_ page: any TemplateObject, template name: String, capacity: Int = 32 * 1024) -> [UInt8] {
        compiledRender(page, template: name, capacity: capacity)
    }
}
