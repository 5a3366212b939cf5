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
}

/// What a view model's field can be: text, numbers, flags, other view models, optionals and arrays of them.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
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
