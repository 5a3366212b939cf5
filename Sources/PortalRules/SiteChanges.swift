import PortalRecords

/// What "what changed" compares of a build: its as-of, and per customer the products, devices and
/// audit findings its `portal.json` published (docs/portal-json.md), at that file's precision
/// (instants to the second). Made from the evaluated site for this build, and read back from the
/// `portal.json` of the site a build replaces.
public struct BuildSnapshot: Sendable, Equatable {
    public struct Product: Hashable, Sendable {
        public let orderId: String
        public let line: Int
        public let product: String
        public let status: ProductStatus
        public let cancellable: Bool
        public let cancellationDeadline: Instant?

        public init(orderId: String, line: Int, product: String, status: ProductStatus, cancellable: Bool, cancellationDeadline: Instant?) {
            self.orderId = orderId
            self.line = line
            self.product = product
            self.status = status
            self.cancellable = cancellable
            self.cancellationDeadline = cancellationDeadline.map(BuildSnapshot.toSecond)
        }
    }

    public struct Device: Hashable, Sendable {
        public let name: String
        public let deadline: Instant
        public let status: DeviceStatus

        public init(name: String, deadline: Instant, status: DeviceStatus) {
            self.name = name
            self.deadline = BuildSnapshot.toSecond(deadline)
            self.status = status
        }
    }

    public struct Customer: Hashable, Sendable {
        public let id: String
        public let name: String
        public let products: [Product]
        public let devices: [Device]

        public init(id: String, name: String, products: [Product], devices: [Device]) {
            self.id = id
            self.name = name
            self.products = products
            self.devices = devices
        }
    }

    public struct Finding: Hashable, Sendable {
        public let at: Instant
        public let user: String
        public let action: String
        public let customerId: String?
        public let reason: String

        public init(at: Instant, user: String, action: String, customerId: String?, reason: String) {
            self.at = BuildSnapshot.toSecond(at)
            self.user = user
            self.action = action
            self.customerId = customerId
            self.reason = reason
        }
    }

    public let asOf: Instant
    public let customers: [Customer]
    public let findings: [Finding]

    public init(asOf: Instant, customers: [Customer], findings: [Finding]) {
        self.asOf = BuildSnapshot.toSecond(asOf)
        self.customers = customers
        self.findings = findings
    }

    /// What this build publishes.
    public init(_ site: EvaluatedSite) {
        self.init(
            asOf: site.asOf,
            customers: site.customers.map { customer in
                Customer(id: customer.customer.id, name: customer.customer.name,
                         products: customer.purchases.map { evaluated in
                             Product(orderId: evaluated.purchase.orderId, line: evaluated.purchase.line, product: evaluated.purchase.product,
                                     status: evaluated.facts.status, cancellable: evaluated.facts.cancellable,
                                     cancellationDeadline: evaluated.facts.cancellationDeadline)
                         },
                         devices: customer.devices.map { Device(name: $0.device.name, deadline: $0.facts.deadline, status: $0.facts.status) })
            },
            findings: site.findings.map { finding in
                let event = site.event(of: finding)
                return Finding(at: event.at, user: event.user, action: event.action, customerId: event.customerId, reason: finding.reason.rawValue)
            })
    }

    /// `portal.json` writes instants to the second: a build's own instants are cut the same way,
    /// so that a build compared with itself read back finds nothing changed.
    static func toSecond(_ instant: Instant) -> Instant {
        let milliseconds = instant.millisecondsSinceEpoch
        let remainder = ((milliseconds % 1_000) + 1_000) % 1_000
        return Instant(millisecondsSinceEpoch: milliseconds - remainder)
    }
}

/// One thing that changed between two builds, for the partner: who, what, before and after, and
/// the as-of of both builds.
public struct SiteChange: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case customerAdded = "customer_added"
        case customerRemoved = "customer_removed"
        case purchaseAdded = "purchase_added"
        /// Not cancelled before (active or expired), cancelled or processing now (R10).
        case cancellation
        /// Any other change of a purchase's status (active → expired, …); a cancellation that was
        /// processing and is now done is the same cancellation, not a change.
        case statusChanged = "status_changed"
        /// A window open in the earlier build has closed, and the purchase was not cancelled (R2, R4).
        case windowClosed = "window_closed"
        /// A device that was not limited (or not listed) now is (R14).
        case deviceLimited = "device_limited"
        /// An audit finding the earlier build did not have (R12).
        case auditFinding = "audit_finding"
    }

    public let kind: Kind
    /// The as-of of the build that found the change.
    public let asOf: Instant
    /// The as-of of the build it was compared with.
    public let previousAsOf: Instant
    public let customerId: String
    public let customerName: String
    /// The product, the device or the partner user it is about; nil for a customer added or removed.
    public let subject: String?
    /// The order id of a purchase, the device's name, the action of a finding.
    public let reference: String?
    /// The line of a purchase inside its order.
    public let line: Int?
    /// When it happened, where the change has a moment: the deadline of a window that closed or
    /// of a device's KMS activation, the time of an audited event.
    public let occurredAt: Instant?
    /// Values as `portal.json` writes them: a product's or device's status, a finding's reason.
    public let before: String?
    public let after: String?

    public init(kind: Kind, asOf: Instant, previousAsOf: Instant, customerId: String, customerName: String, subject: String? = nil,
                reference: String? = nil, line: Int? = nil, occurredAt: Instant? = nil, before: String? = nil, after: String? = nil) {
        self.kind = kind
        self.asOf = asOf
        self.previousAsOf = previousAsOf
        self.customerId = customerId
        self.customerName = customerName
        self.subject = subject
        self.reference = reference
        self.line = line
        self.occurredAt = occurredAt
        self.before = before
        self.after = after
    }
}

/// What counts as a change between the site a build replaces and the new one (issue 22), and
/// which changes are carried from build to build. Pure: two snapshots in, changes out.
public enum SiteChanges {
    /// Changes found within this many days before the as-of are carried forward: a daily build
    /// keeps a month of history.
    public static let keptDays: Int64 = 30

    /// The changes from `previous` to `current`; nil when `previous` is as of a later instant (a
    /// build of the past compares with nothing: its changes would run backwards).
    public static func between(_ previous: BuildSnapshot, _ current: BuildSnapshot) -> [SiteChange]? {
        guard previous.asOf <= current.asOf else { return nil }
        func change(_ kind: SiteChange.Kind, _ customer: BuildSnapshot.Customer, subject: String? = nil, reference: String? = nil,
                    line: Int? = nil, occurredAt: Instant? = nil, before: String? = nil, after: String? = nil) -> SiteChange {
            SiteChange(kind: kind, asOf: current.asOf, previousAsOf: previous.asOf, customerId: customer.id, customerName: customer.name,
                       subject: subject, reference: reference, line: line, occurredAt: occurredAt, before: before, after: after)
        }
        var changes: [SiteChange] = []
        let earlier = Dictionary(previous.customers.map { (CustomerIds.key($0.id), $0) }, uniquingKeysWith: { first, _ in first })
        let now = Set(current.customers.map { CustomerIds.key($0.id) })
        for customer in previous.customers where !now.contains(CustomerIds.key(customer.id)) {
            changes.append(change(.customerRemoved, customer))
        }
        for customer in current.customers {
            guard let before = earlier[CustomerIds.key(customer.id)] else {
                changes.append(change(.customerAdded, customer))
                continue
            }
            let products = Dictionary(before.products.map { (ProductKey($0), $0) }, uniquingKeysWith: { first, _ in first })
            for product in customer.products {
                func purchaseChange(_ kind: SiteChange.Kind, occurredAt: Instant? = nil, before: String? = nil, after: String? = nil) -> SiteChange {
                    change(kind, customer, subject: product.product, reference: product.orderId, line: product.line,
                           occurredAt: occurredAt, before: before, after: after)
                }
                guard let old = products[ProductKey(product)] else {
                    changes.append(purchaseChange(.purchaseAdded, after: product.status.rawValue))
                    continue
                }
                if !old.status.isCancelled && product.status.isCancelled {
                    changes.append(purchaseChange(.cancellation, before: old.status.rawValue, after: product.status.rawValue))
                } else if old.status != product.status && !(old.status == .cancellationProcessing && product.status == .cancelled) {
                    changes.append(purchaseChange(.statusChanged, before: old.status.rawValue, after: product.status.rawValue))
                }
                // The window the earlier build showed open is closed: its deadline has passed, or it
                // is open no more; a cancellation in between is reported as one instead.
                if old.cancellable, let deadline = old.cancellationDeadline, !product.status.isCancelled,
                   !product.cancellable || deadline <= current.asOf {
                    changes.append(purchaseChange(.windowClosed, occurredAt: deadline, after: product.status.rawValue))
                }
            }
            let devices = Dictionary(before.devices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for device in customer.devices where device.status == .limited {
                let old = devices[device.name]
                guard old?.status != .limited else { continue }
                changes.append(change(.deviceLimited, customer, subject: device.name, reference: device.name, occurredAt: device.deadline,
                                      before: old?.status.rawValue, after: device.status.rawValue))
            }
        }
        let known = Set(previous.findings)
        let names = Dictionary(current.customers.map { (CustomerIds.key($0.id), $0.name) }, uniquingKeysWith: { first, _ in first })
        for finding in current.findings where !known.contains(finding) {
            let id = finding.customerId ?? ""
            changes.append(SiteChange(kind: .auditFinding, asOf: current.asOf, previousAsOf: previous.asOf, customerId: id,
                                      customerName: names[CustomerIds.key(id)] ?? id, subject: finding.user, reference: finding.action,
                                      occurredAt: finding.at, after: finding.reason))
        }
        return sorted(changes)
    }

    /// The history a build publishes: the changes it found, and those it carries from the earlier
    /// build that are at most `keptDays` old and not after its as-of (a build of the past does not
    /// know what was found later). Each change once, newest first.
    public static func history(carried: [SiteChange], found: [SiteChange], asOf: Instant) -> [SiteChange] {
        let oldest = asOf.adding(days: -keptDays)
        var seen = Set<SiteChange>()
        let kept = (found + carried.filter { $0.asOf >= oldest && $0.asOf <= asOf }).filter { seen.insert($0).inserted }
        return sorted(kept)
    }

    /// Newest build first; then by customer, kind, subject and moment: the same order every time.
    static func sorted(_ changes: [SiteChange]) -> [SiteChange] {
        changes.sorted { a, b in
            if a.asOf != b.asOf { return a.asOf > b.asOf }
            if a.customerName != b.customerName { return a.customerName.utf8.lexicographicallyPrecedes(b.customerName.utf8) }
            if a.customerId != b.customerId { return a.customerId.utf8.lexicographicallyPrecedes(b.customerId.utf8) }
            let kinds = SiteChange.Kind.allCases
            if a.kind != b.kind { return kinds.firstIndex(of: a.kind)! < kinds.firstIndex(of: b.kind)! }
            if a.reference != b.reference { return (a.reference ?? "").utf8.lexicographicallyPrecedes((b.reference ?? "").utf8) }
            if a.line != b.line { return (a.line ?? -1) < (b.line ?? -1) }
            if a.subject != b.subject { return (a.subject ?? "").utf8.lexicographicallyPrecedes((b.subject ?? "").utf8) }
            if a.occurredAt != b.occurredAt { return (a.occurredAt ?? a.asOf) < (b.occurredAt ?? b.asOf) }
            if a.previousAsOf != b.previousAsOf { return a.previousAsOf < b.previousAsOf }
            return (a.before ?? "", a.after ?? "") < (b.before ?? "", b.after ?? "")
        }
    }

    /// A purchase is the same one from build to build by its order id and line.
    struct ProductKey: Hashable {
        let orderId: String
        let line: Int

        init(_ product: BuildSnapshot.Product) {
            self.orderId = product.orderId
            self.line = product.line
        }
    }
}
