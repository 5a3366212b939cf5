import Foundation
import PortalTestSupport
import Testing

/// The parts of an .eml, decoded.
struct ParsedMail {
    var headers: [String: String] = [:]
    var parts: [(type: String, body: String)] = []

    init(_ text: String) throws {
        let sections = text.components(separatedBy: "\r\n\r\n")
        let headerBlock = sections[0].replacingOccurrences(of: "\r\n ", with: " ")
        for line in headerBlock.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        let type = try #require(headers["Content-Type"])
        let boundary = try #require(type.components(separatedBy: "boundary=\"").last?.dropLast())
        for chunk in text.components(separatedBy: "--\(boundary)").dropFirst() where !chunk.hasPrefix("--") {
            let pieces = chunk.components(separatedBy: "\r\n\r\n")
            let partHeaders = pieces[0]
            let body = pieces.dropFirst().joined(separator: "\r\n\r\n")
            let data = try #require(Data(base64Encoded: body, options: .ignoreUnknownCharacters))
            let partType = partHeaders.components(separatedBy: "Content-Type: ").last!.components(separatedBy: ";").first!
            parts.append((partType, String(decoding: data, as: UTF8.self)))
        }
    }
}

@Suite("Audit report (R12)")
struct AuditReportTests {
    static let folder = "audit/2026-10-26T09-00Z--2026-11-25T09-00Z"

    @Test("The e-mail parses back: headers, both parts, the HTML part is the page")
    func eml() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let raw = try String(contentsOf: scratch.site.appendingPathComponent("\(Self.folder)/report.eml"), encoding: .utf8)
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        let mail = try ParsedMail(raw)
        // Display names are always encoded words (no name can add a mailbox): read back strictly.
        #expect(mail.headers["From"] == "=?UTF-8?B?Tm9ydGh3aW5kIENsb3VkIFNlcnZpY2Vz?= <portal@northwind-cloud.example>")
        let headers = try MailHeaders(message: raw)
        #expect(try headers.mailboxes("From") == [ParsedMailbox(name: "Northwind Cloud Services", address: "portal@northwind-cloud.example")])
        // R12's roles, but not Dev Patel (Account admin): his key of Nov 24 is a finding of the period.
        #expect(try headers.mailboxes("To") == [
            ParsedMailbox(name: "Amélie Durand", address: "amelie.durand@northwind-cloud.example"),
            ParsedMailbox(name: "Eva Lindqvist", address: "eva.lindqvist@northwind-cloud.example"),
        ])
        #expect(mail.headers["Date"] == "Wed, 25 Nov 2026 09:00:00 +0000")
        #expect(mail.headers["Subject"] == "Software keys and downloads audit, Oct 26, 2026 09:00 to Nov 25, 2026 09:00 (UTC)")
        #expect(mail.headers["Message-ID"]?.hasSuffix("@northwind-cloud.example>") == true)
        #expect(mail.headers["MIME-Version"] == "1.0")
        #expect(mail.parts.map(\.type) == ["text/plain", "text/html"])
        let page = try String(contentsOf: scratch.site.appendingPathComponent("\(Self.folder)/report.html"), encoding: .utf8)
        #expect(mail.parts[1].body == page.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(mail.parts[0].body.contains("3 findings."))
        #expect(mail.parts[0].body.contains("f.nguyen@contractor.example | Download link produced: Windows Server 2022 Remote Desktop Services - 1 User CAL "
                                               + "(order ORD-2026-0610, line 0) | Açúcar & Café Comércio Ltda | Not in the users list"))
    }

    @Test("The report is e-mail-safe: inline styles only, no script, no external resource")
    func emailSafe() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("\(Self.folder)/report.html")
        #expect(page.count("//script | //link | //style | //img | //iframe | //object") == 0)
        #expect(page.count("//*[@src] | //*[@class]") == 0)
        #expect(page.count("//@*[contains(., 'http')]") == 0)
        // Readable at 600 px: the content table is at most 600 px wide, by style (valid HTML5, no width attribute).
        #expect(page.count("//table[contains(@style, 'max-width:600px')]") == 1)
        #expect(page.count("//*[@width or @align or @cellpadding or @cellspacing or @border]") == 0)
        #expect(page.count("//meta[@name='color-scheme']") == 1)
    }

    @Test("Findings first, then tables by user and by customer")
    func content() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("\(Self.folder)/report.html")
        #expect(page.texts("//h2") == ["Findings", "By user", "By customer"])
        #expect(page.texts("//table[@id='findings']//tr[position()>1]/td[5]") == ["No Admin Agent role", "Not in the users list", "No Admin Agent role"])
        let ben = "//table[@id='users']//tr[td[1][contains(., 'ben.okafor')]]"
        #expect(page.texts("\(ben)/td[position()>=3 and position()<=5]") == ["2", "1", "2"])
        #expect(page.count("//table[@id='customers']//tr") == 6)
        #expect(page.count("//p[contains(., 'more than 90 days')]") == 0)
        let overview = try scratch.page("index.html")
        #expect(overview.text("//a[@id='audit-link']/@href") == "\(Self.folder)/report.html")
        #expect(overview.text("//a[@id='audit-link']/following-sibling::text()[1]")?.contains("3 findings") == true)
    }

    @Test("R12 tallies count succeeded key and link events of [from, to): an event at `from` is in, one at `to` is out")
    func periodEdges() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n",
            "users.csv": "user,roles\nagent@p.example,Admin Agent\n",
            "activity.csv": """
                at,user,action,status,customer_id
                2026-10-25T23:59:59Z,agent@p.example,get_software_key,succeeded,C1
                2026-10-26T00:00:00Z,agent@p.example,get_software_key,succeeded,C1
                2026-11-24T23:59:59Z,agent@p.example,get_software_download_link,succeeded,C1
                2026-11-25T00:00:00Z,agent@p.example,get_software_key,succeeded,C1
                2026-11-20T10:00:00Z,agent@p.example,get_software_key,failed,C1
                2026-11-20T10:00:00Z,agent@p.example,update_customer,succeeded,C1

                """,
            "site.json": #"{"partnerName": "P", "asOf": "2026-11-25"}"#,
        ])
        try await scratch.build(data: data)
        let page = try scratch.page("audit/2026-10-26T00-00Z--2026-11-25T00-00Z/report.html")
        let agent = "//table[@id='users']//tr[td[1][contains(., 'agent@p.example')]]"
        // keys, links, customers
        #expect(page.texts("\(agent)/td[position()>=3 and position()<=5]") == ["1", "1", "1"])
        #expect(page.count("//table[@id='users']//tr") == 2)
    }

    @Test("No recipient, no e-mail: the build says so")
    func noRecipients() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n",
            "users.csv": "user,roles\nagent@p.example,Admin Agent\n",
            "activity.csv": "at,user,action\n2026-11-20T10:00:00Z,agent@p.example,get_software_key\n",
            "site.json": #"{"partnerName": "P", "contactEmail": "p@p.example", "asOf": "2026-11-25"}"#,
        ])
        let summary = try await scratch.build(data: data)
        #expect(summary.notes.count == 1)
        #expect(summary.notes.first?.contains("report.eml not written") == true)
        let files = try scratch.files().keys.filter { $0.hasPrefix("audit/") }.sorted()
        #expect(files == ["audit/2026-10-26T00-00Z--2026-11-25T00-00Z/report.html", "audit/2026-10-26T00-00Z--2026-11-25T00-00Z/report.json",
                          "audit/2026-10-26T00-00Z--2026-11-25T00-00Z/report.txt", "audit/index.html"])
    }
}
