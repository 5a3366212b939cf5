import PortalRecords

/// A purchase's status at the as-of instant ("Statuses and windows").
public enum ProductStatus: String, Sendable, CaseIterable {
    case active
    /// R10: the 15 minutes after a cancellation.
    case cancellationProcessing = "cancellation_processing"
    case cancelled
    /// R7: a purchase whose last term has ended.
    case expired

    public var isCancelled: Bool { self == .cancelled || self == .cancellationProcessing }
}

/// Everything the rules compute for one purchase at one instant: the twin of a `portal.json` product.
public struct ProductFacts: Hashable, Sendable {
    public let status: ProductStatus
    /// R6, effective.
    public let autoRenew: Bool
    /// The current (or last) term; nil for perpetual software.
    public let term: TermInterval?
    /// R2/R4/R5 at as-of.
    public let cancellable: Bool
    /// The end of the cancellation window, also once passed; nil when there is none.
    public let cancellationDeadline: Instant?
    public let cancellationDaysLeft: Int
    /// R3 (or the full price for perpetual software) while cancellable.
    public let refundEstimate: Money?
    /// For a cancelled purchase: R3 at the cancellation, or 100% for perpetual software (R4).
    public let credit: Money?
    /// R19: can be used with Azure Hybrid Benefit.
    public let azureHybridBenefit: Bool
    /// R9, effective.
    public let billing: BillingPlan
    public let nextChargeDate: Instant?
    public let installment: Money?
    /// R8.
    public let listedInSubscriptions: Bool
    public let keyStatus: KeyStatus
    /// R18: never the full key.
    public let maskedKey: String?
    /// unitPrice x quantity for one term (or the one-time price), rounded to the minor unit; nil
    /// when the export gives no price.
    public let termPrice: Money?
    /// When the cancellation happened, if it has (R10).
    public let cancelledAt: Instant?
    /// R5: RedHat/SUSE, never cancellable nor exchangeable.
    public let neverCancellable: Bool
}
