import Foundation
import PortalLoad
import PortalRecords
import PortalRules
@testable import PortalViewModels
import PortalTestSupport
import Testing

/// Markets as people type them (#23, "Markets"): abbreviations, common and former names in English
/// and French, ranked so that a query that names a market answers that market alone.
@Suite("Market search (R16)")
struct MarketSearchTests {
    static let directory = MarketsTests.directory

    @Test("Names and abbreviations people type find their market, alone", arguments: [
        ("UK", ["GB"]), ("U.K.", ["GB"]), ("Great Britain", ["GB"]), ("Grande-Bretagne", ["GB"]), ("england", ["GB"]),
        ("USA", ["US"]), ("US", ["US"]), ("U.S.A.", ["US"]), ("United States of America", ["US"]), ("Amérique", ["US"]),
        ("Ivory Coast", ["CI"]), ("Côte d’Ivoire", ["CI"]),
        ("St Lucia", ["LC"]), ("St. Lucia", ["LC"]), ("Saint Lucia", ["LC"]), ("Ste-Lucie", ["LC"]), ("Sainte Lucie", ["LC"]),
        ("St Kitts", ["KN"]), ("St Vincent", ["VC"]), ("St Pierre and Miquelon", ["PM"]), ("ST", ["ST"]),
        ("Holy See", ["VA"]), ("Vatican", ["VA"]), ("Saint-Siège", ["VA"]), ("Cité du Vatican", ["VA"]),
        ("Tahiti", ["PF"]), ("Burma", ["MM"]), ("Birmanie", ["MM"]), ("Myanmar", ["MM"]),
        ("Swaziland", ["SZ"]), ("Eswatini", ["SZ"]), ("Macedonia", ["MK"]), ("Macédoine", ["MK"]),
        ("Czech Republic", ["CZ"]), ("Holland", ["NL"]), ("Turkey", ["TR"]), ("Turquie", ["TR"]), ("East Timor", ["TL"]),
        ("Cape Verde", ["CV"]), ("UAE", ["AE"]), ("DRC", ["CD"]), ("Congo", ["CD", "CG"]), ("Korea", ["KP", "KR"]),
        ("Corée du Sud", ["KR"]), ("Nouvelle Calédonie", ["NC"]), ("La Réunion", ["RE"]), ("reunion", ["RE"]), ("Syrie", ["SY"]),
        ("Niger", ["NE"]), ("Guinea", ["GN"]), ("Samoa", ["WS"]), ("Saba", ["BQ"]),
    ])
    func aliases(query: String, codes: [String]) {
        let matches = Self.directory.search(query)
        #expect(Set(matches.map(\.code)) == Set(codes), "\(query): \(matches.map(\.code))")
        #expect(matches.count == codes.count, "\(query): \(matches.map(\.englishName))")
    }

    @Test("A query that names no market whole: names that begin with it first, then names that contain it")
    func ranking() {
        let ire = Self.directory.search("ire").map(\.code)
        #expect(ire.first == "IE")
        #expect(Set(ire).isSuperset(of: ["IE", "CI", "BQ"]))
        #expect(Self.directory.search("united").map(\.code) == ["UM", "AE", "GB", "US"])
        // A code is matched whole or not at all: "h" is not Switzerland (CH).
        #expect(!Self.directory.search("h").contains { $0.code == "CH" })
        #expect(Self.directory.search("uk").map(\.code) == ["GB"], "UK is never Ukraine")
        #expect(Self.directory.search("ukr").map(\.code) == ["UA"])
    }

    @Test("Suggestions: closest by edit distance over names and other names; two edits of a short query are no suggestion")
    func suggestions() {
        for query in ["USA", "usa", "Tahiti", "UK"] {
            #expect(!Self.directory.search(query).isEmpty, "\(query) finds its market, no suggestion needed")
        }
        #expect(!Self.directory.suggestions(for: "usb", language: .en).contains("Cuba"))
        #expect(Self.directory.suggestions(for: "usb", language: .en) == ["United States"])
        #expect(Self.directory.suggestions(for: "ivory cost", language: .en) == ["Côte d'Ivoire"])
        #expect(Self.directory.suggestions(for: "tahitti", language: .fr) == ["Polynésie française"])
        #expect(Self.directory.suggestions(for: "xyz", language: .en).isEmpty)
    }

    /// Found by fuzzing (docs/fuzzing.md, the markets target): a query of 4,096 characters that
    /// matched nothing was compared by edit distance with every name, over a second per query.
    @Test("A long query that matches nothing is not compared with names far shorter than it")
    func longQuery() {
        for query in [String(repeating: "zqxj", count: 1_024), String(repeating: "france ", count: 600)] {
            var cells = 0
            #expect(Self.directory.search(query).isEmpty)
            #expect(Self.directory.suggestions(for: query, language: .en, cellsCompared: &cells).isEmpty)
            #expect(cells == 0, "\(cells) cells of edit-distance tables filled")
        }
        var cells = 0
        #expect(Self.directory.suggestions(for: "frnace", language: .en, cellsCompared: &cells).first == "France")
        #expect(cells > 0 && cells < 100_000, "\(cells) cells of edit-distance tables filled")
    }

    @Test("Cuba, Iran, North Korea and Syria: Microsoft does not sell there, so no Azure reservations either")
    func embargo() {
        for (query, code) in [("Cuba", "CU"), ("Iran", "IR"), ("North Korea", "KP"), ("Corée du Nord", "KP"), ("DPRK", "KP"), ("Syria", "SY")] {
            let matches = Self.directory.search(query)
            #expect(matches.map(\.code) == [code], "\(query)")
            #expect(matches.allSatisfy { $0.embargoed && !$0.azureReservationsAvailable }, "\(query)")
        }
        #expect(Self.directory.entries.filter(\.embargoed).map(\.code).sorted() == ["CU", "IR", "KP", "SY"])
        let rules = MarketRules(excludedMarkets: BuiltInMarkets.reservationExcluded)
        for code in ["CU", "ir", "KP", "SY"] {
            #expect(!rules.azureReservationsAvailable(country: code), "\(code)")
            #expect(MarketRules.isUnderEmbargo(country: code))
        }
        #expect(rules.azureReservationsAvailable(country: "FR") && !MarketRules.isUnderEmbargo(country: "FR"))
    }

    @Test("Each market has one name in each language, the one its customers' pages give it")
    func oneName() {
        for entry in Self.directory.entries where Self.directory.entries.filter({ $0.code == entry.code }).count == 1 {
            for language in PortalLanguage.allCases {
                #expect(entry.name(in: language) == Self.directory.name(of: entry.code, in: language), "\(entry.code)")
            }
        }
        #expect(Self.directory.name(of: "RE", in: .fr) == "La Réunion")
        #expect(Self.directory.name(of: "NC", in: .fr) == "Nouvelle-Calédonie")
        #expect(Self.directory.name(of: "AX", in: .fr) == "Îles Åland")
        #expect(Self.directory.name(of: "SY", in: .fr) == "Syrie")
        // The seed's spelling is still found.
        #expect(Self.directory.search("La réunion").map(\.code) == ["RE"])
        #expect(Self.directory.search("Aland (îles)").map(\.code) == ["AX"])
    }

    @Test("csp-portal markets: UK, USA, Tahiti and Cuba as a user types them")
    func command() throws {
        let uk = try CSPPortalCommand.run(["markets", "UK"])
        #expect(uk.status == 0)
        #expect(uk.standardOutput == "GB  United Kingdom — Azure reservations: available\n")
        let usa = try CSPPortalCommand.run(["markets", "USA", "--lang", "fr"])
        #expect(usa.standardOutput == "US  États-Unis — Réservations Azure : disponibles\n")
        let tahiti = try CSPPortalCommand.run(["markets", "Tahiti"])
        #expect(tahiti.standardOutput == "PF  French Polynesia — Azure reservations: not available\n")
        let cuba = try CSPPortalCommand.run(["markets", "cuba", "--json"])
        #expect(cuba.status == 0)
        #expect(cuba.standardOutput.contains(#""azureReservationsAvailable": false"#))
        #expect(cuba.standardOutput.contains(#""microsoftSellsHere": false"#))
        let cubaText = try CSPPortalCommand.run(["markets", "CU"])
        #expect(cubaText.standardOutput.hasPrefix("CU  Cuba — Microsoft does not sell in this market (comprehensive embargo)"))
        let typo = try CSPPortalCommand.run(["markets", "usb"])
        #expect(typo.status == 1)
        #expect(typo.standardError.contains("Did you mean: United States?"))
    }

    @Test("The markets page searches the same keys: each row carries its code first, then every name, whole between bars")
    func pageKeys() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("markets/index.html")
        let rows = "//table[@id='markets']/tbody/tr"
        let gb = try #require(page.text("\(rows)[td[2]='GB']/@data-search"))
        #expect(gb.hasPrefix("|gb|united kingdom|royaume uni|"))
        #expect(gb.contains("|uk|") && gb.contains("|great britain|"))
        #expect(page.text("\(rows)[td[2]='PF']/@data-search")?.contains("|tahiti|") == true)
        #expect(page.text("\(rows)[td[2]='LC']/@data-search") == "|lc|saint lucia|saint lucie|")
        // The page's own fold handles "St" and full stops as MarketDirectory.searchFold does.
        #expect(MarketDirectory.searchFold("St. Lucia") == "saint lucia")
        #expect(MarketDirectory.searchFold("Ste-Lucie") == "saint lucie")
        #expect(MarketDirectory.searchFold("Congo (RDC)") == "congo rdc")
        let script = try #require(page.text("//script"))
        #expect(script.contains("st: true, ste: true, sainte: true") && script.contains(#"replace(/\./g, "")"#))
        #expect(page.text("//*[@id='market-count']/@data-one-counts") == "1")
        #expect(try scratch.page("markets/fr.html").text("//*[@id='market-count']/@data-one-counts") == "0|1")
    }
}
