import PortalRecords

/// One row of the markets table.
public struct MarketRow: Sendable {
    public let code: String
    public let name: String
    public let otherName: String
    public let availability: String
    /// `available`, `unavailable` or `embargoed`, for the CSS class.
    public let state: String
    /// What the search box compares against: every search key of the entry (code, names, other
    /// names people type) folded, each between bars (`|gb|united kingdom|uk|…|`), so that a query
    /// can be matched whole (`|uk|`) before it is looked for inside names.
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
        let listed = directory.entries.filter { !$0.azureReservationsAvailable && !$0.embargoed }
        let embargoed = directory.entries.filter(\.embargoed)
        self.intro = c.text("marketsIntro", [
            "markets": format.plural("countMarkets", count: listed.count),
            "codes": format.plural("countCountryCodes", count: Set(listed.map(\.code)).count),
            "embargoed": format.list(embargoed.map { $0.name(in: language) }.sorted { MarketDirectory.fold($0) < MarketDirectory.fold($1) }),
        ])
        let sorted = directory.entries.sorted { (MarketDirectory.fold($0.name(in: language)), $0.code) < (MarketDirectory.fold($1.name(in: language)), $1.code) }
        self.rows = sorted.map { entry in
            let (availability, state) = entry.embargoed ? ("marketEmbargoed", "embargoed")
                : entry.azureReservationsAvailable ? ("marketAvailable", "available") : ("marketUnavailable", "unavailable")
            return MarketRow(code: entry.code, name: entry.name(in: language), otherName: entry.name(in: otherLanguage),
                             availability: c.text(availability), state: state,
                             searchText: "|" + entry.searchKeys.joined(separator: "|") + "|")
        }
        self.shownOne = c.text("marketsShown.one")
        self.shownOther = c.text("marketsShown.other")
        self.countText = format.plural("marketsShown", count: rows.count)
        self.otherLanguageLink = otherLanguageLink
        self.otherLanguageName = c.text("languageName_\(otherLanguage.rawValue)")
        self.otherLang = otherLanguage.rawValue
    }
}
