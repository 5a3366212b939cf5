import Foundation
import PortalRecords

/// Reads a JSON text into raw records for a schema, collecting every problem found.
enum JSONTable {
    static func records<Field>(in raw: [UInt8], file: String, schema: InputSchema<Field>,
                               diagnostics: inout [Diagnostic]) -> [RawRecord<Field>] {
        let bytes: [UInt8]
        do {
            bytes = try TextDecoding.utf8(raw).bytes
        } catch {
            diagnostics.append(error.diagnostic(file: file))
            return []
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            diagnostics.append(JSONErrorText.diagnostic(error, in: bytes, file: file))
            return []
        }
        var objects: [(path: String, object: [String: Any])] = []
        collectObjects(root, path: "$", into: &objects, file: file, diagnostics: &diagnostics)

        var records: [RawRecord<Field>] = []
        records.reserveCapacity(objects.count)
        for (path, object) in objects {
            let json = JSONObject(object, path: path)
            if let resource = schema.partnerCenter?.resource, let found = PartnerCenterResource.objectType(of: json) {
                // One message for the file: a wrong file is wrong for every resource in it.
                guard found.value.caseInsensitiveCompare(resource.rawValue) == .orderedSame else {
                    diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: found.path), field: "objectType",
                                              resource.misplaced(found.value, file: file), value: found.value))
                    return []
                }
            }
            let mapped = schema.partnerCenter.flatMap {
                $0.resource.isShaped(json) ? $0.records(json, schema, file, &diagnostics) : nil
            } ?? [flatRecord(json, schema: schema, file: file, diagnostics: &diagnostics)]
            for record in mapped {
                records.append(record.rawRecord(file: file, diagnostics: &diagnostics))
            }
        }
        return records
    }

    /// An object whose keys are the schema's field names (or their aliases, camelCase included).
    ///
    /// Two keys may name one field (`customerId` and `customer_id`, or a key and the same with a
    /// space): that is an error, as a column that appears twice is in CSV, and the first key in
    /// byte order is kept. The keys are visited in that order, not the dictionary's, which differs
    /// from one run to the next: the value kept, and so the site, would too (found by fuzzing,
    /// docs/fuzzing.md).
    static func flatRecord<Field>(_ json: JSONObject, schema: InputSchema<Field>, file: String,
                                  diagnostics: inout [Diagnostic]) -> MappedRecord<Field> {
        var record = MappedRecord<Field>(path: json.path)
        var keyOf: [Field: String] = [:]
        for key in json.object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let field = schema.field(forHeader: key) else { continue }
            if let first = keyOf[field] {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: json.path(key)), field: field.name,
                                          "the field appears twice, as \(first.debugDescription) and \(key.debugDescription); keep one of them",
                                          value: key))
                continue
            }
            keyOf[field] = key
            record.values[field] = MappedValue(json.object[key]!, path: json.path(key))
        }
        return record
    }

    /// Accepts an array of objects, a collection envelope (`{"items": [...]}`) or an array of envelopes.
    static func collectObjects(_ value: Any, path: String, into objects: inout [(path: String, object: [String: Any])],
                               file: String, diagnostics: inout [Diagnostic]) {
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                let elementPath = "\(path)[\(index)]"
                if let object = element as? [String: Any], let items = object["items"] {
                    collectObjects(items, path: "\(elementPath).items", into: &objects, file: file, diagnostics: &diagnostics)
                } else if let object = element as? [String: Any] {
                    objects.append((elementPath, object))
                } else {
                    diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: elementPath), "expected an object"))
                }
            }
        } else if let object = value as? [String: Any], let items = object["items"] {
            collectObjects(items, path: "\(path).items", into: &objects, file: file, diagnostics: &diagnostics)
        } else if let object = value as? [String: Any], PartnerCenterResource.objectType(of: JSONObject(object, path: path)) != nil {
            // A single resource, as `GET /v1/customers/{id}` returns it.
            objects.append((path, object))
        } else {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: path),
                                      "expected an array of objects, a collection with \"items\" or a Partner Center resource"))
        }
    }

    /// The text of a JSON scalar, "" for null; nil for an object or an array.
    static func scalarText(_ value: Any) -> String? {
        switch value {
        case is NSNull: return ""
        case let string as String: return string
        case let number as NSNumber:
            if isJSONBoolean(number) { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 9e15 { return String(Int64(double)) }
            // The shortest text that reads back as the same Double: 1234.56, not 1234.5599999.
            return "\(double)"
        case is [Any], is [String: Any]: return nil
        default: return "\(value)"
        }
    }

    /// True when `number` came from a JSON `true` or `false` (Foundation boxes both as NSNumber).
    static func isJSONBoolean(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }
}
