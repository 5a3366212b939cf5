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
