import Crypto
import PortalRecords
import PortalRules

/// The build a new one replaces, as far as "what changed" needs it: what its `portal.json`
/// published, and the changes its `changes.json` carried.
public struct EarlierBuild: Sendable {
    public let snapshot: BuildSnapshot
    public let changes: [SiteChange]

    public init(snapshot: BuildSnapshot, changes: [SiteChange]) {
        self.snapshot = snapshot
        self.changes = changes
    }
}

/// How the earlier build was found: none (a first build), one that could not be used (why, for
/// the user), or one.
public enum EarlierBuildReading: Sendable {
    case none
    case unusable(String)
    case found(EarlierBuild)
}

/// `changes.json`: the changes a build found and those it carries (docs/portal-json.md), read back
/// by the next build; and the stable id of each change, for the Atom feed.
public enum ChangeHistory {
    public static let formatName = "csp-portal changes 1"

    /// The file written beside `portal.json`.
    public static func document(_ changes: [SiteChange], asOf: Instant, previousAsOf: Instant?) -> JSONValue {
        .object([
            ("format", .string(formatName)),
            ("asOf", .string(asOf.iso8601)),
            ("previousAsOf", .string(previousAsOf?.iso8601)),
            ("keptDays", .int(Int(SiteChanges.keptDays))),
            ("changes", .array(changes.map { change in
                .object([
                    ("id", .string(id(of: change))),
                    ("asOf", .string(change.asOf.iso8601)),
                    ("previousAsOf", .string(change.previousAsOf.iso8601)),
                    ("kind", .string(change.kind.rawValue)),
                    ("customerId", .string(change.customerId)),
                    ("customerName", .string(change.customerName)),
                    ("subject", .string(change.subject)),
                    ("reference", .string(change.reference)),
                    ("line", change.line.map(JSONValue.int) ?? .null),
                    ("occurredAt", .string(change.occurredAt?.iso8601)),
                    ("before", .string(change.before)),
                    ("after", .string(change.after)),
                ])
            })),
        ])
    }

    /// The changes of a `changes.json`; throws on anything that is not one.
    public static func changes(fromJSON bytes: [UInt8]) throws -> [SiteChange] {
        var reader = JSONReader(bytes)
        return try changes(&reader)
    }

    /// The changes of a `changes.json` whose text `nextPiece` gives a piece at a time (nil after
    /// the last); throws on anything that is not one, and what `nextPiece` throws as it is.
    public static func changes(fromPieces nextPiece: () throws -> [UInt8]?) throws -> [SiteChange] {
        try withoutActuallyEscaping(nextPiece) { nextPiece in
            var reader = try JSONReader(pieces: nextPiece)
            return try changes(&reader)
        }
    }

    static func changes(_ reader: inout JSONReader) throws -> [SiteChange] {
        var format: String?
        var changes: [SiteChange] = []
        try reader.object { reader, key in
            switch key {
            case "format": format = try reader.string()
            case "changes":
                try reader.array { reader in
                    var kind: SiteChange.Kind?, asOf: Instant?, previousAsOf: Instant?, customerId: String?, customerName: String?
                    var subject: String?, reference: String?, line: Int?, occurredAt: Instant?, before: String?, after: String?
                    try reader.object { reader, key in
                        switch key {
                        case "kind":
                            let text = try reader.string()
                            guard let known = SiteChange.Kind(rawValue: text) else { throw reader.failure("unknown kind \(text)") }
                            kind = known
                        case "asOf": asOf = try reader.instant()
                        case "previousAsOf": previousAsOf = try reader.instant()
                        case "customerId": customerId = try reader.string()
                        case "customerName": customerName = try reader.string()
                        case "subject": subject = try reader.optionalString()
                        case "reference": reference = try reader.optionalString()
                        case "line": line = try reader.optionalInt()
                        case "occurredAt": occurredAt = try reader.optionalInstant()
                        case "before": before = try reader.optionalString()
                        case "after": after = try reader.optionalString()
                        default: try reader.skip()
                        }
                    }
                    guard let kind, let asOf, let previousAsOf, let customerId, let customerName else {
                        throw reader.failure("a change without its kind, as-of, previous as-of or customer")
                    }
                    changes.append(SiteChange(kind: kind, asOf: asOf, previousAsOf: previousAsOf, customerId: customerId,
                                              customerName: customerName, subject: subject, reference: reference, line: line,
                                              occurredAt: occurredAt, before: before, after: after))
                }
            default: try reader.skip()
            }
        }
        try reader.end()
        guard format == formatName else { throw reader.failure("not a \(formatName) file") }
        return changes
    }

    /// What `portal.json` published, read back; throws on anything that is not one.
    public static func snapshot(fromPortalJSON bytes: [UInt8]) throws -> BuildSnapshot {
        var reader = JSONReader(bytes)
        return try snapshot(&reader)
    }

    /// What `portal.json` published, read back from its text as `nextPiece` gives it, a piece at a
    /// time (nil after the last): a 50,000-customer site's 200 MB are never in memory at once, only
    /// what "what changed" compares. Throws on anything that is not a `portal.json`, and what
    /// `nextPiece` throws as it is.
    public static func snapshot(fromPieces nextPiece: () throws -> [UInt8]?) throws -> BuildSnapshot {
        try withoutActuallyEscaping(nextPiece) { nextPiece in
            var reader = try JSONReader(pieces: nextPiece)
            return try snapshot(&reader)
        }
    }

    static func snapshot(_ reader: inout JSONReader) throws -> BuildSnapshot {
        var asOf: Instant?
        var customers: [BuildSnapshot.Customer] = []
        var findings: [BuildSnapshot.Finding] = []
        // A few dozen products are sold to 50,000 customers: each name is kept once, not once a purchase.
        var productNames: [String: String] = [:]
        try reader.object { reader, key in
            switch key {
            case "asOf": asOf = try reader.instant()
            case "customers": try reader.array { reader in customers.append(try customer(&reader, productNames: &productNames)) }
            case "audit":
                try reader.object { reader, key in
                    guard key == "findings" else { return try reader.skip() }
                    try reader.array { reader in findings.append(try finding(&reader)) }
                }
            default: try reader.skip()
            }
        }
        try reader.end()
        guard let asOf else { throw reader.failure("no asOf") }
        return BuildSnapshot(asOf: asOf, customers: customers, findings: findings)
    }

    static func customer(_ reader: inout JSONReader, productNames: inout [String: String]) throws -> BuildSnapshot.Customer {
        var id: String?, name: String?
        var products: [BuildSnapshot.Product] = [], devices: [BuildSnapshot.Device] = []
        try reader.object { reader, key in
            switch key {
            case "customerId": id = try reader.string()
            case "name": name = try reader.string()
            case "products": try reader.array { reader in products.append(try product(&reader, names: &productNames)) }
            case "devices": try reader.array { reader in devices.append(try device(&reader)) }
            default: try reader.skip()
            }
        }
        guard let id, let name else { throw reader.failure("a customer without customerId or name") }
        return BuildSnapshot.Customer(id: id, name: name, products: products, devices: devices)
    }

    static func product(_ reader: inout JSONReader, names: inout [String: String]) throws -> BuildSnapshot.Product {
        var orderId: String?, line: Int?, name: String?, status: ProductStatus?, cancellable: Bool?, deadline: Instant?
        try reader.object { reader, key in
            switch key {
            case "orderId": orderId = try reader.string()
            case "line": line = try reader.int()
            case "product":
                let read = try reader.string()
                // Kept as written: a name equal only in Unicode's sense to one kept is kept apart.
                if let known = names[read], known.utf8.elementsEqual(read.utf8) {
                    name = known
                } else {
                    if names[read] == nil { names[read] = read }
                    name = read
                }
            case "status":
                let text = try reader.string()
                guard let known = ProductStatus(rawValue: text) else { throw reader.failure("unknown status \(text)") }
                status = known
            case "cancellable": cancellable = try reader.bool()
            case "cancellationDeadline": deadline = try reader.optionalInstant()
            default: try reader.skip()
            }
        }
        guard let orderId, let line, let name, let status, let cancellable else {
            throw reader.failure("a product without orderId, line, product, status or cancellable")
        }
        return BuildSnapshot.Product(orderId: orderId, line: line, product: name, status: status, cancellable: cancellable,
                                     cancellationDeadline: deadline)
    }

    static func device(_ reader: inout JSONReader) throws -> BuildSnapshot.Device {
        var name: String?, deadline: Instant?, status: DeviceStatus?
        try reader.object { reader, key in
            switch key {
            case "device": name = try reader.string()
            case "deadline": deadline = try reader.instant()
            case "status":
                let text = try reader.string()
                guard let known = DeviceStatus(rawValue: text) else { throw reader.failure("unknown device status \(text)") }
                status = known
            default: try reader.skip()
            }
        }
        guard let name, let deadline, let status else { throw reader.failure("a device without device, deadline or status") }
        return BuildSnapshot.Device(name: name, deadline: deadline, status: status)
    }

    static func finding(_ reader: inout JSONReader) throws -> BuildSnapshot.Finding {
        var at: Instant?, user: String?, action: String?, customerId: String?, reason: String?
        try reader.object { reader, key in
            switch key {
            case "at": at = try reader.instant()
            case "user": user = try reader.string()
            case "action": action = try reader.string()
            case "customerId": customerId = try reader.optionalString()
            case "reason": reason = try reader.string()
            default: try reader.skip()
            }
        }
        guard let at, let user, let action, let reason else { throw reader.failure("a finding without at, user, action or reason") }
        return BuildSnapshot.Finding(at: at, user: user, action: action, customerId: customerId, reason: reason)
    }

    /// `urn:uuid:…`, the same for the same change in every build that carries it, so that a feed
    /// reader shows it once: a name-based UUID (version 5 layout) of SHA-256 over its fields.
    public static func id(of change: SiteChange) -> String {
        "urn:uuid:" + uuidText(Array(digest(of: change).prefix(16)))
    }

    /// 16 bytes of a digest as a UUID of the name-based layout (version 5 and variant bits set).
    static func uuidText(_ digest: [UInt8]) -> String {
        var bytes = digest
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = hexDigits(bytes)
        return [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            .joined(separator: "-")
    }

    /// `change-…`: the change's anchor on the changes page.
    public static func anchor(of change: SiteChange) -> String {
        "change-" + hexDigits(Array(digest(of: change).prefix(8)))
    }

    static func digest(of change: SiteChange) -> SHA256.Digest {
        var hash = SHA256()
        let fields: [String] = [
            change.kind.rawValue, change.asOf.iso8601, change.previousAsOf.iso8601, CustomerIds.key(change.customerId),
            change.subject ?? "\u{0}", change.reference ?? "\u{0}", change.line.map(String.init) ?? "\u{0}",
            change.occurredAt?.iso8601 ?? "\u{0}", change.before ?? "\u{0}", change.after ?? "\u{0}",
        ]
        for field in fields { hash.update(data: Array(field.utf8) + [0xFF]) }
        return hash.finalize()
    }

    static func hexDigits(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
