import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PortalRecords
import PortalTestSupport
import PortalWrite
import Testing

/// "What changed" between builds (issue 22): `changes/index.html`, `changes.xml` and
/// `changes.json` compared with the site a build replaces, each kind of change, stable entry ids,
/// 30 days carried; and the replaced site's files read safely (links, FIFOs, truncated, too large,
/// not ours mean "no earlier build").
@Suite("What changed, in built sites")
struct ChangesTests {
    static let before = at("2026-11-25T09:00:00Z"), after = at("2026-11-28T09:00:00Z")

    /// Two versions of one partner's data, three days apart, that differ by one change of each kind.
    static func data(_ scratch: Scratch, later: Bool) throws -> URL {
        let orders = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,auto_renew,cancelled_at\n"
            + "O1,A,Window Server,subscription,2026-11-20T10:00:00Z,P1Y,1,10.00,GBP,,\n"                         // window closes on Nov 27
            + "O2,A,Cancelled Server,subscription,2026-11-01T10:00:00Z,P1Y,1,10.00,GBP,,\(later ? "2026-11-27T12:00:00Z" : "")\n"
            + "O6,A,Ending Server,subscription,2025-11-27T00:00:00Z,P1Y,1,10.00,GBP,false,\n"                  // expires on Nov 27
            + (later ? "O4,A,New Server,subscription,2026-11-26T10:00:00Z,P1Y,1,10.00,GBP,,\nO5,C,Other Server,perpetual,2026-11-26T10:00:00Z,,1,10.00,GBP,,\n"
                     : "O3,B,Gone Server,perpetual,2026-11-20T10:00:00Z,,1,10.00,GBP,,\n")
        var files = [
            "customers.csv": "customer_id,name,country\nA,Alpha Ltd,GB\n" + (later ? "C,Gamma Ltd,GB\n" : "B,Beta Ltd,GB\n"),
            "orders.csv": orders,
            "devices.csv": "device,customer_id,last_kms_activation,mak_deployed_at\nSRV-1,A,2026-06-01T00:00:00Z,\n",   // lapses on Nov 28
            "site.json": #"{"partnerName": "Northwind", "defaultLanguage": "en"}"#,
            "users.csv": "user,name,roles\nadmin@northwind.example,Admin,Admin Agent|Global admin\n",
        ]
        if later {
            files["activity.csv"] = "at,user,action,status,customer_id\n2026-11-27T08:00:00Z,stranger@northwind.example,get_software_key,succeeded,A\n"
        }
        return try scratch.dataFolder(files)
    }

    static func json(_ scratch: Scratch, _ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.site.appendingPathComponent(path))) as! [String: Any]
    }

    static func changes(_ scratch: Scratch) throws -> [[String: Any]] {
        try json(scratch, "changes.json")["changes"] as! [[String: Any]]
    }

    /// The feed's entry ids, read by an XML parser.
    static func feedIds(_ scratch: Scratch) throws -> [String] {
        let document = try XMLDocument(data: Data(contentsOf: scratch.site.appendingPathComponent("changes.xml")))
        return try document.nodes(forXPath: "//*[local-name()='entry']/*[local-name()='id']").map { $0.stringValue ?? "" }
    }

    @Test("A first build says there is no earlier build; the overview links the page; the feed has no entry")
    func firstBuild() async throws {
        let scratch = try Scratch()
        try await scratch.build(data: try Self.data(scratch, later: false), asOf: Self.before)
        let page = try scratch.page("changes/index.html")
        #expect(page.text("//p[@id='comparison']") == "There is no earlier build to compare with: changes are listed from the next build on.")
        #expect(page.count("//table[@id='changes']") == 0)
        #expect(page.texts("//link[@rel='alternate']/@href") == ["../changes.xml"])
        #expect(try scratch.page("index.html").texts("//a[@id='changes-link']/@href") == ["changes/index.html"])
        #expect(try Self.feedIds(scratch).isEmpty)
        #expect(try Self.json(scratch, "changes.json")["previousAsOf"] is NSNull)
    }

    @Test("A second build of the same data: nothing changed")
    func sameData() async throws {
        let scratch = try Scratch()
        let data = try Self.data(scratch, later: false)
        try await scratch.build(data: data, asOf: Self.before)
        try await scratch.build(data: data, asOf: Self.before)
        let page = try scratch.page("changes/index.html")
        #expect(page.text("//p[@id='comparison']") == "Compared with the previous build, as of Nov 25, 2026, 09:00 UTC.")
        #expect(page.text("//p[@id='no-changes']") == "Nothing changed.")
        #expect(try Self.changes(scratch).isEmpty && Self.feedIds(scratch).isEmpty)
        #expect(try Self.json(scratch, "changes.json")["previousAsOf"] as? String == "2026-11-25T09:00:00Z")
    }

    @Test("Each kind of change, with customer, subject, before and after and both as-ofs; the feed and changes.json agree; ids stay")
    func everyKind() async throws {
        let scratch = try Scratch()
        try await scratch.build(data: try Self.data(scratch, later: false), asOf: Self.before)
        let later = try Self.data(scratch, later: true)
        try await scratch.build(data: later, asOf: Self.after)
        let changes = try Self.changes(scratch)
        let kinds = changes.map { $0["kind"] as! String }
        #expect(Set(kinds) == ["customer_added", "customer_removed", "purchase_added", "cancellation", "status_changed", "window_closed",
                               "device_limited", "audit_finding"], "\(kinds)")
        #expect(kinds.count == 8)
        #expect(changes.allSatisfy { $0["asOf"] as? String == "2026-11-28T09:00:00Z" && $0["previousAsOf"] as? String == "2026-11-25T09:00:00Z" })
        func change(_ kind: String) -> [String: Any] { changes.first { $0["kind"] as? String == kind }! }
        #expect(change("cancellation")["subject"] as? String == "Cancelled Server" && change("cancellation")["before"] as? String == "active"
                && change("cancellation")["after"] as? String == "cancelled")
        #expect(change("status_changed")["subject"] as? String == "Ending Server" && change("status_changed")["after"] as? String == "expired")
        #expect(change("window_closed")["subject"] as? String == "Window Server" && change("window_closed")["occurredAt"] as? String == "2026-11-27T10:00:00Z")
        #expect(change("purchase_added")["reference"] as? String == "O4", "a new customer's purchases are in its own change")
        #expect(change("customer_removed")["customerName"] as? String == "Beta Ltd")
        #expect(change("device_limited")["subject"] as? String == "SRV-1" && change("device_limited")["before"] as? String == "at_risk")
        #expect(change("audit_finding")["subject"] as? String == "stranger@northwind.example" && change("audit_finding")["after"] as? String == "unknown_user")

        let ids = changes.map { $0["id"] as! String }
        #expect(try Self.feedIds(scratch) == ids)
        let page = try scratch.page("changes/index.html")
        #expect(page.count("//table[@id='changes']/tbody/tr") == 8)
        #expect(page.texts("//tr[@class='cancellation']/td") == ["Cancelled", "Alpha Ltd", "Cancelled Server (O2, line 0)", "Active", "Cancelled",
                                                                 "Nov 25, 2026, 09:00 UTC → Nov 28, 2026, 09:00 UTC"])

        // Built again from the same data: nothing new, the same entries carried with the same ids.
        try await scratch.build(data: later, asOf: Self.after)
        #expect(try Self.changes(scratch).map { $0["id"] as! String } == ids)
        #expect(try Self.feedIds(scratch) == ids)
        // 31 days later they are no longer carried.
        try await scratch.build(data: later, asOf: Self.after.adding(days: 31))
        #expect(try Set(Self.changes(scratch).map { $0["id"] as! String }).isDisjoint(with: ids))
    }

    /// Builds once, damages the output's portal.json with `damage`, builds the later data: the
    /// build says why it compared with nothing, and does.
    func damaged(_ damage: (URL, Scratch) throws -> Void) async throws -> (Scratch, [String]) {
        let scratch = try Scratch()
        try await scratch.build(data: try Self.data(scratch, later: false), asOf: Self.before)
        try damage(scratch.site.appendingPathComponent("portal.json"), scratch)
        let summary = try await scratch.build(data: try Self.data(scratch, later: true), asOf: Self.after)
        let page = try scratch.page("changes/index.html")
        #expect(page.text("//p[@id='comparison']")?.hasPrefix("There is no earlier build") == true)
        #expect(try Self.changes(scratch).isEmpty)
        return (scratch, summary.notes)
    }

    @Test("The replaced site's portal.json as a link to another site's is not followed: no earlier build")
    func linkedPortalJSON() async throws {
        let (_, notes) = try await damaged { portal, scratch in
            let elsewhere = scratch.url.appendingPathComponent("elsewhere.json")
            try FileManager.default.moveItem(at: portal, to: elsewhere)
            try FileManager.default.createSymbolicLink(at: portal, withDestinationURL: elsewhere)
        }
        #expect(notes.contains { $0.hasPrefix("what changed: ") && $0.contains("portal.json") }, "\(notes)")
    }

    @Test("A FIFO in portal.json's place is not waited on; a truncated portal.json is not read")
    func fifoAndTruncated() async throws {
        let (_, fifo) = try await damaged { portal, _ in
            try FileManager.default.removeItem(at: portal)
            #expect(mkfifo(portal.path, 0o644) == 0)
        }
        #expect(fifo.contains { $0.contains("not a regular file") }, "\(fifo)")
        let (_, truncated) = try await damaged { portal, _ in
            let bytes = try Data(contentsOf: portal)
            try bytes.prefix(bytes.count / 2).write(to: portal)
        }
        #expect(truncated.contains { $0.contains("not a portal.json csp-portal can read") }, "\(truncated)")
    }

    @Test("The replaced site is read only when it is ours, only regular files, never more than the limit")
    func readReplaced() async throws {
        let scratch = try Scratch()
        let writer = SiteWriter(output: scratch.site)
        #expect(writer.readReplaced("portal.json", byteLimit: 1 << 20) == .absent)
        try await scratch.build(data: try Self.data(scratch, later: false), asOf: Self.before)
        let size = try Data(contentsOf: scratch.site.appendingPathComponent("portal.json")).count
        guard case .bytes(let bytes) = writer.readReplaced("portal.json", byteLimit: size) else { Issue.record("not read"); return }
        #expect(bytes.count == size)
        guard case .unusable(let why) = writer.readReplaced("portal.json", byteLimit: size - 1) else { Issue.record("read past the limit"); return }
        #expect(why.contains("larger than"))
        #expect(writer.readReplaced("nothing.json", byteLimit: 100) == .absent)
        #expect(writer.readReplaced("../portal.json", byteLimit: 100) != .absent)
        // Without the marker, the folder is not a site of ours: nothing in it is read.
        try FileManager.default.removeItem(at: scratch.site.appendingPathComponent(SiteWriter.siteMarker))
        guard case .unusable = writer.readReplaced("portal.json", byteLimit: 1 << 20) else { Issue.record("read a folder that is not ours"); return }
    }
}
