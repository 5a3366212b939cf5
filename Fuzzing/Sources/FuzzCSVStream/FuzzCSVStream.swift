import FuzzSupport
import PortalRecords
@testable import PortalLoad

/// The CSV stream (`CSVStream`), fed in chunks of sizes drawn from the input, against the
/// whole-buffer parser on the same text.
///
/// The first byte seeds the chunk sizes and picks how long they may be (1 byte up to 4 KiB); its
/// high bits may put a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) before the rest, so that every
/// encoding is reached without the fuzzer having to find the marks. Invariants: the stream gives
/// the same dialect, records and error as the parser given the decoded text (and, when the text is
/// not valid, the records before the bad byte and an encoding error inside the text); it looks at
/// each byte a bounded number of times; the records reach `CSVTable` and the loaders as a data
/// folder's streamed files do, with every diagnostic on a line of the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, rest) = splitFirstByte(data, size)
    let marks: [[UInt8]] = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
    let text = (choice >> 6 == 0 ? [] : marks[Int(choice >> 6)]) + rest
    let longestChunk = [1, 2, 3, 7, 16, 64, 512, 4_096][Int(choice & 0x07)]
    var random = InputSeededGenerator(seed: UInt64(choice) &* 0x1000_0000_01B3 &+ UInt64(rest.count))

    var offset = 0
    let chunked = CSVStream { () -> [UInt8] in
        guard offset < text.count else { return [] }
        let end = min(text.count, offset + Int.random(in: 1...longestChunk, using: &random))
        defer { offset = end }
        return Array(text[offset..<end])
    }
    var dialect: CSVDialect?
    var streamed: [CSVRecord] = []
    var failure: CSVStreamFailure?
    var bytesScanned = 0
    do {
        try chunked.forEachRecord({ dialect = $0 }, { streamed.append($0) }, bytesScanned: &bytesScanned)
    } catch {
        failure = error
    }
    // Each byte validated, searched for the header and parsed a bounded number of times
    // (Tests/LoadTests/LinearReadingTests.swift holds real files to the same kind of bound).
    require(bytesScanned <= 12 * text.count + 64, "\(bytesScanned) bytes scanned for \(text.count)")

    // The reference: the text decoded whole, then parsed whole.
    let last = lastLine(of: text)
    switch Result(catching: { () throws(TextDecoding.Failure) in try TextDecoding.utf8(text) }) {
    case .success(let (decoded, encoding)):
        let delimiter = CSVParser.detectDelimiter(decoded)
        var expected: [CSVRecord] = []
        var expectedFailure: CSVSyntaxError?
        do { try CSVParser(delimiter: delimiter).forEachRecord(in: decoded) { expected.append($0) } } catch { expectedFailure = error }
        require(dialect?.delimiter == delimiter && dialect?.encoding == encoding,
                "dialect \(String(describing: dialect)), expected \(delimiter) in \(encoding)")
        require(streamed == expected, "the stream read \(streamed.count) records, the parser \(expected.count):\n\(streamed)\n\(expected)")
        switch (failure, expectedFailure) {
        case (nil, nil): break
        case (.syntax(let found)?, let expected?): require(found == expected, "syntax error \(found), the parser's \(expected)")
        default: require(false, "the stream ended with \(String(describing: failure)), the parser with \(String(describing: expectedFailure))")
        }
    case .failure(let decodingFailure):
        guard case .encoding(let found)? = failure else {
            require(false, "the decoder refuses the text (\(decodingFailure.message)), the stream ended with \(String(describing: failure))")
            return 0
        }
        require((1...last).contains(found.line) && found.column >= 1 && (0...text.count).contains(found.byteOffset),
                "encoding error at line \(found.line), column \(found.column), byte \(found.byteOffset) of \(text.count)")
        // UTF-8 is checked as it arrives: the records before the bad byte were read, as the parser
        // reads them from the text without its mark.
        let body = text.starts(with: marks[1]) ? Array(text.dropFirst(3)) : text
        var expected: [CSVRecord] = []
        try? CSVParser(delimiter: CSVParser.detectDelimiter(body)).forEachRecord(in: body) { expected.append($0) }
        require(streamed.count <= expected.count && Array(expected.prefix(streamed.count)) == streamed,
                "records before an encoding error differ from the parser's:\n\(streamed)\n\(expected)")
    }

    // As a data folder streams its orders or activity file.
    var diagnostics: [Diagnostic] = []
    var rows = 0
    if choice & 0x08 == 0 {
        CSVTable.forEachRecord(.bytes(text), file: "orders.csv", schema: Schemas.orders, diagnostics: &diagnostics) { _, _ in rows += 1 }
    } else {
        CSVTable.forEachRecord(.bytes(text), file: "activity.csv", schema: Schemas.activity, diagnostics: &diagnostics) { record, diagnostics in
            if ActivityLoader.event(record, timestamps: TimestampParser(), diagnostics: &diagnostics) != nil { rows += 1 }
        }
    }
    requireInside(diagnostics, of: text, files: ["orders.csv", "activity.csv"])
    require(rows <= last, "\(rows) records from \(last - 1) lines")
    return 0
}

@_cdecl("FuzzCSVStream_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
