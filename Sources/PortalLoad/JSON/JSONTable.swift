import Foundation
import PortalRecords

/// Reads a JSON text into raw records for a schema, collecting every problem found. The text is
/// pulled apart as it is read (`JSONPullReader`): the shapes docs/data-format.md lists (an array
/// of objects, a collection envelope with `items`, an array of envelopes, a single resource) are
/// walked without holding them, and each record is built alone, handed on, and forgotten.
enum JSONTable {
    /// How reading a file ended.
    enum Outcome {
        /// Read to its end.
        case complete
        /// A resource of another kind (its file is wrong for every resource in it): not read further.
        case misplacedResource
        /// A syntax or encoding error, or the file could not be read: its diagnostic is the last one added.
        case unreadable
    }

    /// The records of a whole text: none when the text is not valid JSON (its error alone is
    /// reported) or holds another resource than the file takes.
    static func records<Field>(in raw: [UInt8], file: String, schema: InputSchema<Field>,
                               diagnostics: inout [Diagnostic]) -> [RawRecord<Field>] {
        records(JSONPullReader.bytes(raw), file: file, schema: schema, diagnostics: &diagnostics)
    }

    /// The same, read from `source` a chunk at a time.
    static func records<Field>(_ source: @escaping JSONPullReader.Source, file: String, schema: InputSchema<Field>,
                               diagnostics: inout [Diagnostic]) -> [RawRecord<Field>] {
        var records: [RawRecord<Field>] = []
        var found: [Diagnostic] = []
        switch forEachRecord(source, file: file, schema: schema, diagnostics: &found, { record, _ in records.append(record) }) {
        case .complete:
            diagnostics += found
            return records
        case .misplacedResource:
            diagnostics += found
            return []
        case .unreadable:
            // As when the file was parsed whole before anything was read from it: the error alone.
            diagnostics.append(found.last!)
            return []
        }
    }

    /// Calls `body` with each record as it is read, in order. A syntax or encoding error ends the
    /// file: the records before it were seen.
    @discardableResult
    static func forEachRecord<Field>(_ source: @escaping JSONPullReader.Source, file: String, schema: InputSchema<Field>,
                                     diagnostics: inout [Diagnostic], _ body: (RawRecord<Field>, inout [Diagnostic]) -> Void) -> Outcome {
        var reader = JSONPullReader(source)
        return forEachRecord(&reader, file: file, schema: schema, diagnostics: &diagnostics, body)
    }

    static func forEachRecord<Field>(_ reader: inout JSONPullReader, file: String, schema: InputSchema<Field>,
                                     diagnostics: inout [Diagnostic], _ body: (RawRecord<Field>, inout [Diagnostic]) -> Void) -> Outcome {
        withoutActuallyEscaping(body) { body in
            var walk = RecordWalk(file: file, schema: schema, body: body)
            do throws(WalkStop) {
                try walk.collection(&reader, path: "$", diagnostics: &diagnostics)
                try reading { () throws(JSONReadFailure) in try reader.finish() }
                return .complete
            } catch {
                switch error {
                case .misplacedResource:
                    return .misplacedResource
                case .read(let failure):
                    diagnostics.append(failure.diagnostic(file: file))
                    return .unreadable
                }
            }
        }
    }

    /// An object whose keys are the schema's field names (or their aliases, camelCase included).
    ///
    /// Two keys may name one field (`customerId` and `customer_id`, a key and the same with a
    /// space, or one key given twice): that is an error at the second, as a column that appears
    /// twice is in CSV, and the first in the document is kept. Before the JSON was read as a
    /// stream, a dictionary's order decided, which differed from one run to the next (found by
    /// fuzzing, docs/fuzzing.md).
    static func flatRecord<Field>(_ json: JSONObject, schema: InputSchema<Field>, file: String,
                                  diagnostics: inout [Diagnostic]) -> MappedRecord<Field> {
        var record = MappedRecord<Field>(path: json.path)
        var keyOf: [Field: String] = [:]
        for member in json.members {
            guard let field = schema.field(forHeader: member.key) else { continue }
            if let first = keyOf[field] {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: json.path(member.key)), field: field.name,
                                          "the field appears twice, as \(first.debugDescription) and \(member.key.debugDescription); keep one of them",
                                          value: member.key))
                continue
            }
            keyOf[field] = member.key
            record.values[field] = MappedValue(member.value, path: json.path(member.key))
        }
        return record
    }
}

/// Why a walk stopped before the end of its file.
private enum WalkStop: Error {
    case misplacedResource
    case read(JSONReadFailure)
}

/// A reader's failure as the walk's.
private func reading<T>(_ body: () throws(JSONReadFailure) -> T) throws(WalkStop) -> T {
    do { return try body() } catch { throw .read(error) }
}

/// The walk through one file's shapes down to its records.
private struct RecordWalk<Field: InputField> {
    let file: String
    let schema: InputSchema<Field>
    let body: (RawRecord<Field>, inout [Diagnostic]) -> Void
    private var shapes = FieldSourceShapes()

    init(file: String, schema: InputSchema<Field>, body: @escaping (RawRecord<Field>, inout [Diagnostic]) -> Void) {
        self.file = file
        self.schema = schema
        self.body = body
    }

    /// What stands at `path`: an array of objects or of envelopes, an envelope, or a single resource.
    mutating func collection(_ reader: inout JSONPullReader, path: String, diagnostics: inout [Diagnostic]) throws(WalkStop) {
        switch try reading({ () throws(JSONReadFailure) in try reader.peekValue() }) {
        case UInt8(ascii: "["):
            var array = try reading { () throws(JSONReadFailure) in try reader.beginArray() }
            var index = 0
            while try reading({ () throws(JSONReadFailure) in try reader.nextElement(&array) }) {
                let elementPath = "\(path)[\(index)]"
                index += 1
                if try reading({ () throws(JSONReadFailure) in try reader.peekValue() }) == UInt8(ascii: "{") {
                    try object(&reader, path: elementPath, isElement: true, diagnostics: &diagnostics)
                } else {
                    try reading { () throws(JSONReadFailure) in try reader.skipValue() }
                    diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: elementPath), "expected an object"))
                }
            }
        case UInt8(ascii: "{"):
            try object(&reader, path: path, isElement: false, diagnostics: &diagnostics)
        default:
            try reading { () throws(JSONReadFailure) in try reader.skipValue() }
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: path),
                                      "expected an array of objects, a collection with \"items\" or a Partner Center resource"))
        }
    }

    /// An object: an envelope when it has `items` (whose other members are only checked), else a
    /// record, built whole. An object that is not an array's element is a record only when it is a
    /// Partner Center resource (`GET /v1/customers/{id}` returns one).
    mutating func object(_ reader: inout JSONPullReader, path: String, isElement: Bool, diagnostics: inout [Diagnostic]) throws(WalkStop) {
        var members: [JSONMember] = []
        var isEnvelope = false
        let start = reader.currentPosition
        let limit = start.offset + JSONPullReader.maximumValueBytes
        var object = try reading { () throws(JSONReadFailure) in try reader.beginObject() }
        while let key = try reading({ () throws(JSONReadFailure) in try reader.nextKey(&object) }) {
            if key == "items" {
                isEnvelope = true
                members = []
                try collection(&reader, path: "\(path).items", diagnostics: &diagnostics)
            } else if isEnvelope {
                try reading { () throws(JSONReadFailure) in try reader.skipValue() }
            } else {
                members.append(JSONMember(key: key, value: try reading { () throws(JSONReadFailure) in
                    try reader.readValue(limit: limit, start: start)
                }))
            }
        }
        guard !isEnvelope else { return }
        let json = JSONObject(members, path: path)
        guard isElement || PartnerCenterResource.objectType(of: json) != nil else {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: path),
                                      "expected an array of objects, a collection with \"items\" or a Partner Center resource"))
            return
        }
        try record(json, diagnostics: &diagnostics)
    }

    mutating func record(_ json: JSONObject, diagnostics: inout [Diagnostic]) throws(WalkStop) {
        if let resource = schema.partnerCenter?.resource, let found = PartnerCenterResource.objectType(of: json) {
            // One message for the file: a wrong file is wrong for every resource in it.
            guard JSONObject.equalIgnoringCase(found.value, resource.rawValue) else {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: found.path), field: "objectType",
                                          resource.misplaced(found.value, file: file), value: found.value))
                throw .misplacedResource
            }
        }
        let mapped = schema.partnerCenter.flatMap {
            $0.resource.isShaped(json) ? $0.records(json, schema, file, &diagnostics) : nil
        } ?? [JSONTable.flatRecord(json, schema: schema, file: file, diagnostics: &diagnostics)]
        for record in mapped {
            body(record.rawRecord(file: file, shapes: &shapes, diagnostics: &diagnostics), &diagnostics)
        }
    }
}
