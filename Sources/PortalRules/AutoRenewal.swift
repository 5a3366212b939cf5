import PortalRecords

/// R6: whether a purchase renews at the end of its term.
public enum AutoRenewal {
    /// Perpetual software never renews. A subscription or software plan bought before 2021-10-14
    /// (UTC date) never renews whatever the input says; one bought on or after renews unless the
    /// partner turned it off (`false`).
    public static func isEffective(for purchase: Purchase) -> Bool {
        guard purchase.kind != .perpetual else { return false }
        guard purchase.purchasedAt >= Milestones.newCommerceSoftware else { return false }
        return purchase.autoRenew ?? true
    }
}
