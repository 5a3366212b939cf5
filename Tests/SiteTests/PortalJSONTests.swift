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
        #expect(a.count == 22)   // with the .csp-portal marker, the three publishing files and the desk
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
}
