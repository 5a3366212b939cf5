import PortalSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a CSV text could not be read to its end.
enum CSVStreamFailure: Error, CustomStringConvertible {
    case encoding(TextDecoding.Failure)
    case syntax(CSVSyntaxError)
    case unreadable(String)

    var description: String {
        switch self {
        case .encoding(let failure): "line \(failure.line), column \(failure.column) (byte \(failure.byteOffset)): \(failure.message)"
        case .syntax(let failure): "line \(failure.line): \(failure.message)"
        case .unreadable(let reason): reason
        }
    }
}

/// The delimiter and encoding a CSV text turned out to have, known once its first chunk is read.
struct CSVDialect {
    let delimiter: UInt8
    let encoding: TextDecoding.Encoding
}

/// CSV text read a chunk at a time, so that a million-line activity log is never held whole: at
/// most one chunk and one unfinished record are in memory. UTF-8 is checked as it arrives; UTF-16
/// (Excel's "Unicode text", never partner-scale) is transcoded whole.
///
/// Each byte is looked at a bounded number of times whatever the content: it is validated once, the
/// header line is searched once, and an unfinished record is parsed again only once the text after
/// it has at least doubled, up to `CSVParser.maximumRecordBytes` (so a NUL, a stray quote or a
/// line of 500 MB is reported after about one read of what precedes it, not after re-reading it
/// chunk after chunk).
struct CSVStream {
    /// The next bytes of the text; empty at its end.
    let nextChunk: () throws(CSVStreamFailure) -> [UInt8]

    /// Big enough that per-chunk work is noise, small enough to stay far below the file sizes.
    static let chunkSize = 1 << 20

    /// A text already in memory.
    static func bytes(_ bytes: [UInt8]) -> CSVStream {
        var remaining: [UInt8]? = bytes
        return CSVStream { defer { remaining = nil }; return remaining ?? [] }
    }

    /// Calls `start` with the dialect, then `body` with every record in order. Throws at the first
    /// encoding or syntax error, after `body` has seen the records before it.
    func forEachRecord(_ start: (CSVDialect) -> Void, _ body: (CSVRecord) -> Void) throws(CSVStreamFailure) {
        var work = 0
        try forEachRecord(start, body, bytesScanned: &work)
    }

    /// The same, counting in `bytesScanned` every byte each pass looks at (validation, the header
    /// search, parsing), a count per pass rather than per byte: what tests hold to a multiple of
    /// the text's size.
    func forEachRecord(_ start: (CSVDialect) -> Void, _ body: (CSVRecord) -> Void, bytesScanned: inout Int) throws(CSVStreamFailure) {
        // The bytes not yet consumed: the start of an unfinished record, then what follows it.
        var pending: [UInt8] = []
        var atEnd = false
        func readMore() throws(CSVStreamFailure) {
            let more = try nextChunk()
            if more.isEmpty { atEnd = true } else { pending += more }
        }
        // A byte-order mark is up to 3 bytes.
        while !atEnd && pending.count < 3 { try readMore() }
        var encoding = TextDecoding.Encoding.utf8
        var needsValidation = true
        // The file offset of pending[0], for the byte offsets of encoding errors.
        var offset = 0
        if pending.starts(with: [0xFF, 0xFE]) || pending.starts(with: [0xFE, 0xFF]) {
            while !atEnd { try readMore() }
            bytesScanned += pending.count
            do { (pending, encoding) = try TextDecoding.utf8(pending) } catch { throw .encoding(error) }
            needsValidation = false
        } else if pending.starts(with: [0xEF, 0xBB, 0xBF]) {
            pending.removeFirst(3)
            offset = 3
        }

        var parser: CSVParser?
        // The header line is searched for from here, in that quoting state, as the text arrives.
        var headerSearchedTo = 0
        var headerInQuotes = false
        // The line of pending[0].
        var line = 1
        // pending[..<validated] is known to be UTF-8 without NUL.
        var validated = needsValidation ? 0 : pending.count
        // What an unfinished record was when last parsed: the next attempt waits for twice as much.
        var unfinished = 0
        while true {
            if needsValidation {
                // Up to the last whole UTF-8 sequence, so that none is cut between two chunks.
                let end = atEnd ? pending.count : TextDecoding.endOfWholeSequences(pending)
                if end > validated {
                    bytesScanned += 2 * (end - validated)
                    do {
                        try TextDecoding.validateUTF8(pending[..<end], from: validated, offsetBase: offset, firstLine: line)
                    } catch {
                        throw .encoding(error)
                    }
                    validated = end
                }
            }
            let isFinal = atEnd && validated == pending.count
            if parser == nil {
                // The delimiter is guessed from the header line: read on until it is whole.
                let found = CSVParser.firstLineBreakOutsideQuotes(pending, from: headerSearchedTo, to: validated, inQuotes: &headerInQuotes)
                bytesScanned += (found ?? validated) - headerSearchedTo
                headerSearchedTo = validated
                if found == nil && !isFinal {
                    if validated > CSVParser.maximumRecordBytes {
                        throw .syntax(CSVParser.tooLong(1, quoteOpenedOn: headerInQuotes ? 1 : nil))
                    }
                    try readMore()
                    continue
                }
                let delimiter = CSVParser.detectDelimiter(pending)
                bytesScanned += found ?? pending.count
                start(CSVDialect(delimiter: delimiter, encoding: encoding))
                parser = CSVParser(delimiter: delimiter)
            }
            let consumed: Int
            do {
                bytesScanned += validated
                consumed = try pending.withUnsafeBufferPointer { buffer throws(CSVSyntaxError) in
                    try parser!.scan(UnsafeBufferPointer(rebasing: buffer[..<validated]), isFinal: isFinal, line: &line, body)
                }
            } catch {
                throw .syntax(error)
            }
            if isFinal { return }
            pending.removeFirst(consumed)
            offset += consumed
            validated -= consumed
            unfinished = pending.count
            repeat { try readMore() } while !atEnd && pending.count < 2 * unfinished
        }
    }
}

extension CSVStream {
    /// The file at `path`, read a chunk at a time. Only a regular file (`RegularFile`).
    static func file(atPath path: String) throws(CSVStreamFailure) -> CSVStream {
        let file: RegularFile
        do {
            file = try RegularFile(path: path, notRegular: "not a regular file (a FIFO, a device or a folder); save the export as a plain file")
        } catch {
            throw .unreadable(error.reason)
        }
        return CSVStream { () throws(CSVStreamFailure) in
            do throws(RegularFile.Failure) { return try file.read(upTo: chunkSize) } catch { throw .unreadable(error.reason) }
        }
    }
}
