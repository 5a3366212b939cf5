import Foundation
import PortalLoad
import PortalWrite
import PortalTestSupport
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
        // The first build's 30-day audit report too: only the reports of `audit` runs are carried forward (R12).
        #expect(try scratch.files().keys.sorted() == [".csp-portal", "_headers", "audit/index.html",
                                                      "changes.json", "changes.xml", "changes/index.html",
                                                      "customers/c1/deadlines.ics", "customers/c1/index.html", "customers/c1/products.csv", "customers/index.html",
                                                      "deadlines.ics", "desk/index.html", "index.html", "markets/fr.html", "markets/index.html",
                                                      "portal.json", "robots.txt", "staticwebapp.config.json"])
    }

    @Test("A rebuild takes the site before the previous one as its staging folder and keeps nothing of it")
    func reusesPreviousSite() async throws {
        let small = """
            customer_id,name,country
            C1,Alpha,FR
            """
        let orders = """
            order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency
            O1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR
            """
        let fresh = try Scratch()
        let smallData = try fresh.dataFolder(["customers.csv": small + "\n", "orders.csv": orders + "\n"])
        try await fresh.build(data: smallData)
        // "What changed" compares with the site replaced: a rebuild's differs from a first build's.
        let expected = try fresh.filesButChanges()

        let scratch = try Scratch()
        // An `audit` run, whose report the archive keeps (R12); a build's 30-day report is not kept.
        try await AuditArchiveTests.audit(scratch, from: "2026-11-16T00:00:00Z", to: "2026-11-23T00:00:00Z", asOf: "2026-11-25T09:00:00Z")
        try await scratch.build(data: smallData)
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        #expect(FileManager.default.fileExists(atPath: previous.appendingPathComponent("customers").path), "the first site is kept")

        // What a user or another program may have left in it, beside the sample site's files.
        let manager = FileManager.default
        let outside = scratch.url.appendingPathComponent("outside")
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("index.html"))
        try Data("keep".utf8).write(to: outside.appendingPathComponent("portal.json"))
        try Data("stray".utf8).write(to: previous.appendingPathComponent("stray.txt"))
        try manager.createDirectory(at: previous.appendingPathComponent("old/deep"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: previous.appendingPathComponent("old/deep/x.html"))
        try manager.removeItem(at: previous.appendingPathComponent("index.html"))
        try manager.createDirectory(at: previous.appendingPathComponent("index.html/inner"), withIntermediateDirectories: true)
        try manager.removeItem(at: previous.appendingPathComponent("markets"))
        try Data("a file where a folder goes".utf8).write(to: previous.appendingPathComponent("markets"))
        try manager.removeItem(at: previous.appendingPathComponent("portal.json"))
        try manager.createSymbolicLink(at: previous.appendingPathComponent("portal.json"), withDestinationURL: outside.appendingPathComponent("portal.json"))
        try manager.createSymbolicLink(at: previous.appendingPathComponent("customers/c1"), withDestinationURL: outside)

        try await scratch.build(data: smallData)
        // The audit archive is carried from the site replaced, not from the kept one (#23): the
        // audit run's report is there, the rest is exactly a fresh build's.
        let carried = try scratch.files().keys.filter { $0.hasPrefix("audit/2026-11-16T00-00Z--2026-11-23T00-00Z/") }
        #expect(carried.count == 4)
        let rebuilt = try scratch.filesButChanges().filter { !$0.key.hasPrefix("audit/") }
        #expect(rebuilt.keys.sorted() == expected.keys.filter { !$0.hasPrefix("audit/") }.sorted())
        for (path, bytes) in expected where !path.hasPrefix("audit/") { #expect(rebuilt[path] == bytes, "\(path)") }
        #expect(try String(contentsOf: outside.appendingPathComponent("index.html"), encoding: .utf8) == "keep")
        #expect(try String(contentsOf: outside.appendingPathComponent("portal.json"), encoding: .utf8) == "keep")
        #expect(try manager.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".") } == [".Site.previous"])
    }

    @Test("Only a site is taken as the kept site: a link to one, or another folder of that name, is left alone")
    func previousSiteNotOurs() async throws {
        let manager = FileManager.default
        for kind in ["link", "folder"] {
            let scratch = try Scratch()
            try await scratch.build()
            let previous = scratch.url.appendingPathComponent(".Site.previous")
            let outside = scratch.url.appendingPathComponent("outside")
            try manager.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: outside.appendingPathComponent("thesis.txt"))
            if kind == "link" {
                // Even with the marker in it, a link is never followed.
                try Data("{}".utf8).write(to: outside.appendingPathComponent("portal.json"))
                try Data("csp-portal site format 1\n".utf8).write(to: outside.appendingPathComponent(".csp-portal"))
                try manager.createSymbolicLink(at: previous, withDestinationURL: outside)
            } else {
                try manager.moveItem(at: outside, to: previous)
            }
            let kept = kind == "link" ? outside : previous
            let before = try manager.contentsOfDirectory(atPath: kept.path).sorted()
            let site = try scratch.filesButChanges()
            try await scratch.build()
            try await scratch.build()
            #expect(try scratch.filesButChanges() == site, "\(kind)")
            #expect(try manager.contentsOfDirectory(atPath: kept.path).sorted() == before, "\(kind)")
            #expect(try String(contentsOf: kept.appendingPathComponent("thesis.txt"), encoding: .utf8) == "keep", "\(kind)")
            #expect(try manager.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".build-") }.isEmpty, "\(kind)")
        }
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

@Suite("Output safety")
struct OutputSafetyTests {
    @Test("Hostile ids become plain folders inside customers/")
    func slugs() async throws {
        let long = String(repeating: "a", count: 500)
        // Ids that differ only in case, or whose folders would collide, are data errors (CustomerFolderTests).
        let ids = ["../../x", "/etc/passwd", "CON", long, "ÉÉÉ-1", "..", "a b"]
        let scratch = try Scratch()
        let rows = ids.map { "\"\($0)\",Name \($0.prefix(3)),FR" }.joined(separator: "\n")
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\n\(rows)\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n",
        ])
        try await scratch.build(data: data)
        let portals = try scratch.files().keys.filter { $0.hasPrefix("customers/") && $0.hasSuffix("/index.html") && $0 != "customers/index.html" }
        #expect(portals.count == ids.count, "one portal each, no collision")
        for path in portals {
            let parts = path.split(separator: "/")
            #expect(parts.count == 3 && parts[2] == "index.html")
            #expect(parts[1].allSatisfy { $0.isLetter && $0.isASCII && $0.isLowercase || $0.isNumber || $0 == "-" }, "\(path)")
            #expect(parts[1].count <= 70)
            #expect(!["con", "..", "."].contains(String(parts[1])))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("x").path))
    }

    @Test("A write that fails midway leaves the previous site byte for byte, and no staging folder")
    func failureMidway() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let before = try scratch.files()
        // "a" is written as a file, so "a/b" cannot be: the writer fails after writing part of the site.
        #expect(throws: OutputError.self) {
            try SiteWriter(output: scratch.site).write([
                OutputFile(path: "a", text: "x"), OutputFile(path: "a/b", text: "y"), OutputFile(path: "portal.json", text: "{}"),
            ])
        }
        #expect(try scratch.files() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("The staging folder of a killed build is taken by the next build; the site is intact")
    func killedBuild() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let before = try scratch.filesButChanges()
        // What a build killed while writing leaves: its staging folder, marked as csp-portal's from
        // the start, named after a process that is gone.
        let staged = try SiteWriter(output: scratch.site).stage()
        try staged.write(OutputFile(path: "customers/partial/index.html", text: "half a page"))
        let abandoned = scratch.url.appendingPathComponent(".Site.build-2147483646-1")
        try FileManager.default.moveItem(at: staged.root, to: abandoned)
        #expect(FileManager.default.fileExists(atPath: abandoned.appendingPathComponent(".csp-portal").path))
        #expect(try scratch.filesButChanges() == before)
        try await scratch.build()
        #expect(try scratch.filesButChanges() == before)
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
    }
}
