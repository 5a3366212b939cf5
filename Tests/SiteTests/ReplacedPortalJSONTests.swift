import Foundation
import PortalRecords
import PortalRender
import PortalRules
import PortalTestSupport
import PortalWrite
import Testing
@testable import PortalViewModels

/// The replaced site's `portal.json` and `changes.json`, read for "what changed" a piece at a time
/// (issue 24): a 50,000-customer site's 194 MB `portal.json` was read whole into memory, beside
/// the data being loaded (630 MiB peak against 467 for a first build). The pieces give what the
/// whole text gave, at every cut; what is held at once is a piece and the value it cuts, never the
/// text; and the replaced file's checks (limit, links, regular file) hold while it is read.
@Suite("The replaced portal.json read in pieces")
struct ReplacedPortalJSONTests {
    /// Values that an escape or a multi-byte character makes hard to cut: quotes, backslashes,
    /// control characters, a surrogate pair written as escapes, accents and an emoji as UTF-8.
    static let hostileNames = ["Contoso \"É\"\n\u{2028}", "Back\\slash\t/", "😀 Ünïcödé", "\u{1}\u{7F}", ""]

    /// A `portal.json` of `customers` customers with products, devices and findings, written as
    /// the build writes it (`JSONWriter`), with the extra members a real one has.
    static func portalJSON(customers: Int) -> [UInt8] {
        let site: JSONValue = .object([("partnerName", .string("Northwind")), ("nested", .array([.array([.object([("deep", .null)])])]))])
        let audit: JSONValue = .object([("from", .string("2026-10-26T09:00:00Z")), ("findings", .array((0..<3).map(finding)))])
        let document: JSONValue = .object([
            ("format", .string("csp-portal 1")),
            ("asOf", .string("2026-11-25T09:00:00Z")),
            ("site", site),
            ("customers", .array((0..<customers).map(customer))),
            ("audit", audit),
            ("warnings", .array([.string(hostileNames[0])])),
        ])
        return Array(JSONWriter.text(document).utf8)
    }

    static func customer(_ index: Int) -> JSONValue {
        let products: [JSONValue] = (0..<(index % 4)).map { line in product(index, line: line) }
        let devices: [JSONValue] = index % 3 == 0 ? [device(index)] : []
        return .object([
            ("customerId", .string("C-\(index)")),
            ("name", .string(hostileNames[index % hostileNames.count] + " \(index)")),
            ("country", .string("GB")),
            ("products", .array(products)),
            ("devices", .array(devices)),
        ])
    }

    static func product(_ index: Int, line: Int) -> JSONValue {
        let status = ProductStatus.allCases[(index + line) % ProductStatus.allCases.count].rawValue
        let deadline: JSONValue = line % 2 == 0 ? .string("2026-11-\(10 + line)T08:00:00Z") : .null
        let price: JSONValue = .object([("amount", .string("12.50")), ("currency", .string("EUR"))])
        return .object([
            ("orderId", .string("ORD-\(index)")),
            ("line", .int(line == 2 ? -7 : line)),
            ("product", .string(hostileNames[(index + line) % hostileNames.count] + "Windows Server")),
            ("price", price),
            ("status", .string(status)),
            ("cancellable", .bool(line % 2 == 0)),
            ("cancellationDeadline", deadline),
        ])
    }

    static func device(_ index: Int) -> JSONValue {
        let status = DeviceStatus.allCases[index % DeviceStatus.allCases.count].rawValue
        return .object([("device", .string("SRV-\(index)")), ("deadline", .string("2026-12-01T00:00:00Z")), ("status", .string(status))])
    }

    static func finding(_ index: Int) -> JSONValue {
        let customerId: JSONValue = index == 0 ? .null : .string("C-\(index)")
        return .object([
            ("at", .string("2026-11-2\(index)T08:00:00Z")),
            ("user", .string("user\(index)@northwind.example")),
            ("action", .string("get_software_key")),
            ("customerId", customerId),
            ("reason", .string("not_an_admin_agent")),
        ])
    }

    /// A source that gives `bytes` in pieces of `size`, and counts what it gave.
    final class Pieces {
        let bytes: [UInt8]
        let size: Int
        var given = 0
        var calls = 0

        init(_ bytes: [UInt8], size: Int) {
            self.bytes = bytes
            self.size = size
        }

        func next() -> [UInt8]? {
            calls += 1
            guard given < bytes.count else { return nil }
            let end = min(given + size, bytes.count)
            defer { given = end }
            return Array(bytes[given..<end])
        }
    }

    @Test("Read in pieces of any size, cut anywhere (inside escapes, surrogate pairs, UTF-8, literals), portal.json gives what it gave read whole",
          arguments: [1, 2, 3, 5, 7, 64, 4_096, 1 << 20])
    func piecesGiveTheWhole(size: Int) throws {
        let bytes = Self.portalJSON(customers: 60)
        let whole = try ChangeHistory.snapshot(fromPortalJSON: bytes)
        #expect(whole.customers.count == 60)
        #expect(whole.customers.contains { $0.name.hasPrefix("😀") })
        #expect(whole.findings.count == 3)
        let pieces = Pieces(bytes, size: size)
        #expect(try ChangeHistory.snapshot(fromPieces: pieces.next) == whole)
        #expect(pieces.given == bytes.count)
        // A byte-order mark, cut too, is passed over as it is in a whole text.
        let marked = [0xEF, 0xBB, 0xBF] + bytes
        #expect(try ChangeHistory.snapshot(fromPieces: Pieces(marked, size: size).next) == whole)
    }

    @Test("Escapes cut between pieces: \\u escapes and surrogate pairs decode the same", arguments: [1, 2, 3, 4, 5, 6, 7])
    func escapesCut(size: Int) throws {
        let text = #"{"asOf": "2026-11-25T09:00:00Z", "customers": [{"customerId": "C\u0041", "name": "\ud83d\ude00 \u00e9\"\\\/\b\f\n\r\t", "products": [], "devices": []}]}"#
        let whole = try ChangeHistory.snapshot(fromPortalJSON: Array(text.utf8))
        #expect(whole.customers.first?.id == "CA")
        #expect(whole.customers.first?.name == "😀 é\"\\/\u{8}\u{C}\n\r\t")
        #expect(try ChangeHistory.snapshot(fromPieces: Pieces(Array(text.utf8), size: size).next) == whole)
    }

    @Test("changes.json in pieces gives what it gave whole", arguments: [1, 3, 4_096])
    func changesInPieces(size: Int) throws {
        let changes = Self.hostileNames.enumerated().map { index, name in
            SiteChange(kind: SiteChange.Kind.allCases[index % SiteChange.Kind.allCases.count], asOf: at("2026-11-25T09:00:00Z"),
                       previousAsOf: at("2026-11-24T09:00:00Z"), customerId: "C-\(index)", customerName: name, subject: name,
                       reference: "O", line: index, occurredAt: index % 2 == 0 ? nil : at("2026-11-25T08:00:00Z"), before: nil, after: name)
        }
        let bytes = Array(JSONWriter.text(ChangeHistory.document(changes, asOf: at("2026-11-25T09:00:00Z"), previousAsOf: nil)).utf8)
        #expect(try ChangeHistory.changes(fromJSON: bytes) == changes)
        #expect(try ChangeHistory.changes(fromPieces: Pieces(bytes, size: size).next) == changes)
    }

    @Test("A large portal.json read in pieces holds a piece and the value it cuts at once, never the text")
    func heldAtOnce() throws {
        let bytes = Self.portalJSON(customers: 20_000)
        #expect(bytes.count > 4 << 20)
        let pieceSize = 4_096
        let pieces = Pieces(bytes, size: pieceSize)
        var reader = try JSONReader(pieces: pieces.next)
        let snapshot = try ChangeHistory.snapshot(&reader)
        #expect(snapshot.customers.count == 20_000)
        // The longest value of this text is under 200 bytes: what is held never reaches two pieces.
        #expect(reader.largestHeld < 2 * pieceSize, "held \(reader.largestHeld) bytes at once")
        // The pieces were asked for as the text was read, each once: the text ends, nothing is read twice.
        #expect(pieces.given == bytes.count)
        #expect(pieces.calls == (bytes.count + pieceSize - 1) / pieceSize + 1)
    }

    @Test("Truncated at any byte, too deep, or a read that fails midway: refused with the reader's error, never a crash")
    func hostileInPieces() throws {
        let bytes = Self.portalJSON(customers: 3)
        // Cut anywhere before its closing brace (the line end after it is not the text's).
        let closing = bytes.lastIndex(of: UInt8(ascii: "}"))!
        for cut in 0...closing {
            #expect(throws: (any Error).self) { try ChangeHistory.snapshot(fromPieces: Pieces(Array(bytes.prefix(cut)), size: 7).next) }
        }
        let deep = Array(("{\"asOf\": \"2026-11-25T09:00:00Z\", \"x\": " + String(repeating: "[", count: 100_000)).utf8)
        #expect(throws: JSONReader.Failure.self) { try ChangeHistory.snapshot(fromPieces: Pieces(deep, size: 1_000).next) }
        // What the source throws is what the reading throws: a failed read is not taken for bad JSON.
        struct ReadFailed: Error {}
        var given = 0
        #expect(throws: ReadFailed.self) {
            try ChangeHistory.snapshot(fromPieces: {
                given += 1
                if given > 3 { throw ReadFailed() }
                return Array(bytes[(given - 1) * 10..<given * 10])
            })
        }
        // Text after the value, in a later piece, is refused as it is in a whole text.
        #expect(throws: JSONReader.Failure.self) { try ChangeHistory.snapshot(fromPieces: Pieces(bytes + Array(" x".utf8), size: 5).next) }
    }

    @Test("The replaced site's file in pieces: at most a piece each, together the file; a file that grows past the limit while read is refused")
    func replacedFileInPieces() async throws {
        let scratch = try Scratch()
        let writer = SiteWriter(output: scratch.site)
        try await scratch.build(asOf: at("2026-11-25T09:00:00Z"))
        let url = scratch.site.appendingPathComponent("portal.json")
        let file = Array(try Data(contentsOf: url))
        var pieceSizes: [Int] = []
        let read = writer.readReplaced("portal.json", byteLimit: file.count, inPieces: { nextPiece in
            Result { () throws(ReplacedFileError) -> [UInt8] in
                var all: [UInt8] = []
                while let piece = try nextPiece() {
                    pieceSizes.append(piece.count)
                    all += piece
                }
                return all
            }
        })
        guard case .read(.success(let all)) = read else { Issue.record("not read: \(read)"); return }
        #expect(all == file)
        #expect(pieceSizes.allSatisfy { $0 <= SiteWriter.replacedPieceSize })
        #expect(pieceSizes.count == (file.count + SiteWriter.replacedPieceSize - 1) / SiteWriter.replacedPieceSize)

        // It grows while it is read: the bytes past the limit are refused, not read on.
        let grown = writer.readReplaced("portal.json", byteLimit: file.count + 10, inPieces: { nextPiece in
            Result { () throws(ReplacedFileError) in
                let handle = try! FileHandle(forWritingTo: url)
                try! handle.seekToEnd()
                try! handle.write(contentsOf: Data(count: 3 * SiteWriter.replacedPieceSize))
                try! handle.close()
                while try nextPiece() != nil {}
            }
        })
        guard case .read(.failure(let error)) = grown else { Issue.record("read past the limit: \(grown)"); return }
        #expect(error.description.contains("larger than"))
        // The checks before reading hold: a link in the file's place is not followed.
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: scratch.url.appendingPathComponent("elsewhere.json"))
        guard case .unusable = writer.readReplaced("portal.json", byteLimit: 1 << 20, inPieces: { _ in () }) else {
            Issue.record("followed a link")
            return
        }
    }
}
