import PortalRecords

/// A broken invariant ends the run as a crash would: libFuzzer keeps the input as a crash artifact,
/// with this message on standard error.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("invariant broken: \(message())", file: file, line: line) }
}

/// The last line a diagnostic may name: one past the last line of the text. Every CR and LF byte
/// is counted as a line break, which is at least as many as the text has in any of its encodings
/// (a UTF-16 line break holds a 0x0A or 0x0D byte).
public func lastLine(of bytes: some Sequence<UInt8>) -> Int {
    bytes.reduce(2) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
}

/// Every diagnostic names one of `files`, a line inside the text (1…lines+1) when it names one, a
/// column from 1, and a JSON path from the root.
public func requireInside(_ diagnostics: [Diagnostic], of bytes: [UInt8], files: Set<String>) {
    let last = lastLine(of: bytes)
    for diagnostic in diagnostics {
        let location = diagnostic.location
        require(files.contains(location.file), "a diagnostic names \(location.file), not one of \(files.sorted()): \(diagnostic)")
        if let line = location.line { require((1...last).contains(line), "line \(line) outside 1…\(last): \(diagnostic)") }
        if let column = location.column { require(column >= 1, "column \(column): \(diagnostic)") }
        if let path = location.jsonPath { require(path.hasPrefix("$"), "JSON path \(path): \(diagnostic)") }
        require(!diagnostic.message.isEmpty, "an empty message at \(location)")
    }
}

/// The input cut in two: its first byte, which picks what the target does with the rest (a
/// separator, an encoding, a schema), and the rest.
public func splitFirstByte(_ data: UnsafePointer<UInt8>, _ size: Int) -> (choice: UInt8, rest: [UInt8]) {
    guard size > 0 else { return (0, []) }
    return (data[0], Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
}

/// The input's parts between NUL bytes, at most `limit` of them (the last keeps any further NUL).
public func splitAtNUL(_ bytes: [UInt8], limit: Int) -> [[UInt8]] {
    bytes.split(separator: 0, maxSplits: limit - 1, omittingEmptySubsequences: false).map(Array.init)
}

/// A small deterministic generator (xorshift64*), seeded from the input, for the choices a target
/// makes that the input should not spell out byte by byte (chunk sizes).
public struct InputSeededGenerator: RandomNumberGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    public mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
