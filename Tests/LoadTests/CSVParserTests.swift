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
