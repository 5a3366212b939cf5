import PortalRecords

/// What the partner's cancellation desk lists about one purchase at the as-of: a window still
/// open (R2, R4), one closed lately, a cancellation still processing (R10), or a RedHat/SUSE plan
/// that can never be cancelled (R5). The desk is the partner's: it names customers, so it is never
/// in a customer's folder.
public enum CancellationDesk {
    /// A window closed at most this long before the as-of (inclusive) is still listed, as closed:
    /// a customer who asks a few days late is answered from the desk rather than from memory. A
    /// week is the length of R2's own window.
    public static let recentlyClosedHorizon: Int64 = 7 * Instant.millisecondsPerDay

    public enum Listing: Equatable, Sendable {
        /// Cancellable: the window closes at `deadline` (exclusive).
        case open(deadline: Instant)
        /// Active, and its window closed at `deadline`, at most `recentlyClosedHorizon` ago.
        case closedRecently(deadline: Instant)
        /// Cancelled less than 15 minutes ago: Partner Center may not show it yet (R10).
        case processing(since: Instant)
        /// An active RedHat/SUSE plan: never cancellable nor exchangeable (R5).
        case neverCancellable
    }

    /// Where the desk lists a purchase, if it does. A cancelled or expired purchase, and an active
    /// one whose window closed more than a week ago, have nothing left to cancel.
    public static func listing(for facts: ProductFacts, asOf: Instant) -> Listing? {
        if facts.neverCancellable { return facts.status == .active ? .neverCancellable : nil }
        switch facts.status {
        case .cancellationProcessing:
            return .processing(since: facts.cancelledAt ?? asOf)
        case .active:
            guard let deadline = facts.cancellationDeadline else { return nil }
            if facts.cancellable { return .open(deadline: deadline) }
            return asOf.milliseconds(since: deadline) <= recentlyClosedHorizon ? .closedRecently(deadline: deadline) : nil
        case .cancelled, .expired:
            return nil
        }
    }

    /// R12: the partner role Partner Center requires to cancel a purchase.
    public static let requiredRole = "Admin Agent"
}
