/// The customer ids of the customers file, compared ignoring case: a tenant GUID is the same tenant
/// written `3F2A8C1E-…` or `3f2a8c1e-…`. An id found here takes the customers file's spelling, so
/// that an order, a device or an activity event written in another case finds its customer.
public struct CustomerIds: Sendable {
    /// The customers file's spelling of each id, by its key.
    private var spellings: [String: String] = [:]

    public init() {}

    public init(_ ids: some Sequence<String>) {
        for id in ids { insert(id) }
    }

    /// What ids are compared by: their lower case.
    public static func key(_ id: String) -> String { id.lowercased() }

    /// The first spelling of an id is kept.
    public mutating func insert(_ id: String) {
        let key = Self.key(id)
        if spellings[key] == nil { spellings[key] = id }
    }

    /// The customers file's spelling of `id`, nil when no customer has it.
    public func spelling(of id: String) -> String? {
        // Ids are mostly written as their key already (lower-case GUIDs): found without lowering.
        if let spelling = spellings[id] { return spelling }
        return spellings[Self.key(id)]
    }

    public var isEmpty: Bool { spellings.isEmpty }
}
