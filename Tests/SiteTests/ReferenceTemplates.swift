import Foundation
import Mustache
import PortalRender

/// swift-mustache, the reference renderer the compiled templates are held to: the same templates
/// folder, the same view models read through the same `field(_:)` tables
/// (TemplateFields.generated.swift), so that a difference between the two is in the renderers.
/// Test-only: csp-portal itself does not link swift-mustache.
struct ReferenceTemplates {
    let library: MustacheLibrary
    /// The compiled templates of the same folder: their policies go on the reference's pages too.
    let templates: TemplateSet

    init(folder: URL) async throws {
        templates = try TemplateSet.load(from: folder)
        library = try await MustacheLibrary(directory: folder.path)
    }

    /// A library of templates given as text, by name (`partials/p`).
    init(library: MustacheLibrary, templates: TemplateSet) {
        self.library = library
        self.templates = templates
    }

    /// What swift-mustache writes for `page` with `template`.
    func render(_ page: any TemplateObject, template name: String) -> String {
        library.render(ReferenceObject(page), withTemplate: name) ?? ""
    }

    /// The page as a build writes it: with the template's Content-Security-Policy.
    func renderPage(_ page: any TemplateObject, template name: String) -> [UInt8] {
        templates.policy(for: name).apply(to: Array(render(page, template: name).utf8))
    }
}

/// A view model as swift-mustache reads it: each name through `TemplateObject.field(_:)`, where
/// swift-mustache would otherwise read every stored property with a Mirror.
struct ReferenceObject: MustacheParent, CustomStringConvertible {
    let object: any TemplateObject

    init(_ object: any TemplateObject) {
        self.object = object
    }

    func child(named name: String) -> Any? {
        object.field(name).referenceValue
    }

    /// What `{{object}}` writes, as the compiled templates do.
    var description: String { String(describing: object) }
}

/// A list as swift-mustache iterates it, each element as `referenceValue` gives it.
struct ReferenceList: MustacheSequence, CustomStringConvertible {
    let list: any TemplateList

    init(_ list: any TemplateList) {
        self.list = list
    }

    func makeIterator() -> IndexingIterator<[Any?]> {
        var elements: [Any?] = []
        list.forEachValue { elements.append($0.referenceValue) }
        return elements.makeIterator()
    }

    var description: String { String(describing: list) }
}

extension TemplateValue {
    /// The value as swift-mustache expects it: the `String`, `Int` or `Bool` itself, view models
    /// and lists wrapped so that their fields are read through `field(_:)` too; nil when missing.
    var referenceValue: Any? {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .object(let object): ReferenceObject(object)
        case .list(let list): ReferenceList(list)
        case .missing: nil
        }
    }
}
