import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalRender
import PortalViewModels
import PortalWrite
import PortalTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue #23, "Audits kept and useful": the R12 reports of earlier builds and `audit` runs are
/// carried into each new site (`audit/index.html` lists them, newest first), read back as safely
/// as the site replaced is read for "what changed"; findings name their order and product; the
/// recipients can be chosen in site.json and are said; the period is told to the minute.
@Suite("Audit archive and report (R12, #23 item 4)")
struct AuditArchiveTests {
    static func utc(_ text: String) -> Instant { TimeDisplayInstants.utc(text) }

    /// The folders the archive lists, in its order: the reports of `audit` runs.
    static func listed(_ scratch: Scratch) throws -> [String] {
        try scratch.page("audit/index.html").texts("//table[@id='reports']/tbody/tr/@id")
    }

    /// The folder of the last 30 days' report, listed above the archive.
    static func rolling(_ scratch: Scratch) throws -> [String] {
        try scratch.page("audit/index.html").texts("//table[@id='rolling']/tbody/tr/@id")
    }

    /// The report folders under `audit/`, sorted.
    static func reportFolders(_ scratch: Scratch) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.site.appendingPathComponent("audit").path)
            .filter { $0 != "index.html" }.sorted()
    }

    /// What `csp-portal audit --from --to` does: a build that also writes the report of that period.
    @discardableResult
    static func audit(_ scratch: Scratch, data: URL = Repository.data, from: String, to: String, asOf: String) async throws -> BuildSummary {
        var options = BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates, asOf: utc(asOf))
        options.auditPeriods = [AuditPeriod(from: utc(from), to: utc(to))]
        return try await SiteBuilder.build(options, now: { Instant(millisecondsSinceEpoch: 0) })
    }

    @Test("R12: a build, an audit run, then another build: the audit run's report is kept, the builds' 30-day reports are not; the index lists the last 30 days first")
    func keptAcrossBuilds() async throws {
        let scratch = try Scratch()
        try await scratch.build(asOf: Self.utc("2026-11-25T09:00:00Z"))
        let run = try CSPPortalCommand.run(["audit", "--from", "2026-11-23", "--to", "2026-11-30", "--out", scratch.site.path,
                                            "--as-of", "2026-12-01T09:00:00Z", "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let weekly = "2026-11-23T00-00Z--2026-12-01T00-00Z"
        let weeklyFiles = try scratch.files().filter { $0.key.hasPrefix("audit/\(weekly)/") }
        #expect(weeklyFiles.keys.sorted() == ["report.eml", "report.html", "report.json", "report.txt"].map { "audit/\(weekly)/\($0)" })
        try await scratch.build(asOf: Self.utc("2026-12-08T09:00:00Z"))

        // Three builds (the audit run is one) wrote a 30-day report each: only the last one's is left.
        #expect(try Self.rolling(scratch) == ["2026-11-08T09-00Z--2026-12-08T09-00Z"])
        #expect(try Self.listed(scratch) == [weekly])
        #expect(try Self.reportFolders(scratch) == ["2026-11-08T09-00Z--2026-12-08T09-00Z", weekly])
        func kind(_ folder: String) throws -> String? {
            let data = try Data(contentsOf: scratch.site.appendingPathComponent("audit/\(folder)/report.json"))
            return try (JSONSerialization.jsonObject(with: data) as? [String: Any])?["kind"] as? String
        }
        #expect(try kind(weekly) == "audit")
        #expect(try kind("2026-11-08T09-00Z--2026-12-08T09-00Z") == "rolling")
        // Carried as they were written, byte for byte.
        #expect(try scratch.files().filter { $0.key.hasPrefix("audit/\(weekly)/") } == weeklyFiles)
        let index = try scratch.page("audit/index.html")
        let row = "//tr[@id='\(weekly)']"
        #expect(index.text("\(row)/td[1]") == "Nov 23, 2026 00:00 to Dec 1, 2026 00:00 (through Nov 30, 2026)")
        #expect(index.text("\(row)/td[2]") == "1 finding")   // Dev Patel's key of Nov 24
        #expect(index.texts("\(row)//a/@href") == ["report.html", "report.txt", "report.eml"].map { "\(weekly)/\($0)" })
        #expect(index.text("//tr[@id='2026-11-08T09-00Z--2026-12-08T09-00Z']/td[2]") == "3 findings")
        #expect(index.count("//meta[@name='robots'][@content='noindex, nofollow']") == 1)
        #expect(index.count("//meta[@http-equiv='Content-Security-Policy']") == 1)
        #expect(try scratch.page("index.html").text("//a[@id='audit-archive-link']/@href") == "audit/index.html")
    }

    @Test("A report's folder names its period to the minute in UTC, seconds when it has them; one spelling per period")
    func folderNames() throws {
        let period = AuditPeriod(from: Self.utc("2026-11-22T23:00:00Z"), to: Self.utc("2026-12-01T08:00:30Z").adding(milliseconds: 250))
        #expect(period.name == "2026-11-22T23-00Z--2026-12-01T08-00-30.250Z")
        #expect(AuditPeriod(folderName: period.name) == period)
        for other in ["2026-11-22T23-00-00Z--2026-12-01T08-00Z", "2026-12-01T08-00Z--2026-11-22T23-00Z", "2026-11-22T23-00Z--2026-11-22T23-00Z",
                      "2026-11-22_2026-12-01", "2026-11-22T24-00Z--2026-12-01T08-00Z", "../../etc--x", "2026-02-30T00-00Z--2026-03-01T00-00Z"] {
            #expect(AuditPeriod(folderName: other) == nil, "\(other)")
        }
    }

    @Test("The archive is in the partner's language", arguments: [(PortalLanguage.en, "Audit reports"), (.fr, "Rapports d'audit")])
    func language(language: PortalLanguage, heading: String) async throws {
        let scratch = try Scratch()
        try await scratch.build(asOf: Self.utc("2026-11-25T09:00:00Z"), language: language)
        let index = try scratch.page("audit/index.html")
        #expect(index.text("//h1") == heading)
        #expect(index.text("/html/@lang") == language.rawValue)
    }

    /// A report folder that would be carried: the files of `source` with a report.json for `name`'s period.
    static func plant(_ name: String, copying source: URL, in audit: URL) throws -> URL {
        let folder = audit.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["report.html", "report.txt", "report.eml"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let period = try #require(AuditPeriod(folderName: name))
        let metadata = #"{"from": "\#(period.from.iso8601)", "to": "\#(period.to.iso8601)", "findings": 1, "asOf": "2026-11-25T09:00:00Z"}"#
        try Data(metadata.utf8).write(to: folder.appendingPathComponent("report.json"))
        return folder
    }

    @Test("A tampered archive in the site replaced: links, hard links, FIFOs, huge files and foreign folders are left behind, never followed")
    func tampered() async throws {
        let scratch = try Scratch()
        let asOf = Self.utc("2026-11-25T09:00:00Z")
        try await scratch.build(asOf: asOf)
        let audit = scratch.site.appendingPathComponent("audit")
        let source = audit.appendingPathComponent("2026-10-26T09-00Z--2026-11-25T09-00Z")
        let outside = scratch.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let secret = outside.appendingPathComponent("secret.html")
        try Data("secret".utf8).write(to: secret)

        let linkedFile = try Self.plant("2026-01-01T00-00Z--2026-01-08T00-00Z", copying: source, in: audit)
        try FileManager.default.removeItem(at: linkedFile.appendingPathComponent("report.html"))
        try FileManager.default.createSymbolicLink(at: linkedFile.appendingPathComponent("report.html"), withDestinationURL: secret)

        let hardLinked = try Self.plant("2026-01-08T00-00Z--2026-01-15T00-00Z", copying: source, in: audit)
        try FileManager.default.removeItem(at: hardLinked.appendingPathComponent("report.eml"))
        #expect(link(secret.path, hardLinked.appendingPathComponent("report.eml").path) == 0)

        let fifo = try Self.plant("2026-01-15T00-00Z--2026-01-22T00-00Z", copying: source, in: audit)
        try FileManager.default.removeItem(at: fifo.appendingPathComponent("report.txt"))
        #expect(mkfifo(fifo.appendingPathComponent("report.txt").path, 0o644) == 0)

        // Sparse: its size is read, never its bytes.
        let huge = try Self.plant("2026-01-22T00-00Z--2026-01-29T00-00Z", copying: source, in: audit)
        let handle = try FileHandle(forWritingTo: huge.appendingPathComponent("report.html"))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()

        // A link in the archive's place of a folder, to a folder holding a valid report.
        let elsewhere = try Self.plant("2026-01-29T00-00Z--2026-02-05T00-00Z", copying: source, in: outside)
        try FileManager.default.createSymbolicLink(at: audit.appendingPathComponent("2026-01-29T00-00Z--2026-02-05T00-00Z"), withDestinationURL: elsewhere)

        // A folder of another name, and one whose report.json tells another period.
        _ = try Self.plant("2026-02-12T00-00Z--2026-02-19T00-00Z", copying: source, in: audit)
        try FileManager.default.moveItem(at: audit.appendingPathComponent("2026-02-12T00-00Z--2026-02-19T00-00Z"),
                                         to: audit.appendingPathComponent("planted"))
        let mislabelled = try Self.plant("2026-02-19T00-00Z--2026-02-26T00-00Z", copying: source, in: audit)
        try Data(#"{"from": "2026-01-01T00:00:00Z", "to": "2026-02-26T00:00:00Z", "findings": 0}"#.utf8)
            .write(to: mislabelled.appendingPathComponent("report.json"))

        _ = try Self.plant("2026-02-05T00-00Z--2026-02-12T00-00Z", copying: source, in: audit)   // sound: carried
        let outsideBefore = try regularFiles(under: outside)

        let summary = try await scratch.build(asOf: asOf)
        #expect(try Self.rolling(scratch) == ["2026-10-26T09-00Z--2026-11-25T09-00Z"])
        #expect(try Self.listed(scratch) == ["2026-02-05T00-00Z--2026-02-12T00-00Z"])
        let notes = summary.notes.joined(separator: "\n")
        for (folder, why) in [("2026-01-01T00-00Z--2026-01-08T00-00Z", "report.html: cannot open"),
                              ("2026-01-08T00-00Z--2026-01-15T00-00Z", "report.eml: has other links to it (a hard link)"),
                              ("2026-01-15T00-00Z--2026-01-22T00-00Z", "report.txt: not a regular file"),
                              ("2026-01-22T00-00Z--2026-01-29T00-00Z", "report.html: larger than"),
                              ("2026-01-29T00-00Z--2026-02-05T00-00Z", "not the folder of an audit report"),
                              ("planted", "not the folder of an audit report"),
                              ("2026-02-19T00-00Z--2026-02-26T00-00Z", "report.json does not describe the period of its folder")] {
            #expect(notes.contains("audit/\(folder)") && notes.contains(why), "\(folder): \(notes)")
            #expect(!FileManager.default.fileExists(atPath: audit.appendingPathComponent(folder).path), "\(folder) left behind")
        }
        // Nothing in the new site is a link, nothing outside it changed, the secret was never copied.
        let enumerator = try #require(FileManager.default.enumerator(at: scratch.site, includingPropertiesForKeys: [.isSymbolicLinkKey]))
        for case let url as URL in enumerator {
            #expect(try url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink != true, "\(url.path) is a link")
        }
        #expect(try regularFiles(under: outside) == outsideBefore)
        #expect(try !scratch.files().values.contains(Array("secret".utf8)))
    }

    @Test("A folder without the marker is not read: its audit reports are not carried")
    func foreignFolder() throws {
        let scratch = try Scratch()
        let foreign = scratch.url.appendingPathComponent("Foreign")
        let report = foreign.appendingPathComponent("audit/2026-01-01T00-00Z--2026-01-08T00-00Z")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        try Data("<p>x</p>".utf8).write(to: report.appendingPathComponent("report.html"))
        let writer = SiteWriter(output: foreign)
        guard case .unusable(let why) = writer.replacedEntries(of: "audit") else {
            Issue.record("the entries of a folder without the marker were read")
            return
        }
        #expect(why.contains("not a csp-portal site"))
        #expect(writer.readReplaced("audit/2026-01-01T00-00Z--2026-01-08T00-00Z/report.html", byteLimit: 1 << 20) != .bytes(Array("<p>x</p>".utf8)))
    }

    @Test("site.json's auditRetention keeps the newest audit reports and says how many went; builds' 30-day reports take no room")
    func retention() async throws {
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("Data")
        try FileManager.default.copyItem(at: Repository.data, to: data)
        var site = try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("site.json"))) as! [String: Any]
        site["auditRetention"] = 2
        try JSONSerialization.data(withJSONObject: site).write(to: data.appendingPathComponent("site.json"))
        let first = "2026-11-01T00-00Z--2026-11-02T00-00Z", second = "2026-11-03T00-00Z--2026-11-04T00-00Z"
        try await Self.audit(scratch, data: data, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z", asOf: "2026-11-20T09:00:00Z")
        try await Self.audit(scratch, data: data, from: "2026-11-03T00:00:00Z", to: "2026-11-04T00:00:00Z", asOf: "2026-11-21T09:00:00Z")
        // An hourly cron: more builds than the retention, each with a 30-day report of its own.
        for hour in 10...13 {
            let summary = try await scratch.build(data: data, asOf: Self.utc("2026-11-21T\(hour):00:00Z"))
            #expect(!summary.notes.contains { $0.contains("older audit report") }, "\(summary.notes)")
        }
        #expect(try Self.listed(scratch) == [second, first])
        #expect(try Self.rolling(scratch) == ["2026-10-22T13-00Z--2026-11-21T13-00Z"])
        #expect(try Self.reportFolders(scratch) == ["2026-10-22T13-00Z--2026-11-21T13-00Z", first, second])

        // A third audit run: the oldest audit report goes, and the build says so.
        let third = "2026-11-05T00-00Z--2026-11-06T00-00Z"
        let summary = try await Self.audit(scratch, data: data, from: "2026-11-05T00:00:00Z", to: "2026-11-06T00:00:00Z", asOf: "2026-11-22T09:00:00Z")
        #expect(summary.notes.contains("1 older audit report removed: site.json's auditRetention keeps the newest 2"))
        #expect(try Self.listed(scratch) == [third, second])
        #expect(try Self.rolling(scratch) == ["2026-10-23T09-00Z--2026-11-22T09-00Z"])
        let index = try scratch.page("audit/index.html")
        #expect(index.texts("//main/p").contains { $0.hasPrefix("The site keeps the newest 2 reports of csp-portal audit") })
        #expect(index.text("//h2[@id='rolling-heading']") == "Last 30 days")
    }

    @Test("A report.json of an earlier version (no kind) is carried; one whose findings is true, not a number, is not")
    func metadataWithoutKindOrWithBooleanFindings() async throws {
        let scratch = try Scratch()
        let asOf = Self.utc("2026-11-25T09:00:00Z")
        try await scratch.build(asOf: asOf)
        let audit = scratch.site.appendingPathComponent("audit")
        let source = audit.appendingPathComponent("2026-10-26T09-00Z--2026-11-25T09-00Z")
        let unmarked = "2026-01-01T00-00Z--2026-01-08T00-00Z", boolean = "2026-01-08T00-00Z--2026-01-15T00-00Z"
        _ = try Self.plant(unmarked, copying: source, in: audit)   // its report.json has no kind
        let booleanFolder = try Self.plant(boolean, copying: source, in: audit)
        try Data(#"{"kind": "audit", "from": "2026-01-08T00:00:00Z", "to": "2026-01-15T00:00:00Z", "findings": true}"#.utf8)
            .write(to: booleanFolder.appendingPathComponent("report.json"))

        let summary = try await scratch.build(asOf: asOf)
        #expect(try Self.listed(scratch) == [unmarked])
        #expect(summary.notes.contains("audit/\(boolean) not carried forward: report.json does not describe the period of its folder"),
                "\(summary.notes)")
        #expect(!FileManager.default.fileExists(atPath: audit.appendingPathComponent(boolean).path))
    }

    // MARK: Findings name their order and product

    @Test("R12: each finding names the product and its order line, on the page and in the text")
    func orderAndProduct() async throws {
        let scratch = try Scratch()
        try await scratch.build(asOf: Self.utc("2026-11-25T09:00:00Z"))
        let folder = "audit/2026-10-26T09-00Z--2026-11-25T09-00Z"
        let page = try scratch.page("\(folder)/report.html")
        #expect(page.texts("//table[@id='findings']//tr[position()>1]/td[3]") == [
            // The action, the product and the order line, each on a line of its own (`<br>`).
            "Product key shownWindows Server 2022 Datacenter - 16 Core License Packorder ORD-2025-0815, line 0",
            "Download link producedWindows Server 2022 Remote Desktop Services - 1 User CALorder ORD-2026-0610, line 0",
            "Product key shownWindows Server 2025 Datacenter - 16 Core License Packorder ORD-2026-1118, line 0",
        ])
        let text = try String(contentsOf: scratch.site.appendingPathComponent("\(folder)/report.txt"), encoding: .utf8)
        #expect(text.contains("| Product key shown: Windows Server 2025 Datacenter - 16 Core License Pack (order ORD-2026-1118, line 0) | Sakura Trading K.K. |"))
    }

    @Test("R12: an order of several lines names the line of the event's product; without a product, the order alone")
    func orderLines() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": """
                order_id,line,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,delivery
                O-1,1,C1,Windows Server 2025 Standard,perpetual,2026-11-01T10:00:00Z,,1,900.00,EUR,key_and_download
                O-1,2,C1,SQL Server 2022 Standard,perpetual,2026-11-01T10:00:00Z,,1,3000.00,EUR,key_and_download

                """,
            "users.csv": "user,roles\nbilling@p.example,Billing admin\n",
            "activity.csv": """
                at,user,action,customer_id,order_id,product
                2026-11-20T10:00:00Z,billing@p.example,get_software_key,C1,O-1,sql server 2022 standard
                2026-11-20T11:00:00Z,billing@p.example,get_software_key,C1,O-1,

                """,
            "site.json": #"{"partnerName": "P", "asOf": "2026-11-25T09:00:00Z"}"#,
        ])
        try await scratch.build(data: data)
        let page = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        #expect(page.texts("//table[@id='findings']//tr[position()>1]/td[3]") == [
            "Product key shownsql server 2022 standardorder O-1, line 2",
            "Product key shownorder O-1",
        ])
    }

    // MARK: Recipients

    static let recipientData: [String: String] = [
        "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
        "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n",
        "users.csv": """
            user,name,roles
            agent@p.example,Agent,Admin Agent
            global@p.example,Global,Global admin
            keys@p.example,Keys,Admin Agent|Global admin
            billing@p.example,Billing,Billing admin|Account admin

            """,
        "activity.csv": "at,user,action\n2026-11-20T10:00:00Z,billing@p.example,get_software_key\n",
    ]

    func recipientSite(_ recipients: String?) throws -> (Scratch, URL) {
        let scratch = try Scratch()
        let key = recipients.map { #", "auditRecipients": \#($0)"# } ?? ""
        let site = #"{"partnerName": "P", "contactEmail": "p@p.example", "asOf": "2026-11-25T09:00:00Z"\#(key)}"#
        return (scratch, try scratch.dataFolder(Self.recipientData.merging(["site.json": site]) { $1 }))
    }

    func addressees(_ scratch: Scratch) throws -> [String] {
        let raw = try String(contentsOf: scratch.site.appendingPathComponent("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.eml"), encoding: .utf8)
        return try MailHeaders(message: raw).mailboxes("To").map(\.address)
    }

    @Test("R12 by default: the roles that may view the activity log, less a holder who is a finding of the period")
    func defaultRecipients() async throws {
        let (scratch, data) = try recipientSite(nil)
        let summary = try await scratch.build(data: data)
        #expect(try addressees(scratch) == ["global@p.example", "keys@p.example"])
        #expect(summary.auditMail.map(\.description) == [
            "audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.eml to global@p.example, keys@p.example (not to billing@p.example: a finding of the period)",
        ])
    }

    @Test("auditRecipients: roles (any spelling) and addresses; a finding's holder still gets it when named by address")
    func configuredRecipients() async throws {
        let (scratch, data) = try recipientSite(#"["admin agent", "security@p.example", "Account_Admin", "billing@p.example"]"#)
        try await scratch.build(data: data)
        #expect(try addressees(scratch) == ["agent@p.example", "billing@p.example", "keys@p.example", "security@p.example"])
        let page = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        #expect(page.texts("//p").contains("Sent to agent@p.example, billing@p.example, keys@p.example and security@p.example."))
    }

    @Test("The build and audit say who gets the e-mail, on standard error, unless --quiet")
    func printed() throws {
        let (scratch, data) = try recipientSite(#"["Admin Agent"]"#)
        let line = "audit e-mail: audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.eml to agent@p.example, keys@p.example"
        let build = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path])
        #expect(build.status == 0)
        #expect(build.standardError.components(separatedBy: "\n").contains(line), "\(build.standardError)")
        let quiet = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--quiet"])
        #expect(!quiet.standardError.contains("audit e-mail:"))
        let audit = try CSPPortalCommand.run(["audit", "--from", "2026-11-01", "--to", "2026-11-07", "--data", data.path, "--out", scratch.site.path])
        #expect(audit.standardError.contains("audit e-mail: audit/2026-11-01T00-00Z--2026-11-08T00-00Z/report.eml to agent@p.example, keys@p.example"))
    }

    @Test("auditRecipients: hostile and malformed entries are data errors naming site.json and the entry (exit 65)")
    func hostileRecipients() throws {
        let (scratch, data) = try recipientSite(#"["Admin Agent", "p@p.example\r\nBcc: eve@attacker.example", 7, "Global\nadmin", " ", "Eve <eve@attacker.example>"]"#)
        let run = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path])
        #expect(run.status == 65)
        let lines = run.standardError.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("site.json: $.auditRecipients[1]: error: auditRecipients: expected an e-mail address such as security@contoso.example: line breaks and other control characters are not allowed") })
        #expect(lines.contains { $0.hasPrefix("site.json: $.auditRecipients[2]: error: auditRecipients: expected an e-mail address or a role name, as a string") })
        #expect(lines.contains { $0.hasPrefix("site.json: $.auditRecipients[3]: error: auditRecipients: expected an e-mail address, or a role name") })
        #expect(lines.contains { $0.hasPrefix("site.json: $.auditRecipients[4]: error: auditRecipients: expected an e-mail address or a role name, got an empty text") })
        #expect(lines.contains { $0.hasPrefix("site.json: $.auditRecipients[5]: error: auditRecipients: expected an e-mail address such as security@contoso.example: spaces are not allowed") })
        #expect(!lines.contains { $0.contains("$.auditRecipients[0]") })
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path), "nothing written")
        let notAList = try recipientSite(#""Global admin""#)
        let second = try CSPPortalCommand.run(["validate", "--data", notAList.1.path])
        #expect(second.status == 65)
        #expect(second.standardError.contains("site.json: $.auditRecipients: error: auditRecipients: expected a list"))
    }

    @Test("auditRetention must be a whole number from 1 to 10,000", arguments: ["0", "-3", "1.5", "\"52\"", "true", "10001"])
    func badRetention(value: String) throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder(Self.recipientData.merging(["site.json": #"{"partnerName": "P", "auditRetention": \#(value)}"#]) { $1 })
        let run = try CSPPortalCommand.run(["validate", "--data", data.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("site.json: $.auditRetention: error: auditRetention: expected how many audit reports to keep"))
    }

    @Test("auditRetention 1 is the smallest archive")
    func smallestRetention() throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder(Self.recipientData.merging(["site.json": #"{"partnerName": "P", "auditRetention": 1}"#]) { $1 })
        #expect(try CSPPortalCommand.run(["validate", "--data", data.path]).status == 0)
    }
}

/// `2026-03-29T00:59:59Z` as an instant.
enum TimeDisplayInstants {
    static func utc(_ text: String) -> Instant {
        let parts = text.dropLast().split(separator: "T")
        let day = parts[0].split(separator: "-").map { Int($0)! }
        let clock = parts[1].split(separator: ":").map { Int($0)! }
        return Instant(CivilDate(year: day[0], month: day[1], day: day[2])!, TimeOfDay(hour: clock[0], minute: clock[1], second: clock[2]))
    }
}

/// The period of a report, to the minute in the partner's zone, named once (#23 item 4).
@Suite("Audit period wording")
struct AuditPeriodWordingTests {
    static func format(_ language: PortalLanguage, _ zone: String) throws -> LocaleFormat {
        let templates = try TemplateSet.load(from: Repository.templates)
        return LocaleFormat(catalogue: templates.catalogue(for: language), zone: try #require(DisplayZone(identifier: zone)))
    }

    static func utc(_ text: String) -> Instant { TimeDisplayInstants.utc(text) }

    @Test("A period ending at 09:00 says 09:00, not a whole last day; one ending at midnight says which day is its last", arguments: [
        // (from, to, language, expected)
        ("2026-11-22T23:00:00Z", "2026-12-01T08:00:00Z", PortalLanguage.fr,
         "Période : du 23 nov. 2026 00:00 au 1 déc. 2026 09:00 (Europe/Paris)."),
        ("2026-11-22T23:00:00Z", "2026-12-01T08:00:00Z", .en,
         "Period: from Nov 23, 2026 00:00 to Dec 1, 2026 09:00 (Europe/Paris)."),
        ("2026-11-22T23:00:00Z", "2026-11-29T23:00:00Z", .fr,
         "Période : du 23 nov. 2026 00:00 au 30 nov. 2026 00:00 (Europe/Paris), soit jusqu'au 29 nov. 2026 inclus."),
        ("2026-11-22T23:00:00Z", "2026-11-29T23:00:00Z", .en,
         "Period: from Nov 23, 2026 00:00 to Nov 30, 2026 00:00 (Europe/Paris), that is through Nov 29, 2026."),
        // The day the clocks go back lasts 25 hours: midnight to midnight all the same.
        ("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", .en,
         "Period: from Oct 25, 2026 00:00 to Oct 26, 2026 00:00 (Europe/Paris), that is through Oct 25, 2026."),
        // 02:30 happens twice that night: the offset tells which.
        ("2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", .en,
         "Period: from Oct 25, 2026 02:30 UTC+2 to Oct 25, 2026 02:30 UTC+1 (Europe/Paris)."),
        // The day the clocks go forward lasts 23 hours.
        ("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", .fr,
         "Période : du 29 mars 2026 00:00 au 30 mars 2026 00:00 (Europe/Paris), soit jusqu'au 29 mars 2026 inclus."),
    ])
    func wording(from: String, to: String, language: PortalLanguage, expected: String) throws {
        #expect(try Self.format(language, "Europe/Paris").period(from: Self.utc(from), to: Self.utc(to), key: "auditPeriod") == expected)
    }

    /// A header of RFC 2047 encoded words (`=?UTF-8?B?…?=`), decoded; other words as they are.
    static func decodedWords(_ header: String) -> String {
        var bytes: [UInt8] = []
        var previousEncoded = false
        for (index, word) in header.split(separator: " ").enumerated() {
            let encoded = word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=")
            // Between two encoded words the space is not part of the text (RFC 2047, 6.2).
            if index > 0 && !(encoded && previousEncoded) { bytes += Array(" ".utf8) }
            if encoded, let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) {
                bytes += data
            } else {
                bytes += Array(word.utf8)
            }
            previousEncoded = encoded
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("The e-mail's subject states the period the same way, in the partner's language and zone")
    func subject() async throws {
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("Data")
        try FileManager.default.copyItem(at: Repository.data, to: data)
        var site = try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("site.json"))) as! [String: Any]
        site["timeZone"] = "Europe/Paris"
        site["defaultLanguage"] = "fr"
        try JSONSerialization.data(withJSONObject: site).write(to: data.appendingPathComponent("site.json"))
        try await scratch.build(data: data, asOf: AuditArchiveTests.utc("2026-12-01T08:00:00Z"))
        let raw = try String(contentsOf: scratch.site.appendingPathComponent("audit/2026-11-01T08-00Z--2026-12-01T08-00Z/report.eml"), encoding: .utf8)
        let mail = try ParsedMail(raw)
        let subject = try #require(mail.headers["Subject"])
        #expect(Self.decodedWords(subject)
                == "Audit des clés et téléchargements de logiciels, du 1 nov. 2026 09:00 au 1 déc. 2026 09:00 (Europe/Paris)")
        #expect(mail.parts[0].body.contains("Période : du 1 nov. 2026 09:00 au 1 déc. 2026 09:00 (Europe/Paris)."))
    }
}

/// At 600 px, in an e-mail: text left, numbers right, dates on one line, nothing centred (#23 item 4).
@Suite("Audit report layout")
struct AuditReportLayoutTests {
    @Test("Each column of each table is aligned by its content; date cells do not wrap; no cell is centred")
    func alignment() async throws {
        let scratch = try Scratch()
        try await scratch.build(asOf: AuditArchiveTests.utc("2026-11-25T09:00:00Z"))
        let page = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        // (table, column, alignment, a date column)
        let columns: [(String, Int, String, Bool)] = [
            ("findings", 1, "left", true), ("findings", 2, "left", false), ("findings", 3, "left", false),
            ("findings", 4, "left", false), ("findings", 5, "left", false),
            ("users", 1, "left", false), ("users", 2, "left", false), ("users", 3, "right", false), ("users", 4, "right", false),
            ("users", 5, "right", false), ("users", 6, "left", true),
            ("customers", 1, "left", false), ("customers", 2, "right", false), ("customers", 3, "right", false),
            ("customers", 4, "right", false), ("customers", 5, "left", true),
        ]
        for (table, column, alignment, isDate) in columns {
            let cells = page.texts("//table[@id='\(table)']//tr/*[\(column)]/@style")
            #expect(cells.count > 1, "\(table) column \(column)")
            for style in cells {
                #expect(style.contains("text-align:\(alignment)"), "\(table) column \(column): \(style)")
                if isDate { #expect(style.contains("white-space:nowrap"), "\(table) column \(column): \(style)") }
            }
        }
        #expect(page.count("//*[contains(@style, 'text-align:center')] | //*[@align]") == 0)
        // A date cell holds dates written to the minute without the zone (named once, in the period line).
        #expect(page.texts("//table[@id='users']//tr[2]/td[6]").first?.hasSuffix("UTC") == false)
    }
}
