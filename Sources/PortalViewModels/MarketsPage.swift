import PortalRecords

/// One row of the markets table.
public struct MarketRow: Sendable {
    public let code: String
    public let name: String
    public let otherName: String
    public let availability: String
    /// `available` or `unavailable`, for the CSS class.
    public let state: String
    /// Code and both names folded (no case, no accents), what the search box compares against.
    public let searchText: String
}

/// `Site/markets/…`: where Azure reservations are available (R16), searchable offline.
public struct MarketsPage: Sendable {
    public let lang: String
    public let t: [String: String]
    public let title: String
    public let intro: String
    public let rows: [MarketRow]
    public let countText: String
    public let shownOne: String
    public let shownOther: String
    public let otherLanguageLink: String
    public let otherLanguageName: String
    public let otherLang: String

    /// - Parameter otherLanguageLink: the same page in the other language, relative to this one.
    public init(_ directory: MarketDirectory, format: LocaleFormat, otherLanguage: PortalLanguage, otherLanguageLink: String) {
        let c = format.catalogue
        let language = c.language
        self.lang = language.rawValue
        self.t = c.strings
        self.title = c.text("marketsTitle")
        let unavailable = directory.entries.filter { !$0.azureReservationsAvailable }
        self.intro = c.text("marketsIntro", ["count": format.number(unavailable.count), "codes": format.number(Set(unavailable.map(\.code)).count)])
        let sorted = directory.entries.sorted { (MarketDirectory.fold($0.name(in: language)), $0.code) < (MarketDirectory.fold($1.name(in: language)), $1.code) }
        self.rows = sorted.map { entry in
            MarketRow(code: entry.code, name: entry.name(in: language), otherName: entry.name(in: otherLanguage),
                      availability: c.text(entry.azureReservationsAvailable ? "marketAvailable" : "marketUnavailable"),
                      state: entry.azureReservationsAvailable ? "available" : "unavailable",
                      searchText: MarketDirectory.fold("\(entry.code) \(entry.englishName) \(entry.frenchName)"))
        }
        self.shownOne = c.text("marketsShownOne")
        self.shownOther = c.text("marketsShownOther")
        self.countText = (rows.count == 1 ? shownOne : shownOther).replacingPlaceholder("count", with: format.number(rows.count))
        self.otherLanguageLink = otherLanguageLink
        self.otherLanguageName = c.text("languageName_\(otherLanguage.rawValue)")
        self.otherLang = otherLanguage.rawValue
    }
}
