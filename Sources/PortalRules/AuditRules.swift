import PortalRecords

/// Why an event is an audit finding (R12).
public enum FindingReason: String, Sendable {
    /// The partner user does not hold Admin Agent.
    case missingRole = "missing_role"
    /// The user is absent from the users file.
    case unknownUser = "unknown_user"
}

/// A succeeded key or download-link event by someone who should not have seen it.
///
/// It names its event by position in the log rather than holding a copy: a log where a third of a
/// million events are findings stays small.
public struct AuditFinding: Hashable, Sendable {
    /// The event's position in the activity log.
    public let index: Int
    /// The event's time, which findings are sorted and cut into periods by.
    public let at: Instant
    public let reason: FindingReason
}

/// R12: who may see keys and downloads, and who may receive the audit report.
public enum AuditRules {
    /// The operation types that show a product key or produce a download link.
    public static let keyAction = ActivityEvent.keyAction
    public static let downloadAction = ActivityEvent.downloadLinkAction
    /// Partners see keys and downloads with Admin Agent.
    public static let keyRole = "admin agent"

    public static func isKeyOrDownload(_ event: ActivityEvent) -> Bool {
        event.action == keyAction || event.action == downloadAction
    }

    /// Why `event` is a finding, or nil. Users are matched by user principal name, ignoring case;
    /// roles by name, ignoring case.
    public static func reason(for event: ActivityEvent, users: [String: PartnerUser]) -> FindingReason? {
        guard event.status == "succeeded", isKeyOrDownload(event) else { return nil }
        guard let user = users[event.user.lowercased()] else { return .unknownUser }
        return user.roles.contains { $0.lowercased() == keyRole } ? nil : .missingRole
    }

    /// Every finding of `events`, sorted by time, then user, then position in the log.
    public static func findings<Events: RandomAccessCollection<ActivityEvent>>(_ events: Events, users: [PartnerUser]) -> [AuditFinding]
        where Events.Index == Int {
        let byName = Dictionary(users.map { ($0.user.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [AuditFinding] = []
        for index in events.indices {
            let event = events[index]
            if let reason = reason(for: event, users: byName) {
                findings.append(AuditFinding(index: index - events.startIndex, at: event.at, reason: reason))
            }
        }
        findings.sort { a, b in
            if a.at != b.at { return a.at < b.at }
            let userA = events[events.startIndex + a.index].user, userB = events[events.startIndex + b.index].user
            if userA != userB { return userA.utf8.lexicographicallyPrecedes(userB.utf8) }
            return a.index < b.index
        }
        return findings
    }

    /// The findings of [from, to), out of findings sorted by time: a slice, found by binary search.
    public static func findings(_ sorted: [AuditFinding], from: Instant, to: Instant) -> ArraySlice<AuditFinding> {
        func firstIndex(notBefore instant: Instant) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].at < instant { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let start = firstIndex(notBefore: from)
        return sorted[start..<max(start, firstIndex(notBefore: to))]
    }

    /// Who a report goes to: the addresses `configured` names, and the users holding a role it
    /// names (without `auditRecipients`, the roles of R12), each address once, sorted. A user
    /// reached by a role who is a finding of the period (`flagged`, user names in lower case)
    /// is left out: a report about someone does not go to them unless named by address.
    public static func reportRecipients(_ users: [PartnerUser], configured: [AuditRecipient]?,
                                        flagged: Set<String>) -> (recipients: [ReportRecipient], leftOut: [String]) {
        let entries = configured ?? AuditRecipient.defaultRoles.map { .role($0) }
        let roleKeys = Set(entries.compactMap { entry -> String? in
            if case .role(let role) = entry { return AuditRecipient.roleKey(role) }
            return nil
        })
        let byName = Dictionary(users.map { ($0.user.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var recipients: [String: ReportRecipient] = [:]
        var leftOut: Set<String> = []
        for entry in entries {
            guard case .address(let address) = entry else { continue }
            let key = address.text.lowercased()
            if recipients[key] == nil { recipients[key] = ReportRecipient(name: byName[key]?.name, address: address.text) }
        }
        for user in users where user.roles.contains(where: { roleKeys.contains(AuditRecipient.roleKey($0)) }) {
            let key = user.user.lowercased()
            guard recipients[key] == nil else { continue }
            if flagged.contains(key) { leftOut.insert(user.user); continue }
            recipients[key] = ReportRecipient(name: user.name, address: user.user)
        }
        let sorted = recipients.values.sorted { $0.address.lowercased().utf8.lexicographicallyPrecedes($1.address.lowercased().utf8) }
        return (sorted, leftOut.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}

/// One mailbox of the audit e-mail: the address as written, and the user's name when the users file has one.
public struct ReportRecipient: Hashable, Sendable {
    public let name: String?
    public let address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}
