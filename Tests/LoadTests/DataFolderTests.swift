import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

@Suite("Data folder")
struct DataFolderTests {
    static let customers = "customer_id,name,country\nC1,Alpha,FR\n"
    static let header = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"

    func errors(_ files: [String: String]) throws -> [String] {
        let folder = try Scratch(files: files)
        return try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
    }

    @Test("Each bad value names file, line, field and value", arguments: [
        ("O1,C9,WS,subscription,2026-01-01,P1Y,1,10.00,EUR", "orders.csv:2:2: error: customer_id:", "(C9)"),
        ("O1,C1,WS,subscription,2026-02-30,P1Y,1,10.00,EUR", "orders.csv:2:5: error: purchased_at:", "(2026-02-30)"),
        ("O1,C1,WS,subscription,yesterday,P1Y,1,10.00,EUR", "orders.csv:2:5: error: purchased_at:", "(yesterday)"),
        ("O1,C1,WS,subscription,2026-01-01,P1Y,-3,10.00,EUR", "orders.csv:2:7: error: quantity:", "(-3)"),
        ("O1,C1,WS,subscription,2026-01-01,P1Y,0,10.00,EUR", "orders.csv:2:7: error: quantity:", "(0)"),
        ("O1,C1,WS,subscription,2026-01-01,P1Y,1.5,10.00,EUR", "orders.csv:2:7: error: quantity:", "(1.5)"),
        ("O1,C1,WS,rental,2026-01-01,P1Y,1,10.00,EUR", "orders.csv:2:4: error: kind:", "(rental)"),
        ("O1,C1,WS,subscription,2026-01-01,P2Y,1,10.00,EUR", "orders.csv:2:6: error: term:", "(P2Y)"),
        ("O1,C1,WS,subscription,2026-01-01,,1,10.00,EUR", "orders.csv:2:6: error: term:", ""),
        ("O1,C1,WS,subscription,2026-01-01,P1Y,1,-10.00,EUR", "orders.csv:2:8: error: unit_price:", "(-10.00)"),
        ("O1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EURO", "orders.csv:2:9: error: currency:", "(EURO)"),
        ("O1,C1,,subscription,2026-01-01,P1Y,1,10.00,EUR", "orders.csv:2:3: error: product:", ""),
    ])
    func badValue(row: String, prefix: String, value: String) throws {
        let found = try errors(["customers.csv": Self.customers, "orders.csv": Self.header + row + "\n"])
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix(prefix) == true, "\(found)")
        #expect(found.first?.hasSuffix(value) == true, "\(found)")
    }

    @Test("A duplicate order line is an error at its second occurrence")
    func duplicate() throws {
        let row = "O1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR\n"
        let found = try errors(["customers.csv": Self.customers, "orders.csv": Self.header + row + row])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("orders.csv:3:1: error: order_id:") == true)
    }

    @Test("A missing required column names the file and the column")
    func missingColumn() throws {
        let found = try errors(["customers.csv": "customer_id,name\nC1,Alpha\n", "orders.csv": Self.header])
        #expect(found.contains { $0.hasPrefix("customers.csv:1: error:") && $0.contains("country") }, "\(found)")
    }

    @Test("A missing required file is MissingInput, not a data error")
    func missingFile() throws {
        let folder = try Scratch(files: ["customers.csv": Self.customers])
        #expect(throws: MissingInput.self) { try DataFolder(url: folder.url).read() }
    }

    @Test("Loose header names, BOM, CRLF, quoted fields and Excel's ; with decimal commas")
    func spreadsheetCSV() throws {
        let folder = try Scratch(files: [
            "customers.csv": "\u{FEFF}Customer ID;Name;Country;Language\r\nC1;\"Müller; Söhne & Co\";de;fr\r\n",
            "orders.csv": "Order-ID;Customer ID;Product;Kind;Purchased At;Term;Quantity;Unit Price;Currency\r\nO1;C1;\"Windows Server \"\"2025\"\"\";subscription;2026-01-01;P1Y;2;1 069,20;EUR\r\n",
        ])
        let (input, diagnostics) = try DataFolder(url: folder.url).read()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.customers.first?.name == "Müller; Söhne & Co")
        #expect(input.customers.first?.country == "DE")
        #expect(input.customers.first?.language == .fr)
        #expect(input.purchases.first?.product == "Windows Server \"2025\"")
        #expect(input.purchases.first?.unitPrice == ExactDecimal(significand: 106920, scale: 2))
    }

    @Test("JSON arrays with camelCase names read like CSV")
    func json() throws {
        let folder = try Scratch(files: [
            "customers.json": #"[{"customerId": "C1", "name": "Alpha", "country": "FR"}]"#,
            "orders.json": #"[{"orderId": "O1", "customerId": "C1", "product": "WS", "kind": "subscription", "purchasedAt": "2026-01-01T10:00:00+01:00", "term": "P1Y", "quantity": 2, "unitPrice": 10.5, "currency": "EUR", "autoRenew": false}]"#,
        ])
        let (input, diagnostics) = try DataFolder(url: folder.url).read()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        let bought = try #require(input.purchases.first)
        #expect(bought.purchasedAt.iso8601 == "2026-01-01T09:00:00Z")
        #expect(bought.quantity == 2)
        #expect(bought.autoRenew == false)
        #expect(bought.unitPrice == ExactDecimal(significand: 105, scale: 1))
    }

    @Test("A JSON error names the path of the value")
    func jsonError() throws {
        let found = try errors([
            "customers.json": #"[{"customerId": "C1", "name": "Alpha", "country": "FR"}]"#,
            "orders.json": #"[{"orderId": "O1", "customerId": "C1", "product": "WS", "kind": "subscription", "purchasedAt": "2026-01-01", "term": "P1Y", "quantity": -1, "unitPrice": 10, "currency": "EUR"}]"#,
        ])
        #expect(found.count == 1)
        #expect(found == ["orders.json: $[0].quantity: error: quantity: expected a whole number from 1 to 1000000 (-1)"])
    }

    @Test("A timestamp without offset is read in --timezone")
    func timeZone() throws {
        let parser = TimestampParser(timeZone: TimeZone(identifier: "Europe/Paris")!)
        #expect(try parser.parse("2026-11-20 14:03").iso8601 == "2026-11-20T13:03:00Z")
        #expect(try parser.parse("2026-07-20").iso8601 == "2026-07-19T22:00:00Z")
        #expect(try parser.parse("2026-11-20T14:03:00+01:00").iso8601 == "2026-11-20T13:03:00Z")
        #expect(try parser.parse("2026-11-20T14:03:00Z").iso8601 == "2026-11-20T14:03:00Z")
    }
}

@Suite("Markets without Azure reservations (R16)")
struct MarketsFileTests {
    static let dataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data")

    @Test("Data/markets.csv holds the seed's 109 entries and 106 codes, and the built-in list is the same")
    func seedTable() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.dataFolder.appendingPathComponent("markets.csv")))
        var diagnostics: [Diagnostic] = []
        let records = InputFile(schema: Schemas.markets, format: .csv).records(in: bytes, diagnostics: &diagnostics)
        let markets = MarketLoader.load(records, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(markets.count == 109)
        #expect(Set(markets.map(\.code)).count == 106)
        #expect(markets == BuiltInMarkets.reservationExcluded)
        for code in ["BQ", "SJ", "XK", "RE"] { #expect(markets.contains { $0.code == code }) }
        #expect(markets.filter { $0.code == "BQ" }.count == 3)
    }
}
