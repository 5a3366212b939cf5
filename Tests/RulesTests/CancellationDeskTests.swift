import PortalRecords
@testable import PortalRules
import PortalTestSupport
import Testing

/// What the partner's cancellation desk lists, at the edges: a window ± 1 s (R2, R4), closed 6, 7
/// and 8 days ago, a cancellation in and after its 15 minutes (R10), RedHat/SUSE (R5).
@Suite("Cancellation desk: what is listed, and where")
struct CancellationDeskTests {
    static let bought = "2026-11-20T12:00:00Z"   // R2 window closes 2026-11-27T12:00:00Z; R4 (perpetual) 2026-12-20T12:00:00Z

    static func listing(_ line: Purchase, at asOf: String) -> CancellationDesk.Listing? {
        CancellationDesk.listing(for: PurchaseEvaluation.evaluate(line, asOf: at(asOf)), asOf: at(asOf))
    }

    @Test("R2: a subscription is open until 1 s before its deadline, then closed, and listed as closed for 7 days inclusive", arguments: [
        ("2026-11-20T12:00:00Z", "open"),          // bought this instant: the window opens with the term
        ("2026-11-27T11:59:59Z", "open"),          // 1 s before the deadline
        ("2026-11-27T12:00:00Z", "closed"),        // at the deadline: closed (deadlines are exclusive)
        ("2026-12-03T12:00:00Z", "closed"),        // closed 6 days ago
        ("2026-12-04T12:00:00Z", "closed"),        // exactly 7 days ago: still listed
        ("2026-12-04T12:00:01Z", "none"),          // 7 days and 1 s
        ("2026-12-05T12:00:00Z", "none"),          // closed 8 days ago
    ])
    func subscription(asOf: String, expected: String) {
        let deadline = at("2026-11-27T12:00:00Z")
        let listing = Self.listing(purchase(purchasedAt: Self.bought), at: asOf)
        switch expected {
        case "open": #expect(listing == .open(deadline: deadline))
        case "closed": #expect(listing == .closedRecently(deadline: deadline))
        default: #expect(listing == nil)
        }
    }

    @Test("R4: perpetual software is open for 30 days, then closed for 7", arguments: [
        ("2026-12-20T11:59:59Z", "open"), ("2026-12-20T12:00:00Z", "closed"),
        ("2026-12-26T12:00:00Z", "closed"), ("2026-12-28T12:00:00Z", "none"),
    ])
    func perpetual(asOf: String, expected: String) {
        let deadline = at("2026-12-20T12:00:00Z")
        let listing = Self.listing(purchase(kind: .perpetual, product: "SQL Server 2022 Standard", purchasedAt: Self.bought), at: asOf)
        switch expected {
        case "open": #expect(listing == .open(deadline: deadline))
        case "closed": #expect(listing == .closedRecently(deadline: deadline))
        default: #expect(listing == nil)
        }
    }

    @Test("R2: a renewal opens a new window; the first term's closed window is not listed once the second is open")
    func renewal() {
        let renewed = at("2027-11-20T12:00:00Z")
        #expect(Self.listing(purchase(purchasedAt: Self.bought), at: "2027-11-21T00:00:00Z")
                == .open(deadline: renewed.adding(days: 7)))
    }

    @Test("A deadline Partner Center gave wins (cancellable_until), open and closed")
    func givenDeadline() {
        let line = purchase(purchasedAt: Self.bought, cancellableUntil: "2026-11-22T00:00:00Z")
        #expect(Self.listing(line, at: "2026-11-21T23:59:59Z") == .open(deadline: at("2026-11-22T00:00:00Z")))
        #expect(Self.listing(line, at: "2026-11-22T00:00:00Z") == .closedRecently(deadline: at("2026-11-22T00:00:00Z")))
    }

    @Test("R10: a cancellation is listed as processing for 15 minutes, then no more")
    func processing() {
        let line = purchase(purchasedAt: Self.bought, cancelledAt: "2026-11-21T09:00:00Z")
        #expect(Self.listing(line, at: "2026-11-21T09:00:00Z") == .processing(since: at("2026-11-21T09:00:00Z")))
        #expect(Self.listing(line, at: "2026-11-21T09:14:59Z") == .processing(since: at("2026-11-21T09:00:00Z")))
        #expect(Self.listing(line, at: "2026-11-21T09:15:00Z") == nil)
    }

    @Test("R5: an active RedHat or SUSE plan is listed apart, whatever its dates; an expired one is not", arguments: ["RedHat", "Red Hat", "SUSE"])
    func neverCancellable(publisher: String) {
        let plan = purchase(kind: .softwarePlan, product: "Enterprise Linux plan", publisher: publisher, purchasedAt: Self.bought, autoRenew: false)
        #expect(Self.listing(plan, at: "2026-11-20T12:00:00Z") == .neverCancellable, "inside what would be R2's window")
        #expect(Self.listing(plan, at: "2027-11-20T11:59:59Z") == .neverCancellable)
        #expect(Self.listing(plan, at: "2027-11-20T12:00:00Z") == nil, "expired")
    }

    @Test("An expired subscription and an old closed window are not listed")
    func nothingToCancel() {
        #expect(Self.listing(purchase(purchasedAt: Self.bought, autoRenew: false), at: "2027-11-20T12:00:00Z") == nil)
        #expect(Self.listing(purchase(purchasedAt: "2025-01-01T00:00:00Z"), at: "2026-11-25T09:00:00Z") == nil)
    }
}
