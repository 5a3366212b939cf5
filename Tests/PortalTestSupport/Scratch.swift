import Foundation
import PortalPipeline
import PortalRecords

/// The repository's folders, found from this file so that tests run from any directory.
package enum Repository {
    package static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    package static let data = root.appendingPathComponent("Data")
    package static let templates = root.appendingPathComponent("Templates")
    package static let golden = root.appendingPathComponent("Tests/SiteTests/Golden")

    /// Runs one of the repository's Python scripts (`Scripts/NAME`); its standard output, standard
    /// error and exit status.
    package static func runScript(_ name: String, _ arguments: [String]) throws -> (output: String, errors: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Scripts/\(name)").path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (text, errorText, process.terminationStatus)
    }
}

/// A scratch folder for one test's output, removed when the test ends.
package final class Scratch {
    package let url: URL

    package init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("csp-portal-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A scratch folder holding `files` (name → text): a data folder for one test.
    package convenience init(files: [String: String]) throws {
        try self.init()
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
    }

    package var site: URL { url.appendingPathComponent("Site") }

    /// A data folder inside the scratch folder.
    package func dataFolder(_ files: [String: String]) throws -> URL {
        let folder = url.appendingPathComponent("Data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @discardableResult
    package func build(data: URL = Repository.data, into output: URL? = nil, asOf: Instant? = nil,
               language: PortalLanguage? = nil) async throws -> BuildSummary {
        try await SiteBuilder.build(BuildOptions(dataFolder: data, outputFolder: output ?? site, templatesFolder: Repository.templates,
                                                 asOf: asOf, language: language),
                                    now: { Instant(millisecondsSinceEpoch: 0) })
    }

    /// Every file under the site, by relative path.
    package func files() throws -> [String: [UInt8]] {
        try Self.files(under: site)
    }

    /// The files of "what changed" (issue 22): they depend on the site a build replaces as well as
    /// on its data and as-of, so a rebuild's differ from a first build's.
    package static let changesFiles: Set<String> = ["changes.json", "changes.xml", "changes/index.html"]

    /// Every file under the site but those of "what changed": what a rebuild of the same data and
    /// as-of must give byte for byte.
    package func filesButChanges() throws -> [String: [UInt8]] {
        try files().filter { !Self.changesFiles.contains($0.key) }
    }

    /// Every regular file under `site` (hidden ones too, links not followed), by relative path.
    package static func files(under site: URL) throws -> [String: [UInt8]] {
        try regularFiles(under: site)
    }

    package func page(_ path: String) throws -> HTMLDocument {
        try HTMLDocument(contentsOf: site.appendingPathComponent(path))
    }

    package func portalJSON() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("portal.json"))) as! [String: Any]
    }

    /// The portal path of a customer, from portal.json.
    package func portalPath(of customerId: String) throws -> String {
        let customers = try portalJSON()["customers"] as! [[String: Any]]
        return customers.first { $0["customerId"] as? String == customerId }!["portalPath"] as! String
    }
}

package enum SampleIds {
    package static let contoso = "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c"
    package static let obrien = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
    package static let muller = "7b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e"
    package static let kangaroo = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
    package static let reunion = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
}
