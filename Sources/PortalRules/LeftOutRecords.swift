import PortalRecords

/// What `build --keep-going` publishes: the site without the records that have errors.
public struct SiteWithoutErrors: Sendable {
    public let site: EvaluatedSite
    /// The customers who lost a purchase: their portals say that some could not be shown.
    public let customersMissingPurchases: Set<String>
}

extension EvaluatedSite {
    /// The site without the customers, purchases and devices whose input record is one of
    /// `records` (`orders.csv:12`, `orders.json: $[3]`). A purchase built from two records (an
    /// order line and its Partner Center subscription) goes when either has an error. The
    /// loaders already dropped the records they could not read; this drops those that only the
    /// rules found wrong (R5, R9, R13, dates past 9999) and customers whose folders collide.
    public func leavingOut(records: Set<SourceLocation>) -> SiteWithoutErrors {
        func isLeftOut(_ location: SourceLocation) -> Bool { location.record.map(records.contains) ?? false }
        var customersMissingPurchases: Set<String> = []
        let kept = customers.filter { !isLeftOut($0.customer.source) }.map { evaluated in
            let purchases = evaluated.purchases.filter { purchase in
                !isLeftOut(purchase.purchase.source) && !purchase.purchase.layout.fieldLocations(in: purchase.purchase.source).contains(where: isLeftOut)
            }
            if purchases.count == evaluated.purchases.count && evaluated.devices.allSatisfy({ !isLeftOut($0.device.source) }) {
                return evaluated
            }
            if purchases.count < evaluated.purchases.count { customersMissingPurchases.insert(evaluated.customer.id) }
            return EvaluatedCustomer(customer: evaluated.customer, azureReservationsAvailable: evaluated.azureReservationsAvailable,
                                     pricesIncludeTax: evaluated.pricesIncludeTax, purchases: purchases,
                                     devices: evaluated.devices.filter { !isLeftOut($0.device.source) })
        }
        return SiteWithoutErrors(
            site: EvaluatedSite(asOf: asOf, site: site, customers: kept, diagnostics: diagnostics,
                                findings: findings, activity: activity, users: users),
            customersMissingPurchases: customersMissingPurchases)
    }
}
