import Mustache

/// A value as the compiled templates see it: typed, so that a lookup is a switch on a name and a
/// section a switch on a case, with no dynamic cast (as `Any` needed: 20% of a large build's CPU
/// was `swift_dynamicCast` in the template lookups).
public enum TemplateValue {
    case text(String)
    case number(Int)
    case flag(Bool)
    case object(any TemplateObject)
    case list(any TemplateList)
    /// No such field, or a field that is nil: the lookup climbs to the enclosing objects.
    case missing

    /// The same value for swift-mustache, the reference renderer: the original `String`, `Int`,
    /// `Bool`, view model or array, nil when missing.
    var mustacheValue: Any? {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .object(let object): object
        case .list(let list): list.mustacheValue
        case .missing: nil
        }
    }
}

/// A view model templates read by field name (`{{customerName}}`, `{{#products}}`).
public protocol TemplateObject: TemplateRepresentable {
    /// The field's value, `.missing` for a name the type does not have.
    func field(_ name: String) -> TemplateValue
}

/// A list a section iterates (`{{#products}}…{{/products}}`).
public protocol TemplateList {
    var isEmpty: Bool { get }
    func forEachValue(_ body: (TemplateValue) -> Void)
    var mustacheValue: Any { get }
}

/// What a view model's field can be: text, numbers, flags, other view models, optionals and arrays of them.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

// swift-mustache finds the same fields through `child(named:)`: one table of names per type serves both engines.
extension MustacheParent where Self: TemplateObject {
    public func child(named name: String) -> Any? {
        field(name).mustacheValue
    }
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .number(self) }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .flag(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    public var templateValue: TemplateValue { self?.templateValue ?? .missing }
}

extension Array: TemplateList where Element: TemplateRepresentable {
    public func forEachValue(_ body: (TemplateValue) -> Void) {
        for element in self { body(element.templateValue) }
    }

    public var mustacheValue: Any { self }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(self) }
}

/// The catalogue's strings: `{{t.yourProducts}}`.
extension Dictionary: TemplateObject where Key == String, Value: TemplateRepresentable {
    public func field(_ name: String) -> TemplateValue {
        self[name]?.templateValue ?? .missing
    }
}

extension Dictionary: TemplateRepresentable where Key == String, Value: TemplateRepresentable {}

extension TemplateObject {
    public var templateValue: TemplateValue { .object(self) }
}
