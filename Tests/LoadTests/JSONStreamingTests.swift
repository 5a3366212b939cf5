import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// A JSON file is read as a stream (#24 item 3): records are handed on one at a time as the
/// text arrives, never after the whole file is held, and each byte is looked at a bounded number of
/// times whatever the content (long strings, deep nesting, many keys, whitespace, huge numbers),
/// as `LinearReadingTests` holds the CSV stream. Held by counting the work (`bytesScanned`) and
/// the bytes handed over, never by timing.
@Suite("JSON read as a stream")
struct JSONStreamingTests {
    static let mebibyte = 1 << 20
    static let event = #"{"operationDate": "2026-11-20T10:00:00Z", "userPrincipalName": "ann@partner.example", "operationType": "getSoftwareKey", "customerId": "C1", "customizedData": [{"key": "OrderId", "value": "O1"}], "attributes": {"objectType": "AuditRecord"}}"#

    /// An activity log of `count` audit records in one collection envelope.
    static func activity(_ count: Int, tail: String = "]}") -> [UInt8] {
        Array(("{\"totalCount\": \(count), \"items\": [\n" + Array(repeating: event, count: count).joined(separator: ",\n") + tail).utf8)
    }

    /// What reading `bytes` in chunks of `chunk` bytes gave.
    struct Reading {
        var records = 0
        var diagnostics: [String] = []
        var bytesScanned = 0
        var bytesRead = 0
        /// The bytes handed over when the first record came out.
        var readAtFirstRecord: Int?
    }

    static func read<Field>(_ bytes: [UInt8], chunk: Int, schema: InputSchema<Field> = Schemas.activity) -> Reading {
        var reading = Reading()
        var position = 0
        var reader = JSONPullReader { () throws(JSONReadFailure) in
            let end = min(position + chunk, bytes.count)
            defer { position = end }
            return Array(bytes[position..<end])
        }
        var diagnostics: [Diagnostic] = []
        JSONTable.forEachRecord(&reader, file: "activity.json", schema: schema, diagnostics: &diagnostics) { _, _ in
            reading.records += 1
            if reading.readAtFirstRecord == nil { reading.readAtFirstRecord = position }
        }
        reading.diagnostics = diagnostics.map(\.description)
        reading.bytesScanned = reader.bytesScanned
        reading.bytesRead = position
        return reading
    }

    @Test("Records come out as the text arrives: the first after one chunk of a 16 MiB log, not after the whole file")
    func recordsAsTheyArrive() {
        let bytes = Self.activity(16 * Self.mebibyte / Self.event.utf8.count)
        let reading = Self.read(bytes, chunk: JSONPullReader.chunkSize)
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        #expect(reading.records == 16 * Self.mebibyte / Self.event.utf8.count)
        #expect(reading.readAtFirstRecord == JSONPullReader.chunkSize)
        #expect(reading.bytesScanned <= 4 * bytes.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
    }

    @Test("Valid records in chunks of any size: each byte validated twice and scanned about once", arguments: [JSONPullReader.chunkSize, 4_096, 7])
    func validRecords(chunk: Int) {
        let bytes = Self.activity(20_000)
        let reading = Self.read(bytes, chunk: chunk)
        #expect(reading.records == 20_000 && reading.diagnostics.isEmpty)
        #expect(reading.bytesScanned <= 4 * bytes.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
    }

    @Test("A log cut short names the line and column where it ends, after the records before it")
    func truncated() {
        let bytes = Self.activity(3, tail: "")
        let reading = Self.read(Array(bytes.dropLast(10)), chunk: 64)
        #expect(reading.records == 2)
        #expect(reading.diagnostics == ["activity.json:4:\(Self.event.utf8.count - 9): error: not valid JSON: the text ends where the closing quote of the string that starts at line 4, column \(Self.event.utf8.count - 14) should be: is the file cut short?"])
    }

    @Test("A string of 40 MiB in small chunks: scanned and copied once, never from its start again", arguments: [true, false])
    func longString(inRecord: Bool) {
        let long = String(repeating: "é", count: 20 * Self.mebibyte)
        // In a record it is read whole and refused past 16 MiB; in an envelope's links it is only checked.
        let text = inRecord
            ? "[{\"operationDate\": \"2026-11-20T10:00:00Z\", \"note\": \"\(long)\"}, \(Self.event)]"
            : "{\"items\": [\(Self.event)], \"links\": {\"next\": \"\(long)\"}}"
        let bytes = Array(text.utf8)
        let reading = Self.read(bytes, chunk: 65_536)
        if inRecord {
            #expect(reading.diagnostics == ["activity.json:1:2: error: not valid JSON: a record or value longer than 16 MiB (16777216 bytes), more than csp-portal reads: is this the right file?"])
            #expect(reading.bytesRead <= JSONPullReader.maximumValueBytes + 2 * 65_536)
        } else {
            #expect(reading.diagnostics.isEmpty && reading.records == 1, "\(reading.diagnostics)")
        }
        #expect(reading.bytesScanned <= 5 * reading.bytesRead, "\(reading.bytesScanned) bytes scanned of \(reading.bytesRead)")
    }

    @Test("200,000 brackets deep stops at the 513th, after reading little more than it")
    func deepNesting() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 200_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 200_000)
        let reading = Self.read(bytes, chunk: 4_096)
        #expect(reading.diagnostics == ["activity.json:1:513: error: not valid JSON: arrays and objects nested more than 512 deep"])
        #expect(reading.bytesRead <= 8_192)
    }

    @Test("A record with 200,000 keys, a number of 8 MiB digits and 16 MiB of blank lines: linear work")
    func manyKeysHugeNumberBlankLines() {
        let keys = (0..<200_000).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        for (text, expected) in [
            ("[{" + keys + "}]", [String]()),
            // Foundation refused it too: no Double holds it.
            ("[{\"links\": " + String(repeating: "7", count: 8 * Self.mebibyte) + "}]",
             ["activity.json:1:12: error: not valid JSON: the number " + String(repeating: "7", count: 40) + " is too large to be read as a double"]),
            (String(repeating: "\r\n", count: 8 * Self.mebibyte) + "[x]", ["activity.json:8388609:2: error: not valid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found 'x'"]),
        ] {
            let bytes = Array(text.utf8)
            let reading = Self.read(bytes, chunk: 10_000)
            #expect(reading.diagnostics.filter { $0.contains("not valid JSON") } == expected)
            #expect(reading.bytesScanned <= 5 * bytes.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
        }
    }

    /// The reader's failure on a whole value, in chunks of `chunk` bytes.
    static func failure(_ bytes: [UInt8], chunk: Int) -> String? {
        var position = 0
        var reader = JSONPullReader { () throws(JSONReadFailure) in
            let end = min(position + chunk, bytes.count)
            defer { position = end }
            return Array(bytes[position..<end])
        }
        do throws(JSONReadFailure) {
            _ = try reader.readValue(limit: .max, start: reader.currentPosition)
            try reader.finish()
            return nil
        } catch {
            return error.diagnostic(file: "activity.json").description
        }
    }

    @Test("A CRLF cut between two chunks is one line; invalid UTF-8 deep in a long line names its column")
    func positionsAcrossChunks() {
        let text: [UInt8] = Array("[\r".utf8) + Array("\n{},\r\n  {\"é".utf8) + [0xC3, 0x28] + Array("\": 1}]".utf8)
        for chunk in 1...5 {
            #expect(Self.failure(text, chunk: chunk)
                    == "activity.json:3:6: error: not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark) (byte 14)",
                    "chunks of \(chunk)")
        }
        let longLine = Array(("[" + String(repeating: "\"é\",", count: 100_000)).utf8) + [0xFF] + Array("]".utf8)
        #expect(Self.failure(longLine, chunk: 1_000)
                == "activity.json:1:400002: error: not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark) (byte 500001)")
    }

    @Test("Through a data folder: activity.json streamed, a FIFO named orders.json refused and never waited on")
    func dataFolder() throws {
        let folder = try Scratch(files: [
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n",
        ])
        try Data(Self.activity(3, tail: "],}")).write(to: folder.url.appendingPathComponent("activity.json"))
        let (input, diagnostics) = try DataFolder(url: folder.url).read()
        #expect(input.activity.count == 3)
        #expect(diagnostics.errors.map(\.description) == ["activity.json:4:\(Self.event.utf8.count + 2): error: not valid JSON: a comma before }: JSON allows no trailing comma"])

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("orders.csv"))
        #expect(mkfifo(folder.url.appendingPathComponent("orders.json").path, 0o644) == 0)
        do {
            _ = try DataFolder(url: folder.url).read()
            Issue.record("a FIFO was read")
        } catch {
            #expect(error.description.hasSuffix("orders.json: cannot read: not a regular file (a FIFO, a device or a folder); save the export as a plain file"), "\(error)")
        }
    }
}
