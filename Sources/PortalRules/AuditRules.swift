import PortalRecords

/// Why an event is an audit finding (R12).
public enum FindingReason: String, Sendable {
    /// The partner user does not hold Admin Agent.
    case missingRole = "missing_role"
    /// The user is absent from the users file.
    case unknownUser = "unknown_user"
}

/// A succeeded key or download-link event by someone who should not have seen it.
public struct AuditFinding: Hashable, Sendable {
    public let event: ActivityEvent
    public let reason: FindingReason
}

/// R12: who may see keys and downloads, and who may receive the audit report.
public enum AuditRules {
    /// The operation types that show a product key or produce a download link.
    public static let keyAction = ActivityEvent.keyAction
    public static let downloadAction = ActivityEvent.downloadLinkAction
    /// Partners see keys and downloads with Admin Agent.
    public static let keyRole = "admin agent"
    /// Only these roles may view the activity log, so only they receive the report.
    public static let reportRoles: Set<String> = ["global admin", "account admin", "referral admin", "marketing content admin"]

    public static func isKeyOrDownload(_ event: ActivityEvent) -> Bool {
        event.action == keyAction || event.action == downloadAction
    }

    /// Users are matched by user principal name, ignoring case; roles by name, ignoring case.
    public static func finding(for event: ActivityEvent, users: [String: PartnerUser]) -> AuditFinding? {
        guard event.status == "succeeded", isKeyOrDownload(event) else { return nil }
        guard let user = users[event.user.lowercased()] else { return AuditFinding(event: event, reason: .unknownUser) }
        return user.roles.contains { $0.lowercased() == keyRole } ? nil : AuditFinding(event: event, reason: .missingRole)
    }

    /// Every finding, sorted by time then user.
    public static func findings(_ events: some Sequence<ActivityEvent>, users: [PartnerUser]) -> [AuditFinding] {
        let byName = Dictionary(users.map { ($0.user.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return events.compactMap { finding(for: $0, users: byName) }.sorted(by: chronological)
    }

    /// The users an audit report may be sent to, sorted.
    public static func reportRecipients(_ users: [PartnerUser]) -> [PartnerUser] {
        users.filter { $0.roles.contains { reportRoles.contains($0.lowercased()) } }
            .sorted { $0.user.utf8.lexicographicallyPrecedes($1.user.utf8) }
    }

    static func chronological(_ a: AuditFinding, _ b: AuditFinding) -> Bool {
        if a.event.at != b.event.at { return a.event.at < b.event.at }
        if a.event.user != b.event.user { return a.event.user.utf8.lexicographicallyPrecedes(b.event.user.utf8) }
        return a.event.source < b.event.source
    }
}
