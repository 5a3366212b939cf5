import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// The data errors and warnings only the rules can see.
@Suite("Rule checks")
struct ChecksTests {
    func fields(_ purchase: Purchase) -> [String] {
        PurchaseChecks.diagnostics(for: purchase).map { "\($0.severity.rawValue):\($0.field ?? "")" }
    }

    @Test("R13: KMS is a data error, MAK and none are not")
    func kms() {
        #expect(fields(purchase(purchasedAt: "2026-01-01", activation: .kms)) == ["error:activation"])
        #expect(fields(purchase(purchasedAt: "2026-01-01", activation: .mak)).isEmpty)
        #expect(fields(purchase(purchasedAt: "2026-01-01", activation: .none)).isEmpty)
    }

    @Test("R5: a cancelled RedHat or SUSE plan is a data error")
    func cancelledRedHat() {
        #expect(fields(purchase(kind: .softwarePlan, publisher: "RedHat", purchasedAt: "2026-01-01", cancelledAt: "2026-01-02")) == ["error:cancelled_at"])
        #expect(fields(purchase(kind: .softwarePlan, publisher: "Red Hat", purchasedAt: "2026-01-01", cancelledAt: "2026-01-02")) == ["error:cancelled_at"])
        #expect(fields(purchase(kind: .softwarePlan, publisher: "SUSE", purchasedAt: "2026-01-01", cancelledAt: "2026-01-02")) == ["error:cancelled_at"])
    }

    @Test("R9: a billing plan R9 does not offer is a data error", arguments: [
        (Term.oneYear, BillingPlan.monthly, "2026-01-01"),
        (.threeYears, .annual, "2021-10-21"),
        (.oneMonth, .annual, "2026-01-01"),
        (.oneYear, .oneTime, "2026-01-01"),
    ])
    func billing(term: Term, plan: BillingPlan, purchasedAt: String) {
        #expect(fields(purchase(purchasedAt: purchasedAt, term: term, billing: plan)) == ["error:billing"])
    }

    @Test("R6: true on a purchase bought before 2021-10-14 is a warning, not an error")
    func oldAutoRenew() {
        #expect(fields(purchase(purchasedAt: "2021-10-13T23:59:59Z", autoRenew: true)) == ["warning:auto_renew"])
        #expect(fields(purchase(purchasedAt: "2021-10-14T00:00:00Z", autoRenew: true)).isEmpty)
    }

    @Test("Impossible dates are errors")
    func dates() {
        #expect(fields(purchase(purchasedAt: "2026-01-10", cancelledAt: "2026-01-09")) == ["error:cancelled_at"])
        #expect(fields(purchase(purchasedAt: "2026-01-10", commitmentEnd: "2026-01-10")) == ["error:commitment_end"])
    }
}
