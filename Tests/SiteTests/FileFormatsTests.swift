import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PortalRecords
import PortalRules
import PortalTestSupport
import Testing
@testable import PortalRender
@testable import PortalViewModels

/// The non-HTML files of issue 22 attacked with hostile values: `deadlines.ics` (RFC 5545 TEXT
/// escaping, 75-octet folding on UTF-8 boundaries), `products.csv` (quoting, CSV injection) and
/// `changes.xml` (XML escaping, characters XML forbids); and `portal.json` / `changes.json` read
/// back (truncated, too deep, not ours).
@Suite("deadlines.ics, products.csv, changes.xml and changes.json")
struct FileFormatsTests {
    static let hostile = "Evil\r\nBEGIN:VEVENT\nUID:x;y,z\\n\u{1}\u{7F}\tend"

    static func calendar(summary: String) -> DeadlineCalendar {
        DeadlineCalendar(name: summary, language: "fr", asOf: at("2026-11-25T09:00:00Z"),
                         events: [CalendarEvent(uid: "u@csp-portal", start: .moment(at("2026-11-27T10:00:00Z")), summary: summary,
                                                description: summary, reminders: [48 * 3_600_000, 7 * 86_400_000, 90 * 60_000])])
    }

    /// Unfolds content lines (RFC 5545 3.1).
    static func unfolded(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    @Test("ICS: a value can never end its line nor start a property; \\ ; , escaped; other control characters dropped")
    func icsEscaping() {
        let bytes = ICalendar.file(Self.calendar(summary: Self.hostile))
        let lines = Self.unfolded(bytes)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(!lines.contains { $0.hasPrefix("UID:x") })
        #expect(lines.contains("SUMMARY;LANGUAGE=fr:Evil\\nBEGIN:VEVENT\\nUID:x\\;y\\,z\\\\n\tend"))
        #expect(lines.contains("NAME:Evil\\nBEGIN:VEVENT\\nUID:x\\;y\\,z\\\\n\tend"))
        #expect(!bytes.contains(0x01) && !bytes.contains(0x7F))
        // Every line ends with CRLF, and no lone CR or LF is left anywhere.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.replacingOccurrences(of: "\r\n", with: "").allSatisfy { $0 != "\r" && $0 != "\n" })
        #expect(lines.contains("TRIGGER:-P2D") && lines.contains("TRIGGER:-P7D") && lines.contains("TRIGGER:-PT90M"))
        #expect(lines.contains("DTSTAMP:20261125T090000Z") && lines.contains("DTSTART:20261127T100000Z"))
    }

    @Test("ICS: lines are folded at 75 octets, never inside a UTF-8 character, and unfold to the value", arguments: [1, 2, 3, 4])
    func icsFolding(width: Int) {
        // Characters of 1 to 4 octets, so that every fold point meets every kind of boundary.
        let character = ["a", "é", "€", "😀"][width - 1]
        for length in [60, 74, 75, 76, 149, 150, 151, 400] {
            let summary = String(repeating: character, count: length / width + 1)
            let bytes = ICalendar.file(Self.calendar(summary: summary))
            let physical = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
            for line in physical {
                #expect(line.utf8.count <= 75, "\(width)-octet characters: a line of \(line.utf8.count) octets")
                #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil)
            }
            #expect(Self.unfolded(bytes).contains("SUMMARY;LANGUAGE=fr:" + summary))
        }
    }

    @Test("ICS: a whole day is a DATE with the next day as its end")
    func wholeDay() {
        let calendar = DeadlineCalendar(name: "n", language: "en", asOf: at("2026-11-25"),
                                        events: [CalendarEvent(uid: "u", start: .day(CivilDate(year: 2026, month: 12, day: 31)!), summary: "s",
                                                               description: "d", reminders: [])])
        let lines = Self.unfolded(ICalendar.file(calendar))
        #expect(lines.contains("DTSTART;VALUE=DATE:20261231") && lines.contains("DTEND;VALUE=DATE:20270101"))
        #expect(!lines.contains("BEGIN:VALARM"))
    }

    @Test("CSV injection: a cell beginning with = + - @ tab or CR is neutralised; quoting per RFC 4180", arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", ",", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+1+2", ",", "'+1+2"),
        ("-1", ",", "'-1"),
        ("@SUM(A1)", ",", "'@SUM(A1)"),
        ("\t=1", ",", "'\t=1"),
        ("\r=1", ",", "\"'\r=1\""),
        ("a=1", ",", "a=1"),
        ("1,5", ",", "\"1,5\""),
        ("1,5", ";", "1,5"),
        ("a;b", ";", "\"a;b\""),
        ("two\nlines", ",", "\"two\nlines\""),
        ("", ",", ""),
        // A separator followed by a combining accent is one character to Swift, but still the
        // separator's byte to a spreadsheet, which would split the cell there.
        ("a,\u{301}b", ",", "\"a,\u{301}b\""),
        ("a;\u{301}b", ";", "\"a;\u{301}b\""),
        ("=1,\u{20DD}", ",", "\"'=1,\u{20DD}\""),
    ])
    func csvCells(value: String, separator: String, expected: String) {
        #expect(SpreadsheetCSV.cell(value, separator: separator) == expected)
    }

    @Test("CSV: UTF-8 with a byte-order mark, CRLF after every row")
    func csvFile() async throws {
        let templates = try await TemplateSet.load(from: Repository.templates)
        let input = PortalInput(site: SiteSettings(partnerName: "P"), customers: [Customer(id: "C-1", name: "C", country: "FR", language: .fr)],
                                purchases: [purchase(product: "=cmd|' /C calc'!A0", purchasedAt: "2026-11-20T10:00:00Z")], excludedMarkets: [])
        let site = SiteEvaluation.evaluate(input, asOf: at("2026-11-25T09:00:00Z"))
        let format = LocaleFormat(catalogue: templates.catalogue(for: .fr), zone: DisplayZone(identifier: "Europe/Paris")!)
        let bytes = SpreadsheetCSV.file(ProductsExport(site.customers[0], asOf: site.asOf, format: format))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows.count == 3 && rows[2] == "", "a header, a row, and a final CRLF")
        #expect(rows[0].split(separator: ";").count == 17)
        #expect(rows[1].hasPrefix("'=cmd|' /C calc'!A0;"))
        #expect(rows[1].contains(";1200,00;EUR;HT;"), "a French amount with a decimal comma, its currency and tax basis apart")
        #expect(rows[1].contains(";2026-11-27 11:00;"), "the deadline in Paris time, as the header says")
    }

    @Test("Atom: values escaped, characters XML 1.0 forbids dropped; the feed parses as XML")
    func atom() throws {
        let change = SiteChange(kind: .cancellation, asOf: at("2026-11-25T09:00:00Z"), previousAsOf: at("2026-11-24T09:00:00Z"),
                                customerId: "C-1", customerName: "<b>&\"'\u{1}\u{FFFE}]]><x/>", subject: "P", reference: "O", line: 0,
                                before: "active", after: "cancelled")
        let format = LocaleFormat(catalogue: Catalogue(language: .en, strings: [
            "changeEntryTitle": "{kind}: {customer}, {subject}", "changeEntrySummary": "{before} {after}", "changesTitle": "{partner}",
        ]))
        let feed = ChangeFeed([change], site: SiteSettings(partnerName: "A & B <c>"), asOf: at("2026-11-25T09:00:00Z"), format: format)
        let bytes = AtomFeed.file(feed)
        let document = try XMLDocument(data: Data(bytes))
        let titles = try document.nodes(forXPath: "//*[local-name()='entry']/*[local-name()='title']").map { $0.stringValue ?? "" }
        #expect(titles.count == 1)
        #expect(titles.first?.contains("<b>&\"']]><x/>") == true, "\(titles)")
        #expect(try document.nodes(forXPath: "//*[local-name()='x']").isEmpty)
        #expect(try document.nodes(forXPath: "//*[local-name()='id']").map { $0.stringValue ?? "" }.last == ChangeHistory.id(of: change))
    }

    @Test("changes.json round trip: what is written is read back, ids recomputed the same")
    func historyRoundTrip() throws {
        let changes = [
            SiteChange(kind: .windowClosed, asOf: at("2026-11-25T09:00:00Z"), previousAsOf: at("2026-11-24T09:00:00Z"), customerId: "C-1",
                       customerName: "Contoso \"É\"\n\u{2028}", subject: "P", reference: "O", line: 3, occurredAt: at("2026-11-25T08:00:00Z"),
                       before: nil, after: "active"),
            SiteChange(kind: .customerAdded, asOf: at("2026-11-25T09:00:00Z"), previousAsOf: at("2026-11-24T09:00:00Z"), customerId: "C-2",
                       customerName: "😀"),
        ]
        let text = JSONWriter.text(ChangeHistory.document(changes, asOf: at("2026-11-25T09:00:00Z"), previousAsOf: at("2026-11-24T09:00:00Z")))
        let read = try ChangeHistory.changes(fromJSON: Array(text.utf8))
        #expect(read == changes)
        #expect(read.map(ChangeHistory.id(of:)) == changes.map(ChangeHistory.id(of:)))
        #expect(Set(changes.map(ChangeHistory.id(of:))).count == 2)
    }

    @Test("A portal.json or changes.json that is truncated, too deeply nested or not ours is refused, never a crash")
    func hostileJSON() throws {
        let good = Array(#"{"asOf": "2026-11-25T09:00:00Z", "customers": [], "audit": {"findings": []}, "warnings": []}"#.utf8)
        #expect(try ChangeHistory.snapshot(fromPortalJSON: good).asOf == at("2026-11-25T09:00:00Z"))
        for cut in [1, 10, good.count / 2, good.count - 1] {
            #expect(throws: (any Error).self) { try ChangeHistory.snapshot(fromPortalJSON: Array(good.prefix(cut))) }
        }
        let deep = Array(("{\"asOf\": \"2026-11-25T09:00:00Z\", \"x\": " + String(repeating: "[", count: 100_000)).utf8)
        #expect(throws: (any Error).self) { try ChangeHistory.snapshot(fromPortalJSON: deep) }
        #expect(throws: (any Error).self) { try ChangeHistory.snapshot(fromPortalJSON: Array(#"{"asOf": "2026-13-01T00:00:00Z"}"#.utf8)) }
        #expect(throws: (any Error).self) { try ChangeHistory.snapshot(fromPortalJSON: Array(#"{"customers": []}"#.utf8)) }
        #expect(throws: (any Error).self) { try ChangeHistory.changes(fromJSON: Array(#"{"format": "other", "changes": []}"#.utf8)) }
        #expect(throws: (any Error).self) { try ChangeHistory.changes(fromJSON: Array(#"{"format": "csp-portal changes 1", "changes": [{"kind": "x"}]}"#.utf8)) }
    }
}
