/// One CSV record: its fields and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based line number of the record's first line.
    public let line: Int
    public let fields: [String]
}

/// A syntax error that makes the rest of a CSV file unreadable.
public struct CSVSyntaxError: Error, Sendable, Equatable {
    public let line: Int
    public let message: String
}

/// A byte-level RFC 4180 reader over UTF-8 text.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; records end with LF, CRLF or
/// a lone CR; blank lines are skipped. It scans bytes rather than characters and builds one
/// `String` per field, which is what makes partner-scale files fast: yaslab/CSV.swift, the reference
/// the tests hold it to, read about 20 MB/s.
public struct CSVParser: Sendable {
    public let delimiter: UInt8

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Guesses the delimiter from the header line: the most frequent of `,`, `;` and tab outside
    /// quotes (`;` is what Excel writes in French and many other locales), `,` when none appears.
    public static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        for byte in bytes {
            if byte == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == lineFeed || byte == carriageReturn { break }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    /// Where the first line break outside quotes is in `bytes[start..<end]`, or nil; `inQuotes` is
    /// the quoting state at `start`, and on return at `end` when none is found, so that a header
    /// line that arrives in pieces is searched once.
    static func firstLineBreakOutsideQuotes(_ bytes: [UInt8], from start: Int, to end: Int, inQuotes: inout Bool) -> Int? {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == quote { inQuotes.toggle() } else if !inQuotes && (byte == lineFeed || byte == carriageReturn) { return index }
            index += 1
        }
        return nil
    }

    /// Every record of `bytes`, in order.
    public func parse(_ bytes: [UInt8]) throws(CSVSyntaxError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(in: bytes) { records.append($0) }
        return records
    }

    /// Calls `body` with each record of `bytes`, in order, without holding them all.
    public func forEachRecord(in bytes: [UInt8], _ body: (CSVRecord) -> Void) throws(CSVSyntaxError) {
        var line = 1
        _ = try bytes.withUnsafeBufferPointer { buffer throws(CSVSyntaxError) in
            try scan(buffer, isFinal: true, line: &line, body)
        }
    }

    /// The longest record read, as written (its fields, quotes and delimiters, not its line break):
    /// far above any real export line, and what bounds both memory and re-reading when a quote is
    /// never closed. A longer record stops its file with its line (docs/data-format.md, "Limits").
    public static let maximumRecordBytes = 1 << 20

    /// Calls `body` with each complete record at the start of `buffer` and returns how many bytes
    /// they take. When `isFinal` is false the buffer is one chunk of a longer text: a record not yet
    /// ended by a line break is left for the next call, with the bytes that follow it. `line` is the
    /// line the buffer starts on, and on return the line of the first byte not consumed. A record
    /// over `maximumRecordBytes` throws as soon as its first `maximumRecordBytes + 1` bytes are seen.
    func scan(_ buffer: UnsafeBufferPointer<UInt8>, isFinal: Bool, line: inout Int,
              _ body: (CSVRecord) -> Void) throws(CSVSyntaxError) -> Int {
        let delimiter = self.delimiter
        let quote = Self.quote, lineFeed = Self.lineFeed, carriageReturn = Self.carriageReturn
        let count = buffer.count
        var index = 0
        var fields: [String] = []
        var scratch: [UInt8] = []
        while index < count {
            let recordStart = index, recordLine = line
            // The loops below stop here: a record that reaches it without ending is too long. Bytes
            // past it are only peeked at (a doubled quote, the LF of a CRLF).
            let recordEnd = min(count, recordStart + Self.maximumRecordBytes + 1)
            let isTruncated = count - recordStart > Self.maximumRecordBytes
            fields.removeAll(keepingCapacity: true)
            var endOfRecord = false
            while !endOfRecord {
                if index < recordEnd && buffer[index] == quote {
                    // Quoted field: copy until the closing quote, unescaping doubled quotes.
                    let openingLine = line
                    index += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while index < recordEnd {
                        let byte = buffer[index]
                        if byte == quote {
                            if index + 1 < count && buffer[index + 1] == quote {
                                scratch.append(quote)
                                index += 2
                                continue
                            }
                            // A quote that ends a chunk may be the first of a doubled pair.
                            if index + 1 == count && !isFinal { break }
                            index += 1
                            closed = true
                            break
                        }
                        // A lone CR ends a line here too, as it ends a record outside quotes (a CR-only
                        // file): lines are counted as editors and the decoding errors count them. At a
                        // chunk's end the record is read again from its start, so a CRLF cut in two is
                        // not counted twice.
                        if byte == lineFeed || (byte == carriageReturn && (index + 1 == count || buffer[index + 1] != lineFeed)) { line += 1 }
                        scratch.append(byte)
                        index += 1
                    }
                    guard closed else {
                        if isTruncated { throw Self.tooLong(recordLine, quoteOpenedOn: openingLine) }
                        if !isFinal { line = recordLine; return recordStart }
                        throw CSVSyntaxError(line: openingLine, message: "a quoted field is never closed (unterminated quote)")
                    }
                    // Text after the closing quote is kept as written, as spreadsheets do.
                    while index < recordEnd {
                        let byte = buffer[index]
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                        scratch.append(byte)
                        index += 1
                    }
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let start = index
                    while index < recordEnd {
                        let byte = buffer[index]
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                        index += 1
                    }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self))
                }
                if index >= recordEnd {
                    if isTruncated { throw Self.tooLong(recordLine, quoteOpenedOn: nil) }
                    // The text ends without a line break: the last record, or one the next chunk continues.
                    if !isFinal { line = recordLine; return recordStart }
                    endOfRecord = true
                } else if buffer[index] == delimiter {
                    index += 1
                } else {
                    // CRLF, LF or a lone CR ends the record; a CR ending a chunk may be half a CRLF.
                    if buffer[index] == carriageReturn && index + 1 == count && !isFinal { line = recordLine; return recordStart }
                    if buffer[index] == carriageReturn && index + 1 < count && buffer[index + 1] == lineFeed { index += 1 }
                    index += 1
                    line += 1
                    endOfRecord = true
                }
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            body(CSVRecord(line: recordLine, fields: fields))
        }
        return index
    }

    static func tooLong(_ recordLine: Int, quoteOpenedOn quoteLine: Int?) -> CSVSyntaxError {
        let limit = "\(maximumRecordBytes / (1 << 20)) MiB (\(maximumRecordBytes) bytes)"
        if let quoteLine {
            return CSVSyntaxError(line: quoteLine, message: "a quoted field is not closed within \(limit): an unterminated quote, or a record longer than csp-portal reads")
        }
        return CSVSyntaxError(line: recordLine, message: "a record longer than \(limit), more than csp-portal reads: is this the right file?")
    }
}
