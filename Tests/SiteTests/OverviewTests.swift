import Foundation
import PortalTestSupport
import Testing

@Suite("Partner overview")
struct OverviewTests {
    @Test("Every customer with counts by status, linked to its portal")
    func customers() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("index.html")
        let rows = "//table[@id='customer-table']/tbody/tr"
        #expect(page.count(rows) == 11)
        let muller = "\(rows)[th/a='Müller Maschinenbau GmbH']"
        #expect(page.texts("\(muller)/td[@class='num']") == ["1", "1", "1", "0", "3"])
        #expect(page.text("\(muller)/th/a/@href") == (try scratch.portalPath(of: SampleIds.muller)))
        #expect(page.text("\(rows)[th/a='Clinique Saint-Denis de La Réunion']/td[last()]") == "No Azure reservations")
    }

    @Test("Act now: windows closing within 72 hours, processing, devices, ends within 30 days, recent expiries, by urgency; renewals and charges (R9) apart")
    func actNow() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("index.html")
        let kinds = page.texts("//table[@id='actions']/tbody/tr/@class")
        // Grouped by urgency: each kind's rows together, the most urgent kind first.
        #expect(kinds.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
                == ["window", "processing", "limited", "devices", "ending", "expired"])
        #expect(Set(page.texts("//details[@id='routine']//tbody/tr/@class")) == ["renewal", "charge"])
        let windows = page.texts("//table[@id='actions']/tbody/tr[@class='window']/td[2]")
        #expect(windows.contains("O'Brien & Daughters Ltd"))
        #expect(windows.contains("Sakura Trading K.K."))
        // The Contoso subscription's window closes in 5 days: not yet in the list.
        #expect(!windows.contains("Contoso Électronique SARL"))
        #expect(page.texts("//table[@id='actions']/tbody/tr[@class='expired']/td[3]") == ["SQL Server 2022 Standard Edition - 1 User CAL"])
    }

    @Test("Data warnings are listed with file and line")
    func warnings() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("index.html")
        #expect(page.texts("//ul[@class='warnings']/li") == [
            "orders.csv:17:15: warning: auto_renew: bought before 2021-10-14, so it never renews; the input's true is ignored (R6) (true)",
        ])
    }
}
