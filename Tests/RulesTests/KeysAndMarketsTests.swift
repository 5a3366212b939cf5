import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R15, R16, R17, R18.
@Suite("Keys and markets")
struct KeysAndMarketsTests {
    @Test("R17: key status by delivery; R11: revoked after a cancellation; expiry revokes nothing", arguments: [
        (Delivery.keyAndDownload, false, KeyStatus.available),
        (.licenseOnly, false, .notApplicable),
        (.instructions, false, .notApplicable),
        (.keyAndDownload, true, .revoked),
        (.licenseOnly, true, .revoked),
    ])
    func keyStatus(delivery: Delivery, cancelled: Bool, expected: KeyStatus) {
        #expect(KeyRules.status(delivery: delivery, isCancelled: cancelled) == expected)
    }

    @Test("R17: an expired purchase keeps its keys")
    func expiredKeepsKeys() {
        let expired = purchase(purchasedAt: "2021-06-01T10:00:00Z", term: .threeYears, productKey: "PMBDC-FXVM3-T777P-N4FY8-PKFF4")
        let facts = PurchaseEvaluation.evaluate(expired, asOf: at("2026-11-25"))
        #expect(facts.status == .expired)
        #expect(facts.keyStatus == .available)
        #expect(facts.maskedKey == "XXXXX-XXXXX-XXXXX-XXXXX-PKFF4")
    }

    @Test("R18: at most the last 5 characters of a key", arguments: [
        ("VK7JG-NPHTM-C97JM-9MPGT-3V66T", "XXXXX-XXXXX-XXXXX-XXXXX-3V66T"),
        ("vk7jgnphtmc97jm9mpgt3v66t", "XXXXX-XXXXX-XXXXX-XXXXX-3V66T"),
        ("SHORT", "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"),
        ("", "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"),
    ])
    func masking(key: String, expected: String) {
        let masked = KeyRules.maskedKey(key)
        #expect(masked == expected)
        #expect(!masked.contains(key.prefix(5).uppercased()) || key.count < 6)
    }

    @Test("R15: prices include tax in Australia and Brazil only", arguments: [
        ("AU", true), ("BR", true), ("br", true), ("FR", false), ("US", false), ("NZ", false),
    ])
    func tax(country: String, expected: Bool) {
        #expect(MarketRules.pricesIncludeTax(country: country) == expected)
    }

    @Test("R16: markets of the excluded list have no Azure reservations; shared codes count once")
    func reservations() {
        let markets = MarketRules(excludedMarkets: [
            ReservationExcludedMarket(frenchName: "Bonaire", englishName: "Bonaire", code: "BQ"),
            ReservationExcludedMarket(frenchName: "Saba", englishName: "Saba", code: "BQ"),
            ReservationExcludedMarket(frenchName: "La réunion", englishName: "Réunion", code: "RE"),
        ])
        #expect(!markets.azureReservationsAvailable(country: "BQ"))
        #expect(!markets.azureReservationsAvailable(country: "re"))
        #expect(markets.azureReservationsAvailable(country: "FR"))
    }
}
