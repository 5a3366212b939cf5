/// Who the audit e-mail goes to (R12), as `site.json`'s `auditRecipients` names them: an address,
/// or a Partner Center role whose holders in the users file receive it.
public enum AuditRecipient: Hashable, Sendable {
    case address(EmailAddress)
    /// A role as written (`Admin Agent`); matched ignoring case, and `_`, `-` and spaces alike.
    case role(String)

    /// The roles allowed to view the activity log (R12): the recipients when `site.json` names none.
    public static let defaultRoles = ["Global admin", "Account admin", "Referral admin", "Marketing content admin"]

    /// `admin_agent` for `Admin Agent`, `admin-agent` and `ADMIN AGENT`.
    public static func roleKey(_ role: String) -> String {
        role.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: "_")
    }

    /// Reads one entry: text with an `@` is an address and must be one (as `contactEmail`); anything
    /// else is a role name on one line. Spaces around it are not part of it. nil and why when it
    /// is neither.
    public static func parse(_ text: String) -> (recipient: AuditRecipient?, problem: String?) {
        let trimmed = text.trimmingWhitespaceAndSpaces
        guard !trimmed.isEmpty else { return (nil, "expected an e-mail address or a role name, got an empty text") }
        if trimmed.contains("@") {
            if let problem = EmailAddress.problem(in: trimmed) {
                return (nil, "expected an e-mail address such as security@contoso.example: \(problem)")
            }
            return (EmailAddress(trimmed).map { .address($0) }, nil)
        }
        guard trimmed.count <= 100, roleKey(trimmed).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            return (nil, "expected an e-mail address, or a role name such as Admin Agent: letters, digits, spaces, - and _ on one line")
        }
        return (.role(trimmed), nil)
    }
}

private extension String {
    var trimmingWhitespaceAndSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
