import Foundation
import Mustache
@testable import PortalRender
import PortalTestSupport
import Testing

/// The compiled renderer against the Mustache specification's cases for what csp-portal's
/// templates use: interpolation, sections, inverted sections, partials, comments and standalone
/// lines (Tests/Fixtures/Mustache, our own cases in the specification's JSON shape; each file's
/// overview says what is out of scope).
@Suite("Mustache specification")
struct MustacheSpecTests {
    static let folder = Repository.root.appendingPathComponent("Tests/Fixtures/Mustache")

    /// Cases where swift-mustache, the reference, is known to write something else, and why.
    static let referenceDiffers: [String: String] = [
        "interpolation.json: HTML escaping by byte":
            "swift-mustache escapes by Character: a quote followed by a combining mark is one Character, not a quote, and is left as it is",
        "partials.json: Indentation inside sections":
            "swift-mustache indents the first line a section of an indented partial renders, not the lines of its second and later elements",
    ]

    static var cases: [SpecCase] {
        get throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            return try files.flatMap { file in
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                return try JSONDecoder().decode(SpecFile.self, from: data).tests.map { SpecCase(file: file, test: $0) }
            }
        }
    }

    @Test("Each feature has its file, each file an overview and cases")
    func files() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == ["comments.json", "interpolation.json", "inverted.json", "partials.json", "sections.json"])
        for file in files {
            let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: Self.folder.appendingPathComponent(file)))
            #expect(spec.overview.contains("Out of scope"), "\(file)")
            #expect(spec.tests.count >= 10, "\(file)")
            #expect(Set(spec.tests.map(\.name)).count == spec.tests.count, "\(file): names are unique")
        }
        let all = try Self.cases
        // The edge cases the fixtures exist for, each at least once.
        #expect(all.contains { $0.test.template.contains("\r\n") && $0.file == "sections.json" })
        #expect(all.contains { $0.test.template.contains("\r\n") && $0.file == "partials.json" })
        #expect(all.contains { $0.test.template.contains("{{.}}") })
        #expect(all.contains { $0.test.template.contains("{{#a.b.") })
        #expect(all.contains { $0.test.expected.contains("&amp;") && $0.test.expected.contains("&#39;") && $0.test.expected.contains("&quot;") })
    }

    @Test("The compiled renderer gives each case's expected text", arguments: try cases)
    func compiled(_ specCase: SpecCase) throws {
        var templates = ["test": try compile(specCase.test.template, specCase, "template")]
        for (name, text) in specCase.test.partials ?? [:] { templates[name] = try compile(text, specCase, "partial \(name)") }
        var renderer = TemplateRenderer(templates: templates, capacity: 0)
        renderer.render("test", with: try specCase.test.data.object())
        let written = String(decoding: renderer.output, as: UTF8.self)
        #expect(written == specCase.test.expected, "\(specCase): \(specCase.test.desc)\ntemplate \(specCase.test.template.debugDescription)")
    }

    @Test("swift-mustache gives the same expected text: the cases read the specification as others do", arguments: try cases)
    func reference(_ specCase: SpecCase) throws {
        var library = MustacheLibrary()
        try library.register(specCase.test.template, named: "test")
        for (name, text) in specCase.test.partials ?? [:] { try library.register(text, named: name) }
        let written = library.render(ReferenceObject(try specCase.test.data.object()), withTemplate: "test")
        if let reason = Self.referenceDiffers[specCase.description] {
            #expect(written != specCase.test.expected, "\(specCase) now passes with swift-mustache: \(reason)?")
        } else {
            #expect(written == specCase.test.expected, "\(specCase): \(specCase.test.desc)")
        }
    }

    func compile(_ text: String, _ specCase: SpecCase, _ what: String) throws -> CompiledTemplate {
        do {
            return try CompiledTemplate(text)
        } catch {
            throw SpecError(description: "\(specCase): \(what), line \(error.line): \(error.message)")
        }
    }
}

struct SpecError: Error, CustomStringConvertible {
    let description: String
}

/// One file of the fixtures, in the specification's shape.
struct SpecFile: Decodable {
    struct Test: Decodable {
        let name: String
        let desc: String
        let data: SpecValue
        let partials: [String: String]?
        let template: String
        let expected: String
    }

    let overview: String
    let tests: [Test]
}

/// A case with the file it is in: `sections.json: Empty list`.
struct SpecCase: CustomStringConvertible, Sendable {
    let file: String
    let test: SpecFile.Test

    var description: String { "\(file): \(test.name)" }
}

extension SpecFile.Test: Sendable {}

/// JSON data as a view model: objects answer `field(_:)` as the generated tables do, arrays are
/// lists, null is missing. Decimal numbers are refused: view models have none.
enum SpecValue: Decodable, TemplateRepresentable, Sendable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case null
    case list([SpecValue])
    case object(SpecObject)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([SpecValue].self) {
            self = .list(list)
        } else if let fields = try? container.decode([String: SpecValue].self) {
            self = .object(SpecObject(fields: fields))
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not text, an integer, a flag, null, a list or an object")
        }
    }

    var templateValue: TemplateValue {
        switch self {
        case .text(let text): .text(text)
        case .number(let number): .number(number)
        case .flag(let flag): .flag(flag)
        case .null: .missing
        case .list(let list): .list(list)
        case .object(let object): .object(object)
        }
    }

    /// The case's data: an object, as a page's view model is.
    func object() throws -> SpecObject {
        guard case .object(let object) = self else { throw SpecError(description: "the data of a case must be an object") }
        return object
    }
}

struct SpecObject: TemplateObject, Sendable {
    let fields: [String: SpecValue]

    func field(_ name: String) -> TemplateValue {
        fields[name]?.templateValue ?? .missing
    }
}
