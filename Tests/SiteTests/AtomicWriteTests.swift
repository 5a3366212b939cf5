import Foundation
import PortalLoad
import PortalWrite
import Testing

@Suite("Atomic output")
struct AtomicWriteTests {
    @Test("A failed build leaves the previous site untouched and no staging folder behind")
    func failedBuildKeepsSite() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let before = try scratch.files()
        let bad = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,activation\nO1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR,KMS\n",
        ])
        await #expect(throws: InvalidInput.self) { try await scratch.build(data: bad) }
        #expect(try scratch.files() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("A rebuild replaces the site as a whole: files of the previous build do not linger")
    func rebuildReplaces() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let small = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\nO1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR\n",
        ])
        try await scratch.build(data: small)
        #expect(try scratch.files().keys.sorted() == ["customers/c1/index.html", "index.html", "portal.json"])
    }

    @Test("Paths that leave the output folder are refused", arguments: [
        "../x", "/etc/passwd", "a/../../b", "", "a//b", "./a", "a\\b", "a/\u{0}",
    ])
    func unsafePaths(path: String) {
        #expect(throws: OutputError.self) { try SiteWriter.validate(path) }
    }

    @Test("A folder that is not a csp-portal site is never replaced")
    func refusesForeignFolder() throws {
        let scratch = try Scratch()
        let precious = scratch.url.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: precious.appendingPathComponent("thesis.txt"))
        #expect(throws: OutputError.self) {
            try SiteWriter(output: precious).write([OutputFile(path: "portal.json", text: "{}")])
        }
        #expect(FileManager.default.fileExists(atPath: precious.appendingPathComponent("thesis.txt").path))
    }
}
