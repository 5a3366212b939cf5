import PortalRecords
import PortalSupport

/// A purchase and what the rules computed for it.
public struct EvaluatedPurchase: Sendable {
    public let purchase: Purchase
    public let facts: ProductFacts
}

/// A device and its R14 state.
public struct EvaluatedDevice: Sendable {
    public let device: Device
    public let facts: DeviceFacts
}

/// A customer, its market facts (R15, R16) and its purchases, sorted by order id then line.
public struct EvaluatedCustomer: Sendable {
    public let customer: Customer
    public let azureReservationsAvailable: Bool
    public let pricesIncludeTax: Bool
    public let purchases: [EvaluatedPurchase]
    /// R14, sorted by device name.
    public let devices: [EvaluatedDevice]
}

/// Every rule applied to every record at one instant.
public struct EvaluatedSite: Sendable {
    public let asOf: Instant
    public let site: SiteSettings
    /// Sorted by customer id (byte order).
    public let customers: [EvaluatedCustomer]
    /// What only the rules can see (R5, R6, R9, R13), in file and line order.
    public let diagnostics: [Diagnostic]
    /// R12, sorted by time then user.
    public let findings: [AuditFinding]
    /// The activity events, as read, for the audit report.
    public let activity: ActivityLog
    public let users: [PartnerUser]
}

extension EvaluatedSite {
    /// The event a finding is about.
    public func event(of finding: AuditFinding) -> ActivityEvent { activity[finding.index] }
}

public enum SiteEvaluation {
    /// Applies the rules to `input` as of `asOf`. Pure: the same arguments give the same result.
    ///
    /// The site is as of its as-of (docs/rules.md, "Time"): a purchase, a device's KMS
    /// activation or an activity event dated after it has not happened and is left out; a later
    /// cancellation or MAK deployment has not happened either. Each is said in a warning.
    public static func evaluate(_ input: consuming PortalInput, asOf: Instant, asOfOrigin: AsOfOrigin = .given) -> EvaluatedSite {
        var later = LaterRecords(asOf: asOf, origin: asOfOrigin)
        let (activity, laterEvents) = input.activity.keepingEvents(through: asOf)
        for position in laterEvents { later.note(.activityEvent, at: input.activity[position].source) }
        input.activity = ActivityLog()
        let users = input.users
        // R12's pass over the whole activity log depends on nothing else here: it runs alongside.
        let ((customers, diagnostics), findings) = concurrently(
            { evaluateCustomers(&input, later: &later) },
            { AuditRules.findings(activity, users: users) })
        return EvaluatedSite(asOf: asOf, site: input.site, customers: customers,
                             diagnostics: (diagnostics + later.warnings).sortedByLocation(),
                             findings: findings, activity: activity, users: users)
    }

    /// Every customer with its purchases and devices evaluated, on every core, sorted by id; and
    /// the diagnostics of the purchases. Takes the purchases out of `input`. What is dated after
    /// the as-of is noted in `later`.
    static func evaluateCustomers(_ input: inout PortalInput, later: inout LaterRecords) -> ([EvaluatedCustomer], [Diagnostic]) {
        let asOf = later.asOf
        let markets = MarketRules(excludedMarkets: input.excludedMarkets)
        // Taken out of the input, so that the records are freed once evaluated rather than kept
        // beside their evaluated copies (225,000 order lines of a large partner: ~80 MB).
        var purchases: [Purchase] = []
        swap(&purchases, &input.purchases)
        // Each customer's lines by index, so that its evaluated purchases are made once, in an
        // array of exactly their number (grown by appending, they would take up to twice the room).
        var linesByCustomer: [String: [Int]] = [:]
        var diagnostics: [Diagnostic] = []
        for (index, purchase) in purchases.enumerated() {
            // A line bought later is still checked: its errors are the export's, whatever the as-of.
            diagnostics += PurchaseChecks.diagnostics(for: purchase)
            if later.isLater(purchase.purchasedAt) {
                later.note(.purchase, at: purchase.source)
                continue
            }
            if let cancelledAt = purchase.cancelledAt, later.isLater(cancelledAt) {
                later.note(.cancellation, at: purchase.location(of: "cancelled_at"))
            }
            linesByCustomer[purchase.customerId, default: []].append(index)
        }
        var devicesByCustomer: [String: [Device]] = [:]
        for device in input.devices {
            if later.isLater(device.lastKMSActivation) {
                later.note(.device, at: device.source)
                continue
            }
            if let deployed = device.makDeployedAt, later.isLater(deployed) {
                later.note(.makDeployment, at: device.source)
            }
            devicesByCustomer[device.customerId, default: []].append(device)
        }
        let customers = input.customers
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
            .concurrentMap { [purchases, linesByCustomer, devicesByCustomer] customer in
                var evaluated: [EvaluatedPurchase] = []
                let lines = linesByCustomer[customer.id] ?? []
                evaluated.reserveCapacity(lines.count)
                for index in lines {
                    evaluated.append(EvaluatedPurchase(purchase: purchases[index], facts: PurchaseEvaluation.evaluate(purchases[index], asOf: asOf)))
                }
                evaluated.sort(by: orderThenLine)
                let devices = (devicesByCustomer[customer.id] ?? [])
                    .map { EvaluatedDevice(device: $0, facts: DeviceMigration.evaluate($0, asOf: asOf)) }
                    .sorted { $0.device.name.utf8.lexicographicallyPrecedes($1.device.name.utf8) }
                return EvaluatedCustomer(
                    customer: customer,
                    azureReservationsAvailable: markets.azureReservationsAvailable(country: customer.country),
                    pricesIncludeTax: MarketRules.pricesIncludeTax(country: customer.country),
                    purchases: evaluated,
                    devices: devices)
            }
        for customer in customers {
            for purchase in customer.purchases { diagnostics += CalendarLimits.diagnostics(for: purchase) }
            for device in customer.devices { diagnostics += CalendarLimits.diagnostics(for: device) }
        }
        return (customers, diagnostics)
    }

    static func orderThenLine(_ a: EvaluatedPurchase, _ b: EvaluatedPurchase) -> Bool {
        if a.purchase.orderId != b.purchase.orderId {
            return a.purchase.orderId.utf8.lexicographicallyPrecedes(b.purchase.orderId.utf8)
        }
        return a.purchase.line < b.purchase.line
    }
}
