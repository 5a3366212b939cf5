import Foundation
import PortalViewModels
import PortalTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `csp-portal` executable itself, as a partner's cron job runs it: the link secret's option
/// and variable, the usage error of a short secret, and the guessable-links warning.
@Suite("csp-portal build: link secret")
struct LinkSecretCommandTests {
    /// `swift test` builds the executable beside the test bundle.
    static var executable: URL {
        let beside = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("csp-portal")
        return beside.flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }
            ?? Repository.root.appendingPathComponent(".build/debug/csp-portal")
    }

    struct Run {
        let status: Int32
        let standardError: String
    }

    func run(_ arguments: [String], secret: String? = nil) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no csp-portal at \(Self.executable.path)")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = Repository.root
        var environment = ProcessInfo.processInfo.environment
        environment["CSP_PORTAL_LINK_SECRET"] = secret
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardError: text)
    }

    static let warning = "warning: customer folders are named after the customer ids"

    @Test("Without a secret: readable folders, and one warning on standard error, even with --quiet")
    func guessable() throws {
        let scratch = try Scratch()
        let result = try run(["build", "--quiet", "--out", scratch.site.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.components(separatedBy: Self.warning).count == 2, "\(result.standardError)")
        #expect(try scratch.portalPath(of: SampleIds.contoso) == "customers/\(SampleIds.contoso)/index.html")
    }

    @Test("CSP_PORTAL_LINK_SECRET and --link-secret-file name the folders by the keyed hash; no warning")
    func keyed() throws {
        let scratch = try Scratch()
        let secret = "an environment secret of 34 bytes"
        let expected = "customers/\(Slugs.keyedSlug(for: SampleIds.contoso, secret: LinkSecret(Array(secret.utf8))!))/index.html"
        let fromEnvironment = try run(["build", "--quiet", "--out", scratch.site.path], secret: secret)
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.standardError)")
        #expect(!fromEnvironment.standardError.contains(Self.warning))
        #expect(try scratch.portalPath(of: SampleIds.contoso) == expected)
        let file = scratch.url.appendingPathComponent("link-secret")
        try Data((secret + "\n").utf8).write(to: file)
        let fromFile = try run(["build", "--quiet", "--out", scratch.site.path, "--link-secret-file", file.path])
        #expect(fromFile.status == 0, "\(fromFile.standardError)")
        #expect(try scratch.portalPath(of: SampleIds.contoso) == expected)
    }

    @Test("A secret under 16 bytes, or one kept in the data folder, is a usage error (64) and nothing is written")
    func refused() throws {
        let scratch = try Scratch()
        let short = try run(["build", "--quiet", "--out", scratch.site.path], secret: "short")
        #expect(short.status == 64)
        #expect(short.standardError.contains("at least 16"), "\(short.standardError)")
        let inData = try run(["build", "--quiet", "--out", scratch.site.path, "--link-secret-file", "Data/site.json"])
        #expect(inData.status == 64)
        #expect(inData.standardError.contains("inside the data folder"), "\(inData.standardError)")
        let audit = try run(["audit", "--from", "2026-10-01", "--to", "2026-10-31", "--quiet", "--out", scratch.site.path], secret: "short")
        #expect(audit.status == 64)
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("A secret file that is no secret (1 MiB, a FIFO, /dev/zero) is a usage error (64), read no further than 4 KiB: never a hang, never its size in memory")
    func notASecretFile() throws {
        let scratch = try Scratch()
        let large = scratch.url.appendingPathComponent("disk-image")
        try Data(repeating: 0x41, count: 1 << 20).write(to: large)
        let fifo = scratch.url.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        for (file, expected) in [(large.path, "more than 4096 bytes"), (fifo.path, "not a regular file"), ("/dev/zero", "not a regular file")] {
            let result = try run(["build", "--quiet", "--out", scratch.site.path, "--link-secret-file", file])
            #expect(result.status == 64, "\(file): \(result.standardError)")
            #expect(result.standardError.contains(expected), "\(file): \(result.standardError)")
        }
        let long = try run(["build", "--quiet", "--out", scratch.site.path], secret: String(repeating: "s", count: 5000))
        #expect(long.status == 64 && long.standardError.contains("more than 4096 bytes"), "\(long.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }
}
