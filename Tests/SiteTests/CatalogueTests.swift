import Foundation
import PortalRecords
import PortalRender
import PortalViewModels
import PortalTestSupport
import Testing

/// The string catalogues as a reader meets them: every string in both languages, plural forms
/// chosen by the catalogue, no internal rule ids (#23, "Words").
@Suite("String catalogues")
struct CatalogueTests {
    static func formats() async throws -> [PortalLanguage: LocaleFormat] {
        let templates = try await TemplateSet.load(from: Repository.templates)
        return Dictionary(uniqueKeysWithValues: PortalLanguage.allCases.map { ($0, LocaleFormat(catalogue: templates.catalogue(for: $0))) })
    }

    /// `productsShown` for `productsShown.one` and `productsShown.other`; nil for a plain key.
    static func pluralBase(_ key: String) -> String? {
        guard let dot = key.lastIndex(of: ".") else { return nil }
        return String(key[..<dot])
    }

    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Every catalogue string as the reader gets it: a plain string as written, a plural string
    /// rendered with 0, 1 and 2 through the catalogue's own choice of form.
    static func listing(_ format: LocaleFormat) -> String {
        let strings = format.catalogue.strings
        var lines: [String] = []
        var bases: Set<String> = []
        for key in strings.keys.sorted() {
            if let base = pluralBase(key) {
                guard bases.insert(base).inserted else { continue }
                for count in [0, 1, 2] {
                    lines.append("\(base)[\(count)] = \(format.plural(base, count: count))")
                }
            } else {
                lines.append("\(key) = \(strings[key]!)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Set UPDATE_GOLDEN=1 to rewrite after an intended change of wording, then review the diff:
    /// it is the proofreading copy of every string a reader can meet.
    @Test("Golden list of every catalogue string in both languages, plural strings rendered with 0, 1 and 2", arguments: PortalLanguage.allCases)
    func golden(language: PortalLanguage) async throws {
        let produced = Self.listing(try await Self.formats()[language]!)
        let file = Repository.golden.appendingPathComponent("catalogue-\(language.rawValue).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { try Data(produced.utf8).write(to: file) }
        let expected = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(produced == expected, "differs from Tests/SiteTests/Golden/catalogue-\(language.rawValue).txt")
    }

    @Test("Plural strings come as `.one` and `.other`, with a {count}; a string that counts is always a plural one")
    func pluralForms() async throws {
        for (language, format) in try await Self.formats() {
            let strings = format.catalogue.strings
            for key in strings.keys {
                if let base = Self.pluralBase(key) {
                    #expect(key.hasSuffix(".one") || key.hasSuffix(".other"), "\(language): \(key)")
                    #expect(strings["\(base).one"] != nil && strings["\(base).other"] != nil, "\(language): \(base) lacks a form")
                    #expect(Self.placeholders(strings[key]!).contains("count"), "\(language): \(key) does not say its count")
                } else {
                    #expect(!Self.placeholders(strings[key]!).contains("count"), "\(language): \(key) counts but has no plural forms")
                }
            }
        }
    }

    @Test("French takes the singular for 0 and 1, English for 1 only; every plural string rendered with 0, 1 and 2")
    func pluralRendering() async throws {
        let formats = try await Self.formats()
        let english = formats[.en]!, french = formats[.fr]!
        #expect([0, 1, 2].map(english.catalogue.pluralForm) == ["other", "one", "other"])
        #expect([0, 1, 2].map(french.catalogue.pluralForm) == ["one", "one", "other"])
        #expect([0, 1, 2].map { english.plural("productsShown", count: $0) } == ["0 products shown", "1 product shown", "2 products shown"])
        #expect([0, 1, 2].map { french.plural("productsShown", count: $0) } == ["0 produit affiché", "1 produit affiché", "2 produits affichés"])
        #expect(french.plural("auditLinksProduced", count: 1) == "1 lien de téléchargement créé")
        #expect(english.plural("countdownInDays", count: 1) == "in 1 day")
        #expect(french.plural("countCustomers", count: 1_234) == "1\u{202F}234 clients")
        for (language, format) in formats {
            let bases = Set(format.catalogue.strings.keys.compactMap(Self.pluralBase))
            for base in bases {
                for count in [0, 1, 2] {
                    let text = format.plural(base, count: count)
                    let form = format.catalogue.pluralForm(count)
                    #expect(text == format.catalogue.strings["\(base).\(form)"]!.replacingOccurrences(of: "{count}", with: String(count)),
                            "\(language): \(base) with \(count)")
                    #expect(!text.contains("{count}") && !text.hasPrefix("["), "\(language): \(base) with \(count): \(text)")
                }
            }
        }
    }

    @Test("Both languages have the same placeholders in every string")
    func samePlaceholders() async throws {
        let formats = try await Self.formats()
        let english = formats[.en]!.catalogue.strings, french = formats[.fr]!.catalogue.strings
        for (key, text) in english {
            #expect(Self.placeholders(text) == Self.placeholders(french[key] ?? ""), "\(key): \(text) / \(french[key] ?? "missing")")
        }
    }

    @Test("No string carries a rule id: R15, R16 and the others are the project's, not the reader's")
    func noRuleIds() async throws {
        let ruleId = try Regex(#"\bR[0-9]{1,2}\b"#)
        for (language, format) in try await Self.formats() {
            for (key, text) in format.catalogue.strings {
                #expect(text.firstMatch(of: ruleId) == nil, "\(language): \(key): \(text)")
            }
        }
    }

    @Test("A lookup of a count uses the catalogue's rule, whatever the key: a catalogue without one reads 1 as singular")
    func pluralRuleFromCatalogue() {
        let strings = ["n.one": "{count} thing", "n.other": "{count} things"]
        let plain = LocaleFormat(catalogue: Catalogue(language: .en, strings: strings))
        #expect([0, 1, 2].map { plain.plural("n", count: $0) } == ["0 things", "1 thing", "2 things"])
        var withRule = strings
        withRule[Catalogue.pluralRuleKey] = "0|1"
        let french = LocaleFormat(catalogue: Catalogue(language: .fr, strings: withRule))
        #expect([0, 1, 2].map { french.plural("n", count: $0) } == ["0 thing", "1 thing", "2 things"])
        #expect(plain.plural("missing", count: 1) == "[missing.one]")
    }
}
