import PortalRecords

/// `activity` -> `ActivityEvent`, `users` -> `PartnerUser` (R12 audit).
enum ActivityLoader {
    static let statuses: Set<String> = ["succeeded", "failed", "progress", "decline"]

    static func loadEvents(_ records: [RawRecord], timestamps: TimestampParser, diagnostics: inout [Diagnostic]) -> [ActivityEvent] {
        var events: [ActivityEvent] = []
        events.reserveCapacity(records.count)
        for record in records {
            if let event = event(record, timestamps: timestamps, diagnostics: &diagnostics) { events.append(event) }
        }
        return events
    }

    /// One event, or nil with its diagnostics when it is not usable.
    static func event(_ record: RawRecord, timestamps: TimestampParser, diagnostics: inout [Diagnostic]) -> ActivityEvent? {
        var fields = FieldReader(record, schema: Schemas.activity, timestamps: timestamps)
        let at = fields.instant("at", required: true)
        let user = fields.required("user")
        // Partner Center writes operation types in several casings (getSoftwareKey, GET_SOFTWARE_KEY).
        let action = fields.required("action").map(normalizedAction)
        var status = "succeeded"
        if let text = fields.optional("status") {
            let lowered = text.lowercased()
            if statuses.contains(lowered) {
                status = lowered
            } else {
                fields.fail("status", "expected one of succeeded, failed, progress, decline", value: text)
            }
        }
        diagnostics += fields.diagnostics
        guard !fields.hasErrors, let at, let user, let action else { return nil }
        return ActivityEvent(at: at, user: user, action: action, status: status,
                             customerId: fields.optional("customer_id"), customerName: fields.optional("customer_name"),
                             orderId: fields.optional("order_id"), product: fields.optional("product"), source: record.location)
    }

    /// `getSoftwareKey` and `Get Software Key` read as `get_software_key`; other actions are kept as they are.
    static func normalizedAction(_ text: String) -> String {
        var snake = ""
        for character in text {
            if character.isUppercase, let last = snake.last, last.isLowercase { snake += "_" }
            snake += character == " " || character == "-" ? "_" : character.lowercased()
        }
        return ["get_software_key", "get_software_download_link"].contains(snake) ? snake : text
    }

    static func loadUsers(_ records: [RawRecord], timestamps: TimestampParser, diagnostics: inout [Diagnostic]) -> [PartnerUser] {
        var users: [PartnerUser] = []
        var firstSeen = FirstOccurrences()
        for record in records {
            var fields = FieldReader(record, schema: Schemas.users, timestamps: timestamps)
            let user = fields.required("user")
            let roles = fields.required("roles")?.split(separator: "|").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty } ?? []
            if let user, let previous = firstSeen.previous(of: user.lowercased(), at: record.location) {
                fields.fail("user", "the same user appears twice, first at \(previous)", value: user)
            }
            diagnostics += fields.diagnostics
            guard !fields.hasErrors, let user else { continue }
            users.append(PartnerUser(user: user, name: fields.optional("name"), roles: roles))
        }
        return users
    }
}
