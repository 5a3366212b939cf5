import Foundation
import PortalRecords
import PortalSample
import Testing
@testable import PortalLoad

/// The pull reader is held to Foundation's JSONSerialization, which csp-portal read JSON with
/// before (#24): on generated documents, valid ones give the same values and invalid ones are
/// refused by both, whatever the chunks the text arrives in. Seeded, so that a failure replays;
/// `FUZZ_RUNS` raises the count.
///
/// Deliberate differences, each tested below: a trailing comma (`[1,]`, `{"a":1,}`) is refused,
/// as RFC 8259 says, where Foundation accepted it; a key given twice keeps its last value in the
/// reader's result as in Foundation's, but the file's walk reads every `items` of an envelope.
@Suite("JSON pull reader against Foundation")
struct JSONPropertyTests {
    static let runs = Int(ProcessInfo.processInfo.environment["FUZZ_RUNS"] ?? "") ?? 1_500

    // MARK: Generating documents

    static let numbers = [
        "0", "-0", "7", "-12", "1069.2", "1069.20", "0.5", "-0.000001", "1e2", "1E+2", "2.5e-3", "-1.5E10",
        "123456789012345", "1234567890123456", "9007199254740993", "18446744073709551615", "18446744073709551616",
        "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "0.1000000000000000055511151231257827",
        "1e308", "4.9e-324", "1e-400", "12345678901234567890.5e3",
    ]
    static let texts = ["", "a", "Café", "Ünïcödé ✓", "😀", "中文", "tab\there", "O'Brien", "5e1f0c2a-0001-4d7e-8a10-a1b2c3d4e501"]
    static let escapes = ["\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t", "\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\u20AC", "\\uFFFF"]
    static let spaces = ["", " ", "\n", "\r\n", "\t", "\r", "  \n  "]

    static func string(_ random: inout SeededGenerator) -> String {
        var text = "\""
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            if Bool.random(using: &random) {
                text += texts.randomElement(using: &random)!.replacingOccurrences(of: "\t", with: "\\t")
            } else {
                text += escapes.randomElement(using: &random)!
            }
        }
        return text + "\""
    }

    static func value(_ random: inout SeededGenerator, depth: Int) -> String {
        let space = { (random: inout SeededGenerator) in spaces.randomElement(using: &random)! }
        switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &random) {
        case 0: return numbers.randomElement(using: &random)!
        case 1: return string(&random)
        case 2: return ["true", "false"].randomElement(using: &random)!
        case 3: return "null"
        case 4:
            let elements = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                space(&random) + value(&random, depth: depth + 1) + space(&random)
            }
            return "[" + elements.joined(separator: ",") + space(&random) + "]"
        default:
            var keys = (0..<Int.random(in: 0...4, using: &random)).map { _ in string(&random) }
            // Now and then a key twice.
            if let first = keys.first, Int.random(in: 0..<100, using: &random) < 20 { keys.append(first) }
            let members = keys.map { key in
                space(&random) + key + space(&random) + ":" + space(&random) + value(&random, depth: depth + 1) + space(&random)
            }
            return "{" + members.joined(separator: ",") + space(&random) + "}"
        }
    }

    static func document(_ random: inout SeededGenerator) -> [UInt8] {
        let prefix: [UInt8] = Int.random(in: 0..<100, using: &random) < 10 ? [0xEF, 0xBB, 0xBF] : []
        let text = spaces.randomElement(using: &random)! + value(&random, depth: 0) + spaces.randomElement(using: &random)!
        return prefix + Array(text.utf8)
    }

    // MARK: Reading both ways

    /// What csp-portal read before: the text decoded (TextDecoding), then JSONSerialization.
    static func foundation(_ bytes: [UInt8]) -> Any? {
        guard let text = try? TextDecoding.utf8(bytes).bytes else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
    }

    /// The reader's value of the whole text, handed over in chunks of 1 to `chunk` bytes.
    static func pulled(_ bytes: [UInt8], chunk: Int, _ random: inout SeededGenerator) -> Result<JSONValue, JSONReadFailure> {
        var sizes: [Int] = []
        var covered = 0
        while covered < bytes.count {
            let size = Int.random(in: 1...chunk, using: &random)
            sizes.append(size)
            covered += size
        }
        var start = 0, next = 0
        var reader = JSONPullReader { () throws(JSONReadFailure) in
            guard next < sizes.count else { return [] }
            let end = min(bytes.count, start + sizes[next])
            defer { start = end; next += 1 }
            return Array(bytes[start..<end])
        }
        do throws(JSONReadFailure) {
            let value = try reader.readValue(limit: .max, start: reader.currentPosition)
            try reader.finish()
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }

    /// The same value, as csp-portal reads it: numbers by the text a field takes from them,
    /// objects by their keys, a key given twice by its last value.
    static func same(_ mine: JSONValue, _ theirs: Any) -> Bool {
        switch mine {
        case .null: return theirs is NSNull
        case .bool(let value):
            guard let number = theirs as? NSNumber, isBoolean(number) else { return false }
            return number.boolValue == value
        case .number(let text):
            guard let number = theirs as? NSNumber, !isBoolean(number) else { return false }
            return JSONNumberText.text(of: number.doubleValue) == text
        case .string(let text):
            return (theirs as? String) == text
        case .array(let elements):
            guard let array = theirs as? [Any], array.count == elements.count else { return false }
            return zip(elements, array).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let dictionary = theirs as? [String: Any] else { return false }
            var last: [String: JSONValue] = [:]
            for member in members { last[member.key] = member.value }
            guard Set(last.keys) == Set(dictionary.keys) else { return false }
            return last.allSatisfy { key, value in same(value, dictionary[key]!) }
        }
    }

    // MARK: Properties

    @Test("Valid documents: the same values as Foundation, whatever the chunks", arguments: [UInt64(41), 42])
    func validDocuments(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        for _ in 0..<Self.runs {
            let bytes = Self.document(&random)
            let theirs = try #require(Self.foundation(bytes), "Foundation refused \(String(decoding: bytes, as: UTF8.self))")
            for chunk in [1, 7, 4_096] {
                switch Self.pulled(bytes, chunk: chunk, &random) {
                case .success(let mine):
                    #expect(Self.same(mine, theirs), "chunks of up to \(chunk): \(String(decoding: bytes, as: UTF8.self)) read as \(mine)")
                case .failure(let failure):
                    Issue.record("chunks of up to \(chunk): \(String(decoding: bytes, as: UTF8.self)) refused: \(failure)")
                }
            }
        }
    }

    @Test("Mutated documents: refused by both or read alike; a trailing comma is the one thing only Foundation took",
          arguments: [UInt64(51), 52])
    func mutatedDocuments(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        var refusedByBoth = 0
        for _ in 0..<Self.runs {
            let bytes = FuzzTests.mutate(Self.document(&random), &random)
            let theirs = Self.foundation(bytes)
            let mine = Self.pulled(bytes, chunk: Int.random(in: 1...64, using: &random), &random)
            switch (mine, theirs) {
            case (.success(let value), let theirs?):
                #expect(Self.same(value, theirs), "\(bytes) read as \(value)")
            case (.success(let value), nil):
                Issue.record("accepted what Foundation refused: \(bytes) read as \(value)")
            case (.failure(let failure), _?):
                #expect("\(failure)".contains("JSON allows no trailing comma"), "refused what Foundation read: \(bytes): \(failure)")
            case (.failure, nil):
                refusedByBoth += 1
            }
        }
        #expect(refusedByBoth > Self.runs / 4, "the mutations make invalid documents")
    }

    // MARK: Deliberate differences and strictness

    static func failure(_ text: String) -> String? {
        var random = SeededGenerator(state: 1)
        if case .failure(let failure) = pulled(Array(text.utf8), chunk: 3, &random) { return "\(failure)" }
        return nil
    }

    @Test("A trailing comma is refused at the comma (RFC 8259), where Foundation took it")
    func trailingComma() {
        #expect(Self.foundation(Array("[1,]".utf8)) != nil && Self.foundation(Array(#"{"a":1,}"#.utf8)) != nil)
        #expect(Self.failure("[1,\n ]") == "line 1, column 3: a comma before ]: JSON allows no trailing comma")
        #expect(Self.failure("{\"a\": 1 ,}") == "line 1, column 9: a comma before }: JSON allows no trailing comma")
    }

    @Test("Lone surrogates, bad escapes, control characters, bad numbers and bare words are refused by both, at their place",
          arguments: [
            (#"["\uD83D"]"#, "line 1, column 3: \\uD83D is the first half of a surrogate pair without its second half"),
            (#"["\uDE00"]"#, "line 1, column 3: \\uDE00 is the second half of a surrogate pair without its first half"),
            (#"["\uD83D\u0041"]"#, "line 1, column 9: \\u0041 after \\uD83D: the second half of a surrogate pair is \\uDC00 to \\uDFFF"),
            (#"["\x"]"#, "line 1, column 3: \\x is not an escape JSON has (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t, \\uXXXX)"),
            ("[\"a\tb\"]", "line 1, column 4: a control character (U+0009) inside a string: write it as an escape such as \\n, \\t or \\u0009"),
            ("[01]", "line 1, column 3: a number with a leading zero"),
            ("[1.]", "line 1, column 4: expected a digit after the decimal point, found ']'"),
            ("[.5]", "line 1, column 2: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '.'"),
            ("[1e400]", "line 1, column 2: the number 1e400 is too large to be read as a double"),
            ("[-]", "line 1, column 3: expected a digit in the number, found ']'"),
            ("[tru]", "line 1, column 5: expected true, found ']'"),
            ("{\"a\" 1}", "line 1, column 6: expected a colon after the key, found '1'"),
            ("{a: 1}", "line 1, column 2: expected a key in double quotes, found 'a'"),
            ("[1 2]", "line 1, column 4: expected a comma or ], found '2'"),
            ("[1]\n x", "line 2, column 2: expected the end of the text after the top-level value, found 'x'"),
            ("\r\n\r[\"é\", é]", "line 3, column 7: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found 'é'"),
            ("[{\"a\": [1, 2", "line 1, column 13: the text ends where a comma or ] should be: is the file cut short?"),
            ("", "line 1, column 1: the text ends where a value should be: is the file cut short?"),
          ])
    func refusedByBoth(text: String, expected: String) {
        #expect(Self.foundation(Array(text.utf8)) == nil, "Foundation refuses it too")
        #expect(Self.failure(text) == expected)
    }

    @Test("Nesting: 512 arrays deep is read, as Foundation read it; 513 is refused at the 513th bracket")
    func depth() {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(Self.foundation(Array(deepest.utf8)) != nil && Self.foundation(Array(tooDeep.utf8)) == nil)
        #expect(Self.failure(deepest) == nil)
        #expect(Self.failure(tooDeep) == "line 1, column 513: arrays and objects nested more than 512 deep")
    }

    @Test("A key given twice in a record is an error at the second, as a CSV column given twice; the first is kept")
    func duplicateKeys() throws {
        var diagnostics: [Diagnostic] = []
        let records = JSONTable.records(in: Array(#"[{"customerId": "C1", "name": "First", "name": "Second", "country": "FR"}]"#.utf8),
                                        file: "customers.json", schema: Schemas.customers, diagnostics: &diagnostics)
        #expect(diagnostics.map(\.message) == [#"the field appears twice, as "name" and "name"; keep one of them"#], "\(diagnostics)")
        #expect(records.first?[.name] == "First")
    }
}
