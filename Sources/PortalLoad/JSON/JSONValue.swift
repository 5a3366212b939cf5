/// One JSON value as csp-portal reads it: a record, or a part of one, built by `JSONPullReader`
/// one record at a time. Objects keep their members in document order, so that what a record
/// says is read the same way on every run; numbers are kept as the text csp-portal reads from them
/// (`JSONNumberText`).
indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text as a field value: `2`, `1069.2`, `1e+16`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The text of a scalar, "" for null; nil for an object or an array.
    var scalarText: String? {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let text), .string(let text): text
        case .array, .object: nil
        }
    }

    var members: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// One `"key": value` of an object.
struct JSONMember: Sendable, Equatable {
    let key: String
    let value: JSONValue
}
