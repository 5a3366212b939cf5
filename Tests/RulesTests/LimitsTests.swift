import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// No amount and no date is ever shown wrong because it does not fit (#17): unit_price
/// 999999999999999 x quantity 1000000 showed 92,233,720,368,547,758.07 (Int64 clamped) everywhere,
/// and a date in 9999 gave terms ending in year 10000. Each is a data error at its line and field.
@Suite("Amounts and dates that do not fit")
struct LimitsTests {
    @Test("Money: an amount past Int64 minor units is nil, not clamped; the largest one is exact")
    func moneyRange() {
        let largest = ExactDecimal(significand: .max, scale: 2)
        #expect(Money(largest, times: 1, over: 1, currency: eur)?.plainString == "92233720368547758.07")
        #expect(Money(largest, times: 2, over: 1, currency: eur) == nil)
        #expect(Money(largest, times: -1, over: 1, currency: eur)?.plainString == "-92233720368547758.07")
        // R3's intermediate products (price x quantity x milliseconds) past Int128: nil, not a trap.
        #expect(Money(largest, times: Int128(Int64.max) * Int128(Int64.max), over: 3, currency: eur) == nil)
        // The same ratio reduced is exact: overflow is judged on the amount, not on how it is written.
        #expect(Money(decimal("999999999999999"), times: 1_000_000 * 3, over: 3_000_000, currency: eur)?.plainString == "999999999999999.00")
    }

    @Test("R3/R9: unit_price x quantity that cannot be shown is an error at unit_price, not 92,233,720,368,547,758.07")
    func termPriceOverflow() {
        let huge = purchase(purchasedAt: "2026-11-20", quantity: 1_000_000, unitPrice: "999999999999999")
        let found = PurchaseChecks.diagnostics(for: huge)
        #expect(found.map(\.description) == [
            "orders.csv:2: error: unit_price: unit_price x quantity (1000000) is more than the largest amount csp-portal can show, 92233720368547758.07 EUR (999999999999999)",
        ])
        // What the rules compute from it is absent rather than wrong (the error stops the build).
        let facts = PurchaseEvaluation.evaluate(huge, asOf: at("2026-11-21T00:00:00Z"))
        #expect(facts.termPrice == nil && facts.refundEstimate == nil && facts.installment == nil)
    }

    @Test("The largest price x quantity that fits passes; one unit more is an error", arguments: [
        ("999999999999999", eur, 92, false), ("999999999999999", eur, 93, true),
        ("999999999999999", jpy, 9_223, false), ("999999999999999", jpy, 9_224, true),
    ])
    func boundary(price: String, currency: Currency, quantity: Int, fails: Bool) {
        let bought = purchase(purchasedAt: "2026-11-20", quantity: quantity, unitPrice: price, currency: currency)
        #expect(PurchaseChecks.diagnostics(for: bought).contains { $0.field == "unit_price" } == fails)
        if !fails {
            // Refunds, credits and installments are parts of it: they fit too.
            let facts = PurchaseEvaluation.evaluate(bought, asOf: at("2026-11-21T00:00:00Z"))
            #expect(facts.termPrice != nil && facts.refundEstimate != nil && facts.installment != nil)
            let cancelled = purchase(purchasedAt: "2026-11-20", quantity: quantity, unitPrice: price, currency: currency,
                                     commitmentEnd: "9999-11-20", cancelledAt: "2026-11-20T12:00:00Z")
            #expect(PurchaseEvaluation.evaluate(cancelled, asOf: at("2026-11-21T00:00:00Z")).credit != nil)
        }
    }

    func errors(_ purchases: [Purchase], devices: [Device] = [], asOf: String = "2026-11-25T00:00:00Z") -> [String] {
        let input = PortalInput(site: SiteSettings(partnerName: "P"), customers: [Customer(id: "C-1", name: "A", country: "FR")],
                                purchases: purchases, excludedMarkets: [], devices: devices, activity: ActivityLog(), users: [])
        return SiteEvaluation.evaluate(input, asOf: at(asOf)).diagnostics.errors.map(\.description)
    }

    @Test("R7: a term computed to end after 9999-12-31 is an error at purchased_at")
    func termPastYear9999() {
        #expect(errors([purchase(purchasedAt: "9999-06-01", autoRenew: false)], asOf: "9999-07-01T00:00:00Z") == [
            "orders.csv:2: error: purchased_at: its current term would end on 10000-06-01T00:00:00Z, after 9999-12-31, the last date csp-portal can write (9999-06-01T00:00:00Z)",
        ])
        #expect(errors([purchase(purchasedAt: "9998-12-31T23:59:59Z", autoRenew: false)]).isEmpty)
    }

    @Test("R7: at as-of 9999-12-31T23:59:59Z a renewing subscription's current term would end in 10000")
    func asOfAtTheEnd() {
        #expect(errors([purchase(purchasedAt: "2026-01-01")], asOf: "9999-12-31T23:59:59Z") == [
            "orders.csv:2: error: purchased_at: its current term would end on 10000-01-01T00:00:00Z, after 9999-12-31, the last date csp-portal can write (2026-01-01T00:00:00Z)",
        ])
    }

    @Test("R7: a commitment end that anchors terms into 10000 is an error at commitment_end")
    func commitmentEnd() {
        let anchored = purchase(purchasedAt: "2026-01-01", commitmentEnd: "9999-12-01")
        #expect(errors([anchored], asOf: "9999-12-15T00:00:00Z").first?.hasPrefix("orders.csv:2: error: commitment_end: its current term would end on 10000-12-01") == true)
    }

    @Test("R4: a perpetual purchase whose 30-day window closes in 10000")
    func perpetualWindow() {
        #expect(errors([purchase(kind: .perpetual, purchasedAt: "9999-12-15")], asOf: "9999-12-20T00:00:00Z") == [
            "orders.csv:2: error: purchased_at: its cancellation window would close on 10000-01-14T00:00:00Z, after 9999-12-31, the last date csp-portal can write (9999-12-15T00:00:00Z)",
        ])
    }

    @Test("R14: a device whose 180 days run past 9999-12-31 is an error at last_kms_activation")
    func deviceDeadline() {
        let device = Device(name: "PC-1", customerId: "C-1", lastKMSActivation: at("9999-10-01"), source: SourceLocation(file: "devices.csv", line: 4))
        #expect(errors([], devices: [device], asOf: "9999-10-02T00:00:00Z") == [
            "devices.csv:4: error: last_kms_activation: its KMS activation would lapse on 10000-03-29T00:00:00Z (R14: 180 days), after 9999-12-31, the last date csp-portal can write (9999-10-01T00:00:00Z)",
        ])
    }
}
