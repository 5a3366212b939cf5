/// Where a value came from: a file and a line (CSV) or a JSON path.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file name as the user knows it, relative to the data folder: `orders.csv`.
    public let file: String
    /// 1-based line of a CSV record (its first line when a quoted field spans several).
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?
    /// JSON path of a value, e.g. `$[3].quantity`.
    public let jsonPath: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
    }

    /// `orders.csv:12`, `orders.csv:12:7` or `orders.json: $[3]`.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let jsonPath { text += ": \(jsonPath)" }
        return text
    }

    /// The record the location is in, whatever its field: `orders.csv:12` or `orders.json: $[3]`;
    /// nil for a whole file. What `build --keep-going` leaves out.
    public var record: SourceLocation? {
        if let line { return SourceLocation(file: file, line: line) }
        guard let jsonPath else { return nil }
        // `$[3].quantity` is in the record `$[3]`.
        let element = jsonPath.firstIndex(of: "]").map { String(jsonPath[...$0]) } ?? jsonPath
        return SourceLocation(file: file, jsonPath: element)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file.utf8.lexicographicallyPrecedes(rhs.file.utf8) }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if lhs.column != rhs.column { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        return (lhs.jsonPath ?? "").utf8.lexicographicallyPrecedes((rhs.jsonPath ?? "").utf8)
    }
}

/// Where each field of a record's file sits: the CSV column of each named field, shared by every
/// record of one file, so that a check made later (by the rules) can still point at the cell.
public struct FieldLayout: Hashable, Sendable {
    public let columns: [String: Int]
    /// For a JSON record, where a field's value is when it is not under the record's own path in
    /// its own file (another file's, when a subscription supplied it).
    public let sources: [String: SourceLocation]
    /// For a JSON record, where each other field's value is, relative to the record's path: records
    /// of one shape share these, where full paths would be a string per field and record.
    public let relativePaths: [String: RelativeJSONPath]

    public init(columns: [String: Int] = [:], sources: [String: SourceLocation] = [:],
                relativePaths: [String: RelativeJSONPath] = [:]) {
        self.columns = columns
        self.sources = sources
        self.relativePaths = relativePaths
    }

    /// `orders.csv:12:19` for a CSV cell, `orders.json: $[3].activation` for a JSON value.
    public func location(of field: String, in record: SourceLocation) -> SourceLocation {
        if let source = sources[field] { return source }
        if let path = record.jsonPath {
            if let relative = relativePaths[field] { return SourceLocation(file: record.file, jsonPath: relative.resolved(against: path)) }
            return SourceLocation(file: record.file, jsonPath: "\(path).\(field)")
        }
        return SourceLocation(file: record.file, line: record.line, column: columns[field])
    }

    /// Where each field given a place of its own is: what a check of the records a value came from looks at.
    public func fieldLocations(in record: SourceLocation) -> [SourceLocation] {
        Array(sources.values) + relativePaths.keys.map { location(of: $0, in: record) }
    }
}

/// A JSON value's path as its record's path without its last `dropping` UTF-8 bytes, then
/// `suffix`: an order line `$[3].lineItems[0]` finds its quantity at `.quantity` after all of it,
/// its order's `creationDate` at `creationDate` after `$[3].`. The same for every record of a
/// shape, so that it is stored once however many records there are.
public struct RelativeJSONPath: Hashable, Sendable {
    public let dropping: Int
    public let suffix: String

    public init(dropping: Int, suffix: String) {
        self.dropping = dropping
        self.suffix = suffix
    }

    /// `path` relative to `recordPath`: after the bytes they start with in common.
    public init(_ path: String, relativeTo recordPath: String) {
        var common = 0
        var pathBytes = path.utf8.makeIterator(), recordBytes = recordPath.utf8.makeIterator()
        while let a = pathBytes.next(), let b = recordBytes.next(), a == b { common += 1 }
        // A cut inside a multi-byte character would leave bytes that are not a String's.
        while common > 0, common < path.utf8.count,
              UTF8.isContinuation(path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: common)]) {
            common -= 1
        }
        self.init(dropping: recordPath.utf8.count - common,
                  suffix: String(path.utf8.dropFirst(common))!)
    }

    public func resolved(against recordPath: String) -> String {
        // Decoded rather than forced: against another record's path than the one it was made from,
        // a cut inside a character gives a replacement character, not a crash.
        String(decoding: recordPath.utf8.dropLast(dropping), as: UTF8.self) + suffix
    }
}

/// One problem found in the input: an error stops the build, a warning is shown and kept.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public let severity: Severity
    public let location: SourceLocation
    /// The field the problem is about (`quantity`), when there is one.
    public let field: String?
    /// What was wrong and what was expected.
    public let message: String
    /// The offending value as it was read, when there is one.
    public let value: String?
    /// The customer whose record this is, when the record names a known one: whose portal says
    /// that a line was left out (`build --keep-going`).
    public private(set) var customerId: String?

    public init(_ severity: Severity, at location: SourceLocation, field: String? = nil, _ message: String, value: String? = nil) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
        self.value = value
    }

    public static func error(at location: SourceLocation, field: String? = nil, _ message: String, value: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, field: field, message, value: value)
    }

    public static func warning(at location: SourceLocation, field: String? = nil, _ message: String, value: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, field: field, message, value: value)
    }

    /// The same diagnostic, about a record of customer `id`.
    public func concerning(customer id: String?) -> Diagnostic {
        var tagged = self
        tagged.customerId = id
        return tagged
    }

    /// `orders.csv:12: error: quantity: must be a whole number of at least 1 (-3)`
    public var description: String {
        "\(location): \(severity.rawValue): \(detail)"
    }

    /// The diagnostic without its location and severity: `quantity: must be … (-3)`.
    public var detail: String {
        var text = ""
        if let field { text += "\(field): " }
        text += message
        if let value { text += " (\(value.isEmpty ? "empty" : value))" }
        return text
    }
}

/// Diagnostics in the order a user reads them: by file, then line, then column.
extension Array where Element == Diagnostic {
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }

    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
