import Foundation
import PortalLoad
import PortalRecords
import PortalViewModels
import PortalTestSupport
import Testing

@Suite("Markets (R16)")
struct MarketsTests {
    static let directory = MarketDirectory(excludedMarkets: BuiltInMarkets.reservationExcluded, countries: BuiltInCountries.all)

    @Test("The seed's entries keep their spellings; shared codes stay separate entries")
    func seedSpellings() {
        let seed = BuiltInMarkets.reservationExcluded
        #expect(seed.count == 109)
        #expect(Set(seed.map(\.code)).count == 106)
        #expect(seed.contains { $0.frenchName == "La réunion" && $0.code == "RE" })
        #expect(seed.contains { $0.frenchName == "Aland (îles)" && $0.code == "AX" })
        #expect(seed.filter { $0.code == "BQ" }.count == 3)
        #expect(seed.filter { $0.code == "SJ" }.count == 2)
        #expect(seed.contains { $0.code == "XK" })
    }

    @Test("Every ISO country is in the table once unless the seed lists it")
    func countries() {
        #expect(BuiltInCountries.all.count == 250)
        #expect(Self.directory.entries.count == 109 + 250 - 106)
        #expect(BuiltInCountries.all.first { $0.code == "KR" }?.frenchName == "République de Corée")
    }

    @Test("Search by code or name, in either language, ignoring case and accents", arguments: [
        ("reunion", ["RE"], false),
        ("Réunion", ["RE"], false),
        ("RE", ["RE"], false),
        ("re", ["RE"], false),
        ("guam", ["GU"], false),
        ("cote d'ivoire", ["CI"], true),
        ("Côte d’Ivoire", ["CI"], true),
        ("allemagne", ["DE"], true),
        ("GERMANY", ["DE"], true),
        ("saint-eustache", ["BQ"], false),
        ("svalbard", ["SJ"], false),
        ("kosovo", ["XK"], false),
    ])
    func search(query: String, codes: [String], available: Bool) {
        let matches = Self.directory.search(query)
        #expect(Set(matches.map(\.code)) == Set(codes), "\(query): \(matches.map(\.code))")
        #expect(matches.allSatisfy { $0.azureReservationsAvailable == available })
    }

    @Test("No match suggests the closest names")
    func suggestions() {
        #expect(Self.directory.search("frnace").isEmpty)
        #expect(Self.directory.suggestions(for: "frnace", language: .en).first == "France")
        #expect(Self.directory.suggestions(for: "allemgne", language: .fr).first == "Allemagne")
        #expect(Self.directory.suggestions(for: "zzzzzzzzzzzz", language: .en).isEmpty)
    }

    @Test("The markets page: one row per entry, both languages, a search box that works offline")
    func page() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let english = try scratch.page("markets/index.html")
        let rows = "//table[@id='markets']/tbody/tr"
        #expect(english.count(rows) == 253)
        #expect(english.count("\(rows)/td[@class='unavailable']") == 109)
        #expect(english.texts("\(rows)[td[2]='BQ']/th") == ["Bonaire", "Saba", "Sint Eustatius"])
        #expect(english.text("\(rows)[td[2]='RE']/td[1]") == "La Réunion")
        #expect(english.text("\(rows)[td[2]='CI']/@data-search") == "|ci|cote d'ivoire|ivory coast|")
        #expect(english.text("//label[@for='market-search']") == "Search a market by name or code")
        #expect(english.count("//input[@id='market-search'][@type='search']") == 1)
        #expect(english.text("//*[@id='market-count']/@aria-live") == "polite")
        #expect(english.text("//a[@hreflang='fr']/@href") == "fr.html")
        let french = try scratch.page("markets/fr.html")
        #expect(french.text("/html/@lang") == "fr")
        #expect(french.text("\(rows)[td[2]='DE']/th") == "Allemagne")
        #expect(french.text("//a[@hreflang='en']/@href") == "index.html")
    }

    @Test("Portals and the overview name the customer's market")
    func customerMarket() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let reunion = try scratch.page(scratch.portalPath(of: SampleIds.reunion))
        #expect(reunion.texts("//header/p")[2] == "Marché : La Réunion (RE)")
        let overview = try scratch.page("index.html")
        #expect(overview.text("//table[@id='customer-table']/tbody/tr[th/a='Kangaroo Freight Pty Ltd']/td[1]") == "Australia (AU)")
        #expect(overview.text("//header//a/@href") == "markets/index.html")
    }
}
