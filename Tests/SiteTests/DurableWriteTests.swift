import Foundation
import PortalTestSupport
@testable import PortalWrite
import Testing

@Suite("--sync: the site on the disk before it is published")
struct DurableWriteTests {
    @Test("A durable site is written to the disk once, before it replaces the output; by default it is not")
    func flushedOnceBeforeTheSwap() throws {
        let scratch = try Scratch()
        for durable in [false, true] {
            let writer = SiteWriter(output: scratch.site, durable: durable)
            let staged = try writer.stage()
            try staged.write(OutputFile(path: "customers/c1/index.html", text: "page"))
            #expect(staged.diskFlushes == 0)
            try writer.commit(staged)
            #expect(staged.diskFlushes == (durable ? 1 : 0))
            let page = scratch.site.appendingPathComponent("customers/c1/index.html")
            #expect(try String(contentsOf: page, encoding: .utf8) == "page")
        }
    }

    @Test("Where the file system cannot be flushed at once, every file and every folder of the site is, before the swap")
    func eachFileAndFolderWithoutSyncfs() throws {
        let scratch = try Scratch()
        let writer = SiteWriter(output: scratch.site, durable: true, flushesFileSystem: false)
        let staged = try writer.stage()   // writes the marker: one file
        for path in ["index.html", "customers/c1/index.html", "customers/c2/index.html", "audit/a/report.txt"] {
            try staged.write(OutputFile(path: path, text: path))
        }
        #expect(staged.entriesFlushed == 5)
        try writer.commit(staged)
        // The folders: the root, customers, customers/c1, customers/c2, audit, audit/a.
        #expect(staged.entriesFlushed == 5 + 6)
        #expect(staged.diskFlushes == 1)
        #expect(try String(contentsOf: scratch.site.appendingPathComponent("customers/c2/index.html"), encoding: .utf8) == "customers/c2/index.html")
    }

    @Test("build --sync and audit --sync write the same bytes as without it")
    func sameBytes() throws {
        let scratch = try Scratch()
        let plain = scratch.url.appendingPathComponent("plain"), synced = scratch.url.appendingPathComponent("synced")
        let asOf = ["--as-of", "2026-12-01T09:00:00Z"]
        for (out, extra) in [(plain, [String]()), (synced, ["--sync"])] {
            let built = try CSPPortalCommand.run(["build", "--quiet", "--out", out.path] + asOf + extra)
            #expect(built.status == 0, "\(built.standardError)")
        }
        #expect(try Scratch.files(under: synced) == Scratch.files(under: plain))
        let audited = try CSPPortalCommand.run(["audit", "--quiet", "--sync", "--from", "2026-11-01", "--to", "2026-11-30",
                                                "--out", synced.path] + asOf)
        #expect(audited.status == 0, "\(audited.standardError)")
        #expect(FileManager.default.fileExists(atPath: synced.appendingPathComponent("audit/index.html").path))
    }
}
