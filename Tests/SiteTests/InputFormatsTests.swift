import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalTestSupport
import Testing

/// The same customers, orders and activity in every format partners hand over
/// (Tests/Fixtures/Formats; the Excel variants are written by Scripts/generate-format-fixtures).
@Suite("One data set in every accepted format")
struct InputFormatsTests {
    static let formats = Repository.root.appendingPathComponent("Tests/Fixtures/Formats")
    static let asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!)

    func portalJSON(_ folder: String) async throws -> [UInt8] {
        let scratch = try Scratch()
        try await scratch.build(data: Self.formats.appendingPathComponent(folder), asOf: Self.asOf)
        return [UInt8](try Data(contentsOf: scratch.site.appendingPathComponent("portal.json")))
    }

    @Test("The flat CSV reference holds what the other formats must give")
    func reference() async throws {
        let json = try JSONSerialization.jsonObject(with: Data(try await portalJSON("flat"))) as! [String: Any]
        let customers = json["customers"] as! [[String: Any]]
        let products = customers.flatMap { $0["products"] as! [[String: Any]] }
        let statuses = products.map { "\($0["orderId"]!)/\($0["line"]!): \($0["status"]!)" }
        #expect(statuses == [
            "ORD-2026-2002/0: active", "ORD-2026-2002/1: cancelled", "ORD-2026-2004/0: active",
            "ORD-2026-2001/0: active", "ORD-2026-2001/1: cancelled",
            "ORD-2025-1500/0: expired", "ORD-2026-2003/0: active",
        ])
        // The deadline Partner Center gave (cancellationAllowedUntilDate) and the inclusive commitment end.
        let first = products[3]
        #expect(first["cancellationDeadline"] as? String == "2026-11-27T10:15:30Z")
        #expect(first["termEnd"] as? String == "2027-11-20T00:00:00Z")
        #expect(first["refundEstimate"] as? String == "2438.15")
        // A line cancelled without a time: no credit (docs/data-format.md, "Partner Center API JSON").
        #expect(products[4]["credit"] is NSNull)
        #expect(products[2]["cancellable"] as? Bool == false, "RedHat (R5)")
        let findings = (json["audit"] as! [String: Any])["findings"] as! [[String: Any]]
        #expect(findings.map { $0["reason"] as! String } == ["unknown_user", "missing_role"])
        #expect(findings.allSatisfy { ($0["customerId"] as? String)?.isEmpty == false })
        #expect((json["warnings"] as! [Any]).isEmpty)
    }

    @Test("Excel-French CSV, Unicode text (UTF-16 LE and BE) and Partner Center JSON give a byte-identical portal.json",
          arguments: ["excel-fr", "unicode-text-le", "unicode-text-be", "partner-center"])
    func sameResult(folder: String) async throws {
        let reference = try await portalJSON("flat")
        let other = try await portalJSON(folder)
        #expect(other == reference, "\(folder)/portal.json differs from flat/portal.json")
    }

    @Test("The Excel variants are what their names say: BOM, delimiter, encoding, CRLF, decimal commas")
    func variantsAreGenuine() throws {
        let excel = [UInt8](try Data(contentsOf: Self.formats.appendingPathComponent("excel-fr/orders.csv")))
        #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]))
        let excelText = String(decoding: excel.dropFirst(3), as: UTF8.self)
        #expect(excelText.hasPrefix("order_id;line;"))
        #expect(excelText.contains("1\u{00A0}234,56") && excelText.contains("3\u{202F}450,50") && excelText.contains(";6 155;") && excelText.contains(";VRAI;"))
        #expect(excelText.contains("\r\n"))
        let little = [UInt8](try Data(contentsOf: Self.formats.appendingPathComponent("unicode-text-le/orders.csv")))
        #expect(little.starts(with: [0xFF, 0xFE, UInt8(ascii: "o"), 0]))
        let big = [UInt8](try Data(contentsOf: Self.formats.appendingPathComponent("unicode-text-be/activity.csv")))
        #expect(big.starts(with: [0xFE, 0xFF, 0, UInt8(ascii: "D")]))
    }

    @Test("A Partner Center subscription without its order is on the portal without a price; a line cancelled without a time has no credit")
    func subscriptionWithoutOrderOnThePortal() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country,language\nC1,Alpha SAS,FR,en\n",
            "subscriptions.json": """
                [{"id": "S9", "orderId": "O9", "offerName": "SQL Server 2022 Standard - 2 Core", "quantity": 2, "termDuration": "P1Y",
                  "billingCycle": "annual", "creationDate": "2026-11-21T09:00:00Z", "autoRenewEnabled": true,
                  "links": {"self": {"uri": "/customers/C1/subscriptions/S9"}}, "attributes": {"objectType": "Subscription"}},
                 {"id": "S8", "orderId": "O8", "offerName": "Windows Server 2025 Standard - 16 Core", "quantity": 1, "termDuration": "P1Y",
                  "creationDate": "2026-11-21T09:00:00Z", "status": "deleted", "customerId": "C1"}]
                """,
        ])
        try await scratch.build(data: data, asOf: Self.asOf)
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        let products = try #require(customers.first?["products"] as? [[String: Any]])
        #expect(products.map { $0["orderId"] as! String } == ["O8", "O9"])
        let cancelled = products[0], alone = products[1]
        #expect(cancelled["status"] as? String == "cancelled" && cancelled["credit"] is NSNull && cancelled["keyStatus"] as? String == "revoked")
        #expect(alone["status"] as? String == "active" && alone["cancellable"] as? Bool == true)
        #expect(alone["refundEstimate"] is NSNull && alone["installment"] is NSNull)
        #expect(alone["nextChargeDate"] as? String == "2027-11-21T09:00:00Z")

        let page = try scratch.page(try scratch.portalPath(of: "C1"))
        let price = page.texts("//article[.//h2/span[1]='SQL Server 2022 Standard - 2 Core']//dt[.='Price']/following-sibling::dd[1]")
        #expect(price.count == 1 && price[0].hasPrefix("not in the export"), "\(price)")
        let billing = page.text("//article[.//h2/span[1]='SQL Server 2022 Standard - 2 Core']//dt[.='Billing']/following-sibling::dd[1]")
        #expect(billing?.contains("next charge on") == true, "\(billing ?? "")")
    }
}
