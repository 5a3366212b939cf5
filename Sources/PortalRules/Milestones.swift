import PortalRecords

/// Dates and durations the seed page fixes. Every rule reads them from here.
public enum Milestones {
    /// R6, R8: purchases from this UTC date on renew automatically and are returned by Get Subscriptions.
    public static let newCommerceSoftware = Instant(CivilDate(year: 2021, month: 10, day: 14)!)
    /// R9: purchases from this UTC date on may use the flexible billing plans.
    public static let flexibleBilling = Instant(CivilDate(year: 2021, month: 10, day: 22)!)
    /// R2: a term can be cancelled during its first 7 days.
    public static let subscriptionCancellationDays: Int64 = 7
    /// R4: perpetual software can be cancelled within 30 days of its purchase.
    public static let perpetualCancellationDays: Int64 = 30
    /// R10: a cancellation can take up to 15 minutes to show in Partner Center.
    public static let cancellationProcessingMinutes: Int64 = 15
}

/// "N days left": the number of started days before a deadline, 0 once it has passed
/// (docs/rules.md, "Time": deadlines are exclusive).
public func daysLeft(until deadline: Instant, asOf: Instant) -> Int {
    let remaining = deadline.milliseconds(since: asOf)
    guard remaining > 0 else { return 0 }
    return Int((remaining + Instant.millisecondsPerDay - 1) / Instant.millisecondsPerDay)
}
