import Foundation
import PortalPipeline
import PortalRecords
import PortalTestSupport
import Testing

/// `build --keep-going`: one bad line among good ones leaves that line out, lists it with its file
/// and line, tells its customer, and builds everything else; without the flag nothing is written.
@Suite("build --keep-going")
struct KeepGoingTests {
    /// Two customers; among their good lines, one the loader rejects (a quantity of 0, C2's), one only
    /// the rules reject (KMS, R13, C1's) and one of an unknown customer.
    static let data = [
        "customers.csv": "customer_id,name,country\nC1,Alpha,FR\nC2,Beta,DE\nC3,Gamma,FR\n",
        "orders.csv": """
            order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,activation
            O1,C1,Good One,subscription,2026-01-01,P1Y,1,10.00,EUR,
            O2,C1,Bad KMS,subscription,2026-01-01,P1Y,1,10.00,EUR,KMS
            O3,C2,Good Two,subscription,2026-01-01,P1Y,2,10.00,EUR,
            O4,C2,Bad Quantity,subscription,2026-01-01,P1Y,0,10.00,EUR,
            O5,C9,Unknown Customer,subscription,2026-01-01,P1Y,1,10.00,EUR,
            O6,C3,Good Three,subscription,2026-01-01,P1Y,1,10.00,EUR,

            """,
    ]

    static let expectedLeftOut = [
        "orders.csv:3:10: error: activation: KMS is never available in CSP; CSP purchases activate with MAK (R13) (KMS)",
        "orders.csv:5:7: error: quantity: expected a whole number from 1 to 1000000 (0)",
        "orders.csv:6:2: error: customer_id: unknown customer: no such customer_id in customers (C9)",
    ]

    func build(_ scratch: Scratch, _ extra: [String]) throws -> CSPPortalCommand.Run {
        let data = try scratch.dataFolder(Self.data)
        return try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--as-of", "2026-06-01T00:00:00Z",
                                         "--quiet"] + extra)
    }

    @Test("Without --keep-going one bad line stops everything: exit 65, nothing written")
    func allOrNothing() throws {
        let scratch = try Scratch()
        let run = try build(scratch, [])
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("With --keep-going the bad lines are left out and listed with file:line, the rest is built, exit 2")
    func keepGoing() throws {
        let scratch = try Scratch()
        let run = try build(scratch, ["--keep-going"])
        #expect(run.status == ExitStatus.builtWithRecordsLeftOut)
        for line in Self.expectedLeftOut { #expect(run.standardError.contains(line)) }
        #expect(run.standardError.contains("3 lines with errors left out"))

        // portal.json: every customer, only the good products, the lines left out among its warnings.
        let json = try scratch.portalJSON()
        let customers = try #require(json["customers"] as? [[String: Any]])
        let products = customers.flatMap { ($0["products"] as? [[String: Any]]) ?? [] }.compactMap { $0["product"] as? String }
        #expect(Set(products) == ["Good One", "Good Two", "Good Three"])
        let warnings = try #require(json["warnings"] as? [String])
        for line in Self.expectedLeftOut { #expect(warnings.contains(line)) }

        // The overview lists them.
        let overview = try scratch.page("index.html")
        #expect(overview.texts("//section[@aria-labelledby='left-out']//li") == Self.expectedLeftOut)

        // C1 (rule error) and C2 (loader error) are told that some purchases could not be shown; C3 is not.
        for (id, told) in [("C1", true), ("C2", true), ("C3", false)] {
            let portal = try scratch.page(scratch.portalPath(of: id))
            #expect(portal.count("//p[@id='purchases-left-out']") == (told ? 1 : 0), "\(id)")
        }
        let alpha = try scratch.page(scratch.portalPath(of: "C1"))
        #expect(alpha.count("//*[contains(., 'Bad KMS')]") == 0)
    }

    @Test("With --keep-going and clean data: exit 0, no left-out section, no notice")
    func cleanData() throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder(["customers.csv": Self.data["customers.csv"]!,
                                           "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\nO1,C1,Good,subscription,2026-01-01,P1Y,1,10.00,EUR\n"])
        let run = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--as-of", "2026-06-01T00:00:00Z",
                                            "--quiet", "--keep-going"])
        #expect(run.status == 0)
        #expect(try scratch.page("index.html").count("//section[@aria-labelledby='left-out']") == 0)
    }

    @Test("An error about a whole file still stops a --keep-going build")
    func wholeFileError() throws {
        let scratch = try Scratch()
        var files = Self.data
        files["orders.json"] = "[]"
        let data = try scratch.dataFolder(files)
        let run = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--quiet", "--keep-going"])
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("A record is its CSV line or its JSON element, whatever the field")
    func records() {
        #expect(SourceLocation(file: "orders.csv", line: 12, column: 7).record == SourceLocation(file: "orders.csv", line: 12))
        #expect(SourceLocation(file: "orders.json", jsonPath: "$[3].quantity").record == SourceLocation(file: "orders.json", jsonPath: "$[3]"))
        #expect(SourceLocation(file: "orders.csv").record == nil)
    }
}
