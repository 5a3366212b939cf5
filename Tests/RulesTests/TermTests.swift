import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R6 auto-renewal, R7 terms and calendar arithmetic, R8 visibility.
@Suite("Terms and renewal")
struct TermTests {
    @Test("R6: bought on or after 2021-10-14 renews by default; before never renews", arguments: [
        ("2021-10-13T23:59:59Z", nil as Bool?, false),
        ("2021-10-13T23:59:59Z", true, false),
        ("2021-10-14T00:00:00Z", nil, true),
        ("2021-10-14T00:00:00Z", false, false),
        ("2021-10-14T00:00:00Z", true, true),
    ])
    func autoRenewal(purchasedAt: String, input: Bool?, expected: Bool) {
        #expect(AutoRenewal.isEffective(for: purchase(purchasedAt: purchasedAt, autoRenew: input)) == expected)
    }

    @Test("R6: perpetual software never renews")
    func perpetualNeverRenews() {
        #expect(!AutoRenewal.isEffective(for: purchase(kind: .perpetual, purchasedAt: "2026-01-01", autoRenew: true)))
    }

    @Test("R8: listed on the Subscriptions page from 2021-10-14 only", arguments: [
        ("2021-10-13T23:59:59Z", PurchaseKind.subscription, false),
        ("2021-10-14T00:00:00Z", .subscription, true),
        ("2021-10-14T00:00:00Z", .softwarePlan, true),
        ("2026-10-14T00:00:00Z", .perpetual, false),
    ])
    func visibility(purchasedAt: String, kind: PurchaseKind, expected: Bool) {
        let facts = PurchaseEvaluation.evaluate(purchase(kind: kind, purchasedAt: purchasedAt), asOf: at("2026-11-25"))
        #expect(facts.listedInSubscriptions == expected)
    }

    @Test("R7: Jan 31 + P1M is the last day of February, then the 31st again")
    func monthEnds() {
        let schedule = TermSchedule(purchasedAt: at("2026-01-31T10:00:00Z"), term: .oneMonth, renews: true)
        #expect(schedule.end(ofTerm: 0) == at("2026-02-28T10:00:00Z"))
        #expect(schedule.end(ofTerm: 1) == at("2026-03-31T10:00:00Z"))
        #expect(schedule.term(containing: at("2026-11-25T00:00:00Z")) ==
                TermInterval(index: 9, start: at("2026-10-31T10:00:00Z"), end: at("2026-11-30T10:00:00Z")))
    }

    @Test("R7: a leap-year Jan 31 + P1M is Feb 29")
    func leapFebruary() {
        #expect(TermSchedule(purchasedAt: at("2028-01-31"), term: .oneMonth, renews: true).end(ofTerm: 0) == at("2028-02-29"))
    }

    @Test("R7: Feb 29 + P1Y is Feb 28; + P3Y too; + 4 years is Feb 29 again")
    func leapDay() {
        let yearly = TermSchedule(purchasedAt: at("2024-02-29T06:00:00Z"), term: .oneYear, renews: true)
        #expect(yearly.end(ofTerm: 0) == at("2025-02-28T06:00:00Z"))
        #expect(yearly.end(ofTerm: 3) == at("2028-02-29T06:00:00Z"))
        #expect(TermSchedule(purchasedAt: at("2024-02-29"), term: .threeYears, renews: true).end(ofTerm: 0) == at("2027-02-28"))
    }

    @Test("R7: the current term; a non-renewing purchase expires at the end of its only term", arguments: [
        ("2027-11-18T09:59:59Z", ProductStatus.active),
        ("2027-11-18T10:00:00Z", .expired),
        ("2027-11-18T10:00:01Z", .expired),
    ])
    func expiry(asOf: String, expected: ProductStatus) {
        let once = purchase(purchasedAt: "2026-11-18T10:00:00Z", autoRenew: false)
        let facts = PurchaseEvaluation.evaluate(once, asOf: at(asOf))
        #expect(facts.status == expected)
        #expect(facts.term?.end == at("2027-11-18T10:00:00Z"), "an expired purchase shows its last term")
    }

    @Test("R7: a renewing purchase moves to its next term at the end instant")
    func renewal() {
        let renewing = purchase(purchasedAt: "2026-11-18T10:00:00Z")
        #expect(PurchaseEvaluation.evaluate(renewing, asOf: at("2027-11-18T09:59:59Z")).term?.index == 0)
        let next = PurchaseEvaluation.evaluate(renewing, asOf: at("2027-11-18T10:00:00Z"))
        #expect(next.term?.index == 1)
        #expect(next.status == .active)
    }

    @Test("R7: a commitment end from Partner Center wins over the computed one")
    func commitmentEnd() {
        let given = purchase(purchasedAt: "2023-03-15T18:00:00Z", commitmentEnd: "2027-03-20T00:00:00Z")
        let facts = PurchaseEvaluation.evaluate(given, asOf: at("2026-11-25"))
        #expect(facts.term?.end == at("2027-03-20T00:00:00Z"))
        #expect(facts.nextChargeDate != nil)
    }

    @Test("The current term of a cancelled purchase contains cancelledAt")
    func cancelledTerm() {
        let cancelled = purchase(purchasedAt: "2025-11-20T08:00:00Z", cancelledAt: "2026-11-21T08:00:00Z")
        let facts = PurchaseEvaluation.evaluate(cancelled, asOf: at("2027-06-01"))
        #expect(facts.term?.start == at("2026-11-20T08:00:00Z"))
        #expect(facts.status == .cancelled)
    }
}
