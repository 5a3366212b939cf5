import Testing
@testable import PortalLoad

@Suite("CSV parser (RFC 4180)")
struct CSVParserTests {
    func parse(_ text: String, delimiter: Character = ",") throws -> [CSVRecord] {
        try CSVParser(delimiter: delimiter.asciiValue!).parse(Array(text.utf8))
    }

    @Test("Quoted delimiters, doubled quotes and line breaks stay inside their field")
    func quoted() throws {
        let records = try parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        #expect(records.map(\.line) == [1, 2, 4], "a record starts on the line of its first field")
    }

    @Test("CRLF, LF and a lone CR end records; no final line break is needed")
    func lineEnds() throws {
        #expect(try parse("a,b\r\n1,2\r\n").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try parse("a,b\r1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try parse("a,b\n1,2").map(\.line) == [1, 2])
    }

    @Test("A line break inside quotes is counted whatever its form: a CR-only file's lines are its editor's lines")
    func lineBreaksInQuotes() throws {
        // Old Mac and Excel "CSV (Macintosh)" files end lines with a lone CR, inside quoted fields too.
        #expect(try parse("a,b\r\"two\rlines\",x\r,y\r").map(\.line) == [1, 2, 4])
        #expect(try parse("a,b\r\n\"two\r\nlines\",x\r\n,y\r\n").map(\.line) == [1, 2, 4])
        #expect(try parse("a,b\n\"two\nlines\",x\n,y\n").map(\.line) == [1, 2, 4])
        // The same lines as a decoding error after it is reported on.
        let text = Array("a,b\r\"two\rlines\",x\r,\u{FF}".utf8)
        let index = text.firstIndex(of: 0xC3)!
        #expect(TextDecoding.position(of: index, in: text[...], firstLine: 1).line == 4)
        // Read a chunk at a time, cut anywhere (a CRLF, a lone CR), the records start on the same lines.
        for whole in ["a,b\r\n\"two\r\nlines\",x\r\n,y\r\n", "a,b\r\"two\rlines\",x\r,y\r"].map({ Array($0.utf8) }) {
            for cut in 1..<whole.count {
                var chunks = [Array(whole[..<cut]), Array(whole[cut...])]
                var lines: [Int] = []
                try CSVStream { chunks.isEmpty ? [] : chunks.removeFirst() }.forEachRecord({ _ in }) { lines.append($0.line) }
                #expect(lines == [1, 2, 4], "cut at \(cut)")
            }
        }
    }

    @Test("Blank lines are skipped but counted")
    func blankLines() throws {
        let records = try parse("a\n\n\nb\n")
        #expect(records.map(\.fields) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test("UTF-8 text is kept exactly")
    func unicode() throws {
        #expect(try parse("Müller Maschinenbau GmbH,\"Açúcar & Café\",日本\n").first?.fields == ["Müller Maschinenbau GmbH", "Açúcar & Café", "日本"])
    }

    @Test("An unterminated quote names the line it opened on")
    func unterminated() {
        #expect(throws: CSVSyntaxError(line: 2, message: "a quoted field is never closed (unterminated quote)")) {
            try parse("a,b\n\"open,2\n3,4\n")
        }
    }

    @Test("The delimiter is read from the header: Excel's ; in French locales", arguments: [
        ("customer_id;name;country\n1;\"A, B\";FR\n", ";"),
        ("customer_id,name,country\n", ","),
        ("\"a;b\",c\n", ","),
        ("a\tb\n", "\t"),
        ("single\n", ","),
    ])
    func delimiter(text: String, expected: String) {
        #expect(CSVParser.detectDelimiter(Array(text.utf8)) == Character(expected).asciiValue!)
    }
}
