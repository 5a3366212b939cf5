import Foundation
import FuzzSupport
@testable import PortalRender

/// The template parser (`CompiledTemplate`), the nesting check, the inline-script reader of the
/// Content-Security-Policy, and the renderer (`TemplateRenderer`), with a template, a view model
/// and a partial all from the input.
///
/// The input is cut at its first two NUL bytes: the template `main`, a JSON value (the view model:
/// objects, lists, text, numbers, flags) and the template `p` (so that `{{> p}}` finds a partial,
/// which may include `main` back). Invariants: errors name a line of their template; a set the
/// nesting check accepts renders, the same bytes twice; a template without tags renders as itself;
/// a template with only escaped tags writes no `<`, `>`, `&`, `"` or `'` of the view model's text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = splitAtNUL(Array(UnsafeBufferPointer(start: data, count: size)), limit: 3)
    let sources = ["main": parts[0], "p": parts.count > 2 ? parts[2] : []]
    var compiled: [String: CompiledTemplate] = [:]
    for (name, source) in sources {
        do {
            compiled[name] = try CompiledTemplate(String(decoding: source, as: UTF8.self))
        } catch {
            require((1...lastLine(of: source)).contains(error.line), "\(name): parse error on line \(error.line): \(error.message)")
            return 0
        }
        do {
            _ = try ContentSecurityPolicy.inlineScripts(in: source)
        } catch {
            require((1...lastLine(of: source)).contains(error.line), "\(name): script error on line \(error.line): \(error.message)")
        }
    }
    do {
        try TemplateNesting.check(compiled)
    } catch {
        require(sources[error.template].map { (1...lastLine(of: $0)).contains(error.line) } ?? false,
                "nesting violation in \(error.template) on line \(error.line): \(error.message)")
        return 0
    }

    let model = parts.count > 1 ? ViewModel.object(json: parts[1]) : [:]
    let page = render(compiled, model)
    require(render(compiled, model) == page, "two renderings differ")
    if !parts[0].contains(0x7B) {
        // As read: invalid UTF-8 becomes U+FFFD.
        require(page == Array(String(decoding: parts[0], as: UTF8.self).utf8), "a template without tags rendered as something else")
    }
    let allEscaped = sources.values.allSatisfy { source in
        !["{{{", "{{&", "{{%"].contains { source.firstRange(of: Array($0.utf8)) != nil }
    }
    if allEscaped {
        let withoutText = render(compiled, model.mapValues { $0.withEmptyTexts })
        let special: Set<UInt8> = Set("<>&\"'".utf8)
        // `&` starts every escape: count the ones that are not escapes of the model's text.
        let specialCount = { (bytes: [UInt8]) in bytes.filter { special.contains($0) && $0 != 0x26 }.count }
        require(specialCount(page) == specialCount(withoutText), "the view model's text reached the page unescaped")
    }
    return 0
}

func render(_ templates: [String: CompiledTemplate], _ model: [String: ViewModel]) -> [UInt8] {
    var renderer = TemplateRenderer(templates: templates, capacity: 0)
    renderer.render("main", with: model)
    return renderer.output
}

/// A view model read from JSON: what the templates' generated fields give the renderer.
indirect enum ViewModel: TemplateRepresentable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case object([String: ViewModel])
    case list([ViewModel])
    case missing

    /// The JSON text as a top-level object (empty for anything that is not one).
    static func object(json bytes: [UInt8]) -> [String: ViewModel] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
              case .object(let object) = ViewModel(root) else { return [:] }
        return object
    }

    init(_ json: Any) {
        switch json {
        case let text as String: self = .text(text)
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            self = type == "c" || type == "B" ? .flag(number.boolValue) : .number(number.intValue)
        case let object as [String: Any]: self = .object(object.mapValues(ViewModel.init))
        case let list as [Any]: self = .list(list.map(ViewModel.init))
        default: self = .missing
        }
    }

    /// The same model with every text empty: what the page holds of the templates alone.
    var withEmptyTexts: ViewModel {
        switch self {
        case .text: .text("")
        case .object(let object): .object(object.mapValues(\.withEmptyTexts))
        case .list(let list): .list(list.map(\.withEmptyTexts))
        case .number, .flag, .missing: self
        }
    }

    var templateValue: TemplateValue {
        switch self {
        case .text(let text): .text(text)
        case .number(let number): .number(number)
        case .flag(let flag): .flag(flag)
        case .object(let object): .object(object)
        case .list(let list): .list(list)
        case .missing: .missing
        }
    }
}

@_cdecl("FuzzTemplate_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
