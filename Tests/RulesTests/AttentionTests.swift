import PortalRecords
@testable import PortalRules
import PortalTestSupport
import Testing

/// What the partner's "Act now" list and a portal's emphasis call pressing, at the edges of their
/// horizons: 72 hours for a closing window (R2, R4), 30 days for terms (R6, R7) and devices (R14).
@Suite("Attention: what needs acting on, and how soon")
struct AttentionTests {
    static let bought = "2026-11-20T12:00:00Z"   // R2 window closes 2026-11-27T12:00:00Z

    @Test("R2: a window closing within 72 hours, inclusive, is urgent; one hour more is not", arguments: [
        ("2026-11-24T12:00:00Z", true),    // exactly 72 h before the deadline
        ("2026-11-24T11:59:59Z", false),   // 72 h and 1 s
        ("2026-11-27T11:59:59Z", true),    // 1 s before it closes
    ])
    func windowClosing(asOf: String, urgent: Bool) {
        let facts = PurchaseEvaluation.evaluate(purchase(purchasedAt: Self.bought), asOf: at(asOf))
        #expect(facts.cancellable)
        #expect(Attention.isClosingSoon(facts.cancellationDeadline!, asOf: at(asOf)) == urgent)
        let expected: Attention.PurchaseAction? = urgent ? .windowClosing(deadline: at("2026-11-27T12:00:00Z")) : nil
        #expect(Attention.action(for: facts, asOf: at(asOf)) == expected)
    }

    @Test("R2: a closed window is no longer an action")
    func windowClosed() {
        let facts = PurchaseEvaluation.evaluate(purchase(purchasedAt: Self.bought), asOf: at("2026-11-27T12:00:00Z"))
        #expect(!facts.cancellable)
        #expect(Attention.action(for: facts, asOf: at("2026-11-27T12:00:00Z")) == nil)
    }

    @Test("R10: a cancellation still processing is an action from its cancellation time")
    func processing() {
        let cancelled = purchase(purchasedAt: Self.bought, cancelledAt: "2026-11-21T09:00:00Z")
        let facts = PurchaseEvaluation.evaluate(cancelled, asOf: at("2026-11-21T09:14:59Z"))
        #expect(Attention.action(for: facts, asOf: at("2026-11-21T09:14:59Z")) == .processing(since: at("2026-11-21T09:00:00Z")))
        let later = PurchaseEvaluation.evaluate(cancelled, asOf: at("2026-11-21T09:15:00Z"))
        #expect(Attention.action(for: later, asOf: at("2026-11-21T09:15:00Z")) == nil, "cancelled: nothing to do")
    }

    @Test("R6, R7: a renewal or an end of term within 30 days, inclusive", arguments: [
        (nil as Bool?, "2027-10-21T12:00:00Z", "renewal"),   // exactly 30 days before the end
        (nil, "2027-10-21T11:59:59Z", "none"),               // 30 days and 1 s
        (false, "2027-10-21T12:00:00Z", "ending"),
        (false, "2027-11-20T11:59:59Z", "ending"),
    ])
    func termEnds(autoRenew: Bool?, asOf: String, expected: String) {
        let facts = PurchaseEvaluation.evaluate(purchase(purchasedAt: Self.bought, autoRenew: autoRenew), asOf: at(asOf))
        let end = at("2027-11-20T12:00:00Z")
        let action = Attention.action(for: facts, asOf: at(asOf))
        switch expected {
        case "renewal": #expect(action == .renewal(at: end))
        case "ending": #expect(action == .ending(at: end))
        default: #expect(action == nil)
        }
    }

    @Test("R7: an expiry of the last 30 days, inclusive", arguments: [
        ("2027-12-20T12:00:00Z", true), ("2027-12-20T12:00:01Z", false),
    ])
    func expired(asOf: String, listed: Bool) {
        let facts = PurchaseEvaluation.evaluate(purchase(purchasedAt: Self.bought, autoRenew: false), asOf: at(asOf))
        #expect(facts.status == .expired)
        #expect(Attention.action(for: facts, asOf: at(asOf)) == (listed ? .expired(at: at("2027-11-20T12:00:00Z")) : nil))
    }

    @Test("R14: a device whose MAK deadline is within 30 days, inclusive, is due soon; a limited one is not 'due'")
    func devices() {
        func device(_ lastKMS: String) -> EvaluatedDevice {
            let device = Device(name: "PC-\(lastKMS)", customerId: "C-1", lastKMSActivation: at(lastKMS), source: SourceLocation(file: "devices.csv", line: 2))
            return EvaluatedDevice(device: device, facts: DeviceMigration.evaluate(device, asOf: at("2026-11-25T00:00:00Z")))
        }
        // Deadline = last KMS activation + 180 days.
        let exactly30 = device("2026-06-28T00:00:00Z")     // deadline 2026-12-25T00:00:00Z
        let over30 = device("2026-06-28T00:00:01Z")
        let limited = device("2026-01-01T00:00:00Z")
        #expect(exactly30.facts.deadline == at("2026-12-25T00:00:00Z"))
        let due = Attention.devicesDueSoon([exactly30, over30, limited], asOf: at("2026-11-25T00:00:00Z"))
        #expect(due.map(\.device.name) == [exactly30.device.name])
    }
}
