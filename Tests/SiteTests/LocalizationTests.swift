import Foundation
import PortalRecords
import PortalRender
import PortalViewModels
import PortalTestSupport
import Testing

@Suite("French and English")
struct LocalizationTests {
    static func catalogues() async throws -> TemplateSet {
        try TemplateSet.load(from: Repository.templates)
    }

    @Test("Every key exists in every language, and no value is empty")
    func completeness() async throws {
        let templates = try await Self.catalogues()
        let keys = PortalLanguage.allCases.map { Set(templates.catalogue(for: $0).strings.keys) }
        let all = keys.reduce(Set<String>()) { $0.union($1) }
        for (language, present) in zip(PortalLanguage.allCases, keys) {
            #expect(all.subtracting(present).isEmpty, "\(language.rawValue) lacks \(all.subtracting(present).sorted())")
            #expect(templates.catalogue(for: language).strings.values.allSatisfy { !$0.isEmpty })
        }
    }

    @Test("Placeholders are filled from the arguments; an argument's own braces are never filled")
    func placeholders() {
        let catalogue = Catalogue(language: .en, strings: [
            "greeting": "Hello {name}, {name}! {unknown} {not a name} {",
            "pair": "{first}/{second}",
        ])
        #expect(catalogue.text("greeting", ["name": "Ann"]) == "Hello Ann, Ann! {unknown} {not a name} {")
        #expect(catalogue.text("pair", ["first": "{second}", "second": "B & {first}"]) == "{second}/B & {first}")
        #expect(catalogue.text("missing", ["name": "Ann"]) == "[missing]")
    }

    @Test("Every key a template uses exists in the catalogues")
    func templateKeys() async throws {
        let templates = try await Self.catalogues()
        let english = templates.catalogue(for: .en).strings
        let files = try FileManager.default.subpathsOfDirectory(atPath: Repository.templates.path).filter { $0.hasSuffix(".mustache") }
        for file in files {
            let text = try String(contentsOf: Repository.templates.appendingPathComponent(file), encoding: .utf8)
            var rest = Substring(text)
            while let start = rest.range(of: "{{t.") {
                let tail = rest[start.upperBound...]
                let key = String(tail.prefix { $0 != "}" })
                #expect(english[key] != nil, "\(file) uses t.\(key)")
                rest = tail
            }
        }
    }

    @Test("Money in both languages", arguments: [
        (PortalLanguage.en, "EUR", Int64(123456), "€1,234.56"),
        (.fr, "EUR", 123456, "1\u{202F}234,56\u{A0}€"),
        (.en, "USD", 99, "US$0.99"),
        (.fr, "USD", 100000000, "1\u{202F}000\u{202F}000,00\u{A0}$US"),
        (.en, "JPY", 1234567, "¥1,234,567"),
        (.fr, "JPY", 1234567, "1\u{202F}234\u{202F}567\u{A0}¥"),
        (.en, "AUD", 1420000, "A$14,200.00"),
        (.fr, "AUD", 1420000, "14\u{202F}200,00\u{A0}$AU"),
        (.en, "BRL", 110400, "R$1,104.00"),
        (.fr, "BRL", 110400, "1\u{202F}104,00\u{A0}R$"),
        (.en, "NOK", 371700, "3,717.00\u{A0}NOK"),
        (.en, "EUR", -5, "-€0.05"),
    ])
    func money(language: PortalLanguage, code: String, minorUnits: Int64, expected: String) async throws {
        let format = LocaleFormat(catalogue: try await Self.catalogues().catalogue(for: language))
        let money = Money(minorUnits: minorUnits, currency: Currency(code: code)!)
        #expect(format.money(money) == expected)
    }

    @Test("Dates, times and days left in both languages")
    func dates() async throws {
        let templates = try await Self.catalogues()
        let en = LocaleFormat(catalogue: templates.catalogue(for: .en)), fr = LocaleFormat(catalogue: templates.catalogue(for: .fr))
        let deadline = Instant(CivilDate(year: 2026, month: 12, day: 2)!, TimeOfDay(hour: 14, minute: 0))
        #expect(en.date(deadline) == "Dec 2, 2026")
        #expect(fr.date(deadline) == "2 déc. 2026")
        #expect(en.dateTime(deadline) == "Dec 2, 2026, 14:00 UTC")
        #expect(fr.dateTime(deadline) == "2 déc. 2026 à 14:00 UTC")
        let threeDaysBefore = deadline.adding(days: -3), hoursBefore = deadline.adding(milliseconds: -5 * 3_600_000)
        #expect(fr.catalogue.text("cancellableUntil", ["date": fr.dateTime(deadline), "days": fr.countdown(until: deadline, asOf: threeDaysBefore)])
                == "Annulable jusqu'au 2 déc. 2026 à 14:00 UTC — dans 3 jours")
        #expect(en.catalogue.text("cancellableUntil", ["date": en.dateTime(deadline), "days": en.countdown(until: deadline, asOf: hoursBefore)])
                == "Can be cancelled until Dec 2, 2026, 14:00 UTC — today, 5 hours left")
    }

    /// Set UPDATE_GOLDEN=1 to rewrite after an intended change, then review the diff.
    @Test("Golden portal of one customer in each language", arguments: [
        (SampleIds.contoso, "portal-fr.html"), (SampleIds.obrien, "portal-en.html"),
    ])
    func goldenPortal(customerId: String, golden: String) async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let produced = try Data(contentsOf: scratch.site.appendingPathComponent(scratch.portalPath(of: customerId)))
        let file = Repository.golden.appendingPathComponent(golden)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { try produced.write(to: file) }
        #expect(produced == (try Data(contentsOf: file)), "differs from Tests/SiteTests/Golden/\(golden)")
    }

    @Test("--lang writes every page in one language")
    func override() async throws {
        let scratch = try Scratch()
        try await scratch.build(language: .fr)
        #expect(try scratch.page("index.html").text("/html/@lang") == "fr")
        #expect(try scratch.page(scratch.portalPath(of: SampleIds.obrien)).text("//h1") == "Vos produits")
    }
}
