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

    @Test("#17 case 10: with --force each data file is replaced, never written through a link or a hard link to a file outside the folder")
    func forceReplacesLinks() throws {
        let manager = FileManager.default
        let scratch = try Scratch()
        let data = scratch.url.appendingPathComponent("data")
        let outside = scratch.url.appendingPathComponent("outside")
        try manager.createDirectory(at: data, withIntermediateDirectories: true)
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        for name in SampleGenerator.fileNames { try Data("mine: \(name)".utf8).write(to: outside.appendingPathComponent(name)) }
        let before = try regularFiles(under: outside)
        for (index, name) in SampleGenerator.fileNames.enumerated() {
            let target = outside.appendingPathComponent(name), place = data.appendingPathComponent(name)
            if index.isMultiple(of: 2) {
                try manager.createSymbolicLink(at: place, withDestinationURL: target)
            } else {
                try manager.linkItem(at: target, to: place)
            }
        }
        var options = SampleOptions(customers: 2)
        options.allowNonEmptyFolder = true
        _ = try SampleGenerator.write(options, to: data)
        #expect(try regularFiles(under: outside) == before)
        #expect(Set(try regularFiles(under: data).keys) == Set(SampleGenerator.fileNames), "every data file is a file of its own")
    }
}
