import PortalRecords

/// One term of a subscription or software plan: [start, end).
public struct TermInterval: Hashable, Sendable {
    public let index: Int
    public let start: Instant
    public let end: Instant

    public func contains(_ instant: Instant) -> Bool { start <= instant && instant < end }
}

/// R7: the terms of a purchase with a term.
///
/// Term k starts at purchase + k x term (calendar arithmetic from the purchase, so a Jan 31
/// purchase renews on the last day of each shorter month and on the 31st again after it). Only a
/// renewing purchase has terms after the first. A commitment end given by the input replaces the
/// end of the term it belongs to (the computed term whose end is nearest to it), and later terms
/// count on from it.
public struct TermSchedule: Sendable {
    public let purchasedAt: Instant
    public let termMonths: Int
    public let renews: Bool
    /// The given end of term `anchorIndex`, if any.
    let anchor: (index: Int, end: Instant)?

    public init(purchasedAt: Instant, term: Term, renews: Bool, commitmentEnd: Instant? = nil) {
        self.purchasedAt = purchasedAt
        self.termMonths = term.months
        self.renews = renews
        if let commitmentEnd, commitmentEnd > purchasedAt {
            let index = renews ? TermSchedule.nearestComputedTerm(endingAt: commitmentEnd, from: purchasedAt, termMonths: term.months) : 0
            self.anchor = (index, commitmentEnd)
        } else {
            self.anchor = nil
        }
    }

    public init?(for purchase: Purchase, renews: Bool) {
        guard let term = purchase.term, purchase.kind != .perpetual else { return nil }
        self.init(purchasedAt: purchase.purchasedAt, term: term, renews: renews, commitmentEnd: purchase.commitmentEnd)
    }

    /// The start of term `index` (index >= 0).
    public func start(ofTerm index: Int) -> Instant {
        if let anchor, index > anchor.index {
            return anchor.end.adding(months: (index - anchor.index - 1) * termMonths)
        }
        return purchasedAt.adding(months: index * termMonths)
    }

    /// The end of term `index` (exclusive).
    public func end(ofTerm index: Int) -> Instant {
        if let anchor, index >= anchor.index {
            return anchor.end.adding(months: (index - anchor.index) * termMonths)
        }
        return purchasedAt.adding(months: (index + 1) * termMonths)
    }

    public func term(_ index: Int) -> TermInterval {
        TermInterval(index: index, start: start(ofTerm: index), end: end(ofTerm: index))
    }

    /// The term that contains `instant`: the first term before the purchase, the only term of a
    /// purchase that does not renew (whether or not it has ended).
    public func term(containing instant: Instant) -> TermInterval {
        guard renews, instant >= purchasedAt else { return term(0) }
        let reference = anchor.map { instant >= $0.end ? $0.end : purchasedAt } ?? purchasedAt
        let referenceIndex = anchor.map { instant >= $0.end ? $0.index + 1 : 0 } ?? 0
        var index = max(0, referenceIndex + monthsBetween(reference, instant) / termMonths)
        while index > 0 && start(ofTerm: index) > instant { index -= 1 }
        while end(ofTerm: index) <= instant { index += 1 }
        return term(index)
    }

    /// The last term of a purchase that does not renew.
    public var firstTerm: TermInterval { term(0) }

    static func nearestComputedTerm(endingAt end: Instant, from purchase: Instant, termMonths: Int) -> Int {
        var index = max(0, monthsBetween(purchase, end) / termMonths - 2)
        func distance(_ k: Int) -> Int64 {
            abs(purchase.adding(months: (k + 1) * termMonths).milliseconds(since: end))
        }
        while distance(index + 1) < distance(index) { index += 1 }
        return index
    }
}

/// Whole calendar months from `a` to `b`, ignoring days (an estimate the callers correct).
func monthsBetween(_ a: Instant, _ b: Instant) -> Int {
    let from = a.date, to = b.date
    return (to.year - from.year) * 12 + (to.month - from.month)
}
