import CSV
import PortalSample
import Testing
@testable import PortalLoad

/// Our byte-level parser must read every RFC 4180 file the way yaslab/CSV.swift does.
@Suite("CSV parser agrees with CSV.swift")
struct CSVPropertyTests {
    static let pieces = ["a", "b", "Z", "0", "7", " ", ",", ";", "\"", "\n", "\r\n", "é", "€", "日", "'", "&", "<", "x y"]

    static func field(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// RFC 4180 encoding: a field is quoted when it must be, and sometimes when it need not be.
    static func encode(_ field: String, delimiter: Character, _ random: inout SeededGenerator) -> String {
        let mustQuote = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
        guard mustQuote || Bool.random(using: &random) && !field.isEmpty else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    @Test("500 random tables", arguments: [UInt64(1), 2, 3, 4, 5])
    func randomTables(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        for _ in 0..<100 {
            let delimiter: Character = Bool.random(using: &random) ? "," : ";"
            let columns = Int.random(in: 2...5, using: &random)
            let rows = (0..<Int.random(in: 1...8, using: &random)).map { _ in (0..<columns).map { _ in Self.field(&random) } }
            let lineEnd = Bool.random(using: &random) ? "\n" : "\r\n"
            var text = rows.map { $0.map { Self.encode($0, delimiter: delimiter, &random) }.joined(separator: String(delimiter)) }
                .joined(separator: lineEnd)
            if Bool.random(using: &random) { text += lineEnd }

            let ours = try CSVParser(delimiter: delimiter.asciiValue!).parse(Array(text.utf8)).map(\.fields)
            let reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter.unicodeScalars.first!)
            var reference: [[String]] = []
            while let row = reader.next() { reference.append(row) }
            #expect(ours == reference, "\(text.debugDescription)")
            #expect(ours == rows, "what was encoded comes back")
        }
    }
}
