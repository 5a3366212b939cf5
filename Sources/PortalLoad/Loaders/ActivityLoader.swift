import Foundation
import PortalRecords

/// `activity` -> `ActivityEvent` (R12 audit).
enum ActivityLoader {
    /// One event, or nil with its diagnostics when it is not usable.
    /// The activity-log page's CSV export names the customer (`Affected customer`) but not its id:
    /// `customerNames` finds the id.
    /// A customer id found in `customerIds` (ignoring case) takes the customers file's spelling.
    static func event(_ record: RawRecord<ActivityField>, timestamps: TimestampParser, customerNames: CustomerNames = CustomerNames([]),
                      customerIds: CustomerIds = CustomerIds(), diagnostics: inout [Diagnostic]) -> ActivityEvent? {
        var fields = FieldReader(record, timestamps: timestamps)
        let at = fields.instant(.at, required: true)
        let user = fields.required(.user)
        // Partner Center writes operation types in several casings (getSoftwareKey, GET_SOFTWARE_KEY).
        let action = fields.required(.action).map(normalizedAction)
        // Unknown operation statuses are kept as written (lower-cased): only `succeeded` counts for R12.
        let status = fields.optional(.status).map { $0.lowercased() } ?? "succeeded"
        diagnostics += fields.diagnostics
        guard !fields.hasErrors, let at, let user, let action else { return nil }
        let customerName = fields.optional(.customerName)
        return ActivityEvent(at: at, user: user, action: action, status: status,
                             customerId: fields.optional(.customerId).map { customerIds.spelling(of: $0) ?? $0 }
                                 ?? customerName.flatMap(customerNames.id(named:)),
                             customerName: customerName,
                             orderId: fields.optional(.orderId), product: fields.optional(.product), source: record.location)
    }

    /// `getSoftwareKey`, `GET_SOFTWARE_KEY` and `Get Software Key` read as `get_software_key`; other
    /// actions are kept as they are. Works on ASCII bytes: a million events go by.
    static func normalizedAction(_ text: String) -> String {
        if text == ActivityEvent.keyAction || text == ActivityEvent.downloadLinkAction { return text }
        var snake: [UInt8] = []
        snake.reserveCapacity(text.utf8.count + 4)
        var previousWasLower = false
        for byte in text.utf8 {
            let isUpper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            if isUpper && previousWasLower { snake.append(UInt8(ascii: "_")) }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"): snake.append(UInt8(ascii: "_"))
            default: snake.append(isUpper ? byte + 32 : byte)
            }
            previousWasLower = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
        let normalized = String(decoding: snake, as: UTF8.self)
        return normalized == ActivityEvent.keyAction || normalized == ActivityEvent.downloadLinkAction ? normalized : text
    }
}

/// Customer ids by name, for activity exports that name the customer only. Names are compared
/// ignoring case, accents and spacing; a name two customers share finds neither.
struct CustomerNames: Sendable {
    private var ids: [String: String?] = [:]

    init(_ customers: [Customer]) {
        for customer in customers {
            let key = Self.key(customer.name)
            ids[key] = ids[key] == nil ? .some(customer.id) : .some(nil)
        }
    }

    func id(named name: String) -> String? {
        guard !ids.isEmpty else { return nil }
        return ids[Self.key(name)] ?? nil
    }

    static func key(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
