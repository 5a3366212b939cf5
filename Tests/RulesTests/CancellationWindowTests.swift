import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R2, R4, R5, R10 and "Statuses and windows": every deadline one second before, at and after.
@Suite("Cancellation windows")
struct CancellationWindowTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let purchase: Purchase
        let asOf: String
        let cancellable: Bool
        let deadline: String?
        let daysLeft: Int
        var testDescription: String { "\(rule) as of \(asOf)" }
    }

    static let subscription = purchase(purchasedAt: "2026-11-18T10:00:00Z")
    static let perpetual = purchase(kind: .perpetual, purchasedAt: "2026-11-01T12:00:00Z", unitPrice: "4157.00")
    static let renewed = purchase(purchasedAt: "2025-11-20T08:00:00Z")

    static let cases: [Case] = [
        // R2: [termStart, termStart + 7 days); exclusive at the deadline.
        Case(rule: "R2 first term, start", purchase: subscription, asOf: "2026-11-18T10:00:00Z", cancellable: true, deadline: "2026-11-25T10:00:00Z", daysLeft: 7),
        Case(rule: "R2 one second before", purchase: subscription, asOf: "2026-11-25T09:59:59Z", cancellable: true, deadline: "2026-11-25T10:00:00Z", daysLeft: 1),
        Case(rule: "R2 at the deadline", purchase: subscription, asOf: "2026-11-25T10:00:00Z", cancellable: false, deadline: "2026-11-25T10:00:00Z", daysLeft: 0),
        Case(rule: "R2 one second after", purchase: subscription, asOf: "2026-11-25T10:00:01Z", cancellable: false, deadline: "2026-11-25T10:00:00Z", daysLeft: 0),
        Case(rule: "R2 days left are started days", purchase: subscription, asOf: "2026-11-23T10:00:00Z", cancellable: true, deadline: "2026-11-25T10:00:00Z", daysLeft: 2),
        Case(rule: "R2 days left, one second more", purchase: subscription, asOf: "2026-11-23T09:59:59Z", cancellable: true, deadline: "2026-11-25T10:00:00Z", daysLeft: 3),
        // R2 + R7: every renewal opens a new 7-day window.
        Case(rule: "R2 renewal, one second before the new term", purchase: renewed, asOf: "2026-11-20T07:59:59Z", cancellable: false, deadline: "2025-11-27T08:00:00Z", daysLeft: 0),
        Case(rule: "R2 renewal, at the new term", purchase: renewed, asOf: "2026-11-20T08:00:00Z", cancellable: true, deadline: "2026-11-27T08:00:00Z", daysLeft: 7),
        Case(rule: "R2 renewal, one second before its deadline", purchase: renewed, asOf: "2026-11-27T07:59:59Z", cancellable: true, deadline: "2026-11-27T08:00:00Z", daysLeft: 1),
        Case(rule: "R2 renewal, at its deadline", purchase: renewed, asOf: "2026-11-27T08:00:00Z", cancellable: false, deadline: "2026-11-27T08:00:00Z", daysLeft: 0),
        // R4: perpetual software, [purchase, purchase + 30 days).
        Case(rule: "R4 one second before", purchase: perpetual, asOf: "2026-12-01T11:59:59Z", cancellable: true, deadline: "2026-12-01T12:00:00Z", daysLeft: 1),
        Case(rule: "R4 at the deadline", purchase: perpetual, asOf: "2026-12-01T12:00:00Z", cancellable: false, deadline: "2026-12-01T12:00:00Z", daysLeft: 0),
        Case(rule: "R4 one second after", purchase: perpetual, asOf: "2026-12-01T12:00:01Z", cancellable: false, deadline: "2026-12-01T12:00:00Z", daysLeft: 0),
        Case(rule: "R4 on the purchase instant", purchase: perpetual, asOf: "2026-11-01T12:00:00Z", cancellable: true, deadline: "2026-12-01T12:00:00Z", daysLeft: 30),
        // R5: RedHat and SUSE, never, whatever the dates.
        Case(rule: "R5 RedHat on day one", purchase: purchase(kind: .softwarePlan, publisher: "RedHat", purchasedAt: "2026-11-25T08:00:00Z"),
             asOf: "2026-11-25T08:00:00Z", cancellable: false, deadline: nil, daysLeft: 0),
        Case(rule: "R5 SUSE with a deadline given", purchase: purchase(kind: .softwarePlan, publisher: "suse", purchasedAt: "2026-11-25T08:00:00Z", cancellableUntil: "2026-12-01T00:00:00Z"),
             asOf: "2026-11-25T09:00:00Z", cancellable: false, deadline: nil, daysLeft: 0),
        // A deadline Partner Center gave wins over R2.
        Case(rule: "cancellable_until wins over R2", purchase: purchase(purchasedAt: "2026-11-18T10:00:00Z", cancellableUntil: "2026-11-26T00:00:00Z"),
             asOf: "2026-11-25T10:00:00Z", cancellable: true, deadline: "2026-11-26T00:00:00Z", daysLeft: 1),
        // No deadline for cancelled or expired purchases.
        Case(rule: "cancelled: no deadline", purchase: purchase(purchasedAt: "2026-11-18T10:00:00Z", cancelledAt: "2026-11-19T10:00:00Z"),
             asOf: "2026-11-20T10:00:00Z", cancellable: false, deadline: nil, daysLeft: 0),
        Case(rule: "R7 expired: no deadline", purchase: purchase(purchasedAt: "2020-01-10T10:00:00Z"),
             asOf: "2026-11-20T10:00:00Z", cancellable: false, deadline: nil, daysLeft: 0),
    ]

    @Test(arguments: cases)
    func window(_ example: Case) {
        let facts = PurchaseEvaluation.evaluate(example.purchase, asOf: at(example.asOf))
        #expect(facts.cancellable == example.cancellable)
        #expect(facts.cancellationDeadline == example.deadline.map(at))
        #expect(facts.cancellationDaysLeft == example.daysLeft)
        #expect((facts.refundEstimate != nil) == example.cancellable, "a refund estimate exactly while cancellable")
    }

    @Test("R10: cancellation processing for 15 minutes, then cancelled", arguments: [
        ("2026-11-25T09:00:00Z", ProductStatus.cancellationProcessing),
        ("2026-11-25T09:14:59Z", .cancellationProcessing),
        ("2026-11-25T09:15:00Z", .cancelled),
        ("2026-11-25T09:15:01Z", .cancelled),
        ("2026-11-25T08:59:59Z", .active),   // not yet cancelled at as-of
    ])
    func processing(asOf: String, expected: ProductStatus) {
        let cancelled = purchase(purchasedAt: "2026-11-24T09:00:00Z", cancelledAt: "2026-11-25T09:00:00Z")
        #expect(PurchaseEvaluation.evaluate(cancelled, asOf: at(asOf)).status == expected)
    }

    @Test("R11: a cancellation revokes the keys, also while processing")
    func revokedKeys() {
        let cancelled = purchase(purchasedAt: "2026-11-24T09:00:00Z", cancelledAt: "2026-11-25T09:00:00Z", productKey: "ABCDE-FGHIJ-KLMNO-PQRST-7KJ2P")
        let facts = PurchaseEvaluation.evaluate(cancelled, asOf: at("2026-11-25T09:05:00Z"))
        #expect(facts.keyStatus == .revoked)
        #expect(facts.maskedKey == nil)
    }
}
