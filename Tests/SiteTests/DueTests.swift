import Foundation
import PortalPipeline
import PortalRecords
import PortalRules
import PortalTestSupport
import Testing

/// `csp-portal due`: the week's call list in the partner's zone, every kind of event with its
/// amount and currency, the next annual charge of a three-year term included (R9).
@Suite("csp-portal due")
struct DueTests {
    /// As of 2026-05-30 09:00 UTC; the partner in Paris (UTC+2 in summer).
    static let data = [
        "site.json": #"{"partnerName": "P", "timeZone": "Europe/Paris"}"#,
        "customers.csv": "customer_id,name,country\nC1,\"=SUM(1), Alpha\",FR\nC2,Beta,DE\n",
        "orders.csv": """
            order_id,customer_id,product,kind,purchased_at,term,billing,quantity,unit_price,currency,auto_renew
            O1,C1,Three Years Annual,subscription,2025-06-03T10:00:00Z,P3Y,annual,2,300.00,EUR,
            O2,C2,Bought Yesterday,subscription,2026-05-29T12:00:00Z,P1Y,,1,120.00,USD,
            O3,C2,Renews Next Week,subscription,2025-06-04T08:00:00Z,P1Y,,1,50.00,USD,true
            O4,C2,Renews In A Month,subscription,2025-06-24T08:00:00Z,P1Y,,1,50.00,USD,true

            """,
    ]

    func due(_ arguments: [String]) throws -> CSPPortalCommand.Run {
        let scratch = try Scratch()
        let folder = try scratch.dataFolder(Self.data)
        return try CSPPortalCommand.run(["due", "--data", folder.path, "--as-of", "2026-05-30T09:00:00Z"] + arguments)
    }

    @Test("--csv: the week's events by deadline, on the partner's clock, each with its amount and currency (R9: the next annual charge of a P3Y)")
    func csv() throws {
        let run = try due(["--within", "7d", "--csv"])
        #expect(run.status == 0)
        #expect(run.standardOutput == """
            deadline,kind,customer,customerId,product,amount,currency\r
            2026-06-03T12:00:00+02:00,charge,"'=SUM(1), Alpha",C1,Three Years Annual,200.00,EUR\r
            2026-06-04T10:00:00+02:00,renewal,Beta,C2,Renews Next Week,50.00,USD\r
            2026-06-05T14:00:00+02:00,cancellation,Beta,C2,Bought Yesterday,119.71,USD\r

            """)
    }

    @Test("--kind keeps one kind; --json says the zone and the as-of")
    func kindAndJSON() throws {
        let run = try due(["--within", "7d", "--kind", "charge", "--json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["timeZone"] as? String == "Europe/Paris")
        #expect(object["asOf"] as? String == "2026-05-30T09:00:00Z")
        let rows = try #require(object["due"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["product"] as? String == "Three Years Annual")
        #expect(rows.first?["amount"] as? String == "200.00")
        #expect(rows.first?["currency"] as? String == "EUR")
    }

    @Test("A wider horizon takes the later renewal; a bad --within or --kind is a usage error")
    func horizonAndUsage() throws {
        let wide = try due(["--within", "40d", "--kind", "renewal", "--csv"])
        #expect(wide.standardOutput.contains("Renews In A Month"))
        #expect(try due(["--within", "7d", "--kind", "renewal", "--csv"]).standardOutput.contains("Renews In A Month") == false)
        #expect(try due(["--within", "seven"]).status == 64)
        #expect(try due(["--kind", "refund"]).status == 64)
    }
}

/// The overview's "Act now" at scale: pressing rows first, by urgency, each with its amount and
/// currency; renewals and charges (R9, the annual charge of a P3Y included) in a collapsed section.
@Suite("Overview worklist")
struct OverviewWorklistTests {
    @Test("Pressing rows grouped by urgency with amounts; routine renewals and charges collapsed; an offline filter")
    func grouped() async throws {
        let scratch = try Scratch()
        let folder = try scratch.dataFolder(DueTests.data)
        // The window of "Bought Yesterday" closes in 51 hours; the P3Y's charge is an hour ahead.
        try await scratch.build(data: folder, asOf: at("2026-06-03T09:00:00Z"))
        let page = try scratch.page("index.html")
        #expect(page.texts("//table[@id='actions']/tbody/tr/@class") == ["window"])
        #expect(page.text("//table[@id='actions']/tbody/tr/td[5]")?.contains("$") == true
                || page.text("//table[@id='actions']/tbody/tr/td[5]")?.contains("USD") == true)
        // Routine: inside a closed <details>, in date order, the P3Y's annual charge among them.
        #expect(page.count("//details[@id='routine' and not(@open)]//table[@id='routine-actions']") == 1)
        #expect(page.texts("//table[@id='routine-actions']/tbody/tr/@class") == ["charge", "renewal", "renewal"])
        #expect(page.text("//table[@id='routine-actions']/tbody/tr[1]/td[3]") == "Three Years Annual")
        #expect(page.text("//table[@id='routine-actions']/tbody/tr[1]/td[5]")?.contains("200.00") == true)
        #expect(page.count("//input[@id='action-filter']") == 1)
        #expect(page.count("//script") == 1)
    }
}
