import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R9: allowed billing plans, their dates and the next charge.
@Suite("Billing plans")
struct BillingTests {
    static let rdsCAL = "Windows Server 2022 Remote Desktop Services - 1 User CAL"

    @Test("R9: the plans each purchase may use, default first", arguments: [
        (PurchaseKind.subscription, Term.oneMonth, "SQL Server 2022", "2026-01-01", [BillingPlan.monthly]),
        (.subscription, .oneYear, "SQL Server 2022", "2026-01-01", [.annual]),
        (.subscription, .threeYears, "SQL Server 2022", "2021-10-21T23:59:59Z", [.triennial]),
        (.subscription, .threeYears, "SQL Server 2022", "2021-10-22", [.triennial, .annual]),
        (.subscription, .oneYear, rdsCAL, "2021-10-21T23:59:59Z", [.annual]),
        (.subscription, .oneYear, rdsCAL, "2021-10-22", [.annual, .monthly]),
        (.subscription, .oneYear, "remote desktop services cal 2022", "2026-01-01", [.annual, .monthly]),
        (.subscription, .oneYear, "Windows Server 2019 Remote Desktop Services - 1 User CAL", "2026-01-01", [.annual]),
        (.softwarePlan, .oneYear, "Red Hat Enterprise Linux", "2026-01-01", [.annual]),
        (.softwarePlan, .threeYears, "SUSE Linux Enterprise", "2026-01-01", [.triennial]),
        (.softwarePlan, .oneMonth, "SUSE Linux Enterprise", "2026-01-01", []),
        (.perpetual, .oneYear, "SQL Server 2022 Standard", "2026-01-01", [.oneTime]),
    ])
    func allowedPlans(kind: PurchaseKind, term: Term, product: String, purchasedAt: String, expected: [BillingPlan]) {
        #expect(BillingRules.allowedPlans(for: purchase(kind: kind, product: product, purchasedAt: purchasedAt, term: term)) == expected)
    }

    @Test("R9: next charge is the first billing date after as-of", arguments: [
        ("2026-03-10T08:59:59Z", "2026-03-10T09:00:00Z"),
        ("2026-03-10T09:00:00Z", "2026-04-10T09:00:00Z"),
        ("2026-03-10T09:00:01Z", "2026-04-10T09:00:00Z"),
    ])
    func nextCharge(asOf: String, expected: String) {
        let monthly = purchase(product: Self.rdsCAL, purchasedAt: "2026-01-10T09:00:00Z", billing: .monthly)
        #expect(PurchaseEvaluation.evaluate(monthly, asOf: at(asOf)).nextChargeDate == at(expected))
    }

    @Test("R9: billing dates count from the purchase, clamped like terms")
    func billingFromMonthEnd() {
        let monthly = purchase(purchasedAt: "2026-01-31T10:00:00Z", term: .oneMonth)
        #expect(PurchaseEvaluation.evaluate(monthly, asOf: at("2026-02-01")).nextChargeDate == at("2026-02-28T10:00:00Z"))
        #expect(PurchaseEvaluation.evaluate(monthly, asOf: at("2026-03-01")).nextChargeDate == at("2026-03-31T10:00:00Z"))
    }

    @Test("R9: nothing more is due for one_time, cancelled, expired, or past a non-renewing term's end")
    func noNextCharge() {
        #expect(PurchaseEvaluation.evaluate(purchase(kind: .perpetual, purchasedAt: "2026-11-01"), asOf: at("2026-11-02")).nextChargeDate == nil)
        #expect(PurchaseEvaluation.evaluate(purchase(purchasedAt: "2026-11-01", cancelledAt: "2026-11-02"), asOf: at("2026-11-03")).nextChargeDate == nil)
        // Annual billing of a P1Y that does not renew: the only charge was at purchase.
        let once = purchase(purchasedAt: "2026-09-15T07:30:00Z", autoRenew: false)
        #expect(PurchaseEvaluation.evaluate(once, asOf: at("2026-11-25")).nextChargeDate == nil)
        // P3Y billed annually, not renewing: charges on the two anniversaries inside the term only.
        let threeYears = purchase(purchasedAt: "2024-02-29T06:00:00Z", term: .threeYears, billing: .annual, autoRenew: false)
        #expect(PurchaseEvaluation.evaluate(threeYears, asOf: at("2026-11-25")).nextChargeDate == nil)
        #expect(PurchaseEvaluation.evaluate(threeYears, asOf: at("2025-11-25")).nextChargeDate == at("2026-02-28T06:00:00Z"))
        #expect(PurchaseEvaluation.evaluate(threeYears, asOf: at("2027-02-28T06:00:00Z")).status == .expired)
    }

    @Test("R9: an unset billing plan is the default one")
    func defaultPlan() {
        #expect(BillingRules.effectivePlan(for: purchase(purchasedAt: "2026-01-01", term: .threeYears)) == .triennial)
    }
}
