import Foundation
import PortalRecords
import PortalTestSupport
import Testing

@Suite("portal.json")
struct PortalJSONTests {
    /// Set UPDATE_GOLDEN=1 to rewrite the golden file after an intended change, then review the diff.
    @Test("The sample's portal.json matches the golden file byte for byte")
    func golden() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let produced = try Data(contentsOf: scratch.site.appendingPathComponent("portal.json"))
        let goldenFile = Repository.golden.appendingPathComponent("portal.json")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Repository.golden, withIntermediateDirectories: true)
            try produced.write(to: goldenFile)
        }
        let expected = try Data(contentsOf: goldenFile)
        #expect(produced == expected, "portal.json differs from Tests/SiteTests/Golden/portal.json")
    }

    @Test("Same input and as-of give the same bytes, for every file")
    func deterministic() async throws {
        let first = try Scratch(), second = try Scratch()
        try await first.build()
        try await second.build()
        let a = try first.files(), b = try second.files()
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a { #expect(bytes == b[path], "\(path) differs between two builds") }
        #expect(a.count == 52)   // 11 customers (portal, calendar, export), the overview, portal.json, the markets pages, the audit report (page, text, e-mail, report.json) and the archive's index, the marker, the three publishing files and customers/index.html, the partner's calendar, the three of "what changed" and the desk
    }

    @Test("Keys in the order docs/portal-json.md gives; customers by id, products by order then line")
    func shape() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let text = String(decoding: try Data(contentsOf: scratch.site.appendingPathComponent("portal.json")), as: UTF8.self)
        let topKeys = ["\"asOf\"", "\"customers\"", "\"audit\"", "\"warnings\""]
        let positions = topKeys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        let json = try scratch.portalJSON()
        #expect(json["asOf"] as? String == "2026-11-25T09:00:00Z")
        let customers = json["customers"] as! [[String: Any]]
        let ids = customers.map { $0["customerId"] as! String }
        #expect(ids == ids.sorted())
        for customer in customers {
            let products = customer["products"] as! [[String: Any]]
            let keys = products.map { ($0["orderId"] as! String, $0["line"] as! Int) }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) })
        }
    }

    /// The product keys of the data contract, in its order (README, "portal.json").
    static let productKeys = [
        "orderId", "line", "product", "kind", "currency", "quantity", "unitPrice", "termPrice", "status", "autoRenew",
        "termStart", "termEnd", "cancellable", "cancellationDeadline", "cancellationDaysLeft", "refundEstimate", "credit",
        "azureHybridBenefit", "billing", "nextChargeDate", "installment", "listedInSubscriptions", "keyStatus", "maskedKey",
    ]
    /// Amounts: each is in the product's `currency`.
    static let amountKeys = ["unitPrice", "termPrice", "refundEstimate", "credit", "installment"]

    /// Each product object's keys as written, in order (a product holds no nested object).
    static func productKeyLists(_ text: String) throws -> [[String]] {
        let product = try Regex(#"\{\s*"orderId"[^{}]*\}"#)
        let key = try Regex(#""([A-Za-z]+)"\s*:"#)
        return text.matches(of: product).map { match in
            String(text[match.range]).matches(of: key).compactMap { $0.output[1].substring.map(String.init) }
        }
    }

    @Test("#23: every product carries its currency, quantity, unit and term price in the data contract's order; no amount without its currency")
    func moneyWithCurrency() async throws {
        for data in [Repository.data, InputFormatsTests.formats.appendingPathComponent("partner-center")] {
            let scratch = try Scratch()
            try await scratch.build(data: data, asOf: at("2026-11-25T09:00:00Z"))
            let text = String(decoding: try Data(contentsOf: scratch.site.appendingPathComponent("portal.json")), as: UTF8.self)
            let lists = try Self.productKeyLists(text)
            #expect(!lists.isEmpty)
            for keys in lists {
                // azureHybridBenefit (R19) comes with its own change; every other key is here, in order.
                #expect(keys == Self.productKeys.filter { keys.contains($0) }, "\(keys)")
                #expect(Set(Self.productKeys).subtracting(keys).isSubset(of: ["azureHybridBenefit"]), "\(keys)")
            }
            let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
            for product in customers.flatMap({ $0["products"] as! [[String: Any]] }) {
                let amounts = Self.amountKeys.compactMap { product[$0] as? String }
                if !amounts.isEmpty {
                    #expect((product["currency"] as? String)?.count == 3, "\(product["orderId"]!): amounts without a currency")
                }
                #expect(product["quantity"] is Int)
            }
        }
        let scratch = try Scratch()
        try await scratch.build()
        let products = (try scratch.portalJSON()["customers"] as! [[String: Any]]).flatMap { $0["products"] as! [[String: Any]] }
        func product(_ order: String, _ line: Int) -> [String: Any]? {
            products.first { $0["orderId"] as? String == order && $0["line"] as? Int == line }
        }
        let contoso = try #require(product("ORD-2026-1101", 0))
        #expect(contoso["currency"] as? String == "EUR" && contoso["quantity"] as? Int == 2)
        #expect(contoso["unitPrice"] as? String == "1069.20" && contoso["termPrice"] as? String == "2138.40")
        let sakura = try #require(product("ORD-2026-1118", 0))
        #expect(sakura["currency"] as? String == "JPY" && sakura["unitPrice"] as? String == "123457" && sakura["termPrice"] as? String == "370371")
        let nordlys = try #require(product("ORD-2025-1110", 0))
        #expect(nordlys["currency"] as? String == "NOK" && nordlys["quantity"] as? Int == 20 && nordlys["termPrice"] as? String == "42200.00")
    }
}
