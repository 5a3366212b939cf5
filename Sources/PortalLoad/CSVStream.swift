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
        case .encoding(let failure): "byte \(failure.byteOffset): \(failure.message)"
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
            do { (pending, encoding) = try TextDecoding.utf8(pending) } catch { throw .encoding(error) }
            needsValidation = false
        } else if pending.starts(with: [0xEF, 0xBB, 0xBF]) {
            pending.removeFirst(3)
            offset = 3
        }
        // The delimiter is guessed from the header line: read on until it is whole.
        while !atEnd && !CSVParser.containsLineBreakOutsideQuotes(pending) { try readMore() }
        let delimiter = CSVParser.detectDelimiter(pending)
        start(CSVDialect(delimiter: delimiter, encoding: encoding))

        let parser = CSVParser(delimiter: delimiter)
        var line = 1
        var validated = needsValidation ? 0 : pending.count
        while true {
            if !atEnd { try readMore() }
            if needsValidation {
                // Up to an ASCII byte, so that no UTF-8 sequence is cut between two chunks.
                let end = atEnd ? pending.count : (pending.lastIndex { $0 < 0x80 }.map { $0 + 1 } ?? validated)
                if end > validated {
                    do { try TextDecoding.validateUTF8(pending[validated..<end], offsetBase: offset + validated) } catch { throw .encoding(error) }
                    validated = end
                }
            }
            let isFinal = atEnd && validated == pending.count
            let consumed: Int
            do {
                consumed = try pending.withUnsafeBufferPointer { buffer throws(CSVSyntaxError) in
                    try parser.scan(UnsafeBufferPointer(rebasing: buffer[..<validated]), isFinal: isFinal, line: &line, body)
                }
            } catch {
                throw .syntax(error)
            }
            if isFinal { return }
            pending.removeFirst(consumed)
            offset += consumed
            validated -= consumed
        }
    }
}

extension CSVStream {
    /// The file at `path`, read a chunk at a time.
    static func file(atPath path: String) throws(CSVStreamFailure) -> CSVStream {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        let file = OpenFile(descriptor: descriptor)
        return CSVStream { () throws(CSVStreamFailure) in try file.read(upTo: chunkSize) }
    }
}

/// A file descriptor closed when the last stream using it is gone.
private final class OpenFile {
    let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes, fewer only at the end of the file.
    func read(upTo count: Int) throws(CSVStreamFailure) -> [UInt8] {
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let result = systemRead(descriptor, buffer.baseAddress! + filled, count - filled)
                if result > 0 { filled += result; continue }
                if result < 0 && errno == EINTR { continue }
                if result < 0 { failure = String(cString: strerror(errno)) }
                break
            }
        }
        if let failure { throw .unreadable(failure) }
        return bytes
    }
}

/// The C library's `read`, named apart from the method that calls it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
