import Foundation
import PortalSample
import PortalTestSupport
import Testing

/// `csp-portal sample --out DIR` writes only into a new or empty folder unless `--force` (#17, case 10).
@Suite("Sample output folder (#17)")
struct SampleOutputTests {
    @Test("#17 case 10: sample --out refuses a folder that is not empty unless allowed (--force), and never deletes other files")
    func refusesNonEmptyFolder() throws {
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: data.appendingPathComponent("customers.csv"))
        try Data("keep".utf8).write(to: data.appendingPathComponent("notes.txt"))
        var options = SampleOptions(customers: 3)
        let error = #expect(throws: SampleError.self) { try SampleGenerator.write(options, to: data) }
        #expect(error?.description.contains("--force") == true)
        #expect(try regularFiles(under: data) == ["customers.csv": Array("mine".utf8), "notes.txt": Array("keep".utf8)])
        // A new or empty folder needs nothing.
        _ = try SampleGenerator.write(options, to: scratch.url.appendingPathComponent("new"))
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        _ = try SampleGenerator.write(options, to: scratch.url.appendingPathComponent("empty"))
        options.allowNonEmptyFolder = true
        _ = try SampleGenerator.write(options, to: data)
        let written = try regularFiles(under: data)
        #expect(written["notes.txt"] == Array("keep".utf8))
        #expect(written["customers.csv"] != Array("mine".utf8))
        #expect(Set(written.keys) == Set(SampleGenerator.fileNames + ["notes.txt"]))
    }

    @Test("#17 case 10: sample --out into a folder with files exits 73 and says to pass --force; with --force it writes")
    func commandExitCode() throws {
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: data.appendingPathComponent("orders.csv"))
        let refused = try CSPPortalCommand.run(["sample", "--customers", "2", "--out", data.path])
        #expect(refused.status == 73)
        #expect(refused.standardError.contains(data.path) && refused.standardError.contains("--force"), "\(refused.standardError)")
        #expect(try regularFiles(under: data) == ["orders.csv": Array("mine".utf8)])
        let forced = try CSPPortalCommand.run(["sample", "--customers", "2", "--out", data.path, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try regularFiles(under: data)["orders.csv"] != Array("mine".utf8))
    }
}
