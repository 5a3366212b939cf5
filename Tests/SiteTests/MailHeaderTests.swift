import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalRender
import PortalTestSupport
import Testing

/// report.eml is sent with `sendmail -t`, which takes its recipients from the headers: no value of
/// the input may add a header or a mailbox (issue #17, "E-mail"). Every test reads the message
/// back with a strict RFC 5322 parser (MailHeaders.swift) and compares the exact sets.
@Suite("E-mail headers")
struct MailHeaderTests {
    static let headerNames = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]

    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    static func message(from: Mailbox, to: [Mailbox]) -> String {
        MailMessage(from: from, to: to, subject: "Audit", date: Instant(CivilDate(year: 2026, month: 11, day: 25)!),
                    text: "text", html: "<p>html</p>").render()
    }

    @Test("A display name never adds a mailbox or a header; it reads back as written (control characters as spaces)", arguments: [
        "Eve <eve@attacker.example>, Dev",
        "Eve\r\nBcc: eve@attacker.example",
        "Eve\nBcc: eve@attacker.example",
        "\"Q\\\" (comment) <x@attacker.example>; undisclosed-recipients:;",
        "=?UTF-8?B?PGV2ZUBhdHRhY2tlci5leGFtcGxlPg==?=",
        "Northwind Cloud Services",
        "Amélie Durand",
        String(repeating: "Açúcar & Café <a@b.example>, 🙂 ", count: 8),
    ])
    func hostileNames(name: String) throws {
        let raw = Self.message(from: Mailbox(name: name, address: Self.address("portal@partner.example")),
                               to: [Mailbox(name: name, address: Self.address("admin@partner.example")),
                                    Mailbox(name: "Dev", address: Self.address("dev@partner.example"))])
        let headers = try MailHeaders(message: raw)
        #expect(headers.names == Self.headerNames)
        let shown = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        #expect(try headers.mailboxes("From") == [ParsedMailbox(name: shown, address: "portal@partner.example")])
        #expect(try headers.mailboxes("To") == [ParsedMailbox(name: shown, address: "admin@partner.example"),
                                                ParsedMailbox(name: "Dev", address: "dev@partner.example")])
        let headerBlock = raw.components(separatedBy: "\r\n\r\n")[0]
        #expect(headerBlock.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("Without a name, the mailbox is the address alone")
    func noName() throws {
        let headers = try MailHeaders(message: Self.message(from: Mailbox(name: nil, address: Self.address("p@p.example")),
                                                           to: [Mailbox(name: "", address: Self.address("a@p.example"))]))
        #expect(try headers.mailboxes("From") == [ParsedMailbox(name: nil, address: "p@p.example")])
        #expect(try headers.mailboxes("To") == [ParsedMailbox(name: nil, address: "a@p.example")])
    }

    @Test("The strict reader sees the mailboxes an unencoded name would add")
    func readerCountsInjectedMailboxes() throws {
        // What the headers looked like before names were always encoded: the parser must see two senders.
        let headers = try MailHeaders(message: "From: Eve <eve@attacker.example>, Dev <p@p.example>\r\nTo: a@p.example\r\n\r\nbody")
        #expect(try headers.mailboxes("From").map(\.address) == ["eve@attacker.example", "p@p.example"])
        #expect(throws: MailHeaders.Malformed.self) { try MailHeaders(message: "From: p@p.example\nBcc: e@x.example\r\n\r\n") }
    }

    // MARK: Whole builds

    static let customers = "customer_id,name,country\nC1,Alpha,FR\n"
    static let orders = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
    static let activity = "at,user,action\n2026-11-20T10:00:00Z,stranger@x.example,get_software_key\n"

    func build(site: String, users: String) async throws -> (scratch: Scratch, summary: BuildSummary) {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": Self.customers, "orders.csv": Self.orders, "activity.csv": Self.activity,
            "users.csv": users, "site.json": site,
        ])
        return (scratch, try await scratch.build(data: data))
    }

    @Test("report.eml of hostile names: exactly the partner as sender, exactly the report's recipients")
    func hostileNamesInABuild() async throws {
        let (scratch, _) = try await build(
            site: #"{"partnerName": "Partner <eve@attacker.example>, Dev", "contactEmail": "p@p.example", "asOf": "2026-11-25"}"#,
            users: """
                user,name,roles
                admin@p.example,"Mallory <mallory@attacker.example>, X",Global admin
                agent@p.example,"Trent
                Bcc: trent@attacker.example",Account admin

                """)
        let raw = try String(contentsOf: scratch.site.appendingPathComponent("audit/2026-10-26T00-00Z--2026-11-25T00-00Z/report.eml"), encoding: .utf8)
        let headers = try MailHeaders(message: raw)
        #expect(headers.names == Self.headerNames)
        #expect(try headers.mailboxes("From") == [ParsedMailbox(name: "Partner <eve@attacker.example>, Dev", address: "p@p.example")])
        #expect(try Set(headers.mailboxes("To").map(\.address)) == ["admin@p.example", "agent@p.example"])
        #expect(try headers.mailboxes("To").count == 2)
        for name in ["Bcc", "Cc", "Sender", "Reply-To"] { #expect(try headers.mailboxes(name).isEmpty) }
    }

    @Test("A contactEmail holding CR LF is a data error of site.json's contactEmail, not a Bcc header")
    func contactEmailInjection() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": Self.customers, "orders.csv": Self.orders, "activity.csv": Self.activity,
            "users.csv": "user,roles\nadmin@p.example,Global admin\n",
            "site.json": #"{"partnerName": "P", "contactEmail": "p@p.example\r\nBcc: eve@attacker.example", "asOf": "2026-11-25"}"#,
        ])
        let failure = await #expect(throws: InvalidInput.self) { try await scratch.build(data: data) }
        #expect(failure?.diagnostics.errors.map(\.description) == [
            "site.json: $.contactEmail: error: contactEmail: expected an e-mail address such as support@contoso.example: "
                + "line breaks and other control characters are not allowed (p@p.example\r\nBcc: eve@attacker.example)",
        ])
        #expect(failure.map { ExitStatus.code(for: $0) } == 65)
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("A users.csv address holding CR LF or a second mailbox is a data error of users.csv:LINE, field user")
    func userInjection() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": Self.customers, "orders.csv": Self.orders, "activity.csv": Self.activity,
            "users.csv": "user,roles\n\"admin@p.example\r\nBcc: eve@attacker.example\",Global admin\n\"eve@attacker.example, a@p.example\",Account admin\n",
            "site.json": #"{"partnerName": "P", "contactEmail": "p@p.example", "asOf": "2026-11-25"}"#,
        ])
        let failure = await #expect(throws: InvalidInput.self) { try await scratch.build(data: data) }
        let errors = failure?.diagnostics.errors.map(\.description) ?? []
        #expect(errors.count == 2)
        #expect(errors.first?.hasPrefix("users.csv:2:1: error: user: expected the user's sign-in address") == true, "\(errors)")
        #expect(errors.last?.hasPrefix("users.csv:4:1: error: user: expected the user's sign-in address") == true, "\(errors)")
        #expect(errors.last?.contains("spaces are not allowed") == true, "\(errors)")
    }
}
