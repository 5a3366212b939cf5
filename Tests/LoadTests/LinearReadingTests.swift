import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// Each input byte is looked at a bounded number of times, whatever the content (#17): a 512 MB file
/// of NUL bytes took 151 s before its error and one unbalanced quote on line 2 of a 160 MB activity
/// log 53 s and 484 MB, because the stream re-scanned its buffer after each chunk and restarted an
/// unfinished record from its start. Held by counting the work (`bytesScanned`: every byte each
/// pass looks at) and the bytes read, never by timing.
@Suite("Linear reading")
struct LinearReadingTests {
    static let limit = CSVParser.maximumRecordBytes
    static let mebibyte = 1 << 20
    static let header = "at,user,action,customer_id\n"
    static let row = "2026-11-20T10:00:00Z,ann@partner.example,get_software_key,C1\n"

    /// `rows` valid activity rows after the header.
    static func activity(rows: Int) -> [UInt8] {
        Array((header + String(repeating: row, count: rows)).utf8)
    }

    /// What reading `bytes` in chunks of `chunk` bytes gave.
    struct Reading {
        var records = 0
        var failure: CSVStreamFailure?
        var bytesScanned = 0
        var bytesRead = 0

        var failureText: String? { failure.map { "\($0)" } }
    }

    static func read(_ bytes: [UInt8], chunk: Int) -> Reading {
        var reading = Reading()
        var position = 0
        var delivered = 0
        let stream = CSVStream {
            let end = min(position + chunk, bytes.count)
            defer { position = end }
            delivered += end - position
            return Array(bytes[position..<end])
        }
        do {
            try stream.forEachRecord({ _ in }, { _ in reading.records += 1 }, bytesScanned: &reading.bytesScanned)
        } catch {
            reading.failure = error
        }
        reading.bytesRead = delivered
        return reading
    }

    @Test("An unbalanced quote on line 2 of a 16 MiB log stops the file after reading about 2 MiB, whatever the chunks",
          arguments: [CSVStream.chunkSize, 4_096, 1_000])
    func unbalancedQuote(chunk: Int) {
        let rows = 16 * Self.mebibyte / Self.row.utf8.count
        let bytes = Array((Self.header + "2026-11-20T10:00:00Z,\"ann@partner.example,get_software_key,C1\n" + String(repeating: Self.row, count: rows)).utf8)
        let reading = Self.read(bytes, chunk: chunk)
        #expect(reading.failureText == "line 2: a quoted field is not closed within 1 MiB (1048576 bytes): an unterminated quote, or a record longer than csp-portal reads")
        #expect(reading.records == 1)
        #expect(reading.bytesRead <= 3 * Self.limit, "\(reading.bytesRead) bytes read of \(bytes.count)")
        #expect(reading.bytesScanned <= 10 * Self.limit, "\(reading.bytesScanned) bytes scanned")
    }

    @Test("A file of NUL bytes stops at its first chunk: no header is searched for in it")
    func onlyNULs() {
        let bytes = [UInt8](repeating: 0, count: 16 * Self.mebibyte)
        let reading = Self.read(bytes, chunk: CSVStream.chunkSize)
        #expect(reading.failureText?.hasPrefix("line 1, column 1 (byte 0): a NUL byte") == true, "\(reading.failureText ?? "")")
        #expect(reading.bytesRead == CSVStream.chunkSize)
        #expect(reading.bytesScanned <= 2 * CSVStream.chunkSize)
    }

    @Test("NUL bytes after 4 MiB of rows are found at their line, each byte scanned a few times", arguments: [CSVStream.chunkSize, 3_000])
    func nulsAfterRows(chunk: Int) {
        let rows = 4 * Self.mebibyte / Self.row.utf8.count
        let bytes = Self.activity(rows: rows) + Array("2026-11-20T10:00:00Z,".utf8) + [UInt8](repeating: 0, count: 4 * Self.mebibyte)
        let reading = Self.read(bytes, chunk: chunk)
        let offset = Self.activity(rows: rows).count + 21
        #expect(reading.failureText?.hasPrefix("line \(rows + 2), column 22 (byte \(offset)): a NUL byte") == true, "\(reading.failureText ?? "")")
        #expect(reading.records <= rows + 1)
        #expect(reading.bytesScanned <= 4 * bytes.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
    }

    @Test("A field of 3 MiB, quoted and closed or not quoted, stops the file at its line", arguments: [true, false])
    func hugeField(quoted: Bool) {
        let field = String(repeating: "x", count: 3 * Self.mebibyte)
        let text = Self.header + Self.row + "2026-11-20T10:00:00Z,ann@partner.example," + (quoted ? "\"\(field)\"" : field) + ",C1\n" + Self.row
        for chunk in [CSVStream.chunkSize, 10_000] {
            let reading = Self.read(Array(text.utf8), chunk: chunk)
            #expect(reading.failureText == (quoted
                ? "line 3: a quoted field is not closed within 1 MiB (1048576 bytes): an unterminated quote, or a record longer than csp-portal reads"
                : "line 3: a record longer than 1 MiB (1048576 bytes), more than csp-portal reads: is this the right file?"))
            #expect(reading.records == 2)
            #expect(reading.bytesRead <= 3 * Self.limit)
            #expect(reading.bytesScanned <= 10 * Self.limit, "\(reading.bytesScanned) bytes scanned")
        }
    }

    @Test("A first line of 3 MiB without a line break stops the file before the rest is read")
    func hugeHeader() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16 * Self.mebibyte)
        let reading = Self.read(bytes, chunk: 4_096)
        #expect(reading.failureText == "line 1: a record longer than 1 MiB (1048576 bytes), more than csp-portal reads: is this the right file?")
        #expect(reading.bytesRead <= Self.limit + 4_096)
        #expect(reading.bytesScanned <= 4 * reading.bytesRead)
    }

    @Test("A record at the limit is read; one byte more is an error, read whole or in chunks")
    func limit() throws {
        let prefix = "2026-11-20T10:00:00Z,ann@partner.example,"
        let suffix = ",C1"
        let atLimit = prefix + String(repeating: "y", count: Self.limit - prefix.utf8.count - suffix.utf8.count) + suffix
        #expect(atLimit.utf8.count == Self.limit)
        for (record, fails) in [(atLimit, false), (atLimit + "z", true)] {
            for lineEnd in ["\n", "\r\n", ""] {
                let bytes = Array((Self.header + record + lineEnd + (lineEnd.isEmpty ? "" : Self.row)).utf8)
                for chunk in [bytes.count, CSVStream.chunkSize, 65_536] {
                    let reading = Self.read(bytes, chunk: chunk)
                    #expect((reading.failure != nil) == fails, "\(lineEnd.debugDescription), chunks of \(chunk): \(reading.failureText ?? "")")
                    #expect(reading.records == (fails ? 1 : lineEnd.isEmpty ? 2 : 3))
                }
            }
        }
        #expect(throws: CSVSyntaxError.self) { try CSVParser().parse(Array((atLimit + "z\n").utf8)) }
    }

    @Test("A long record in small chunks is parsed again only as it doubles", arguments: [100, 7])
    func longRecordSmallChunks(chunk: Int) {
        let long = "2026-11-20T10:00:00Z,ann@partner.example,\"" + String(repeating: "a,\n", count: 100_000) + "\",C1\n"
        let bytes = Array((Self.header + long + Self.row).utf8)
        let reading = Self.read(bytes, chunk: chunk)
        #expect(reading.failure == nil)
        #expect(reading.records == 3)
        #expect(reading.bytesScanned <= 8 * bytes.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
    }

    @Test("Text with no ASCII byte for a long stretch is validated once, in small chunks")
    func noASCII() {
        let bytes = Array((Self.header + "2026-11-20T10:00:00Z,ann@partner.example," + String(repeating: "é", count: 100_000) + ",C1\n").utf8)
        let reading = Self.read(bytes, chunk: 64)
        #expect(reading.failure == nil)
        #expect(reading.records == 2)
        #expect(reading.bytesScanned <= 8 * bytes.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
    }

    @Test("Valid rows: each byte validated twice and parsed once, plus the header")
    func validRows() {
        let bytes = Self.activity(rows: 50_000)
        let reading = Self.read(bytes, chunk: CSVStream.chunkSize)
        #expect(reading.failure == nil)
        #expect(reading.records == 50_001)
        #expect(reading.bytesScanned <= 3 * bytes.count + 4 * Self.row.utf8.count, "\(reading.bytesScanned) bytes scanned of \(bytes.count)")
    }

    @Test("Through a data folder: an unbalanced quote in a large activity.csv is one error at its line")
    func dataFolder() throws {
        let folder = try Scratch(files: [
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n",
        ])
        let rows = 8 * Self.mebibyte / Self.row.utf8.count
        let text = Self.header + "2026-11-20T10:00:00Z,\"ann@partner.example,get_software_key,C1\n" + String(repeating: Self.row, count: rows)
        try Data(text.utf8).write(to: folder.url.appendingPathComponent("activity.csv"))
        let found = try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
        #expect(found == ["activity.csv:2: error: a quoted field is not closed within 1 MiB (1048576 bytes): an unterminated quote, or a record longer than csp-portal reads"])
    }
}

/// Decoding errors say where the byte is as an editor shows it (line and column), not only its
/// offset (#17 item 10: `customers.csv: error: byte 166`).
@Suite("Decoding errors: line and column")
struct DecodingPositionTests {
    @Test("Invalid UTF-8 on line 3 after a multibyte character, whatever the chunks, after a byte-order mark")
    func invalidUTF8() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,é\n2,é".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        for chunk in [1, 2, 3, 5, 4_096] {
            let reading = LinearReadingTests.read(bytes, chunk: chunk)
            #expect(reading.failureText == "line 3, column 4 (byte 17): not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark)",
                    "chunks of \(chunk)")
        }
    }

    @Test("Lines are counted as CSV counts them: LF, CRLF and a lone CR")
    func lineBreaks() {
        let bytes = Array("a\rb\r\nc\nd".utf8) + [0]
        #expect(LinearReadingTests.read(bytes, chunk: 2).failureText?.hasPrefix("line 4, column 2 (byte 8): a NUL byte") == true)
    }

    @Test("Through a data folder: customers.csv, orders.json and UTF-16 name the line and column")
    func dataFolder() throws {
        let folder = try Scratch(files: [:])
        // A customer name in Latin-1, as a spreadsheet saved it: Müller.
        try Data(Array("customer_id,name,country\nC1,Alpha,FR\nC2,M".utf8) + [0xFC] + Array("ller,DE\n".utf8))
            .write(to: folder.url.appendingPathComponent("customers.csv"))
        try Data(Array("[\n  {\"orderId\": \"O1\", \"product\": \"Caf".utf8) + [0xE9] + Array("\"}\n]\n".utf8))
            .write(to: folder.url.appendingPathComponent("orders.json"))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "device\tcustomer_id\tlast_kms_activation\r\nPC-1\tC1\t".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        utf16 += [0x00, 0xD8, 0x41, 0x00]  // an unpaired high surrogate, then "A"
        try Data(utf16).write(to: folder.url.appendingPathComponent("devices.csv"))
        let found = try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
        #expect(found.contains("customers.csv:3:5: error: not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark) (byte 41)"), "\(found)")
        #expect(found.contains("orders.json:2:36: error: not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark) (byte 37)"), "\(found)")
        #expect(found.contains("devices.csv:2:9: error: invalid UTF-16 text (an unpaired surrogate) (byte 98)"), "\(found)")
    }

    @Test("A JSON syntax error names its line and column")
    func jsonSyntax() throws {
        let folder = try Scratch(files: [
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.json": "[\n  {\"orderId\": \"O1\",\n   \"product\": Café}\n]\n",
        ])
        let found = try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
        #expect(found.first?.hasPrefix("orders.json:3:15: error: not valid JSON: ") == true, "\(found)")
    }
}
