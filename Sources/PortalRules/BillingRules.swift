import PortalRecords

/// R9: the billing plans a purchase may use, and its charges.
public enum BillingRules {
    /// The plans R9 allows, the default first: P1M monthly, P1Y annual, P3Y triennial (and annual
    /// from 2021-10-22), a Remote Desktop 2022 CAL also monthly from 2021-10-22; software plans
    /// upfront for each term; perpetual software once.
    public static func allowedPlans(for purchase: Purchase) -> [BillingPlan] {
        switch purchase.kind {
        case .perpetual:
            return [.oneTime]
        case .softwarePlan:
            // Software plans are prepaid for one or three years; a monthly plan does not exist.
            guard let term = purchase.term, term != .oneMonth else { return [] }
            return [upfrontPlan(for: term)]
        case .subscription:
            guard let term = purchase.term else { return [] }
            var plans = [upfrontPlan(for: term)]
            if purchase.purchasedAt >= Milestones.flexibleBilling {
                if term == .threeYears { plans.append(.annual) }
                if purchase.isRemoteDesktop2022CAL && !plans.contains(.monthly) { plans.append(.monthly) }
            }
            return plans
        }
    }

    static func upfrontPlan(for term: Term) -> BillingPlan {
        switch term {
        case .oneMonth: .monthly
        case .oneYear: .annual
        case .threeYears: .triennial
        }
    }

    /// The plan in force: the input's when R9 allows it, otherwise the default.
    public static func effectivePlan(for purchase: Purchase) -> BillingPlan {
        let allowed = allowedPlans(for: purchase)
        if let given = purchase.billing, allowed.contains(given) { return given }
        return allowed.first ?? .oneTime
    }

    /// Installment = termPrice x period / term, rounded half-up (R9, R3); the whole price for
    /// `one_time`; nil when the export gives no price.
    public static func installment(for purchase: Purchase, plan: BillingPlan) -> Money? {
        guard let (unitPrice, currency) = purchase.termPrice else { return nil }
        let quantity = Int128(purchase.quantity)
        guard let period = plan.periodMonths, let term = purchase.term else {
            return Money(unitPrice, times: quantity, over: 1, currency: currency)
        }
        return Money(unitPrice, times: quantity * Int128(period), over: Int128(term.months), currency: currency)
    }

    /// The first billing date after `asOf` (purchase + n x period, calendar months from the
    /// purchase) before `billedUntil`; nil when nothing more is due. `billedUntil` nil means the
    /// purchase renews and stays billed.
    public static func nextChargeDate(purchasedAt: Instant, plan: BillingPlan, asOf: Instant, billedUntil: Instant?) -> Instant? {
        guard let period = plan.periodMonths else { return nil }
        var count = max(0, monthsBetween(purchasedAt, asOf) / period)
        while count > 0 && purchasedAt.adding(months: count * period) > asOf { count -= 1 }
        var date = purchasedAt.adding(months: count * period)
        while date <= asOf {
            count += 1
            date = purchasedAt.adding(months: count * period)
        }
        if let billedUntil, date >= billedUntil { return nil }
        return date
    }
}

extension BillingRules {
    /// Every billing date after `asOf` up to `through` (inclusive), with its `n` (purchase +
    /// n x period, R9), while the purchase is billed: before `billedUntil` when it does not renew.
    /// The first is `nextChargeDate`; none for `one_time`.
    public static func chargeDates(purchasedAt: Instant, plan: BillingPlan, after asOf: Instant, through last: Instant,
                                   billedUntil: Instant?) -> [(index: Int, at: Instant)] {
        guard let period = plan.periodMonths,
              let first = nextChargeDate(purchasedAt: purchasedAt, plan: plan, asOf: asOf, billedUntil: billedUntil) else { return [] }
        // The n of the first date: counted from the months between, corrected as nextChargeDate does.
        var index = max(0, monthsBetween(purchasedAt, first) / period)
        while index > 0 && purchasedAt.adding(months: index * period) > first { index -= 1 }
        while purchasedAt.adding(months: index * period) < first { index += 1 }
        var dates: [(index: Int, at: Instant)] = []
        var date = first
        while date <= last {
            if let billedUntil, date >= billedUntil { break }
            dates.append((index, date))
            index += 1
            date = purchasedAt.adding(months: index * period)
        }
        return dates
    }
}
