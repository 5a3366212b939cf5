import Foundation
import PortalRecords
import PortalViewModels

/// The templates folder could not be used (sysexits EX_NOINPUT, 66, or EX_DATAERR, 65, for a bad file).
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let isMissing: Bool
}

/// `Templates/`: the page templates (`*.mustache`, partials in `partials/`) and one string
/// catalogue per language in `locales/<lang>.json`.
public struct TemplateSet: Sendable {
    /// Where the templates were read from, for messages.
    let directory: URL
    /// What pages are rendered with, by name (`portal`, `partials/styles`): each file parsed once.
    let compiled: [String: CompiledTemplate]
    /// Each template's Content-Security-Policy, from the inline scripts of its text and its partials'.
    let policies: [String: ContentSecurityPolicy]
    public let catalogues: [PortalLanguage: Catalogue]

    /// Loads and parses every template and catalogue, reporting the file of the first problem.
    public static func load(from directory: URL) throws(TemplateError) -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(description: "\(directory.path): no such templates folder", isMissing: true)
        }
        // Before anything renders: the renderer recurses once per section and partial.
        let (compiled, sources) = try compile(directory)
        do {
            try TemplateNesting.check(compiled)
        } catch {
            throw TemplateError(description: "\(directory.appendingPathComponent("\(error.template).mustache").path):\(error.line): template error: \(error.message)", isMissing: false)
        }
        let policies = try scriptPolicies(directory, compiled: compiled, sources: sources)
        var catalogues: [PortalLanguage: Catalogue] = [:]
        for language in PortalLanguage.allCases {
            let file = directory.appendingPathComponent("locales/\(language.rawValue).json")
            guard let data = try? Data(contentsOf: file) else {
                throw TemplateError(description: "\(file.path): missing string catalogue", isMissing: true)
            }
            guard let strings = (try? JSONSerialization.jsonObject(with: data)) as? [String: String] else {
                throw TemplateError(description: "\(file.path): expected a JSON object of strings", isMissing: false)
            }
            catalogues[language] = Catalogue(language: language, strings: strings)
        }
        return TemplateSet(directory: directory, compiled: compiled, policies: policies, catalogues: catalogues)
    }

    /// Every `*.mustache` file under `directory`, by its path without the extension, parsed, with
    /// the text it was parsed from: the policies are read from the same bytes, not from a second read.
    static func compile(_ directory: URL) throws(TemplateError) -> (templates: [String: CompiledTemplate], sources: [String: [UInt8]]) {
        var compiled: [String: CompiledTemplate] = [:]
        var sources: [String: [UInt8]] = [:]
        let root = directory.standardizedFileURL.path + "/"
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "mustache" {
            let name = String(file.standardizedFileURL.deletingPathExtension().path.dropFirst(root.count))
            guard let bytes = try? Data(contentsOf: file), let source = String(data: bytes, encoding: .utf8) else {
                throw TemplateError(description: "\(file.path): cannot read the template as UTF-8", isMissing: false)
            }
            do {
                compiled[name] = try CompiledTemplate(source)
            } catch {
                throw TemplateError(description: "\(file.path):\(error.line): template error: \(error.message)", isMissing: false)
            }
            sources[name] = [UInt8](bytes)
        }
        return (compiled, sources)
    }

    /// The policy of each template: the inline scripts of its own text, and of the partials it
    /// includes with their indentation, as the renderer writes them.
    static func scriptPolicies(_ directory: URL, compiled: [String: CompiledTemplate],
                               sources: [String: [UInt8]]) throws(TemplateError) -> [String: ContentSecurityPolicy] {
        var ownScripts: [String: [[UInt8]]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let file = directory.appendingPathComponent("\(name).mustache")
            do {
                ownScripts[name] = try ContentSecurityPolicy.inlineScripts(in: source)
            } catch {
                throw TemplateError(description: "\(file.path):\(error.line): template error: \(error.message)", isMissing: false)
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
    public func renderPage(_ page: any TemplateObject, template name: String, capacity: Int = 32 * 1024) -> [UInt8] {
        policy(for: name).apply(to: compiledRender(page, template: name, capacity: capacity))
    }
}
