/// What was bought (R1).
public enum PurchaseKind: String, CaseIterable, Sendable {
    /// A software subscription with a term (Windows Server, SQL Server subscriptions).
    case subscription
    /// Perpetual software: no term, never renews.
    case perpetual
    /// A prepaid Azure software plan (RedHat, SUSE).
    case softwarePlan = "software_plan"
}

/// A status Partner Center reports for an order line or a subscription (docs/data-format.md, "Partner Center API JSON"): it
/// wins over the status computed from the dates.
public enum ReportedStatus: String, CaseIterable, Sendable {
    /// An order with status `cancelled`, a line whose quantity went to 0, a `deleted` subscription.
    case cancelled
    /// An `expired` or `disabled` subscription.
    case expired
}

/// The length of one term (R1, R7).
public enum Term: String, CaseIterable, Sendable {
    case oneMonth = "P1M"
    case oneYear = "P1Y"
    case threeYears = "P3Y"

    public var months: Int {
        switch self {
        case .oneMonth: 1
        case .oneYear: 12
        case .threeYears: 36
        }
    }
}

/// How often a purchase is charged (R9).
public enum BillingPlan: String, CaseIterable, Sendable {
    case monthly
    case annual
    case triennial
    case oneTime = "one_time"

    /// Months between two charges; nil for a single charge.
    public var periodMonths: Int? {
        switch self {
        case .monthly: 1
        case .annual: 12
        case .triennial: 36
        case .oneTime: nil
        }
    }
}

/// How a purchase is activated (R13). KMS is never allowed in CSP.
public enum Activation: String, CaseIterable, Sendable {
    case mak = "MAK"
    case kms = "KMS"
    case none
}

/// What the customer receives (R17).
public enum Delivery: String, CaseIterable, Sendable {
    case keyAndDownload = "key_and_download"
    case licenseOnly = "license_only"
    case instructions
}

/// A language a portal can be written in.
public enum PortalLanguage: String, CaseIterable, Sendable {
    case en
    case fr
}
