import Foundation
import PortalRecords

/// One market of the availability table: a seed entry (R16, Azure reservations not available) or a
/// country outside the seed's table (available).
public struct MarketEntry: Hashable, Sendable {
    public let code: String
    public let englishName: String
    public let frenchName: String
    public let azureReservationsAvailable: Bool

    public func name(in language: PortalLanguage) -> String {
        language == .fr ? frenchName : englishName
    }
}

/// The market availability table, and its search: by code or by name in either language,
/// ignoring case, accents and the kind of apostrophe.
public struct MarketDirectory: Sendable {
    /// The seed's entries as the seed spells them, then every other country; sorted by English name.
    public let entries: [MarketEntry]

    public init(excludedMarkets: [ReservationExcludedMarket], countries: [Country]) {
        let excludedCodes = Set(excludedMarkets.map(\.code))
        var entries = excludedMarkets.map {
            MarketEntry(code: $0.code, englishName: $0.englishName, frenchName: $0.frenchName, azureReservationsAvailable: false)
        }
        entries += countries.filter { !excludedCodes.contains($0.code) }.map {
            MarketEntry(code: $0.code, englishName: $0.englishName, frenchName: $0.frenchName, azureReservationsAvailable: true)
        }
        self.entries = entries.sorted { (Self.fold($0.englishName), $0.code) < (Self.fold($1.englishName), $1.code) }
        self.countryNames = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
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

    /// The name of the market with this code, in `language`; the code itself when unknown.
    public func name(of code: String, in language: PortalLanguage) -> String {
        // ISO's name first: a shared code (BQ) has several seed entries, but one country name.
        if let country = countryNames[code] { return language == .fr ? country.frenchName : country.englishName }
        return entries.first { $0.code == code }?.name(in: language) ?? code
    }

    /// Entries whose code is the query, or whose name (either language) contains it.
    public func search(_ query: String) -> [MarketEntry] {
        let folded = Self.fold(query.trimmingCharacters(in: .whitespaces))
        guard !folded.isEmpty else { return entries }
        // A two-letter query that is a code means that code ("RE"), not every name containing "re".
        if folded.count == 2 {
            let byCode = entries.filter { $0.code.lowercased() == folded }
            if !byCode.isEmpty { return byCode }
        }
        return entries.filter { entry in
            entry.code.lowercased() == folded
                || Self.fold(entry.englishName).contains(folded)
                || Self.fold(entry.frenchName).contains(folded)
        }
    }

    /// Up to three names closest to a query that matched nothing (edit distance), for "did you mean".
    public func suggestions(for query: String, language: PortalLanguage) -> [String] {
        let folded = Self.fold(query)
        guard !folded.isEmpty else { return [] }
        let scored = entries.flatMap { entry in
            [entry.englishName, entry.frenchName].map { name in
                (name: entry.name(in: language), distance: Self.distance(folded, Self.fold(name)))
            }
        }
        let limit = max(2, folded.count / 3)
        var seen: Set<String> = []
        return scored.filter { $0.distance <= limit }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .compactMap { seen.insert($0.name).inserted ? $0.name : nil }
            .prefix(3).map { $0 }
    }

    /// Levenshtein distance between two strings, by characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
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
