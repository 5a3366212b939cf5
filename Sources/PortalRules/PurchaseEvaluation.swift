import PortalRecords

/// Applies R2-R11 and R17-R19 to one purchase at one instant.
public enum PurchaseEvaluation {
    public static func evaluate(_ purchase: Purchase, asOf: Instant) -> ProductFacts {
        let renews = AutoRenewal.isEffective(for: purchase)
        let schedule = TermSchedule(for: purchase, renews: renews)
        // A cancellation after the as-of instant has not happened yet at as-of.
        let cancelledAt = purchase.cancelledAt.flatMap { $0 <= asOf ? $0 : nil }

        let status: ProductStatus
        let term: TermInterval?
        if let cancelledAt {
            let processingEnds = cancelledAt.adding(minutes: Milestones.cancellationProcessingMinutes)
            status = asOf < processingEnds ? .cancellationProcessing : .cancelled
            term = schedule?.term(containing: cancelledAt)
        } else if purchase.reportedStatus == .cancelled && purchase.cancelledAt == nil {
            // Partner Center says cancelled but not when: no processing window, no term, no credit.
            // When it says when, and that is after the as-of, the cancellation has not happened yet.
            status = .cancelled
            term = nil
        } else if let schedule {
            let current = schedule.term(containing: asOf)
            if purchase.reportedStatus == .expired {
                // Expired by Partner Center's word: the last term is the one that ended before as-of.
                status = .expired
                term = current.index > 0 ? schedule.term(current.index - 1) : current
            } else {
                term = current
                status = !renews && asOf >= current.end ? .expired : .active
            }
        } else {
            status = purchase.reportedStatus == .expired ? .expired : .active
            term = nil
        }

        let deadline = cancellationDeadline(purchase, status: status, term: term)
        let cancellable = deadline.map { asOf < $0 } ?? false
        // Nil only past Money's range, which PurchaseChecks reports as an error that stops the build.
        let termPrice = purchase.termPrice.flatMap { Money($0.amount, times: Int128(purchase.quantity), over: 1, currency: $0.currency) }

        let refund: Money? = cancellable ? proratedAmount(purchase, term: term, at: asOf) : nil
        let credit: Money? = cancelledAt.flatMap { proratedAmount(purchase, term: term, at: $0) }

        let plan = BillingRules.effectivePlan(for: purchase)
        var nextCharge: Instant?
        if status == .active {
            nextCharge = BillingRules.nextChargeDate(
                purchasedAt: purchase.purchasedAt, plan: plan, asOf: asOf,
                billedUntil: renews ? nil : term?.end)
        }
        let installment = nextCharge.flatMap { _ in BillingRules.installment(for: purchase, plan: plan) }

        let keyStatus = KeyRules.status(delivery: purchase.delivery, isCancelled: status.isCancelled)
        let maskedKey = keyStatus == .available ? purchase.productKey.flatMap { $0.isEmpty ? nil : KeyRules.maskedKey($0) } : nil

        return ProductFacts(
            status: status,
            autoRenew: renews,
            term: term,
            cancellable: cancellable,
            cancellationDeadline: deadline,
            cancellationDaysLeft: deadline.map { daysLeft(until: $0, asOf: asOf) } ?? 0,
            refundEstimate: refund,
            credit: credit,
            azureHybridBenefit: AzureHybridBenefit.isEligible(purchase, status: status),
            billing: plan,
            nextChargeDate: nextCharge,
            installment: installment,
            listedInSubscriptions: purchase.kind != .perpetual && purchase.purchasedAt >= Milestones.newCommerceSoftware,
            keyStatus: keyStatus,
            maskedKey: maskedKey,
            termPrice: termPrice,
            cancelledAt: cancelledAt,
            neverCancellable: purchase.isNeverCancellable
        )
    }

    /// The end of the cancellation window ("Statuses and windows"): none for RedHat/SUSE (R5) nor
    /// for cancelled or expired purchases; a deadline Partner Center gave wins; otherwise the end
    /// of the current term's first 7 days (R2) or purchase + 30 days for perpetual software (R4).
    static func cancellationDeadline(_ purchase: Purchase, status: ProductStatus, term: TermInterval?) -> Instant? {
        guard !purchase.isNeverCancellable, status == .active else { return nil }
        if let given = purchase.cancellableUntil { return given }
        switch purchase.kind {
        case .perpetual:
            return purchase.purchasedAt.adding(days: Milestones.perpetualCancellationDays)
        case .subscription, .softwarePlan:
            return term.map { $0.start.adding(days: Milestones.subscriptionCancellationDays) }
        }
    }

    /// R3: termPrice x (termEnd - at) / (termEnd - termStart), rounded half-up; the full price for
    /// perpetual software (R4: no early termination fee, a 100% credit); nil without a price.
    static func proratedAmount(_ purchase: Purchase, term: TermInterval?, at instant: Instant) -> Money? {
        guard let (unitPrice, currency) = purchase.termPrice else { return nil }
        let quantity = Int128(purchase.quantity)
        guard let term else {
            return Money(unitPrice, times: quantity, over: 1, currency: currency)
        }
        let total = term.end.milliseconds(since: term.start)
        let remaining = min(max(term.end.milliseconds(since: instant), 0), total)
        return Money(unitPrice, times: quantity * Int128(remaining), over: Int128(max(total, 1)), currency: currency)
    }
}
