/// A JSON value whose objects keep their keys in the order given.
///
/// `portal.json` fixes its key order (docs/portal-json.md) and must be byte-identical between runs;
/// Foundation's `JSONEncoder` on Linux writes keys in hash order, which changes every run.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    /// An array whose elements are made as they are written: a document with a million entries is
    /// never whole in memory.
    case lazyArray(LazyJSONArray)
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.lazyArray(a), .lazyArray(b)): a.elements == b.elements
        case let (.lazyArray(a), .array(b)), let (.array(b), .lazyArray(a)): a.elements == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// `.string` of the value, or `.null`.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}

/// `count` JSON values made on demand by `element`.
public struct LazyJSONArray: Sendable {
    public let count: Int
    public let element: @Sendable (Int) -> JSONValue

    public init(count: Int, element: @escaping @Sendable (Int) -> JSONValue) {
        self.count = count
        self.element = element
    }

    /// Every element, made now.
    public var elements: [JSONValue] { (0..<count).map(element) }
}
