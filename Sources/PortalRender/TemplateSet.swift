import Foundation
import Mustache
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
    /// The templates every build needs.
    public static let requiredTemplates = ["portal", "overview", "markets", "audit-report", "audit-report-text"]

    let library: MustacheLibrary
    public let catalogues: [PortalLanguage: Catalogue]

    /// Loads and parses every template and catalogue, reporting the file of the first problem.
    public static func load(from directory: URL) async throws(TemplateError) -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(description: "\(directory.path): no such templates folder", isMissing: true)
        }
        // Before parsing: templates name it in their CONTENT_TYPE pragma.
        MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory.path)
        } catch let error as MustacheLibrary.ParserError {
            throw TemplateError(description: "\(directory.appendingPathComponent(error.filename).path):\(error.context.lineNumber):\(error.context.columnNumber): template error: \(error.error)", isMissing: false)
        } catch {
            throw TemplateError(description: "\(directory.path): cannot read templates: \(error)", isMissing: true)
        }
        for name in requiredTemplates where library.getTemplate(named: name) == nil {
            throw TemplateError(description: "\(directory.appendingPathComponent("\(name).mustache").path): missing template", isMissing: true)
        }
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
        return TemplateSet(library: library, catalogues: catalogues)
    }

    public func catalogue(for language: PortalLanguage) -> Catalogue {
        catalogues[language] ?? Catalogue(language: language, strings: [:])
    }

    /// Renders a plain-text template: no HTML escaping happens where the template uses `{{{ }}}`.
    public func renderText(_ page: Any, template name: String) -> String {
        library.render(page, withTemplate: name) ?? ""
    }

    /// Renders one view model with the named template.
    public func render(_ page: Any, template name: String) -> String {
        ContentSecurityPolicy.apply(to: library.render(page, withTemplate: name) ?? "")
    }
}
