import Foundation
import PortalTestSupport
import Testing

/// The repository explains itself: what the code cites is in it.
@Suite("Repository")
struct RepositoryTests {
    @Test("Every document cited in Sources, Tests, Scripts and Templates is a file of the repository, by its path")
    func citedDocumentsExist() throws {
        let pattern = try Regex(#"[A-Za-z0-9_./-]+\.md\b"#)
        var missing: [String] = []
        for folder in ["Sources", "Tests", "Scripts", "Templates"] {
            let root = Repository.root.appendingPathComponent(folder)
            for path in try FileManager.default.subpathsOfDirectory(atPath: root.path)
            where !path.hasPrefix("Fixtures/") && !path.hasPrefix("SiteTests/Golden/") {
                let file = root.appendingPathComponent(path)
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for match in text.matches(of: pattern) {
                    let cited = String(text[match.range])
                    if !FileManager.default.fileExists(atPath: Repository.root.appendingPathComponent(cited).path) {
                        missing.append("\(folder)/\(path): \(cited)")
                    }
                }
            }
        }
        #expect(missing.isEmpty, "cited but not in the repository (cite docs/… by its path): \(missing)")
    }
}
