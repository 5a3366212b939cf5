import PortalRecords

/// `users` -> `PartnerUser`: the partner's users and their roles (R12 audit).
enum UserLoader {
    static func load(_ records: [RawRecord<UserField>], timestamps: TimestampParser, diagnostics: inout [Diagnostic]) -> [PartnerUser] {
        var users: [PartnerUser] = []
        var firstSeen = FirstOccurrences()
        for record in records {
            var fields = FieldReader(record, timestamps: timestamps)
            var user = fields.required(.user)
            // Report recipients are addressed by it: a line break would add headers, a comma a recipient.
            if let address = user, let problem = EmailAddress.problem(in: address) {
                fields.fail(.user, "expected the user's sign-in address (user principal name) such as admin@contoso.example: \(problem)",
                            value: address)
                user = nil
            }
            let roles = fields.required(.roles)?.split(separator: "|").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty } ?? []
            if let user, let previous = firstSeen.previous(of: user.lowercased(), at: record.location) {
                fields.fail(.user, "the same user appears twice, first at \(previous)", value: user)
            }
            diagnostics += fields.diagnostics
            guard !fields.hasErrors, let user else { continue }
            users.append(PartnerUser(user: user, name: fields.optional(.name), roles: roles))
        }
        return users
    }
}
