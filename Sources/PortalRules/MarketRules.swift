import PortalRecords

/// What depends on the customer's market: the country of its billing address.
public struct MarketRules: Sendable {
    let excludedCodes: Set<String>

    /// - Parameter excludedMarkets: the seed's table of markets without Azure reservations (R16).
    public init(excludedMarkets: [ReservationExcludedMarket]) {
        self.excludedCodes = Set(excludedMarkets.map { $0.code.uppercased() })
    }

    /// R16: Azure reservations are not available in the markets of the seed's table, nor where
    /// Microsoft sells nothing at all (`isUnderEmbargo`).
    public func azureReservationsAvailable(country: String) -> Bool {
        !excludedCodes.contains(country.uppercased()) && !Self.isUnderEmbargo(country: country)
    }

    /// The countries under a comprehensive embargo, where Microsoft sells no product or service:
    /// Cuba, Iran, North Korea and Syria. The seed's table does not list them because nothing is
    /// sold there at all, which a table of what is missing from a market cannot say (docs/rules.md, R16).
    public static let embargoedCountries: Set<String> = ["CU", "IR", "KP", "SY"]

    public static func isUnderEmbargo(country: String) -> Bool {
        embargoedCountries.contains(country.uppercased())
    }

    /// R15: commercial prices exclude taxes, except in Australia and Brazil.
    public static func pricesIncludeTax(country: String) -> Bool {
        let code = country.uppercased()
        return code == "AU" || code == "BR"
    }
}
