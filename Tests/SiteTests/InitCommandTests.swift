import Foundation
import PortalTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `csp-portal init` and `csp-portal --version`, run as a partner would.
@Suite("init and --version")
struct InitCommandTests {
    @Test("init writes a data folder that validate accepts and build builds, with every column and site.json key")
    func startsAFolder() throws {
        let scratch = try Scratch()
        let folder = scratch.url.appendingPathComponent("new/exports")
        let started = try CSPPortalCommand.run(["init", folder.path])
        #expect(started.status == 0, "\(started.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["README.md", "activity.csv", "customers.csv", "devices.csv", "logo.svg", "orders.csv", "site.json", "users.csv"])
        let site = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("site.json"))) as? [String: Any])
        #expect(Set(site.keys) == ["partnerName", "contactEmail", "contactName", "contactPhone", "defaultLanguage", "timeZone", "asOf",
                                   "logo", "accentColor", "auditRecipients", "auditRetention"])
        let orders = try String(contentsOf: folder.appendingPathComponent("orders.csv"), encoding: .utf8).split(separator: "\n")
        #expect(orders.count == 2)
        #expect(orders.first?.split(separator: ",").count == 24)

        let validated = try CSPPortalCommand.run(["validate", "--data", folder.path])
        #expect(validated.status == 0, "\(validated.standardError)")
        #expect(validated.standardOutput.contains("0 errors"), "\(validated.standardOutput)")
        #expect(validated.standardOutput.contains("1 customer and 1 order line read without error"), "\(validated.standardOutput)")

        let out = scratch.url.appendingPathComponent("Site")
        let built = try CSPPortalCommand.run(["build", "--quiet", "--data", folder.path, "--out", out.path])
        #expect(built.status == 0, "\(built.standardError)")
        // The final line counts in words a person reads: "1 customer", not "1 customers".
        #expect(built.standardOutput.contains(" for 1 customer and 1 product to "), "\(built.standardOutput)")
        let overview = try HTMLDocument(contentsOf: out.appendingPathComponent("index.html"))
        #expect(overview.texts("//header//img[@class='logo']/@alt") == ["Your company"])
    }

    @Test("init refuses a folder that is not empty, and a symbolic link, with exit 73 and nothing written")
    func refuses() throws {
        let scratch = try Scratch()
        let full = scratch.url.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: full.appendingPathComponent("customers.csv"))
        let refused = try CSPPortalCommand.run(["init", full.path])
        #expect(refused.status == 73)
        #expect(refused.standardError.contains("\(full.path): refusing to start a data folder in a folder that is not empty"), "\(refused.standardError)")
        #expect(try String(contentsOf: full.appendingPathComponent("customers.csv"), encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: full.path) == ["customers.csv"])

        // A link to an empty folder elsewhere: refused, the folder it leads to stays empty.
        let elsewhere = scratch.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = scratch.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
        let linked = try CSPPortalCommand.run(["init", link.path])
        #expect(linked.status == 73)
        #expect(linked.standardError.contains("is a symbolic link"), "\(linked.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)

        // A file in the folder's place.
        let file = scratch.url.appendingPathComponent("file")
        try Data().write(to: file)
        #expect(try CSPPortalCommand.run(["init", file.path]).status == 73)
    }

    @Test("--version prints the version constant")
    func version() throws {
        let run = try CSPPortalCommand.run(["--version"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "1.0.0\n")
    }
}
