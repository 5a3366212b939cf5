import PortalRecords

/// A date a customer should have in its calendar (`deadlines.ics`): what happens, when, to which
/// purchase or device, and when to be reminded.
public struct UpcomingDate: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The moment a cancellation window still open closes (R2, R4).
        case cancellationDeadline = "cancellation"
        /// An automatic renewal: the end of a renewing term (R6, R7).
        case renewal
        /// The end of a term that will not renew (R6).
        case end
        /// A billing date with its installment (R9).
        case charge
        /// The moment an at-risk device's KMS activation lapses (R14).
        case makDeadline = "mak"

        /// A deadline is a moment; a renewal, an end or a charge is the day it falls on, as the
        /// portal's cards give them ("Renews on Dec 1, 2026").
        public var isWholeDay: Bool {
            switch self {
            case .renewal, .end, .charge: true
            case .cancellationDeadline, .makDeadline: false
            }
        }

        /// How long before the date each reminder rings: a closing window twice, two days and one
        /// day before (a cancellation needs the partner); an end of term or a renewal a week
        /// before; a device's MAK two weeks before (it has to be deployed); a charge never.
        public var reminders: [Int64] {
            switch self {
            case .cancellationDeadline: [48 * UpcomingDates.millisecondsPerHour, 24 * UpcomingDates.millisecondsPerHour]
            case .renewal, .end: [7 * Instant.millisecondsPerDay]
            case .makDeadline: [14 * Instant.millisecondsPerDay]
            case .charge: []
            }
        }
    }

    /// What the date is about: one of the customer's purchases or devices, by position in
    /// `EvaluatedCustomer.purchases` or `.devices`.
    public enum Subject: Hashable, Sendable {
        case purchase(Int)
        case device(Int)
    }

    public let kind: Kind
    public let at: Instant
    public let subject: Subject
    /// Which one of its kind for this subject, stable from one build to the next so that a
    /// calendar updates the event rather than adding another: the term's index for a window, a
    /// renewal or an end (R7), the billing date's `n` for a charge (R9), 0 for a device.
    public let sequence: Int
    /// A charge's installment, when the export gives a price.
    public let amount: Money?
    /// How long before `at` each reminder rings; only those still ahead at the as-of.
    public let reminders: [Int64]
}

/// Which dates a customer's calendar holds at one instant (issue 22): each cancellation window
/// still open (R2, R4), each renewal and each end without renewal within the next 13 months (R6,
/// R7), each charge within the same 13 months (R9), and each at-risk device's MAK deadline (R14).
/// Pure: the customer's evaluated purchases and devices and the as-of in, dates out.
public enum UpcomingDates {
    /// Renewals, ends and charges this far ahead are listed: a year, and the month after it, so
    /// that an annual renewal is always in the calendar a month before it comes.
    public static let horizonMonths = 13
    static let millisecondsPerHour: Int64 = 3_600_000

    /// The last instant a renewal, an end or a charge is listed at: as-of + 13 months (calendar
    /// months in UTC, as terms are counted), inclusive.
    public static func horizon(asOf: Instant) -> Instant {
        asOf.adding(months: horizonMonths)
    }

    /// Every date of `customer` after `asOf`, in time order (then kind, then subject).
    public static func of(_ customer: EvaluatedCustomer, asOf: Instant) -> [UpcomingDate] {
        var dates: [UpcomingDate] = []
        forEachDate(of: customer, asOf: asOf) { kind, at, subject, sequence, amount in
            let reminders = kind.reminders.filter { at.adding(milliseconds: -$0) > asOf }
            dates.append(UpcomingDate(kind: kind, at: at, subject: subject, sequence: sequence, amount: amount, reminders: reminders))
        }
        return dates.sorted { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.kind != b.kind { return kindOrder(a.kind) < kindOrder(b.kind) }
            return subjectOrder(a.subject) < subjectOrder(b.subject)
        }
    }

    /// How many dates `of` gives, without making them: the portal only says how many its calendar
    /// holds, and the calendar makes them once for the customer and the partner.
    public static func count(of customer: EvaluatedCustomer, asOf: Instant) -> Int {
        var count = 0
        forEachDate(of: customer, asOf: asOf) { _, _, _, _, _ in count += 1 }
        return count
    }

    /// Each date of `customer` after `asOf`, in no particular order.
    private static func forEachDate(of customer: EvaluatedCustomer, asOf: Instant,
                                    _ add: (UpcomingDate.Kind, Instant, UpcomingDate.Subject, _ sequence: Int, _ amount: Money?) -> Void) {
        let horizon = horizon(asOf: asOf)
        for (index, evaluated) in customer.purchases.enumerated() {
            let facts = evaluated.facts
            guard facts.status == .active else { continue }
            if facts.cancellable, let deadline = facts.cancellationDeadline, deadline > asOf {
                add(.cancellationDeadline, deadline, .purchase(index), facts.term?.index ?? 0, nil)
            }
            if let term = facts.term {
                if facts.autoRenew, let schedule = TermSchedule(for: evaluated.purchase, renews: true) {
                    // Each renewal ahead: a monthly subscription renews 13 times in 13 months.
                    var termIndex = term.index
                    while schedule.end(ofTerm: termIndex) <= horizon {
                        let end = schedule.end(ofTerm: termIndex)
                        if end > asOf { add(.renewal, end, .purchase(index), termIndex, nil) }
                        termIndex += 1
                    }
                } else if !facts.autoRenew, term.end > asOf, term.end <= horizon {
                    add(.end, term.end, .purchase(index), term.index, nil)
                }
            }
            for charge in BillingRules.chargeDates(purchasedAt: evaluated.purchase.purchasedAt, plan: facts.billing, after: asOf,
                                                   through: horizon, billedUntil: facts.autoRenew ? nil : facts.term?.end) {
                add(.charge, charge.at, .purchase(index), charge.index, facts.installment)
            }
        }
        for (index, device) in customer.devices.enumerated() where device.facts.status == .atRisk && device.facts.deadline > asOf {
            add(.makDeadline, device.facts.deadline, .device(index), 0, nil)
        }
    }

    static func kindOrder(_ kind: UpcomingDate.Kind) -> Int {
        UpcomingDate.Kind.allCases.firstIndex(of: kind)!
    }

    static func subjectOrder(_ subject: UpcomingDate.Subject) -> (Int, Int) {
        switch subject {
        case .purchase(let index): (0, index)
        case .device(let index): (1, index)
        }
    }
}
