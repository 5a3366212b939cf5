import PortalSample
import Testing
@testable import PortalLoad

/// Reading a text a chunk at a time must give the same records, lines and errors as reading it whole,
/// wherever the chunks are cut: inside a quoted field, between a doubled quote, between CR and LF,
/// inside a UTF-8 sequence.
@Suite("CSV read in chunks")
struct CSVStreamTests {
    /// The stream of `bytes` in chunks of `size` bytes.
    static func chunked(_ bytes: [UInt8], size: Int) -> CSVStream {
        var position = 0
        return CSVStream {
            let end = min(position + size, bytes.count)
            defer { position = end }
            return Array(bytes[position..<end])
        }
    }

    static func records(_ stream: CSVStream) -> (records: [CSVRecord], failure: String?) {
        var records: [CSVRecord] = []
        do {
            try stream.forEachRecord({ _ in }) { records.append($0) }
        } catch {
            switch error {
            case .encoding(let failure): return (records, "byte \(failure.byteOffset)")
            case .syntax(let failure): return (records, "line \(failure.line)")
            case .unreadable(let reason): return (records, reason)
            }
        }
        return (records, nil)
    }

    @Test("every chunk size from 1 to 9 bytes reads random tables as a whole read does", arguments: [UInt64(11), 12, 13])
    func chunkBoundaries(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        for _ in 0..<60 {
            let delimiter: Character = Bool.random(using: &random) ? "," : ";"
            let columns = Int.random(in: 2...4, using: &random)
            let rows = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<columns).map { _ in CSVPropertyTests.field(&random) }
            }
            let lineEnd = ["\n", "\r\n", "\r"].randomElement(using: &random)!
            var text = rows.map { $0.map { CSVPropertyTests.encode($0, delimiter: delimiter, &random) }.joined(separator: String(delimiter)) }
                .joined(separator: lineEnd)
            if Bool.random(using: &random) { text += lineEnd + lineEnd }
            let bytes = Array(text.utf8)
            let whole = try CSVParser(delimiter: CSVParser.detectDelimiter(bytes)).parse(bytes)
            for size in 1...9 {
                let streamed = Self.records(Self.chunked(bytes, size: size))
                #expect(streamed.failure == nil)
                #expect(streamed.records == whole, "chunks of \(size): \(text.debugDescription)")
            }
        }
    }

    @Test("an unterminated quote is reported at the line it opens on, whatever the chunks")
    func unterminatedQuote() {
        let bytes = Array("a,b\n1,2\n3,\"open\n4,5\n".utf8)
        for size in [1, 2, 5, 100] {
            let result = Self.records(Self.chunked(bytes, size: size))
            #expect(result.failure == "line 3")
            #expect(result.records.map(\.line) == [1, 2])
        }
    }

    @Test("invalid UTF-8 and NUL bytes are found at their file offset, even after a byte-order mark")
    func encodingErrors() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let invalid = bom + Array("a,b\né,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let nul = Array("a,b\n1,2\n".utf8) + [0] + Array("\n".utf8)
        for size in [1, 3, 4096] {
            #expect(Self.records(Self.chunked(invalid, size: size)).failure == "byte 10")
            #expect(Self.records(Self.chunked(nul, size: size)).failure == "byte 8")
        }
    }

    @Test("UTF-16 with a byte-order mark is transcoded, in any chunks")
    func utf16() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "name\tprix\r\nCafé\t1,5\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for size in [1, 2, 7, 4096] {
            var dialect: CSVDialect?
            var records: [[String]] = []
            try? Self.chunked(bytes, size: size).forEachRecord({ dialect = $0 }) { records.append($0.fields) }
            #expect(dialect?.encoding == .utf16LittleEndian)
            #expect(dialect?.delimiter == UInt8(ascii: "\t"))
            #expect(records == [["name", "prix"], ["Café", "1,5"]])
        }
    }
}
