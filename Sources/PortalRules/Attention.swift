import PortalRecords

/// What needs acting on, and how soon: the partner's "Act now" list and a portal's emphasis read
/// their horizons here, so that both agree on what "soon" means.
public enum Attention {
    /// A cancellation window (R2, R4) closing within 72 hours is urgent: about two working days.
    public static let windowClosingHorizon: Int64 = 72 * 3_600_000
    /// Renewals and ends of term within 30 days, expiries of the last 30 days, and devices that
    /// need their MAK within 30 days (R14) are worth a look.
    public static let termHorizon: Int64 = 30 * Instant.millisecondsPerDay

    /// The most pressing thing about one purchase.
    public enum PurchaseAction: Equatable, Sendable {
        /// Cancellable, and the window closes within `windowClosingHorizon` (inclusive).
        case windowClosing(deadline: Instant)
        /// Cancelled less than 15 minutes ago (R10).
        case processing(since: Instant)
        /// Active, renewing (R6), and its term ends within `termHorizon`.
        case renewal(at: Instant)
        /// Active, not renewing, and its term ends within `termHorizon`.
        case ending(at: Instant)
        /// Expired within the last `termHorizon`.
        case expired(at: Instant)
    }

    /// Whether a window still open at `asOf` closes within `windowClosingHorizon`.
    public static func isClosingSoon(_ deadline: Instant, asOf: Instant) -> Bool {
        deadline.milliseconds(since: asOf) <= windowClosingHorizon
    }

    /// The most pressing thing about a purchase at `asOf`, if any, most pressing first: a window
    /// closing soon, then a cancellation processing, then a term ending soon or just ended.
    public static func action(for facts: ProductFacts, asOf: Instant) -> PurchaseAction? {
        if facts.cancellable, let deadline = facts.cancellationDeadline, isClosingSoon(deadline, asOf: asOf) {
            return .windowClosing(deadline: deadline)
        }
        switch facts.status {
        case .cancellationProcessing:
            return .processing(since: facts.cancelledAt ?? asOf)
        case .active:
            guard let end = facts.term?.end, end.milliseconds(since: asOf) <= termHorizon else { return nil }
            return facts.autoRenew ? .renewal(at: end) : .ending(at: end)
        case .expired:
            guard let end = facts.term?.end, asOf.milliseconds(since: end) <= termHorizon else { return nil }
            return .expired(at: end)
        case .cancelled:
            return nil
        }
    }

    /// Devices still on KMS whose MAK deadline (R14) is within `termHorizon`.
    public static func devicesDueSoon(_ devices: [EvaluatedDevice], asOf: Instant) -> [EvaluatedDevice] {
        devices.filter { $0.facts.status == .atRisk && $0.facts.deadline.milliseconds(since: asOf) <= termHorizon }
    }
}

/// Something due about a purchase or a customer's devices, at a deadline: a line of the partner's
/// call list (`csp-portal due`) and of the overview's routine section.
public struct DueEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A cancellation window (R2, R4) closes: after it, the term is owed whole.
        case cancellation
        /// A term ends (R7): it renews (R6) or stops.
        case renewal
        /// A charge falls due (R9): an installment of a plan billed monthly or annually, the
        /// annual charges of a three-year term among them.
        case charge
        /// Devices must get their MAK (R14) before their KMS activation lapses.
        case device
    }

    public let kind: Kind
    public let deadline: Instant
    /// What is at stake, when there is a price: the refund if cancelled, the term's price at a
    /// renewal, the installment at a charge.
    public let amount: Money?

    public init(kind: Kind, deadline: Instant, amount: Money?) {
        self.kind = kind
        self.deadline = deadline
        self.amount = amount
    }
}

extension Attention {
    /// Every event of one purchase whose deadline falls in (`asOf`, `asOf` + `horizon`]: each of
    /// its kinds once, in deadline order.
    public static func dueEvents(for facts: ProductFacts, asOf: Instant, within horizon: Int64) -> [DueEvent] {
        func isDue(_ instant: Instant?) -> Bool {
            guard let instant else { return false }
            let ahead = instant.milliseconds(since: asOf)
            return ahead > 0 && ahead <= horizon
        }
        var events: [DueEvent] = []
        if facts.cancellable, isDue(facts.cancellationDeadline) {
            events.append(DueEvent(kind: .cancellation, deadline: facts.cancellationDeadline!, amount: facts.refundEstimate ?? facts.termPrice))
        }
        if facts.status == .active, let end = facts.term?.end, isDue(end) {
            events.append(DueEvent(kind: .renewal, deadline: end, amount: facts.autoRenew ? facts.termPrice : nil))
        }
        // A renewing term's next charge is its renewal, said once, by the renewal.
        if facts.status == .active, isDue(facts.nextChargeDate), facts.nextChargeDate != facts.term?.end {
            events.append(DueEvent(kind: .charge, deadline: facts.nextChargeDate!, amount: facts.installment))
        }
        return events.sorted { $0.deadline < $1.deadline }
    }

    /// The earliest MAK deadline (R14) of a customer's devices still on KMS: of those already
    /// limited (overdue), or else due within `horizon`.
    public static func deviceDeadline(_ devices: [EvaluatedDevice], asOf: Instant, within horizon: Int64) -> DueEvent? {
        devices.filter { $0.facts.status == .limited || ($0.facts.status == .atRisk && $0.facts.deadline.milliseconds(since: asOf) <= horizon) }
            .map(\.facts.deadline)
            .min()
            .map { DueEvent(kind: .device, deadline: $0, amount: nil) }
    }
}
