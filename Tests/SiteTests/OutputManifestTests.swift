import Crypto
import Foundation
import PortalRecords
import PortalSample
import PortalTestSupport
import Testing

/// Every byte the build writes, for the sample data, each input-format fixture and a generated
/// 5,000-customer set, held to `Golden/output-manifest.txt`: a refactor or a speed-up that changes
/// one byte of one page fails here. After an intended change of output, `UPDATE_GOLDEN=1 swift
/// test` rewrites the manifest; review its diff (a changed line names the file).
@Suite("Output manifest")
struct OutputManifestTests {
    static let asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 9, minute: 0, second: 0))
    static let manifestFile = Repository.golden.appendingPathComponent("output-manifest.txt")

    @Test("Every output file of four data sets is byte-identical to the manifest")
    func manifest() async throws {
        let scratch = try Scratch()
        var lines: [String] = []
        lines += try await Self.describe("sample", data: Repository.data, scratch: scratch, eachCustomer: true)
        for format in ["flat", "excel-fr", "unicode-text-le", "unicode-text-be", "partner-center"] {
            let data = InputFormatsTests.formats.appendingPathComponent(format)
            lines += try await Self.describe("formats/\(format)", data: data, scratch: scratch, eachCustomer: true)
        }
        let generated = scratch.url.appendingPathComponent("generated-5000")
        var options = SampleOptions(customers: 5_000)
        options.asOf = Self.asOf
        _ = try SampleGenerator.write(options, to: generated)
        lines += try await Self.describe("generated-5000", data: generated, scratch: scratch, eachCustomer: false)

        let produced = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(produced.utf8).write(to: Self.manifestFile)
        }
        let expected = String(decoding: try Data(contentsOf: Self.manifestFile), as: UTF8.self)
        let expectedLines = Set(expected.split(separator: "\n")), producedLines = Set(produced.split(separator: "\n"))
        let missing = expectedLines.subtracting(producedLines).sorted().prefix(10)
        let unexpected = producedLines.subtracting(expectedLines).sorted().prefix(10)
        #expect(missing.isEmpty && unexpected.isEmpty,
                "output differs from Golden/output-manifest.txt; expected: \(missing.joined(separator: "; ")); produced: \(unexpected.joined(separator: "; "))")
    }

    /// One line per file (`set path bytes hash`), sorted; with `eachCustomer` false the customer
    /// folders are summed up in one line (count, bytes, hash over every path and content in order).
    static func describe(_ name: String, data: URL, scratch: Scratch, eachCustomer: Bool) async throws -> [String] {
        let site = scratch.url.appendingPathComponent("site-\(name.replacingOccurrences(of: "/", with: "-"))")
        try await scratch.build(data: data, into: site, asOf: asOf)
        let files = try Scratch.files(under: site)
        var lines: [String] = []
        var customers = SHA256(), customerCount = 0, customerBytes = 0
        for path in files.keys.sorted() {
            let bytes = files[path]!
            if !eachCustomer && path.hasPrefix("customers/") {
                customers.update(data: Array(path.utf8) + [0])
                customers.update(data: bytes)
                customerCount += 1
                customerBytes += bytes.count
                continue
            }
            lines.append("\(name) \(path) \(bytes.count) \(hex(SHA256.hash(data: bytes)))")
        }
        if !eachCustomer { lines.append("\(name) customers/* \(customerCount) files \(customerBytes) \(hex(customers.finalize()))") }
        return lines
    }

    /// The first 16 hex digits of a digest: plenty to tell that a file changed.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.prefix(8).map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined()
    }
}
