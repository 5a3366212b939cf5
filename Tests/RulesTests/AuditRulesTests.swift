import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R12: key and download events by partner users without Admin Agent, or unknown to the users file.
@Suite("R12 audit findings")
struct AuditRulesTests {
    static let users = [
        PartnerUser(user: "agent@p.example", roles: ["Admin Agent"]),
        PartnerUser(user: "both@p.example", roles: ["admin agent", "Global admin"]),
        PartnerUser(user: "billing@p.example", roles: ["Billing admin"]),
        PartnerUser(user: "none@p.example", roles: []),
    ]

    @Test("R12 table", arguments: [
        ("agent@p.example", "get_software_key", "succeeded", nil as FindingReason?),
        ("AGENT@p.example", "get_software_download_link", "succeeded", nil),
        ("both@p.example", "get_software_key", "succeeded", nil),
        ("billing@p.example", "get_software_key", "succeeded", .missingRole),
        ("billing@p.example", "get_software_download_link", "succeeded", .missingRole),
        ("none@p.example", "get_software_key", "succeeded", .missingRole),
        ("billing@p.example", "get_software_key", "failed", nil),
        ("billing@p.example", "get_software_key", "progress", nil),
        ("billing@p.example", "get_software_key", "decline", nil),
        ("billing@p.example", "update_billing_profile", "succeeded", nil),
        ("stranger@x.example", "get_software_key", "succeeded", .unknownUser),
        ("stranger@x.example", "get_software_key", "failed", nil),
    ])
    func finding(user: String, action: String, status: String, expected: FindingReason?) {
        let event = ActivityEvent(at: at("2026-11-20T10:00:00Z"), user: user, action: action, status: status)
        #expect(AuditRules.findings([event], users: Self.users).first?.reason == expected)
    }

    @Test("Findings sorted by time, then user")
    func order() {
        let events = [
            ActivityEvent(at: at("2026-11-21"), user: "b@x", action: "get_software_key"),
            ActivityEvent(at: at("2026-11-20"), user: "z@x", action: "get_software_key"),
            ActivityEvent(at: at("2026-11-21"), user: "a@x", action: "get_software_key"),
        ]
        #expect(AuditRules.findings(events, users: []).map { events[$0.index].user } == ["z@x", "a@x", "b@x"])
    }

    @Test("R12: the report goes to Global, Account, Referral and Marketing content admins only")
    func recipients() {
        let users = Self.users + [
            PartnerUser(user: "acc@p.example", roles: ["Account admin"]),
            PartnerUser(user: "ref@p.example", roles: ["Referral admin"]),
            PartnerUser(user: "mkt@p.example", roles: ["Marketing content admin"]),
        ]
        let (recipients, leftOut) = AuditRules.reportRecipients(users, configured: nil, flagged: [])
        #expect(recipients.map(\.address) == ["acc@p.example", "both@p.example", "mkt@p.example", "ref@p.example"])
        #expect(leftOut.isEmpty)
    }
}

@Suite("Activity log storage")
struct ActivityLogTests {
    @Test("Events come back exactly as appended: absent fields, CSV lines, JSON paths, shared texts")
    func roundTrip() {
        let events = [
            ActivityEvent(at: at("2026-11-20T10:00:00Z"), user: "a@p.example", action: "get_software_key", status: "succeeded",
                          customerId: "c1", customerName: "Contoso", orderId: "o1", product: "Windows Server",
                          source: SourceLocation(file: "activity.csv", line: 2)),
            ActivityEvent(at: at("2026-11-20T10:00:01Z"), user: "a@p.example", action: "other", status: "failed",
                          source: SourceLocation(file: "activity.csv", line: 3)),
            ActivityEvent(at: Instant(millisecondsSinceEpoch: -1), user: "", action: "get_software_key",
                          source: SourceLocation(file: "activity.json", jsonPath: "$.items[0]")),
        ]
        let log = ActivityLog(events)
        #expect(log.count == 3)
        #expect(Array(log) == events)
        #expect(ActivityLog().isEmpty)
    }

    @Test("Thousands of distinct texts, and texts that differ only in their bytes, come back as written")
    func manyTexts() {
        let composed = "Soci\u{E9}t\u{E9}", decomposed = "Socie\u{301}te\u{301}"
        var events: [ActivityEvent] = []
        for index in 0..<5_000 {
            events.append(ActivityEvent(at: Instant(millisecondsSinceEpoch: Int64(index)), user: "user\(index % 7)@p.example",
                                        action: "get_software_key", status: index % 2 == 0 ? "succeeded" : "",
                                        customerId: "customer-\(index)", customerName: index % 2 == 0 ? composed : decomposed,
                                        orderId: index % 3 == 0 ? nil : "order-\(index / 3)", product: String(repeating: "x", count: index % 40),
                                        source: SourceLocation(file: "activity.csv", line: index + 2)))
        }
        let log = ActivityLog(events)
        #expect(Array(log) == events)
        #expect(log[0].customerName!.utf8.elementsEqual(composed.utf8))
        #expect(log[1].customerName!.utf8.elementsEqual(decomposed.utf8))
        #expect(log[1].status == "")
        #expect(log[0].orderId == nil && log[1].orderId == "order-0")
    }
}

@Suite("R12 findings of a period")
struct AuditPeriodFindingsTests {
    @Test("[from, to): an event at `from` is in, one at `to` is out; empty and reversed periods are empty")
    func periodEdges() {
        let events = ["2026-10-26T00:00:00Z", "2026-10-26T00:00:00Z", "2026-11-01T12:00:00Z", "2026-11-24T23:59:59Z", "2026-11-25T00:00:00Z"]
            .map { ActivityEvent(at: at($0), user: "u@x", action: "get_software_key") }
        let findings = AuditRules.findings(events, users: [])
        func count(_ from: String, _ to: String) -> Int { AuditRules.findings(findings, from: at(from), to: at(to)).count }
        #expect(count("2026-10-26T00:00:00Z", "2026-11-25T00:00:00Z") == 4)
        #expect(count("2026-10-26T00:00:01Z", "2026-11-25T00:00:01Z") == 3)
        #expect(count("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z") == 0)
        #expect(count("2026-11-25T00:00:00Z", "2026-10-26T00:00:00Z") == 0)
        #expect(AuditRules.findings([], from: at("2026-01-01"), to: at("2027-01-01")).isEmpty)
    }
}
