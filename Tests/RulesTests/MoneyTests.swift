import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R3 refunds and credits, R4 full credit, R9 installments; half-up rounding to the minor unit.
@Suite("Refunds, credits and installments")
struct MoneyTests {
    @Test("Rounding is half-up to the currency's minor unit", arguments: [
        ("0.005", "EUR", "0.01"),
        ("0.004", "EUR", "0.00"),
        ("2.675", "EUR", "2.68"),
        ("-0.005", "EUR", "-0.01"),
        ("1234.5", "EUR", "1234.50"),
        ("0.5", "JPY", "1"),
        ("0.4", "JPY", "0"),
        ("123456.5", "JPY", "123457"),
        ("1.0005", "BHD", "1.001"),
    ])
    func rounding(amount: String, code: String, expected: String) {
        #expect(Money(decimal(amount), times: 1, over: 1, currency: Currency(code: code)!)?.plainString == expected)
    }

    @Test("R3: prorated refund = termPrice x remaining / term, rounded half-up")
    func proratedRefund() {
        // One year 2026-11-18 → 2027-11-18 is 365 days; 2 days in, 363/365 of 1200.00 x 3 remains.
        let bought = purchase(purchasedAt: "2026-11-18T00:00:00Z", quantity: 3, unitPrice: "1200.00")
        let facts = PurchaseEvaluation.evaluate(bought, asOf: at("2026-11-20T00:00:00Z"))
        // 3600 x 363 / 365 = 3580.27397…
        #expect(facts.refundEstimate?.plainString == "3580.27")
    }

    @Test("R3: a half cent rounds up")
    func halfCentRefund() {
        // A 30-day month (P1M from Nov 1): 15 days left of 0.01 x 1 = 0.005 → 0.01.
        let bought = purchase(purchasedAt: "2026-11-01T00:00:00Z", term: .oneMonth, unitPrice: "0.01")
        let facts = PurchaseEvaluation.evaluate(bought, asOf: at("2026-11-16T00:00:00Z"))
        #expect(facts.refundEstimate == nil, "the R2 window closed on Nov 8")
        let credit = PurchaseEvaluation.evaluate(
            purchase(purchasedAt: "2026-11-01T00:00:00Z", term: .oneMonth, unitPrice: "0.01", cancelledAt: "2026-11-16T00:00:00Z"),
            asOf: at("2026-11-20T00:00:00Z")).credit
        #expect(credit?.plainString == "0.01")
    }

    @Test("R3 in JPY: no minor unit")
    func yen() {
        let bought = purchase(purchasedAt: "2026-11-17T18:00:00Z", quantity: 3, unitPrice: "123457", currency: jpy)
        let facts = PurchaseEvaluation.evaluate(bought, asOf: at("2026-11-20T06:00:00Z"))
        // 370371 x (365 days - 2.5 days) / 365 days = 367834.18… → 367834
        #expect(facts.refundEstimate?.plainString == "367834")
        #expect(facts.installment?.plainString == "370371")
    }

    @Test("R4: perpetual refund and credit are 100% of the price")
    func perpetualCredit() {
        let bought = purchase(kind: .perpetual, purchasedAt: "2026-10-20T09:15:00Z", quantity: 25, unitPrice: "132.40")
        #expect(PurchaseEvaluation.evaluate(bought, asOf: at("2026-10-21T00:00:00Z")).refundEstimate?.plainString == "3310.00")
        let cancelled = purchase(kind: .perpetual, purchasedAt: "2026-10-20T09:15:00Z", quantity: 25, unitPrice: "132.40", cancelledAt: "2026-10-25T11:00:00Z")
        let facts = PurchaseEvaluation.evaluate(cancelled, asOf: at("2026-11-25T00:00:00Z"))
        #expect(facts.status == .cancelled)
        #expect(facts.credit?.plainString == "3310.00")
    }

    @Test("R3 credit is computed at cancelledAt, not at as-of")
    func creditAtCancellation() {
        let cancelled = purchase(purchasedAt: "2026-11-01T09:00:00Z", term: .oneMonth, quantity: 2, unitPrice: "1152.90", cancelledAt: "2026-11-03T12:00:00Z")
        // 2305.80 x 669 h / 720 h = 2142.4725 → 2142.47, whatever the as-of.
        for asOf in ["2026-11-03T12:30:00Z", "2026-11-25T00:00:00Z", "2027-05-01T00:00:00Z"] {
            #expect(PurchaseEvaluation.evaluate(cancelled, asOf: at(asOf)).credit?.plainString == "2142.47")
        }
    }

    @Test("R9: installment = termPrice x period / term", arguments: [
        (Term.threeYears, BillingPlan.annual, "3000.00", "1000.00"),
        (.threeYears, .triennial, "3000.00", "3000.00"),
        (.oneYear, .monthly, "1000.00", "83.33"),
        (.oneYear, .annual, "1000.00", "1000.00"),
        (.oneMonth, .monthly, "8.91", "8.91"),
    ])
    func installment(term: Term, plan: BillingPlan, price: String, expected: String) {
        let product = plan == .monthly && term == .oneYear ? "Windows Server 2022 Remote Desktop Services - 1 User CAL" : "SQL Server 2022 Standard"
        let bought = purchase(product: product, purchasedAt: "2026-01-10T00:00:00Z", term: term, billing: plan, unitPrice: price)
        #expect(BillingRules.installment(for: bought, plan: plan)?.plainString == expected)
    }
}
