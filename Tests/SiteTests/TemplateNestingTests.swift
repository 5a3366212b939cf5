import Foundation
import PortalPipeline
import PortalRecords
@testable import PortalRender
import PortalTestSupport
import Testing

/// A templates folder is code, but a mistake in it must be a template error with file:line (exit
/// 65), never a crash: a partial that includes itself overflowed the stack (SIGSEGV, exit 139) and a
/// partial named `/etc/passwd` or `../x` rendered nothing, silently. Checked at load, before anything renders.
@Suite("Template nesting")
struct TemplateNestingTests {
    /// The repository's templates with `changes` written over them (a nil text removes the file).
    func templates(_ changes: [String: String?]) throws -> (scratch: Scratch, folder: URL) {
        let scratch = try Scratch()
        let folder = scratch.url.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Repository.templates, to: folder)
        for (path, text) in changes {
            let file = folder.appendingPathComponent(path)
            if let text {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            } else {
                try FileManager.default.removeItem(at: file)
            }
        }
        return (scratch, folder)
    }

    /// The error loading the folder gives, with its exit code.
    func loadError(_ changes: [String: String?]) async throws -> (description: String, exitCode: Int32)? {
        let (scratch, folder) = try templates(changes)
        defer { withExtendedLifetime(scratch) {} }
        do {
            _ = try TemplateSet.load(from: folder)
            return nil
        } catch {
            return (error.description.replacingOccurrences(of: folder.path + "/", with: ""), ExitStatus.code(for: error))
        }
    }

    @Test("The repository's templates pass, well within the depth limit")
    func repository() async throws {
        _ = try TemplateSet.load(from: Repository.templates)
    }

    @Test("A partial that includes itself is a template error at its tag, not a stack overflow")
    func includesItself() async throws {
        let error = try await loadError(["partials/styles.mustache": "<style>\n{{> partials/styles}}\n</style>\n"])
        #expect(error?.description == "partials/styles.mustache:2: template error: {{> partials/styles}}: a partial includes itself (partials/styles > partials/styles)")
        #expect(error?.exitCode == 65)
    }

    @Test("A partial that includes itself through others, from a page")
    func includesItselfThroughOthers() async throws {
        let error = try await loadError([
            "partials/styles.mustache": "{{> partials/a}}\n",
            "partials/a.mustache": "a\n{{#x}}\n{{> partials/b}}\n{{/x}}\n",
            "partials/b.mustache": "b {{> partials/styles}}\n",
        ])
        // Found from the first page, by name, that leads into the cycle (markets), at the tag that closes it.
        #expect(error?.description == "partials/b.mustache:1: template error: {{> partials/styles}}: a partial includes itself (partials/styles > partials/a > partials/b > partials/styles)")
        #expect(error?.exitCode == 65)
    }

    @Test("Partials nested past the fixed depth", arguments: [TemplateNesting.maximumDepth + 2, 100])
    func partialsTooDeep(count: Int) async throws {
        var files: [String: String?] = [:]
        // p0 > p1 > ... : the last of `count` is count - 1 partials deep.
        for index in 0..<count {
            files["partials/p\(index).mustache"] = index + 1 < count ? "{{> partials/p\(index + 1)}}\n" : "end\n"
        }
        let error = try await loadError(files)
        #expect(error?.description.hasSuffix("template error: sections and partials nest more than \(TemplateNesting.maximumDepth) deep here") == true,
                "\(String(describing: error))")
        #expect(error?.exitCode == 65)
    }

    @Test("Partials nested exactly to the fixed depth are fine")
    func partialsAtTheLimit() async throws {
        var files: [String: String?] = [:]
        for index in 0..<TemplateNesting.maximumDepth {
            files["partials/p\(index).mustache"] = index + 1 < TemplateNesting.maximumDepth ? "{{> partials/p\(index + 1)}}\n" : "end\n"
        }
        files["deep.mustache"] = "{{> partials/p0}}\n"
        // deep > p0 > ... > p31: 32 partials deep, at the limit.
        #expect(try await loadError(files) == nil)
    }

    @Test("Sections nested past the fixed depth, in one template", arguments: [TemplateNesting.maximumDepth + 1, 100_000])
    func sectionsTooDeep(count: Int) async throws {
        let text = String(repeating: "{{#a}}", count: count) + "x" + String(repeating: "{{/a}}", count: count) + "\n"
        let error = try await loadError(["deep.mustache": text])
        #expect(error?.description == "deep.mustache:1: template error: sections and partials nest more than \(TemplateNesting.maximumDepth) deep here")
    }

    @Test("A partial named by an absolute path or with .. is a template error", arguments: ["/etc/passwd", "../Templates/portal", "partials/../portal"])
    func pathNames(name: String) async throws {
        let error = try await loadError(["portal.mustache": "<html>\n\n{{> \(name)}}\n"])
        #expect(error?.description == "portal.mustache:3: template error: {{> \(name)}}: a partial is named relative to the templates folder, without `..` (such as partials/styles)")
        #expect(error?.exitCode == 65)
    }

    @Test("A partial that names no template is a template error, not an empty string")
    func missingPartial() async throws {
        // A file left out of the folder comes from the built-in set: the name must be one of neither.
        let error = try await loadError(["partials/styles.mustache": "<style>\n{{> partials/stlyes}}\n</style>\n"])
        #expect(error?.description == "partials/styles.mustache:2: template error: {{> partials/stlyes}} names no template of the folder (partials/stlyes.mustache)",
                "\(String(describing: error))")
        #expect(error?.exitCode == 65)
    }

    @Test("Tags only swift-mustache knows (dynamic partials, inheritance, delimiter changes) are refused",
          arguments: ["{{>*name}}", "{{< partials/styles}}{{/partials/styles}}", "{{$block}}x{{/block}}", "{{=<% %>=}}"])
    func unsupportedTags(tag: String) async throws {
        let error = try await loadError(["markets.mustache": "<p>\n\(tag)\n"])
        #expect(error?.description.hasPrefix("markets.mustache:2: template error: ") == true, "\(String(describing: error))")
        #expect(error?.description.contains("not supported") == true, "\(String(describing: error))")
    }

    @Test("A build with a self-including partial exits 65 and writes nothing")
    func build() async throws {
        let (scratch, folder) = try templates(["partials/styles.mustache": "{{> partials/styles}}\n"])
        let options = BuildOptions(dataFolder: Repository.data, outputFolder: scratch.site, templatesFolder: folder,
                                   asOf: Instant(CivilDate(year: 2026, month: 11, day: 25)!))
        await #expect {
            try await SiteBuilder.build(options, now: { Instant(millisecondsSinceEpoch: 0) })
        } throws: { error in
            ExitStatus.code(for: error) == 65 && "\(error)".contains("partials/styles.mustache:1: template error:")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }
}
