import PortalRecords
import PortalRules
import PortalTestSupport
import Testing

/// What falls due within a horizon (`csp-portal due`, the overview's routine section), at its edges.
@Suite("Due events")
struct DueEventTests {
    let week = 7 * Instant.millisecondsPerDay

    @Test("R9: a three-year term billed annually has its next annual charge due, with the installment (a third of the term's price)")
    func nextAnnualChargeOfThreeYears() {
        let bought = purchase(purchasedAt: "2025-06-03T10:00:00Z", term: .threeYears, billing: .annual, quantity: 2, unitPrice: "300.00")
        let asOf = at("2026-05-30T09:00:00Z")
        let events = Attention.dueEvents(for: PurchaseEvaluation.evaluate(bought, asOf: asOf), asOf: asOf, within: week)
        #expect(events == [DueEvent(kind: .charge, deadline: at("2026-06-03T10:00:00Z"), amount: Money(minorUnits: 20000, currency: eur))])
    }

    @Test("The horizon is inclusive at its end and excludes what is already past (R2: the window's close)")
    func horizonEdges() {
        let bought = purchase(purchasedAt: "2026-05-29T12:00:00Z")
        let facts = PurchaseEvaluation.evaluate(bought, asOf: at("2026-05-30T09:00:00Z"))
        let deadline = facts.cancellationDeadline!
        let exactly = deadline.milliseconds(since: at("2026-05-30T09:00:00Z"))
        #expect(Attention.dueEvents(for: facts, asOf: at("2026-05-30T09:00:00Z"), within: exactly).map(\.kind) == [.cancellation])
        #expect(Attention.dueEvents(for: facts, asOf: at("2026-05-30T09:00:00Z"), within: exactly - 1).isEmpty)
    }
}
