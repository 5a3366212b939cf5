import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// Which dates a customer's `deadlines.ics` holds (issue 22), at the edges: a window's deadline ±
/// 1 s (R2, R4), the 13-month horizon ± 1 s (R6, R7, R9), reminders that would ring before the
/// as-of, and what a cancelled, expired or migrated subject leaves out (R10, R14).
@Suite("Upcoming dates (deadlines.ics)")
struct UpcomingDatesTests {
    static func dates(_ purchases: [Purchase], devices: [Device] = [], asOf: String) -> [UpcomingDate] {
        let input = PortalInput(site: SiteSettings(partnerName: "P"), customers: [Customer(id: "C-1", name: "C", country: "FR")],
                                purchases: purchases, excludedMarkets: [], devices: devices)
        let site = SiteEvaluation.evaluate(input, asOf: at(asOf))
        let dates = UpcomingDates.of(site.customers[0], asOf: site.asOf)
        // The portal counts them without making them (issue 24): the same count at every edge.
        #expect(UpcomingDates.count(of: site.customers[0], asOf: site.asOf) == dates.count)
        return dates
    }

    static func kinds(_ dates: [UpcomingDate]) -> [UpcomingDate.Kind] { dates.map(\.kind) }

    @Test("R2: an open window is a moment at its deadline, reminded 48 h and 24 h before; closed at the deadline", arguments: [
        // (as of, listed, reminders left): bought 2026-11-20T10:00Z, the window closes 2026-11-27T10:00Z.
        ("2026-11-20T10:00:00Z", true, 2),
        ("2026-11-25T09:59:59Z", true, 2),
        ("2026-11-25T10:00:00Z", true, 1),   // the 48 h reminder would ring at the as-of: left out
        ("2026-11-26T09:59:59Z", true, 1),
        ("2026-11-26T10:00:00Z", true, 0),
        ("2026-11-27T09:59:59Z", true, 0),
        ("2026-11-27T10:00:00Z", false, 0),  // deadlines are exclusive: closed
    ])
    func cancellationWindow(asOf: String, listed: Bool, reminders: Int) {
        let dates = Self.dates([purchase(purchasedAt: "2026-11-20T10:00:00Z", autoRenew: false)], asOf: asOf)
        let window = dates.filter { $0.kind == .cancellationDeadline }
        #expect(window.count == (listed ? 1 : 0))
        if let window = window.first {
            #expect(window.at == at("2026-11-27T10:00:00Z"))
            #expect(!window.kind.isWholeDay)
            #expect(window.reminders.count == reminders)
            let both: [Int64] = [48 * 3_600_000, 24 * 3_600_000]
            #expect(window.reminders == Array(both.suffix(reminders)))
        }
    }

    @Test("R4: perpetual software's 30-day window; no renewal, end or charge")
    func perpetual() {
        let dates = Self.dates([purchase(kind: .perpetual, purchasedAt: "2026-11-05T15:30:00Z")], asOf: "2026-11-25T09:00:00Z")
        #expect(Self.kinds(dates) == [.cancellationDeadline])
        #expect(dates.first?.at == at("2026-12-05T15:30:00Z"))
    }

    @Test("R6, R7: a renewal or an end exactly 13 months ahead is listed, a second later is not", arguments: [
        // (purchased, renews, expected): as-of 2026-11-25T09:00Z, so the horizon is 2027-12-25T09:00Z.
        ("2024-12-25T09:00:00Z", true, [UpcomingDate.Kind.renewal, .charge]),   // billed for the next term on renewal
        ("2024-12-25T09:00:01Z", true, []),
        ("2024-12-25T09:00:00Z", false, [.end]),
        ("2024-12-25T09:00:01Z", false, []),
    ])
    func horizon(purchasedAt: String, renews: Bool, expected: [UpcomingDate.Kind]) {
        let dates = Self.dates([purchase(purchasedAt: purchasedAt, term: .threeYears, billing: .triennial, autoRenew: renews)],
                               asOf: "2026-11-25T09:00:00Z")
        #expect(UpcomingDates.horizon(asOf: at("2026-11-25T09:00:00Z")) == at("2027-12-25T09:00:00Z"))
        #expect(Self.kinds(dates) == expected, "\(dates)")
        #expect(dates.first.map { $0.reminders == [7 * Instant.millisecondsPerDay] } ?? true)
    }

    @Test("R7, R9: a renewing monthly subscription renews and is charged 13 times in 13 months, each with its term's or charge's number")
    func monthly() {
        let dates = Self.dates([purchase(purchasedAt: "2026-10-31T12:00:00Z", term: .oneMonth, autoRenew: true)], asOf: "2026-11-25T09:00:00Z")
        let renewals = dates.filter { $0.kind == .renewal }, charges = dates.filter { $0.kind == .charge }
        // Oct 31 + n months: Nov 30, Dec 31, Jan 31, Feb 28, … Nov 30 2027, Dec 25 2027 is past the horizon (Dec 31).
        #expect(renewals.map(\.at) == (1...13).map { at("2026-10-31T12:00:00Z").adding(months: $0) })
        #expect(renewals.map(\.sequence) == Array(0...12))
        #expect(charges.map(\.at) == renewals.map(\.at), "billed monthly on the renewal dates")
        #expect(charges.map(\.sequence) == Array(1...13))
        #expect(charges.allSatisfy { $0.amount == Money(minorUnits: 120_000, currency: eur) && $0.reminders.isEmpty })
        #expect(!dates.contains { $0.kind == .end })
    }

    @Test("R9: a purchase that does not renew is charged only before its term ends; annual billing of a P3Y term (R9, flexible billing)")
    func chargesStopAtTheEnd() {
        let dates = Self.dates([purchase(purchasedAt: "2025-01-10T00:00:00Z", term: .threeYears, billing: .annual, autoRenew: false)],
                               asOf: "2026-11-25T09:00:00Z")
        // Charges on 2027-01-10 (n = 2); 2028-01-10 is the term's end, past the horizon anyway.
        #expect(dates.filter { $0.kind == .charge }.map(\.at) == [at("2027-01-10T00:00:00Z")])
        #expect(dates.filter { $0.kind == .charge }.map(\.sequence) == [2])
        let monthly = Self.dates([purchase(purchasedAt: "2026-11-10T00:00:00Z", term: .oneMonth, autoRenew: false)], asOf: "2026-11-25T09:00:00Z")
        #expect(Self.kinds(monthly) == [.end], "a P1M that ends on 2026-12-10 has no charge left: the next billing date is its end")
    }

    @Test("R10, R7: a cancelled, processing or expired purchase has no date at all")
    func cancelledOrExpired() {
        #expect(Self.dates([purchase(purchasedAt: "2026-11-20T10:00:00Z", cancelledAt: "2026-11-25T08:50:00Z")], asOf: "2026-11-25T09:00:00Z").isEmpty)
        #expect(Self.dates([purchase(purchasedAt: "2026-11-20T10:00:00Z", cancelledAt: "2026-11-21T10:00:00Z")], asOf: "2026-11-25T09:00:00Z").isEmpty)
        #expect(Self.dates([purchase(purchasedAt: "2025-01-10T00:00:00Z", autoRenew: false)], asOf: "2026-11-25T09:00:00Z").isEmpty)
    }

    @Test("R5: a RedHat plan has no window, but its renewal and charge are dates")
    func redHat() {
        let dates = Self.dates([purchase(kind: .softwarePlan, publisher: "RedHat", purchasedAt: "2026-11-20T10:00:00Z", autoRenew: true)],
                               asOf: "2026-11-25T09:00:00Z")
        #expect(Self.kinds(dates) == [.renewal, .charge])
    }

    @Test("R14: an at-risk device's MAK deadline, reminded 14 days before while that is ahead; limited and migrated devices have none")
    func devices() {
        let devices = [
            Device(name: "AT-RISK", customerId: "C-1", lastKMSActivation: at("2026-06-20T08:00:00Z")),   // deadline 2026-12-17T08:00Z
            Device(name: "SOON", customerId: "C-1", lastKMSActivation: at("2026-05-30T09:00:00Z")),      // deadline 2026-11-26T09:00Z
            Device(name: "LIMITED", customerId: "C-1", lastKMSActivation: at("2026-05-01T00:00:00Z")),
            Device(name: "MIGRATED", customerId: "C-1", lastKMSActivation: at("2026-06-10T08:00:00Z"), makDeployedAt: at("2026-11-01T00:00:00Z")),
        ]
        let dates = Self.dates([], devices: devices, asOf: "2026-11-25T09:00:00Z")
        #expect(dates.map(\.at) == [at("2026-11-26T09:00:00Z"), at("2026-12-17T08:00:00Z")])
        #expect(dates.map(\.reminders) == [[], [14 * Instant.millisecondsPerDay]], "the first one's reminder would have rung on Nov 12")
        #expect(Self.kinds(dates) == [.makDeadline, .makDeadline])
    }

    @Test("A customer with nothing ahead has no date, and that is not an error")
    func nothing() {
        #expect(Self.dates([], asOf: "2026-11-25T09:00:00Z").isEmpty)
    }
}
