import Foundation
import PortalPipeline
import PortalRecords
@testable import PortalRender
import PortalTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The templates and catalogues are part of the binary (issue 20): generated from Templates/ by
/// Scripts/generate-builtin-templates, overridden file by file and key by key by `--templates DIR`
/// or the data folder's `templates`, and written out by `csp-portal templates export`.
@Suite("Built-in templates and overrides")
struct BuiltinTemplatesTests {
    static let generatedFile = Repository.root.appendingPathComponent("Sources/PortalRender/Generated/BuiltinTemplates.generated.swift")
    static let asOf = "2026-11-25T09:00:00Z"

    /// Runs the generator; its standard output, standard error and exit status.
    static func generate(_ arguments: [String]) throws -> (output: String, errors: String, status: Int32) {
        try Repository.runScript("generate-builtin-templates", arguments)
    }

    /// A folder in `scratch` holding `files` (path → text), sub-folders made as needed.
    static func folder(_ name: String, in scratch: Scratch, _ files: [String: String]) throws -> URL {
        let folder = scratch.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return folder
    }

    /// The repository's data folder copied into `scratch`, to put a `templates` folder in.
    static func dataCopy(in scratch: Scratch) throws -> URL {
        let data = scratch.url.appendingPathComponent("Data")
        try FileManager.default.copyItem(at: Repository.data, to: data)
        return data
    }

    static func builtInText(_ path: String) throws -> String {
        let file = try #require(BuiltinTemplates.files.first { $0.path == path })
        return String(decoding: file.bytes, as: UTF8.self)
    }

    /// Every file of a build of the repository's data with `templates` (nil: no --templates), as of
    /// site.json's `asOf` (`asOf` above).
    static func build(in scratch: Scratch, data: URL = Repository.data, templates: URL?, name: String) async throws -> [String: [UInt8]] {
        let site = scratch.url.appendingPathComponent(name)
        let options = BuildOptions(dataFolder: data, outputFolder: site, templatesFolder: templates,
                                   asOf: nil)
        _ = try await SiteBuilder.build(options, now: { Instant(millisecondsSinceEpoch: 0) })
        return try Scratch.files(under: site)
    }

    // MARK: The built-in set is Templates/

    @Test("BuiltinTemplates.generated.swift is what Scripts/generate-builtin-templates writes now")
    func generatedFileIsCurrent() throws {
        let run = try Self.generate(["--stdout"])
        try #require(run.status == 0, "python3 Scripts/generate-builtin-templates failed: \(run.errors)")
        let committed = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(committed == run.output, "Sources/PortalRender/Generated/BuiltinTemplates.generated.swift is out of date: run python3 Scripts/generate-builtin-templates")
    }

    @Test("The binary's templates and catalogues are the files of Templates/, byte for byte, none more, none less")
    func builtInIsTemplatesFolder() throws {
        let folder = try regularFiles(under: Repository.templates).filter { !$0.key.hasPrefix(".") }
        let builtIn = Dictionary(uniqueKeysWithValues: BuiltinTemplates.files.map { ($0.path, $0.bytes) })
        #expect(builtIn.keys.sorted() == folder.keys.sorted())
        for (path, bytes) in folder {
            let same = builtIn[path] == bytes
            #expect(same, "\(path) differs: run python3 Scripts/generate-builtin-templates")
        }
        #expect(BuiltinTemplates.files.map(\.path) == BuiltinTemplates.files.map(\.path).sorted(), "sorted by path, as exported")
    }

    @Test("The generator keeps every byte a raw string cannot hold as it is (CR, controls, \"\"\"#, \\#) as an escape with enough #")
    func generatorEscapes() throws {
        let scratch = try Scratch()
        let folder = try Self.folder("Templates", in: scratch, ["a.mustache": "x\r\ny\u{1}\"\"\"# \\#(z)\n"])
        let run = try Self.generate(["--stdout", "--templates", folder.path])
        try #require(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("(\"a.mustache\", ##\"\"\"\nx\\##r\ny\\##u{1}\"\"\"# \\#(z)\n\n\"\"\"##),"), "\(run.output)")
    }

    @Test("The generator refuses a file it would leave out, a link, and text that is not UTF-8, naming the file")
    func generatorRefuses() throws {
        let scratch = try Scratch()
        let stray = try Self.folder("Stray", in: scratch, ["portal.mustache": "x", "notes.txt": "y"])
        let run = try Self.generate(["--stdout", "--templates", stray.path])
        #expect(run.status == 65 && run.errors.contains("notes.txt: neither a template"), "\(run.errors)")
        let linked = try Self.folder("Linked", in: scratch, ["portal.mustache": "x"])
        try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent("partials.mustache").path, withDestinationPath: "/etc/passwd")
        let linkRun = try Self.generate(["--stdout", "--templates", linked.path])
        #expect(linkRun.status == 65 && linkRun.errors.contains("partials.mustache: a symbolic link"), "\(linkRun.errors)")
        let latin = try Self.folder("Latin", in: scratch, [:])
        try Data([0x63, 0x61, 0x66, 0xE9]).write(to: latin.appendingPathComponent("portal.mustache"))
        let latinRun = try Self.generate(["--stdout", "--templates", latin.path])
        #expect(latinRun.status == 65 && latinRun.errors.contains("portal.mustache: not UTF-8 (byte 3)"), "\(latinRun.errors)")
    }

    @Test("docs/customizing.md lists the fields each template sees as Scripts/generate-template-fields writes them now")
    func documentedFields() throws {
        let run = try TemplateFieldsTests.generate(["--doc-stdout"])
        try #require(run.status == 0, "\(run.errors)")
        let doc = try String(contentsOf: Repository.root.appendingPathComponent("docs/customizing.md"), encoding: .utf8)
        #expect(doc.contains(run.output), "docs/customizing.md is out of date: run Scripts/generate-template-fields")
        #expect(run.output.contains("- **`CustomerPortalPage`**: `lang` (text), `t` (strings by name), "))
    }

    @Test("The built-in set loads without warnings; Templates/ given as an override changes nothing and warns of nothing")
    func builtInLoads() throws {
        let builtIn = try TemplateSet.builtIn()
        #expect(builtIn.warnings.isEmpty, "\(builtIn.warnings)")
        let folder = try TemplateSet.load(templatesOption: Repository.templates, dataFolder: nil)
        #expect(folder.warnings.isEmpty, "every built-in template is used: \(folder.warnings)")
        #expect(builtIn.sitePolicy == folder.sitePolicy)
    }

    @Test("csp-portal build works from an empty folder, with no Templates/ anywhere near, as the repository's Templates/ would")
    func buildFromEmptyFolder() async throws {
        let scratch = try Scratch()
        let empty = scratch.url.appendingPathComponent("cron")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try CSPPortalCommand.run(["build", "--data", Repository.data.path, "--out", "Site", "--as-of", Self.asOf, "--quiet"], in: empty)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!run.standardError.contains("Templates"), "\(run.standardError)")
        let written = try Scratch.files(under: empty.appendingPathComponent("Site"))
        let reference = try await Self.build(in: scratch, templates: Repository.templates, name: "Reference")
        #expect(written.keys.sorted() == reference.keys.sorted())
        for (path, bytes) in reference where !Scratch.changesFiles.contains(path) {
            let same = written[path] == bytes
            #expect(same, "\(path) differs")
        }
    }

    // MARK: Overrides, file by file and key by key

    @Test("An override of one partial and of one French string changes those alone; everything else is built-in")
    func onePartialOneString() async throws {
        let scratch = try Scratch()
        let entryMarker = "<!-- partner entry -->"
        let stringMarker = " (partenaire)"
        let overrides = try Self.folder("Overrides", in: scratch, [
            "partials/desk-entry.mustache": try Self.builtInText("partials/desk-entry.mustache").replacingOccurrences(of: "<li>\n<article", with: "<li>\n\(entryMarker)<article"),
            "locales/fr.json": "{\"billing\": \"Facturation\(stringMarker)\"}",
        ])
        let set = try TemplateSet.load(templatesOption: overrides, dataFolder: nil)
        #expect(set.warnings.isEmpty, "\(set.warnings)")
        #expect(set.catalogue(for: .fr).text("billing") == "Facturation (partenaire)")
        #expect(set.catalogue(for: .fr).text("yourProducts") == "Vos produits", "the other keys come from the built-in catalogue")
        #expect(set.catalogue(for: .en).text("billing") == "Billing")

        let builtIn = try await Self.build(in: scratch, templates: nil, name: "BuiltIn")
        let overridden = try await Self.build(in: scratch, templates: overrides, name: "Overridden")
        #expect(overridden.keys.sorted() == builtIn.keys.sorted())
        var changed: Set<String> = []
        for (path, bytes) in overridden where !Scratch.changesFiles.contains(path) {
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains(entryMarker) || text.contains(stringMarker) else {
                let same = bytes == builtIn[path]
                #expect(same, "\(path) changed, though no override is about it")
                continue
            }
            changed.insert(path)
            let back = text.replacingOccurrences(of: entryMarker, with: "").replacingOccurrences(of: stringMarker, with: "")
            let same = Array(back.utf8) == builtIn[path]
            #expect(same, "\(path): more changed than the partial and the string")
        }
        #expect(changed.contains("desk/index.html") || changed.contains { $0.hasPrefix("desk") }, "\(changed.sorted())")
        let frenchPortals = builtIn.keys.filter { $0.hasSuffix("index.html") && $0.hasPrefix("customers/") }
            .filter { String(decoding: builtIn[$0]!, as: UTF8.self).contains("lang=\"fr\"") }
        try #require(!frenchPortals.isEmpty)
        #expect(Set(frenchPortals).isSubset(of: changed), "every French portal shows the string")
        #expect(!changed.contains { path in String(decoding: builtIn[path]!, as: UTF8.self).contains("<html lang=\"en\"") && !path.hasPrefix("desk") },
                "no English page changed: \(changed.sorted())")
    }

    @Test("A file or a key of the data folder's templates that csp-portal does not use is a warning naming it (typos)")
    func unknownFileAndKeyWarn() throws {
        let scratch = try Scratch()
        let data = try Self.dataCopy(in: scratch)
        _ = try Self.folder("Data/templates", in: scratch, [
            "partials/stlyes.mustache": "<style></style>\n",
            "locales/fr.json": "{\"contactPartnr\": \"Écrivez-nous\", \"billing\": \"Facturation\"}",
            "locales/de.json": "{}",
            "README.txt": "my notes",
        ])
        let run = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--as-of", Self.asOf, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let templates = data.appendingPathComponent("templates").path
        #expect(run.standardError.contains("warning: \(templates)/partials/stlyes.mustache: not a template csp-portal uses\n"), "\(run.standardError)")
        #expect(run.standardError.contains("warning: \(templates)/locales/fr.json: key \"contactPartnr\" is not a string csp-portal uses\n"), "\(run.standardError)")
        #expect(run.standardError.contains("warning: \(templates)/locales/de.json: not a language csp-portal has (en, fr)\n"), "\(run.standardError)")
        #expect(run.standardError.contains("warning: \(templates)/README.txt: not a template csp-portal uses\n"), "\(run.standardError)")
        #expect(!run.standardError.contains("\"billing\""), "a known key is no warning")
    }

    @Test("A template an override page includes is used; one no page reaches any more is named")
    func partialsOfOverrides() throws {
        let scratch = try Scratch()
        let portal = try Self.builtInText("portal.mustache").replacingOccurrences(of: "<main", with: "{{> partials/banner}}\n<main")
        let folder = try Self.folder("Overrides", in: scratch, ["portal.mustache": portal, "partials/banner.mustache": "<p>Partner</p>\n",
                                                                "partials/unused.mustache": "<p>x</p>\n"])
        let set = try TemplateSet.load(templatesOption: folder, dataFolder: nil)
        #expect(set.warnings == ["\(folder.path)/partials/unused.mustache: not a template csp-portal uses"])
    }

    @Test("validate checks the data folder's templates too: a typo is a warning, a broken template a file:line error (65)")
    func validateChecksTemplates() throws {
        let scratch = try Scratch()
        let data = try Self.dataCopy(in: scratch)
        let templates = try Self.folder("Data/templates", in: scratch, ["locales/en.json": "{\"biling\": \"Invoices\"}"])
        let run = try CSPPortalCommand.run(["validate", "--data", data.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("warning: \(templates.path)/locales/en.json: key \"biling\" is not a string csp-portal uses"), "\(run.standardError)")
        try Data("{{#x}}\n".utf8).write(to: templates.appendingPathComponent("overview.mustache"))
        let broken = try CSPPortalCommand.run(["validate", "--data", data.path])
        #expect(broken.status == 65)
        #expect(broken.standardError.contains("\(templates.path)/overview.mustache:1: template error:"), "\(broken.standardError)")
    }

    @Test("markets and support-request read their strings through the same overrides")
    func catalogueCommands() throws {
        let scratch = try Scratch()
        let folder = try Self.folder("Overrides", in: scratch, [
            "locales/en.json": "{\"marketLine\": \"{code} is {name}: {state}\", \"supportRefundTitle\": \"x\"}",
        ])
        let markets = try CSPPortalCommand.run(["markets", "reunion", "--templates", folder.path])
        #expect(markets.status == 0, "\(markets.standardError)")
        #expect(markets.standardOutput.hasPrefix("RE is Réunion: "), "\(markets.standardOutput)")
        let data = try Self.dataCopy(in: scratch)
        try FileManager.default.copyItem(at: folder, to: data.appendingPathComponent("templates"))
        let fromData = try CSPPortalCommand.run(["markets", "reunion", "--data", data.path])
        #expect(fromData.standardOutput.hasPrefix("RE is Réunion: "), "\(fromData.standardOutput)")
        let request = try CSPPortalCommand.run(["support-request", "--order", "ORD-2026-1088", "--reason", "Wrong edition", "--data", data.path])
        #expect(request.status == 0, "\(request.standardError)")
        #expect(request.standardError.contains("locales/en.json: key \"supportRefundTitle\" is not a string csp-portal uses"), "\(request.standardError)")
    }

    @Test("--templates wins over the data folder's templates, which is then not read at all")
    func precedence() throws {
        let scratch = try Scratch()
        let data = try Self.dataCopy(in: scratch)
        _ = try Self.folder("Data/templates", in: scratch, ["partials/styles.mustache": "{{> partials/styles}}\n"])
        let given = try Self.folder("Given", in: scratch, ["locales/en.json": "{\"billing\": \"Invoices\"}"])
        let run = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--as-of", Self.asOf,
                                            "--templates", given.path, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let broken = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--as-of", Self.asOf, "--quiet"])
        #expect(broken.status == 65, "without --templates, the data folder's templates are used: \(broken.standardError)")
    }

    @Test("A broken override template is a file:line template error, exit 65, nothing written")
    func brokenOverride() throws {
        let scratch = try Scratch()
        let folder = try Self.folder("Overrides", in: scratch, ["partials/styles.mustache": "<style>\n{{> partials/styles}}\n</style>\n"])
        let run = try CSPPortalCommand.run(["build", "--out", scratch.site.path, "--as-of", Self.asOf, "--templates", folder.path, "--quiet"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(folder.path)/partials/styles.mustache:2: template error: {{> partials/styles}}: a partial includes itself"),
                "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
        let catalogue = try Self.folder("Catalogue", in: scratch, ["locales/fr.json": "{\"billing\": 3}"])
        let badCatalogue = try CSPPortalCommand.run(["build", "--out", scratch.site.path, "--as-of", Self.asOf, "--templates", catalogue.path, "--quiet"])
        #expect(badCatalogue.status == 65)
        #expect(badCatalogue.standardError.contains("\(catalogue.path)/locales/fr.json: expected a JSON object of strings"), "\(badCatalogue.standardError)")
    }

    @Test("The policy allows the scripts of the templates actually used: an override partial's script is hashed into every page that includes it")
    func policyFromOverrides() throws {
        let scratch = try Scratch()
        let styles = try Self.builtInText("partials/styles.mustache") + "<script>partnerAnalytics()</script>\n"
        let folder = try Self.folder("Overrides", in: scratch, ["partials/styles.mustache": styles])
        let set = try TemplateSet.load(templatesOption: folder, dataFolder: nil)
        let builtIn = try TemplateSet.builtIn()
        let added = try #require(ContentSecurityPolicy(scripts: [Array("partnerAnalytics()".utf8)]).scriptSources.first)
        #expect(set.policy(for: "portal").scriptSources.contains(added))
        #expect(set.policy(for: "markets").scriptSources.contains(added))
        #expect(!builtIn.policy(for: "portal").scriptSources.contains(added))
        #expect(set.sitePolicy.scriptSources.contains(added))
    }

    // MARK: Hostile override folders

    @Test("A link in the override folder (a partial linked to /etc/passwd) is refused, not followed: exit 65, naming it",
          arguments: ["partials/styles.mustache", "locales/fr.json", "partials"])
    func linkInOverrides(path: String) throws {
        let scratch = try Scratch()
        let folder = try Self.folder("Overrides", in: scratch, ["portal.mustache": try Self.builtInText("portal.mustache")])
        let link = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: path == "partials" ? "/etc" : "/etc/passwd")
        #expect(throws: TemplateError.self) { try TemplateSet.load(templatesOption: folder, dataFolder: nil) }
        let run = try CSPPortalCommand.run(["build", "--out", scratch.site.path, "--as-of", Self.asOf, "--templates", folder.path, "--quiet"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(link.path): a symbolic link"), "\(run.standardError)")
        #expect(!run.standardError.contains("root:"), "nothing of the linked file is shown")
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("A page's policy is put in its template's own text: a customer named CSP-POLICY in a <title> an override put before the <meta> stays a name, and the page keeps its policy")
    func policyPlacedInTemplate() throws {
        let scratch = try Scratch()
        let data = try Self.dataCopy(in: scratch)
        let customers = data.appendingPathComponent("customers.csv")
        let text = try String(contentsOf: customers, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "O'Brien & Daughters Ltd", with: "CSP-POLICY").utf8).write(to: customers)
        let portal = try Self.builtInText("portal.mustache")
        let meta = #"<meta http-equiv="Content-Security-Policy" content="CSP-POLICY">"# + "\n"
        let title = "<title>{{title}}</title>\n"
        #expect(portal.contains(meta + title))
        let folder = try Self.folder("Overrides", in: scratch, ["portal.mustache": portal.replacingOccurrences(of: meta + title, with: title + meta)])
        let run = try CSPPortalCommand.run(["build", "--data", data.path, "--out", scratch.site.path, "--as-of", Self.asOf,
                                            "--templates", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: scratch.site.appendingPathComponent("customers").path)
            .filter { $0.hasSuffix("index.html") }
        var named = 0
        for path in pages {
            let page = try HTMLDocument(contentsOf: scratch.site.appendingPathComponent("customers").appendingPathComponent(path))
            let policy = page.texts("//meta[@http-equiv='Content-Security-Policy']/@content")
            #expect(policy.count == 1 && policy.allSatisfy { $0.hasPrefix("default-src 'none';") }, "\(path): \(policy)")
            if page.texts("//title").joined().contains("CSP-POLICY") { named += 1 }
        }
        #expect(named == 1)
    }

    @Test("An override page without the policy's <meta> is a template error naming it (exit 65), not a page without a policy")
    func pageWithoutPolicy() throws {
        let scratch = try Scratch()
        let markets = try Self.builtInText("markets.mustache")
        let folder = try Self.folder("Overrides", in: scratch, ["markets.mustache": markets.replacingOccurrences(
            of: #"<meta http-equiv="Content-Security-Policy" content="CSP-POLICY">"#, with: "")])
        let run = try CSPPortalCommand.run(["build", "--out", scratch.site.path, "--as-of", Self.asOf, "--templates", folder.path, "--quiet"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("markets.mustache: template error: no <meta http-equiv=\"Content-Security-Policy\""), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("A hard link in the override folder (a partial that is also the link secret file) is refused: exit 65, the secret on no page")
    func hardLinkInOverrides() throws {
        let scratch = try Scratch()
        let secret = scratch.url.appendingPathComponent("Secrets/link-secret")
        try FileManager.default.createDirectory(at: secret.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("do-not-publish-this-secret-0123456789".utf8).write(to: secret)
        let folder = try Self.folder("Overrides", in: scratch, [:])
        let partials = folder.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: secret, to: partials.appendingPathComponent("styles.mustache"))
        #expect(throws: TemplateError.self) { try TemplateSet.load(templatesOption: folder, dataFolder: nil) }
        let run = try CSPPortalCommand.run(["build", "--out", scratch.site.path, "--as-of", Self.asOf, "--templates", folder.path,
                                            "--link-secret-file", secret.path, "--quiet"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("partials/styles.mustache: a hard link"), "\(run.standardError)")
        #expect(!run.standardError.contains("do-not-publish"))
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("The data folder's templates as a link is refused (the data folder is not trusted to point elsewhere); a FIFO is not waited on")
    func hostileDataTemplates() throws {
        let scratch = try Scratch()
        let data = try Self.dataCopy(in: scratch)
        let elsewhere = try Self.folder("Elsewhere", in: scratch, ["locales/fr.json": "{}"])
        try FileManager.default.createSymbolicLink(at: data.appendingPathComponent("templates"), withDestinationURL: elsewhere)
        #expect {
            try TemplateSet.load(templatesOption: nil, dataFolder: data)
        } throws: { error in
            "\(error)".contains("templates: a symbolic link") && ExitStatus.code(for: error) == 65
        }
        let fifoFolder = try Self.folder("Fifo", in: scratch, [:])
        try FileManager.default.createDirectory(at: fifoFolder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        #expect(mkfifo(fifoFolder.appendingPathComponent("partials/styles.mustache").path, 0o644) == 0)
        #expect {
            try TemplateSet.load(templatesOption: fifoFolder, dataFolder: nil)
        } throws: { error in
            "\(error)".contains("partials/styles.mustache: not a regular file")
        }
    }

    @Test("Folders nested deeper than 8 and a file name that is not UTF-8 are template errors naming them, not a crash or a silent skip")
    func hostileNames() throws {
        let scratch = try Scratch()
        let deep = try Self.folder("Deep", in: scratch, [(1...9).map { "d\($0)" }.joined(separator: "/") + "/x.mustache": "x"])
        #expect {
            try TemplateSet.load(templatesOption: deep, dataFolder: nil)
        } throws: { error in
            "\(error)".hasSuffix("d1/d2/d3/d4/d5/d6/d7/d8/d9: folders nest more than 8 deep")
        }
        let latin = try Self.folder("Latin", in: scratch, [:])
        let name = latin.path + "/caf\u{FFFD}.mustache"
        var rawName: [UInt8] = Array(latin.path.utf8)
        rawName += Array("/caf".utf8)
        rawName.append(0xE9)   // é in Latin-1
        rawName += Array(".mustache".utf8)
        rawName.append(0)
        let descriptor = rawName.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        try #require(descriptor >= 0)
        close(descriptor)
        #expect {
            try TemplateSet.load(templatesOption: latin, dataFolder: nil)
        } throws: { error in
            "\(error)" == "\(name): a file name that is not UTF-8"
        }
    }

    @Test("An override file over 4 MiB is refused before it is read whole")
    func hugeOverride() throws {
        let scratch = try Scratch()
        let folder = try Self.folder("Overrides", in: scratch, [:])
        let file = folder.appendingPathComponent("portal.mustache")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(TemplateOverrideFolder.maximumFileSize + 1))
        try handle.close()
        #expect {
            try TemplateSet.load(templatesOption: folder, dataFolder: nil)
        } throws: { error in
            "\(error)".hasSuffix("portal.mustache: larger than 4 MiB; not a template")
        }
    }

    // MARK: templates export

    @Test("templates export writes the built-in set (files 0644, folders 0755); a build with it unchanged is byte-identical to the built-in build")
    func exportThenBuild() async throws {
        let scratch = try Scratch()
        let exported = scratch.url.appendingPathComponent("new/Exported")
        let oldMask = umask(0o077)
        let run = try CSPPortalCommand.run(["templates", "export", exported.path])
        umask(oldMask)
        #expect(run.status == 0, "\(run.standardError)")
        let files = try regularFiles(under: exported)
        let templatesFolder = try regularFiles(under: Repository.templates).filter { !$0.key.hasPrefix(".") }
        let same = files == templatesFolder
        #expect(same, "the exported files are Templates/'s: \(files.keys.sorted())")
        for path in try FileManager.default.subpathsOfDirectory(atPath: exported.path) {
            var status = stat()
            #expect(lstat(exported.appendingPathComponent(path).path, &status) == 0)
            let expected: mode_t = status.st_mode & S_IFMT == S_IFDIR ? 0o755 : 0o644
            #expect(status.st_mode & 0o7777 == expected, "\(path): \(String(status.st_mode & 0o7777, radix: 8))")
        }

        let builtIn = try await Self.build(in: scratch, templates: nil, name: "BuiltIn")
        let withExported = try await Self.build(in: scratch, templates: exported, name: "WithExported")
        #expect(builtIn.keys.sorted() == withExported.keys.sorted())
        for (path, bytes) in builtIn where !Scratch.changesFiles.contains(path) {
            let same = withExported[path] == bytes
            #expect(same, "\(path) differs")
        }
    }

    @Test("templates export refuses a folder that is not empty and a symbolic link, exit 73, writing nothing")
    func exportRefuses() throws {
        let scratch = try Scratch()
        let full = try Self.folder("Full", in: scratch, ["portal.mustache": "mine"])
        let run = try CSPPortalCommand.run(["templates", "export", full.path])
        #expect(run.status == 73)
        #expect(run.standardError.contains("\(full.path): not empty"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: full.path) == ["portal.mustache"])
        #expect(try String(contentsOf: full.appendingPathComponent("portal.mustache"), encoding: .utf8) == "mine")

        let target = try Self.folder("Target", in: scratch, [:])
        let link = scratch.url.appendingPathComponent("Link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let linkRun = try CSPPortalCommand.run(["templates", "export", link.path])
        #expect(linkRun.status == 73)
        #expect(linkRun.standardError.contains("\(link.path): a symbolic link"), "\(linkRun.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)

        let file = try Self.folder("Files", in: scratch, ["x": "y"]).appendingPathComponent("x")
        let fileRun = try CSPPortalCommand.run(["templates", "export", file.path])
        #expect(fileRun.status == 73 && fileRun.standardError.contains("exists and is not a folder"), "\(fileRun.standardError)")
    }
}
