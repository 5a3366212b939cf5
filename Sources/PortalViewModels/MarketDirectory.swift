import Foundation
import PortalRecords
import PortalRules

/// One market of the availability table: a seed entry (R16, Azure reservations not available) or a
/// country outside the seed's table (available, unless Microsoft sells nothing there at all).
public struct MarketEntry: Hashable, Sendable {
    public let code: String
    public let englishName: String
    public let frenchName: String
    public let azureReservationsAvailable: Bool
    /// Microsoft sells nothing in this market: a comprehensive embargo (`MarketRules.isUnderEmbargo`).
    public let embargoed: Bool
    /// Everything a query may equal, folded by `MarketDirectory.searchFold`: the code first, then
    /// the names shown, the seed's and ISO's spellings and the names people type ("uk", "tahiti").
    public let searchKeys: [String]

    public func name(in language: PortalLanguage) -> String {
        language == .fr ? frenchName : englishName
    }
}

/// The market availability table, and its search: by code or by name in either language,
/// ignoring case, accents and the kind of apostrophe.
public struct MarketDirectory: Sendable {
    /// The seed's entries, then every other country; sorted by English name. Each market has one
    /// name in each language, the one every page shows (`name(of:in:)`); only the markets that
    /// share a code in the seed's table (Bonaire, Saba and Sint Eustatius are all BQ) keep the
    /// seed's names, as they are one country to ISO and three markets to Microsoft.
    public let entries: [MarketEntry]

    public init(excludedMarkets: [ReservationExcludedMarket], countries: [Country]) {
        let countryNames = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.countryNames = countryNames
        let seedCount = Dictionary(excludedMarkets.map { ($0.code, 1) }, uniquingKeysWith: +)
        func names(of code: String) -> (english: String, french: String)? {
            MarketNames.preferred[code] ?? countryNames[code].map { ($0.englishName, $0.frenchName) }
        }
        // What a query may equal for every entry of a code: its code, its names and the ones people type.
        func keys(of code: String, _ spellings: [String]) -> [String] {
            var keys = [code.lowercased()]
            var others = spellings
            if let shown = names(of: code) { others += [shown.english, shown.french] }
            if let country = countryNames[code] { others += [country.englishName, country.frenchName] }
            others += MarketNames.aliases[code] ?? []
            for key in others.map(Self.searchFold) where !key.isEmpty && !keys.contains(key) { keys.append(key) }
            return keys
        }
        let excludedCodes = Set(excludedMarkets.map(\.code))
        var entries = excludedMarkets.map { market in
            let shown = seedCount[market.code] == 1 ? names(of: market.code) : nil
            return MarketEntry(code: market.code, englishName: shown?.english ?? market.englishName, frenchName: shown?.french ?? market.frenchName,
                               azureReservationsAvailable: false, embargoed: MarketRules.isUnderEmbargo(country: market.code),
                               searchKeys: keys(of: market.code, [market.englishName, market.frenchName]))
        }
        entries += countries.filter { !excludedCodes.contains($0.code) }.map { country in
            let shown = names(of: country.code) ?? (country.englishName, country.frenchName)
            let embargoed = MarketRules.isUnderEmbargo(country: country.code)
            return MarketEntry(code: country.code, englishName: shown.english, frenchName: shown.french,
                               azureReservationsAvailable: !embargoed, embargoed: embargoed, searchKeys: keys(of: country.code, []))
        }
        self.entries = entries.sorted { (Self.fold($0.englishName), $0.code) < (Self.fold($1.englishName), $1.code) }
    }

    let countryNames: [String: Country]

    /// Lower case, no accents, one kind of apostrophe, hyphens and runs of spaces as one space:
    /// "Côte d’Ivoire" and "cote d'ivoire" fold alike.
    public static func fold(_ text: String) -> String {
        let plain = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
        return plain.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// `fold`, and what people type differently besides: no full stops ("U.S."), commas, brackets
    /// and slashes as spaces, and "St", "Ste", "Sainte" as "saint", so that "St Lucia",
    /// "Ste-Lucie" and "Saint Lucia" meet. The markets page's search box folds the same way
    /// (Templates/markets.mustache), so that the page and `csp-portal markets` agree.
    public static func searchFold(_ text: String) -> String {
        let words = fold(text).replacingOccurrences(of: ".", with: "")
            .split(whereSeparator: { " ,()/|".contains($0) })
        return words.map { Self.saintWords.contains(String($0)) ? "saint" : String($0) }.joined(separator: " ")
    }

    static let saintWords: Set<String> = ["st", "ste", "sainte"]

    /// The name of the market with this code, in `language`: the one name every page gives it;
    /// the code itself when unknown.
    public func name(of code: String, in language: PortalLanguage) -> String {
        if let preferred = MarketNames.preferred[code] { return language == .fr ? preferred.french : preferred.english }
        // ISO's name next: a shared code (BQ) has several seed entries, but one country name.
        if let country = countryNames[code] { return language == .fr ? country.frenchName : country.englishName }
        return entries.first { $0.code == code }?.name(in: language) ?? code
    }

    /// The entries a query means, best first: those whose code, name or other name it equals
    /// ("UK", "Tahiti", "Holy See") and those alone; else those with a name that begins with it,
    /// then those with a name that contains it.
    public func search(_ query: String) -> [MarketEntry] {
        let folded = Self.searchFold(query)
        guard !folded.isEmpty else { return entries }
        // A code is compared before "St" becomes "saint": ST is São Tomé and Príncipe.
        let code = Self.fold(query.trimmingCharacters(in: .whitespaces)).replacingOccurrences(of: ".", with: "")
        let exact = entries.filter { $0.searchKeys.first == code || $0.searchKeys.dropFirst().contains(folded) }
        if !exact.isEmpty { return exact }
        // Names only: a code is matched whole or not at all ("U" is not every code with a U).
        let prefixed = entries.filter { $0.searchKeys.dropFirst().contains { $0.hasPrefix(folded) } }
        let alreadyPrefixed = Set(prefixed)
        let containing = entries.filter { entry in
            !alreadyPrefixed.contains(entry) && entry.searchKeys.dropFirst().contains { $0.contains(folded) }
        }
        return prefixed + containing
    }

    /// Up to three names closest to a query that matched nothing (edit distance to any name or
    /// other name, closest first), for "did you mean". A short query allows one edit only: two
    /// edits turn "USA" into "Cuba".
    public func suggestions(for query: String, language: PortalLanguage) -> [String] {
        var cellsCompared = 0
        return suggestions(for: query, language: language, cellsCompared: &cellsCompared)
    }

    /// The same, counting in `cellsCompared` the cells of every edit-distance table filled: what
    /// tests hold a long query to, since a query is as long as the command line allows.
    func suggestions(for query: String, language: PortalLanguage, cellsCompared: inout Int) -> [String] {
        let folded = Array(Self.searchFold(query))
        guard !folded.isEmpty else { return [] }
        let limit = folded.count <= 4 ? 1 : max(2, folded.count / 3)
        let scored = entries.compactMap { entry -> (name: String, distance: Int)? in
            // Names whose length differs by more than the limit are that many edits away at least:
            // not compared, so that a query of a few thousand characters (found by fuzzing,
            // docs/fuzzing.md) costs nothing rather than seconds.
            let distance = entry.searchKeys.dropFirst().map(Array.init).filter { abs($0.count - folded.count) <= limit }.map { key in
                cellsCompared += folded.count * key.count
                return Self.distance(folded, key)
            }.min() ?? .max
            return distance <= limit ? (entry.name(in: language), distance) : nil
        }
        var seen: Set<String> = []
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .compactMap { seen.insert($0.name).inserted ? $0.name : nil }
            .prefix(3).map { $0 }
    }

    /// Levenshtein distance between two strings, by characters.
    static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b))
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, right) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
