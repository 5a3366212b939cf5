import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalWrite
import PortalTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue #17, "Output safety": a build removes or writes only csp-portal's own folders (the output,
/// its staging folders, the kept `.Site.previous`, each a real folder carrying the `.csp-portal`
/// marker) and only what is inside them. Each test attacks it in a scratch folder, as a hostile
/// neighbour or a careless user would.
@Suite("Output folder under attack (#17)")
struct OutputFolderAttackTests {
    /// A staging folder name whose process cannot exist (above any pid_max), so the build takes it
    /// for the leftover of a killed build.
    static let deadStaging = ".Site.build-2147483646-1"

    /// A folder outside the site with a file that must survive.
    static func canary(in scratch: Scratch, _ name: String = "outside") throws -> URL {
        let folder = scratch.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("canary".utf8).write(to: folder.appendingPathComponent("canary.txt"))
        return folder
    }

    @Test("#17 case 1: a link named like a leftover staging folder is left alone, and what it points to untouched")
    func linkedStagingLeftover() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let outside = try Self.canary(in: scratch)
        // Even with a valid marker at the other end: a link is never followed.
        try Data("csp-portal site format 1\n".utf8).write(to: outside.appendingPathComponent(".csp-portal"))
        let before = try regularFiles(under: outside)
        let link = scratch.url.appendingPathComponent(Self.deadStaging)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        try await scratch.build()
        try await scratch.build()
        #expect(try regularFiles(under: outside) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == outside.path, "the link itself is not ours either")
    }

    @Test("#17 case 1: Site/audit replaced by a link while .Site.previous is not a site: the old site is removed without following it")
    func auditLinkWithForeignPrevious() async throws {
        let manager = FileManager.default
        let scratch = try Scratch()
        try await scratch.build()
        let site = try scratch.filesButChanges()
        #expect(site.keys.contains { $0.hasPrefix("audit/") }, "the sample has an audit report")
        let outside = try Self.canary(in: scratch)
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        try manager.createDirectory(at: previous, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: previous.appendingPathComponent("thesis.txt"))
        try manager.removeItem(at: scratch.site.appendingPathComponent("audit"))
        try manager.createSymbolicLink(at: scratch.site.appendingPathComponent("audit"), withDestinationURL: outside)
        let outsideBefore = try regularFiles(under: outside)
        try await scratch.build()
        #expect(try regularFiles(under: outside) == outsideBefore)
        #expect(try regularFiles(under: previous) == ["thesis.txt": Array("keep".utf8)])
        #expect(try scratch.filesButChanges() == site)
        #expect(try manager.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".Site.build-") }.isEmpty)
    }

    @Test("#17 case 2: a page of the kept site hard-linked to a file elsewhere is replaced, never written through")
    func hardLinkedPage() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        try await scratch.build()
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        let outside = try Self.canary(in: scratch)
        let precious = outside.appendingPathComponent("canary.txt")
        for page in ["index.html", "portal.json"] {
            try FileManager.default.removeItem(at: previous.appendingPathComponent(page))
            #expect(link(precious.path, previous.appendingPathComponent(page).path) == 0)
        }
        let site = try scratch.files()
        // The first rebuild writes into the kept site with the links; the second into the other one.
        try await scratch.build()
        try await scratch.build()
        #expect(try String(contentsOf: precious, encoding: .utf8) == "canary")
        #expect(try scratch.files() == site)
        var status = stat()
        #expect(lstat(precious.path, &status) == 0 && status.st_nlink == 1, "both links replaced, not reused")
    }

    @Test("#17 case 2: a snapshot taken with cp -al stays as it was through the next rebuilds")
    func hardLinkSnapshot() async throws {
        let scratch = try Scratch()
        let parser = TimestampParser()
        try await scratch.build(asOf: try parser.parse("2026-11-20T09:00:00Z"))
        let snapshot = scratch.url.appendingPathComponent("snapshot")
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-al", scratch.site.path, snapshot.path]
        try copy.run()
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        let taken = try regularFiles(under: snapshot)
        #expect(!taken.isEmpty)
        // The site the snapshot shares its files with becomes the kept site, then the staging folder
        // of the third build, which writes other bytes (another as-of) into it.
        for _ in 0..<2 { try await scratch.build(asOf: try parser.parse("2026-11-25T09:00:00Z")) }
        #expect(try scratch.files() != taken, "the rebuilds wrote other bytes")
        #expect(try regularFiles(under: snapshot) == taken)
    }

    @Test("#17 case 2: reused files and folders get the build's modes and owner (0644, 0755, no setuid or setgid)")
    func reusedModes() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        try await scratch.build()
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        #expect(chmod(previous.appendingPathComponent("index.html").path, 0o4666) == 0)
        #expect(chmod(previous.appendingPathComponent("portal.json").path, 0o2777) == 0)
        #expect(chmod(previous.appendingPathComponent("customers").path, 0o2777) == 0)
        #expect(chmod(previous.path, 0o777) == 0)
        let foreignOwner: uid_t = 65534
        let root = geteuid() == 0
        if root {
            // Only root can give a file away; a file of another owner is replaced, a folder taken back.
            #expect(chown(previous.appendingPathComponent("markets/index.html").path, foreignOwner, foreignOwner) == 0)
            #expect(chown(previous.appendingPathComponent("markets").path, foreignOwner, foreignOwner) == 0)
        }
        try await scratch.build()
        var checked = 0
        let manager = FileManager.default
        for path in [""] + (manager.subpaths(atPath: scratch.site.path) ?? []) {
            var status = stat()
            #expect(lstat(scratch.site.appendingPathComponent(path).path, &status) == 0)
            let folder = status.st_mode & S_IFMT == S_IFDIR
            #expect(status.st_mode & 0o7777 == (folder ? 0o755 : 0o644), "\(path): \(String(status.st_mode & 0o7777, radix: 8))")
            #expect(status.st_uid == geteuid(), "\(path)")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test("A first build under a strict umask (077) still gives every new file 0644 and folder 0755: files made new skip their fstat only when the umask leaves their mode whole")
    func newFilesUnderStrictUmask() throws {
        let scratch = try Scratch()
        let executable = try #require([URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("csp-portal"),
                                       Repository.root.appendingPathComponent(".build/debug/csp-portal")]
            .first { FileManager.default.isExecutableFile(atPath: $0.path) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 077 && exec \"$0\" build --quiet --as-of 2026-11-25T09:00:00Z --data \"$1\" --out \"$2\"",
                             executable.path, Repository.data.path, scratch.site.path]
        process.currentDirectoryURL = Repository.root
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var checked = 0
        for path in [""] + (FileManager.default.subpaths(atPath: scratch.site.path) ?? []) {
            var status = stat()
            #expect(lstat(scratch.site.appendingPathComponent(path).path, &status) == 0)
            let folder = status.st_mode & S_IFMT == S_IFDIR
            #expect(status.st_mode & 0o7777 == (folder ? 0o755 : 0o644), "\(path): \(String(status.st_mode & 0o7777, radix: 8))")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test("The rebuild in place stays: a file of the kept site that is ours alone is rewritten where it is, not replaced")
    func keptSiteRewrittenInPlace() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        try await scratch.build()
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        func inodes(_ folder: URL) -> [String: ino_t] {
            var result: [String: ino_t] = [:]
            for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
                var status = stat()
                if lstat(folder.appendingPathComponent(path).path, &status) == 0 { result[path] = status.st_ino }
            }
            return result
        }
        let kept = inodes(previous)
        try await scratch.build()
        let rebuilt = inodes(scratch.site)
        #expect(rebuilt.count > 10)
        #expect(rebuilt == kept, "every file and folder is the kept site's own, written again")
    }

    @Test("#17 case 3: a folder of the user's holding a portal.json is refused (exit 73, why and what to do), and nothing in it is touched")
    func foreignFolderWithPortalJSON() async throws {
        let scratch = try Scratch()
        let documents = scratch.url.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: documents.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("{\"mine\": true}".utf8).write(to: documents.appendingPathComponent("portal.json"))
        try Data("keep".utf8).write(to: documents.appendingPathComponent("thesis.txt"))
        try Data("keep".utf8).write(to: documents.appendingPathComponent("notes/today.txt"))
        let before = try regularFiles(under: documents)
        for _ in 0..<2 {
            let error = await #expect(throws: OutputError.self) {
                try await SiteBuilder.build(BuildOptions(dataFolder: Repository.data, outputFolder: documents,
                                                         templatesFolder: Repository.templates))
            }
            #expect(ExitStatus.code(for: try #require(error)) == 73)
            let message = error?.description ?? ""
            #expect(message.contains(documents.path) && message.contains("portal.json") && message.contains(".csp-portal"), "\(message)")
            #expect(message.contains("before the marker") && message.contains("delete or empty it"), "an old site is named, with what to do: \(message)")
        }
        #expect(try regularFiles(under: documents) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["Documents"], "no staging or kept folder beside it")
    }

    @Test("#17 case 1: a leftover staging folder without the marker is left alone")
    func unmarkedStagingLeftover() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let leftover = scratch.url.appendingPathComponent(Self.deadStaging)
        try FileManager.default.createDirectory(at: leftover.appendingPathComponent("customers"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: leftover.appendingPathComponent("portal.json"))
        try Data("keep".utf8).write(to: leftover.appendingPathComponent("customers/thesis.txt"))
        let before = try regularFiles(under: leftover)
        let site = try scratch.filesButChanges()
        try await scratch.build()
        try await scratch.build()
        #expect(try regularFiles(under: leftover) == before)
        #expect(try scratch.filesButChanges() == site)
    }

    @Test("A marker that is a link, or not csp-portal's, does not make a folder a site")
    func fakeMarkers() async throws {
        let manager = FileManager.default
        for kind in ["link", "other text", "folder"] {
            let scratch = try Scratch()
            let out = scratch.url.appendingPathComponent("Out")
            try manager.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: out.appendingPathComponent("thesis.txt"))
            try Data("{}".utf8).write(to: out.appendingPathComponent("portal.json"))
            let marker = out.appendingPathComponent(".csp-portal")
            switch kind {
            case "link":
                let real = scratch.url.appendingPathComponent("marker")
                try Data("csp-portal site format 1\n".utf8).write(to: real)
                try manager.createSymbolicLink(at: marker, withDestinationURL: real)
            case "folder": try manager.createDirectory(at: marker, withIntermediateDirectories: true)
            default: try Data("not csp-portal\n".utf8).write(to: marker)
            }
            let before = try regularFiles(under: out)
            await #expect(throws: OutputError.self, "\(kind)") {
                try await SiteBuilder.build(BuildOptions(dataFolder: Repository.data, outputFolder: out, templatesFolder: Repository.templates))
            }
            #expect(try regularFiles(under: out) == before, "\(kind)")
        }
    }

    @Test("An output that is a symbolic link is refused; the folder it points to is untouched")
    func outputLink() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let site = try scratch.files()
        let link = scratch.url.appendingPathComponent("Public")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: scratch.site)
        let error = await #expect(throws: OutputError.self) {
            try await SiteBuilder.build(BuildOptions(dataFolder: Repository.data, outputFolder: link, templatesFolder: Repository.templates,
                                                     asOf: try TimestampParser().parse("2026-11-01")))
        }
        #expect(error?.description.contains("symbolic link") == true)
        #expect(try scratch.files() == site)
    }

    @Test("What is put in the kept site is removed, never followed: a link where a folder goes, a FIFO, names that are not UTF-8 or only look like a page's")
    func strayEntriesInKeptSite() async throws {
        let manager = FileManager.default
        let scratch = try Scratch()
        try await scratch.build()
        try await scratch.build()
        let site = try scratch.files()
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        let outside = try Self.canary(in: scratch)
        let before = try regularFiles(under: outside)
        try manager.removeItem(at: previous.appendingPathComponent("markets"))
        try manager.createSymbolicLink(at: previous.appendingPathComponent("markets"), withDestinationURL: outside)
        try manager.createSymbolicLink(at: previous.appendingPathComponent("gone"), withDestinationURL: outside)
        try Data("x".utf8).write(to: previous.appendingPathComponent("portal.json\u{212A}"))   // KELVIN SIGN: canonically "K"
        #expect(mkfifo(previous.appendingPathComponent("customers/fifo").path, 0o644) == 0)
        // A name that is not UTF-8 at all: Swift would read it as another name, and miss it.
        let notUTF8 = Array("stray".utf8CString.dropLast()) + [CChar(bitPattern: 0xFF)] + Array(".html".utf8CString)
        #expect(Self.create(notUTF8, in: previous))
        try await scratch.build()
        #expect(try regularFiles(under: outside) == before)
        #expect(try scratch.files() == site)
        #expect(!Self.exists(notUTF8, in: scratch.site))
        #expect(try manager.subpathsOfDirectory(atPath: scratch.site.path).sorted() == (try manager.subpathsOfDirectory(atPath: previous.path).sorted()))
    }

    @Test("A tree deeper than any site, put in the kept site, is not published with the next one; the build after it reuses its kept site again")
    func deepTreeInKeptSite() async throws {
        let manager = FileManager.default
        let scratch = try Scratch()
        try await scratch.build()
        try await scratch.build()
        let site = try scratch.files()
        let previous = scratch.url.appendingPathComponent(".Site.previous")
        // Past the 64 levels the writer walks and removes (a bound on its stack and descriptors).
        var deep = previous.appendingPathComponent("audit/planted")
        for _ in 0..<72 { deep.appendPathComponent("d") }
        try manager.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data("<script>planted</script>".utf8).write(to: deep.appendingPathComponent("planted.html"))
        try await scratch.build()
        #expect(try scratch.files() == site)
        try await scratch.build()
        #expect(try scratch.files() == site)
        #expect(try regularFiles(under: previous) == site, "the replaced site is kept for the next build again")
    }

    /// A file whose name is the raw bytes `name` (NUL-terminated).
    static func create(_ name: [CChar], in folder: URL) -> Bool {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        let file = name.withUnsafeBufferPointer { openat(descriptor, $0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        guard file >= 0 else { return false }
        close(file)
        return true
    }

    static func exists(_ name: [CChar], in folder: URL) -> Bool {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        var status = stat()
        return name.withUnsafeBufferPointer { fstatat(descriptor, $0.baseAddress!, &status, AT_SYMLINK_NOFOLLOW) } == 0
    }
}

/// What a cron job sees: the `csp-portal` command's exit code and message.
@Suite("Output refusal at the command line (#17)")
struct OutputRefusalCommandTests {
    @Test("#17 case 3: build --out a folder with a bare portal.json exits 73 with why and what to do")
    func build() throws {
        let scratch = try Scratch()
        let out = scratch.url.appendingPathComponent("Site")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: out.appendingPathComponent("portal.json"))
        try Data("keep".utf8).write(to: out.appendingPathComponent("thesis.txt"))
        let refused = try CSPPortalCommand.run(["build", "--quiet", "--out", out.path])
        #expect(refused.status == 73)
        #expect(refused.standardError.contains(".csp-portal"), "\(refused.standardError)")
        #expect(try regularFiles(under: out) == ["portal.json": Array("{}".utf8), "thesis.txt": Array("keep".utf8)])
    }
}
