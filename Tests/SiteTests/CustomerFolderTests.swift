import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalSample
import PortalViewModels
import PortalTestSupport
import Testing

/// A customer's folder is the link the partner gave it: it is a pure function of the id, two
/// customers never share one, and with a link secret it cannot be guessed (issue #17, "Customer
/// folders never change hands" and "Unguessable links").
@Suite("Customer folders")
struct CustomerFolderTests {
    static let orders = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
    static let secret = "k7Qz-2mW9xTa4Lr8Vn0Pb6Hs3Jd5Fg1Yc"

    static func options(_ data: URL, _ scratch: Scratch, secret: String? = nil) -> BuildOptions {
        var options = BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates)
        options.linkSecret = secret.map { LinkSecret(Array($0.utf8))! }
        return options
    }

    static func build(_ data: URL, _ scratch: Scratch, secret: String? = nil) async throws -> BuildSummary {
        try await SiteBuilder.build(options(data, scratch, secret: secret), now: { Instant(millisecondsSinceEpoch: 0) })
    }

    // MARK: Readable names

    @Test("The readable name is a documented function of the id alone", arguments: [
        ("3F2A8C1E-5B7D-4E21-9C3A-0D1E2F3A4B5C", "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c"),
        ("ACME_1", "acme-1"), (" Acme 1 ", "acme-1"), ("acme-1", "acme-1"),
        ("../../x", "x"), ("/etc/passwd", "etc-passwd"), ("CON", "con-customer"), ("lpt1", "lpt1-customer"),
        ("..", "customer"), ("ÉÉÉ", "customer"), ("Café 2", "caf-2"),
        (String(repeating: "a", count: 500), String(repeating: "a", count: 64)),
    ])
    func readable(id: String, folder: String) {
        #expect(Slugs.slug(for: id) == folder)
        #expect(CustomerFolderNaming.readable.folderName(for: id) == folder)
    }

    @Test("Two ids whose folders would collide (acme-1, ACME_1) are a data error naming both lines, in build and validate; the site is untouched")
    func collision() async throws {
        let scratch = try Scratch()
        let before = try scratch.dataFolder(["customers.csv": "customer_id,name,country\nacme-1,Acme,FR\n", "orders.csv": Self.orders])
        try await Self.build(before, scratch)
        #expect(try scratch.portalPath(of: "acme-1") == "customers/acme-1/index.html")
        let site = try scratch.files()
        // ACME_1 sorts first: it used to take customers/acme-1/ and move Acme to acme-1-2.
        let after = try scratch.dataFolder(["customers.csv": "customer_id,name,country\nacme-1,Acme,FR\nACME_1,Mallory,FR\n", "orders.csv": Self.orders])
        let expected = "customers.csv:3: error: customer_id: two customers would share the portal folder customers/acme-1/: "
            + "this one and acme-1 at customers.csv:2; a folder is named after the id's letters and digits only, so change one of the ids (ACME_1)"
        let failure = await #expect(throws: InvalidInput.self) { try await Self.build(after, scratch) }
        #expect(failure?.diagnostics.errors.map(\.description) == [expected])
        #expect(try scratch.files() == site)
        let report = try SiteBuilder.validate(Self.options(after, scratch))
        #expect(report.diagnostics.errors.map(\.description) == [expected])
        // Data valid without a secret is valid with one, and the other way round.
        let keyed = await #expect(throws: InvalidInput.self) { try await Self.build(after, scratch, secret: Self.secret) }
        #expect(keyed?.diagnostics.errors.map(\.description) == [expected])
    }

    @Test("Adding any customer never changes another customer's folder (generated id sets, both namings)")
    func addingNeverMoves() throws {
        var random = SeededGenerator(state: 17)
        let namings: [CustomerFolderNaming] = [.readable, .keyed(LinkSecret(Array(Self.secret.utf8))!)]
        func randomId() -> String {
            switch Int.random(in: 0..<6, using: &random) {
            case 0:
                // A tenant GUID, in either case.
                let hex = (0..<32).map { _ in "0123456789abcdef".randomElement(using: &random)! }
                let guid = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
                return Bool.random(using: &random) ? guid : guid.uppercased()
            case 1: return ["acme-1", "ACME_1", "Acme 1", "acme.1", "acme--1", "-acme-1-"].randomElement(using: &random)!
            case 2: return ["..", "/", "CON", "con", "ÉÉÉ", "customer", "Customer", "", " "].randomElement(using: &random)!
            case 3: return String(repeating: "ab", count: Int.random(in: 30...40, using: &random))
            default: return String((0..<Int.random(in: 1...4, using: &random)).map { _ in "aB1-_ ".randomElement(using: &random)! })
            }
        }
        var rounds = 0
        for _ in 0..<300 {
            let ids = (0..<Int.random(in: 1...10, using: &random)).map { _ in randomId() }
            let extra = randomId()
            for naming in namings {
                // What the loader and the folder check accept: no id twice (ignoring case), no shared folder.
                var keys: Set<String> = [], taken: Set<String> = []
                let accepted = ids.filter { id in
                    let folder = naming.folderName(for: id)
                    guard !keys.contains(CustomerIds.key(id)), !taken.contains(folder) else { return false }
                    keys.insert(CustomerIds.key(id))
                    taken.insert(folder)
                    return true
                }
                let before = naming.folderNames(for: accepted)
                #expect(naming.folderNames(for: accepted.shuffled(using: &random)) == before, "the order of the customers does not matter")
                let customers = (accepted + [extra]).enumerated().map { line, id in
                    Customer(id: id, name: id, country: "FR", source: SourceLocation(file: "customers.csv", line: line + 2))
                }
                let collisions = naming.collisions(among: customers)
                if keys.contains(CustomerIds.key(extra)) { continue }   // a duplicate id: the loader's error
                let after = naming.folderNames(for: accepted + [extra])
                for id in accepted { #expect(after[id] == before[id], "\(id) moved when \(extra) was added") }
                let shares = taken.contains(naming.folderName(for: extra))
                #expect(collisions.count == (shares ? 1 : 0), "a shared folder is an error, and only that: \(collisions)")
                if shares { #expect(collisions.first?.location.line == accepted.count + 2) }
                rounds += 1
            }
        }
        #expect(rounds > 300)
    }

    // MARK: Unguessable links

    @Test("The keyed name: HMAC-SHA-256 of the lower-cased id, 160 bits in lower-case base32, the same for any case of the id")
    func keyedName() {
        let secret = LinkSecret([UInt8](repeating: 0x0B, count: 20))!
        // Python: base64.b32encode(hmac.new(b"\x0b" * 20, id.lower().encode(), "sha256").digest()[:20]).decode().lower()
        #expect(Slugs.keyedSlug(for: "3F2A8C1E-5B7D-4E21-9C3A-0D1E2F3A4B5C", secret: secret) == "2g42nxcgy2ta33kft74udcyotobxfa66")
        #expect(Slugs.keyedSlug(for: "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c", secret: secret) == "2g42nxcgy2ta33kft74udcyotobxfa66")
        #expect(Slugs.keyedSlug(for: "C1", secret: LinkSecret(Array("correct horse battery staple".utf8))!) == "7penstudj3qlskxa5zvadyfsrrc6xxzo")
        #expect(LinkSecret(Array("fifteen bytes!!".utf8)) == nil)
        #expect(LinkSecret(Array("sixteen bytes!!!".utf8)) != nil)
    }

    @Test("With a link secret: unguessable folders, the same for the same secret, others for another, given by portal.json and the overview")
    func keyedBuild() async throws {
        let first = try Scratch(), again = try Scratch(), other = try Scratch()
        let summary = try await Self.build(Repository.data, first, secret: Self.secret)
        #expect(summary.linkWarning == nil)
        try await Self.build(Repository.data, again, secret: Self.secret)
        try await Self.build(Repository.data, other, secret: Self.secret + "-changed")
        let files = try first.files()
        #expect(try again.files() == files, "same secret, same bytes")
        func folders(_ scratch: Scratch) throws -> Set<String> {
            Set(try scratch.files().keys.filter { $0.hasPrefix("customers/") && $0.split(separator: "/").count == 3 }.map { String($0.split(separator: "/")[1]) })
        }
        let keyedFolders = try folders(first)
        #expect(keyedFolders.count == 11)
        #expect(keyedFolders.isDisjoint(with: try folders(other)), "a new secret moves every folder: every link given out is revoked")
        // Rebuilt in place with the new secret, the old folders are gone from the site, not left beside the new ones.
        try await Self.build(Repository.data, first, secret: Self.secret + "-changed")
        #expect(try folders(first) == (try folders(other)))
        try await Self.build(Repository.data, first, secret: Self.secret)
        // "What changed" compares with the site replaced: the rest is the first build's, byte for byte.
        #expect(try first.filesButChanges() == files.filter { !Scratch.changesFiles.contains($0.key) })
        let customers = try first.portalJSON()["customers"] as! [[String: Any]]
        let overview = try first.page("index.html")
        for customer in customers {
            let id = customer["customerId"] as! String
            let path = customer["portalPath"] as! String
            #expect(path == "customers/\(Slugs.keyedSlug(for: id, secret: LinkSecret(Array(Self.secret.utf8))!))/index.html")
            #expect(path.wholeMatch(of: /customers\/[a-z2-7]{32}\/index\.html/) != nil, "\(path)")
            #expect(files[path] != nil)
            #expect(!path.contains(id.lowercased()) && !path.lowercased().contains(String(id.lowercased().prefix(8))))
            #expect(overview.count("//a[@href='\(path)']") >= 1, "the overview links to \(path)")
        }
    }

    @Test("The link secret appears in no file of the site, raw, hex or base64")
    func secretNeverWritten() async throws {
        let scratch = try Scratch()
        try await Self.build(Repository.data, scratch, secret: Self.secret)
        let bytes = Array(Self.secret.utf8)
        let forms = [bytes, Array(bytes.map { String(format: "%02x", $0) }.joined().utf8), Array(Data(bytes).base64EncodedString().utf8)]
        let files = try scratch.files()
        #expect(files.count > 10)
        for (path, content) in files {
            for form in forms { #expect(content.firstRange(of: form) == nil, "\(path) holds the secret") }
        }
    }

    @Test("Without a secret the build says once that links are guessable; readable names stay")
    func guessableWarning() async throws {
        let scratch = try Scratch()
        let summary = try await Self.build(Repository.data, scratch)
        #expect(summary.linkWarning == BuildSummary.guessableLinksWarning)
        #expect(try scratch.portalPath(of: SampleIds.contoso) == "customers/\(SampleIds.contoso)/index.html")
    }
}

/// Where the link secret comes from (`--link-secret-file`, `CSP_PORTAL_LINK_SECRET`).
@Suite("Link secret source")
struct LinkSecretSourceTests {
    let scratch: Scratch
    let data: URL

    init() throws {
        scratch = try Scratch()
        data = try scratch.dataFolder(["customers.csv": "customer_id,name,country\nC1,Alpha,FR\n", "orders.csv": CustomerFolderTests.orders])
    }

    func secretFile(_ text: String, in folder: URL? = nil) throws -> URL {
        let url = (folder ?? scratch.url).appendingPathComponent("link-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func read(file: URL?, environment: [String: String] = [:]) throws(LinkSecretError) -> LinkSecret? {
        try LinkSecretSource.read(file: file, environment: environment, dataFolder: data, outputFolder: scratch.site)
    }

    func name(_ secret: LinkSecret?) -> String? { secret.map { Slugs.keyedSlug(for: "C1", secret: $0) } }

    @Test("A file, else the environment variable, else none; a final line end is not part of the secret")
    func sources() throws {
        let text = "0123456789abcdef0123"
        #expect(try read(file: nil) == nil)
        let fromEnvironment = name(try read(file: nil, environment: ["CSP_PORTAL_LINK_SECRET": text]))
        #expect(fromEnvironment != nil)
        #expect(name(try read(file: try secretFile(text + "\n"))) == fromEnvironment)
        #expect(name(try read(file: try secretFile(text + "\r\n"))) == fromEnvironment)
        #expect(name(try read(file: try secretFile(text), environment: ["CSP_PORTAL_LINK_SECRET": "another secret, 16+ bytes"])) == fromEnvironment,
                "the file given on the command line wins over the environment")
    }

    @Test("A secret under 16 bytes, an unreadable file, a file in the data or output folder: usage errors (exit 64)")
    func refused() throws {
        let attempts: [(file: URL?, environment: [String: String])] = [
            (try secretFile("fifteen bytes!!"), [:]),
            (try secretFile("fifteen bytes!!\n\n"), [:]),
            (nil, ["CSP_PORTAL_LINK_SECRET": ""]),
            (nil, ["CSP_PORTAL_LINK_SECRET": "short"]),
            (scratch.url.appendingPathComponent("absent"), [:]),
            (try secretFile("a long enough secret in the data", in: data), [:]),
            (try secretFile("a long enough secret in the site", in: scratch.site.appendingPathComponent("customers")), [:]),
        ]
        for attempt in attempts {
            let error = #expect(throws: LinkSecretError.self, "\(attempt)") { try read(file: attempt.file, environment: attempt.environment) }
            #expect(error.map { ExitStatus.code(for: $0) } == 64)
        }
        #expect(throws: LinkSecretError.self) { try read(file: nil, environment: ["CSP_PORTAL_LINK_SECRET": "fifteen bytes!!"]) }
        #expect(try read(file: nil, environment: ["CSP_PORTAL_LINK_SECRET": "sixteen bytes!!!"]) != nil)
    }

    @Test("A symbolic link to a secret inside the data folder is refused too")
    func linkIntoDataFolder() throws {
        let inside = try secretFile("a long enough secret in the data", in: data)
        let link = scratch.url.appendingPathComponent("innocent-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: inside)
        #expect(throws: LinkSecretError.self) { try read(file: link) }
    }
}
