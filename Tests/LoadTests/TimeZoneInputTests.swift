import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// The zones pages are shown in (docs/time.md): the customers' `timezone` column and `site.json`'s
/// `timeZone`. An unknown zone is a data error naming where it is.
@Suite("Time zones in the input")
struct TimeZoneInputTests {
    static let orders = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"

    func read(_ files: [String: String]) throws -> (input: PortalInput, diagnostics: [Diagnostic]) {
        let folder = try Scratch(files: files.merging(["orders.csv": Self.orders]) { mine, _ in mine })
        return try DataFolder(url: folder.url).read()
    }

    @Test("The timezone column: an IANA name, in any case, kept in its own spelling; empty is none")
    func column() throws {
        let (input, diagnostics) = try read(["customers.csv": """
            customer_id,name,country,Time Zone
            C1,Alpha,AU,Australia/Sydney
            C2,Beta,US,america/new_york
            C3,Gamma,FR,

            """])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(input.customers.map { $0.timeZone?.identifier } == ["Australia/Sydney", "America/New_York", nil])
    }

    @Test("An unknown zone is a data error with file, line, field and value", arguments: [
        "Mars/Olympus_Mons", "GMT+1", "+01:00", "CEST", "Paris",
    ])
    func unknown(name: String) throws {
        let (input, diagnostics) = try read(["customers.csv": "customer_id,name,country,timezone\nC1,Alpha,FR,\(name)\n"])
        #expect(diagnostics.errors.map(\.description) == [
            "customers.csv:2:4: error: timezone: unknown time zone; expected an IANA name such as Europe/Paris, America/New_York or UTC (\(name))",
        ])
        #expect(input.customers.isEmpty, "a customer with an error is not kept")
    }

    @Test("site.json's timeZone is the partner's zone; an unknown one is a data error at its JSON path")
    func site() throws {
        let customers = "customer_id,name,country\nC1,Alpha,FR\n"
        let good = try read(["customers.csv": customers, "site.json": #"{"partnerName": "P", "timeZone": "Europe/Paris"}"#])
        #expect(good.diagnostics.isEmpty)
        #expect(good.input.site.timeZone?.identifier == "Europe/Paris")
        let bad = try read(["customers.csv": customers, "site.json": #"{"partnerName": "P", "timeZone": "Europe/Atlantis"}"#])
        #expect(bad.diagnostics.errors.map(\.description) == [
            "site.json: $.timeZone: error: timeZone: unknown time zone; expected an IANA name such as Europe/Paris, America/New_York or UTC (Europe/Atlantis)",
        ])
    }

    @Test("A zone is display only: timestamps without an offset are still read in --timezone")
    func displayOnly() throws {
        let (input, diagnostics) = try read([
            "customers.csv": "customer_id,name,country,timezone\nC1,Alpha,AU,Australia/Sydney\n",
            "orders.csv": Self.orders + "O1,C1,WS,subscription,2026-11-20T10:00,P1Y,1,10.00,EUR\n",
        ])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.purchases.first?.purchasedAt.iso8601 == "2026-11-20T10:00:00Z")
    }
}
