import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// What counts as a change between two builds (issue 22), one kind at a time, and which changes
/// are carried forward (30 days, at the edges).
@Suite("What changed between two builds")
struct SiteChangesTests {
    typealias Product = BuildSnapshot.Product

    static func product(_ status: ProductStatus = .active, order: String = "ORD-1", line: Int = 0, cancellable: Bool = false,
                        deadline: String? = nil) -> Product {
        Product(orderId: order, line: line, product: "Windows Server 2025 Standard", status: status, cancellable: cancellable,
                cancellationDeadline: deadline.map(at))
    }

    static func snapshot(_ asOf: String, products: [Product] = [], devices: [BuildSnapshot.Device] = [],
                         findings: [BuildSnapshot.Finding] = [], customers extra: [BuildSnapshot.Customer] = []) -> BuildSnapshot {
        BuildSnapshot(asOf: at(asOf), customers: [BuildSnapshot.Customer(id: "C-1", name: "Contoso", products: products, devices: devices)] + extra,
                      findings: findings)
    }

    static func changes(_ before: BuildSnapshot, _ after: BuildSnapshot) -> [SiteChange] {
        SiteChanges.between(before, after) ?? []
    }

    @Test("The same data at the same as-of: nothing changed")
    func sameData() {
        let snapshot = Self.snapshot("2026-11-25T09:00:00Z", products: [Self.product(cancellable: true, deadline: "2026-11-27T10:00:00Z")],
                                     devices: [BuildSnapshot.Device(name: "SRV", deadline: at("2026-12-01"), status: .atRisk)],
                                     findings: [BuildSnapshot.Finding(at: at("2026-11-24"), user: "u@p.example", action: "get_software_key",
                                                                      customerId: "C-1", reason: "missing_role")])
        #expect(SiteChanges.between(snapshot, snapshot) == [])
    }

    @Test("A build of an earlier as-of than the site it replaces compares with nothing")
    func backwards() {
        #expect(SiteChanges.between(Self.snapshot("2026-11-25T09:00:00Z"), Self.snapshot("2026-11-25T08:59:59Z")) == nil)
        #expect(SiteChanges.between(Self.snapshot("2026-11-25T09:00:00Z"), Self.snapshot("2026-11-25T09:00:00Z")) == [])
    }

    @Test("Customers added and removed, matched without case (tenant ids)")
    func customers() {
        let other = BuildSnapshot.Customer(id: "C-2", name: "Fabrikam", products: [Self.product()], devices: [])
        let changes = Self.changes(Self.snapshot("2026-11-24", customers: [other]),
                                   Self.snapshot("2026-11-25", customers: [BuildSnapshot.Customer(id: "C-3", name: "Adatum", products: [], devices: [])]))
        #expect(changes.map(\.kind) == [.customerAdded, .customerRemoved])
        #expect(changes.map(\.customerName) == ["Adatum", "Fabrikam"])
        #expect(changes.allSatisfy { $0.previousAsOf == at("2026-11-24") && $0.asOf == at("2026-11-25") })
        let renamedCase = BuildSnapshot(asOf: at("2026-11-25"), customers: [BuildSnapshot.Customer(id: "c-1", name: "Contoso", products: [], devices: [])], findings: [])
        #expect(Self.changes(Self.snapshot("2026-11-24"), renamedCase).isEmpty)
    }

    @Test("A new purchase, with its status; a purchase of a new customer is in the customer's change")
    func newPurchase() {
        let changes = Self.changes(Self.snapshot("2026-11-24"), Self.snapshot("2026-11-25", products: [Self.product(line: 1)]))
        #expect(changes.map(\.kind) == [.purchaseAdded])
        #expect(changes.first?.reference == "ORD-1" && changes.first?.line == 1 && changes.first?.after == "active" && changes.first?.before == nil)
    }

    @Test("R10: a cancellation (processing or done) is one change; processing then done is not another", arguments: [
        (ProductStatus.active, ProductStatus.cancellationProcessing, [SiteChange.Kind.cancellation]),
        (.active, .cancelled, [.cancellation]),
        (.expired, .cancelled, [.cancellation]),
        (.cancellationProcessing, .cancelled, []),
        (.active, .expired, [.statusChanged]),
        (.expired, .active, [.statusChanged]),
        (.cancelled, .active, [.statusChanged]),
    ])
    func statuses(before: ProductStatus, after: ProductStatus, expected: [SiteChange.Kind]) {
        let changes = Self.changes(Self.snapshot("2026-11-24", products: [Self.product(before)]),
                                   Self.snapshot("2026-11-25", products: [Self.product(after)]))
        #expect(changes.map(\.kind) == expected)
        if let change = changes.first {
            #expect(change.before == before.rawValue && change.after == after.rawValue)
        }
    }

    @Test("R2: a window open before and closed now without a cancellation; cancelled instead, it is a cancellation only", arguments: [
        // (cancellable now, deadline now, status now, expected)
        (false, "2026-11-25T10:00:00Z" as String?, ProductStatus.active, [SiteChange.Kind.windowClosed]),
        (true, "2026-11-25T10:00:00Z", .active, []),                          // still open
        (true, "2026-12-27T10:00:00Z", .active, [.windowClosed]),             // renewed: a new window, the old one passed
        (false, nil, .cancelled, [.cancellation]),
        (false, nil, .expired, [.statusChanged, .windowClosed]),
    ])
    func windows(cancellableNow: Bool, deadlineNow: String?, statusNow: ProductStatus, expected: [SiteChange.Kind]) {
        let before = Self.snapshot("2026-11-25T09:00:00Z", products: [Self.product(cancellable: true, deadline: "2026-11-25T10:00:00Z")])
        let after = Self.snapshot(cancellableNow && deadlineNow == "2026-11-25T10:00:00Z" ? "2026-11-25T09:59:59Z" : "2026-11-25T10:00:00Z",
                                  products: [Self.product(statusNow, cancellable: cancellableNow, deadline: deadlineNow)])
        let changes = Self.changes(before, after)
        #expect(changes.map(\.kind) == expected)
        #expect(changes.first { $0.kind == .windowClosed }.map { $0.occurredAt == at("2026-11-25T10:00:00Z") } ?? true)
    }

    @Test("R14: a device that became limited, or is new and limited; one limited before is no change")
    func devices() {
        func device(_ name: String, _ status: DeviceStatus) -> BuildSnapshot.Device {
            BuildSnapshot.Device(name: name, deadline: at("2026-11-25T00:00:00Z"), status: status)
        }
        let changes = Self.changes(
            Self.snapshot("2026-11-24", devices: [device("A", .atRisk), device("B", .limited), device("C", .atRisk)]),
            Self.snapshot("2026-11-25", devices: [device("A", .limited), device("B", .limited), device("C", .migrated), device("D", .limited)]))
        #expect(changes.map(\.kind) == [.deviceLimited, .deviceLimited])
        #expect(changes.map(\.subject) == ["A", "D"])
        #expect(changes.map(\.before) == ["at_risk", nil])
    }

    @Test("R12: a finding the earlier build did not have, named by its customer when it is one")
    func findings() {
        let old = BuildSnapshot.Finding(at: at("2026-11-20T10:00:00Z"), user: "a@p.example", action: "get_software_key", customerId: "C-1", reason: "missing_role")
        let new = BuildSnapshot.Finding(at: at("2026-11-24T10:00:00Z"), user: "b@p.example", action: "get_software_download_link", customerId: "C-1", reason: "unknown_user")
        let stranger = BuildSnapshot.Finding(at: at("2026-11-24T11:00:00Z"), user: "b@p.example", action: "get_software_key", customerId: "X-9", reason: "unknown_user")
        let changes = Self.changes(Self.snapshot("2026-11-24", findings: [old]), Self.snapshot("2026-11-25", findings: [old, new, stranger]))
        #expect(changes.map(\.kind) == [.auditFinding, .auditFinding])
        #expect(changes.map(\.customerName) == ["Contoso", "X-9"])
        #expect(changes.first?.subject == "b@p.example" && changes.first?.after == "unknown_user" && changes.first?.occurredAt == at("2026-11-24T10:00:00Z"))
    }

    @Test("Instants are compared at portal.json's precision: a build is no change to itself read back")
    func seconds() {
        let exact = Self.snapshot("2026-11-25T09:00:00Z", products: [Product(orderId: "O", line: 0, product: "P", status: .active, cancellable: true,
                                                                             cancellationDeadline: at("2026-11-27T10:00:00Z").adding(milliseconds: 999))])
        let readBack = Self.snapshot("2026-11-25T09:00:00Z", products: [Product(orderId: "O", line: 0, product: "P", status: .active, cancellable: true,
                                                                                cancellationDeadline: at("2026-11-27T10:00:00Z"))])
        #expect(exact == readBack)
    }

    @Test("Changes are carried while at most 30 days old and not after the as-of; each once", arguments: [
        ("2026-10-26T09:00:00Z", true),
        ("2026-10-26T08:59:59Z", false),
        ("2026-11-25T09:00:00Z", true),
        ("2026-11-25T09:00:01Z", false),
    ])
    func history(foundAt: String, kept: Bool) {
        let old = SiteChange(kind: .customerAdded, asOf: at(foundAt), previousAsOf: at("2026-10-01"), customerId: "C-1", customerName: "Contoso")
        let new = SiteChange(kind: .customerRemoved, asOf: at("2026-11-25T09:00:00Z"), previousAsOf: at("2026-11-24"), customerId: "C-2", customerName: "Fabrikam")
        let history = SiteChanges.history(carried: [old, new], found: [new], asOf: at("2026-11-25T09:00:00Z"))
        #expect(history.count == (kept ? 2 : 1))
        #expect(history.contains(new) && history.contains(old) == kept)
    }
}
