import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// The site is as of its as-of (docs/rules.md, "Time"): a record dated after it has not happened.
/// The boundary is exact: at the as-of has happened, one second later has not.
@Suite("The site as of its as-of")
struct AsOfTests {
    static let asOf = at("2026-10-20T00:00:00Z")
    static let customer = Customer(id: "C-1", name: "Alpha", country: "FR")

    static func input(purchases: [Purchase] = [], devices: [Device] = [], activity: [ActivityEvent] = []) -> PortalInput {
        PortalInput(site: SiteSettings(partnerName: "P"), customers: [customer], purchases: purchases, excludedMarkets: [],
                    devices: devices, activity: ActivityLog(activity), users: [PartnerUser(user: "ann@p.example", roles: ["Billing admin"])])
    }

    static func line(_ number: Int, purchasedAt: String, cancelledAt: String? = nil, reportedStatus: ReportedStatus? = nil) -> Purchase {
        let base = purchase(purchasedAt: purchasedAt, cancelledAt: cancelledAt)
        return Purchase(orderId: "ORD-\(number)", customerId: "C-1", product: base.product, kind: base.kind, purchasedAt: base.purchasedAt,
                        term: base.term, quantity: 1, unitPrice: base.unitPrice, currency: base.currency, cancelledAt: base.cancelledAt,
                        reportedStatus: reportedStatus, source: SourceLocation(file: "orders.csv", line: number))
    }

    @Test("A purchase at the as-of is shown; one second after it is on no page and in no count", arguments: [
        ("2026-10-19T23:59:59Z", true),
        ("2026-10-20T00:00:00Z", true),
        ("2026-10-20T00:00:01Z", false),
    ])
    func purchaseBoundary(purchasedAt: String, shown: Bool) {
        let site = SiteEvaluation.evaluate(Self.input(purchases: [Self.line(2, purchasedAt: purchasedAt)]), asOf: Self.asOf)
        #expect(site.customers[0].purchases.count == (shown ? 1 : 0))
        #expect(site.diagnostics.map(\.description) == (shown ? [] : [
            "orders.csv: warning: 1 line purchased after the as-of 2026-10-20T00:00:00Z is not shown (line 2)",
        ]))
    }

    @Test("A cancellation after the as-of has not happened: the purchase is active, with its window (R2, R10)", arguments: [
        ("2026-10-19T23:59:59Z", ProductStatus.cancellationProcessing),
        ("2026-10-20T00:00:00Z", .cancellationProcessing),
        ("2026-10-20T00:00:01Z", .active),
    ])
    func cancellationBoundary(cancelledAt: String, status: ProductStatus) {
        let site = SiteEvaluation.evaluate(Self.input(purchases: [Self.line(2, purchasedAt: "2026-10-15T00:00:00Z", cancelledAt: cancelledAt)]),
                                           asOf: Self.asOf)
        let facts = site.customers[0].purchases[0].facts
        #expect(facts.status == status)
        #expect(facts.cancellable == (status == .active))
        #expect(site.diagnostics.map(\.description) == (status == .active ? [
            "orders.csv: warning: 1 cancellation dated after the as-of 2026-10-20T00:00:00Z has not happened yet: the purchase is shown as not cancelled (line 2)",
        ] : []))
    }

    @Test("A cancellation after the as-of has not happened even when the export's status already says cancelled (R10)", arguments: [
        ("2026-10-19T23:59:59Z", ProductStatus.cancellationProcessing),
        ("2026-10-20T00:00:00Z", .cancellationProcessing),
        ("2026-10-20T00:00:01Z", .active),
    ])
    func reportedCancellationBoundary(cancelledAt: String, status: ProductStatus) {
        // An export taken after the cancellation carries both its date and the status it led to.
        let line = Self.line(2, purchasedAt: "2026-10-15T00:00:00Z", cancelledAt: cancelledAt, reportedStatus: .cancelled)
        let site = SiteEvaluation.evaluate(Self.input(purchases: [line]), asOf: Self.asOf)
        let facts = site.customers[0].purchases[0].facts
        #expect(facts.status == status, "the warning says: shown as not cancelled")
        #expect(facts.cancellable == (status == .active))
        // Without a date the status is all there is: cancelled, whatever the as-of.
        let undated = Self.line(2, purchasedAt: "2026-10-15T00:00:00Z", reportedStatus: .cancelled)
        #expect(SiteEvaluation.evaluate(Self.input(purchases: [undated]), asOf: Self.asOf).customers[0].purchases[0].facts.status == .cancelled)
    }

    @Test("A MAK deployment after the as-of has not happened; a device last activated after it is not shown (R14)", arguments: [
        ("2026-10-19T23:59:59Z", DeviceStatus.migrated),
        ("2026-10-20T00:00:00Z", .migrated),
        ("2026-10-20T00:00:01Z", .atRisk),
    ])
    func makBoundary(deployedAt: String, status: DeviceStatus) {
        let devices = [
            Device(name: "SRV-1", customerId: "C-1", lastKMSActivation: at("2026-09-01T00:00:00Z"), makDeployedAt: at(deployedAt),
                   source: SourceLocation(file: "devices.csv", line: 2)),
            Device(name: "SRV-2", customerId: "C-1", lastKMSActivation: Self.asOf.adding(milliseconds: 1_000),
                   source: SourceLocation(file: "devices.csv", line: 3)),
        ]
        let site = SiteEvaluation.evaluate(Self.input(devices: devices), asOf: Self.asOf)
        #expect(site.customers[0].devices.map(\.device.name) == ["SRV-1"])
        #expect(site.customers[0].devices[0].facts.status == status)
        var expected = ["devices.csv: warning: 1 device last activated by KMS after the as-of 2026-10-20T00:00:00Z is not shown (line 3)"]
        if status == .atRisk {
            expected.append("devices.csv: warning: 1 MAK deployment dated after the as-of 2026-10-20T00:00:00Z has not happened yet: the device is shown as still on KMS (line 2)")
        }
        #expect(site.diagnostics.map(\.description).sorted() == expected.sorted())
    }

    @Test("An activity event after the as-of is not counted: no finding, not in the log the reports read (R12)", arguments: [
        ("2026-10-19T23:59:59Z", true),
        ("2026-10-20T00:00:00Z", true),
        ("2026-10-20T00:00:01Z", false),
    ])
    func activityBoundary(eventAt: String, counted: Bool) {
        let event = ActivityEvent(at: at(eventAt), user: "ann@p.example", action: ActivityEvent.keyAction, customerId: "C-1",
                                  source: SourceLocation(file: "activity.csv", line: 7))
        let site = SiteEvaluation.evaluate(Self.input(activity: [event]), asOf: Self.asOf)
        #expect(site.findings.count == (counted ? 1 : 0), "R12: a key seen without Admin Agent is a finding once it has happened")
        #expect(site.activity.count == (counted ? 1 : 0))
        #expect(site.diagnostics.map(\.description) == (counted ? [] : [
            "activity.csv: warning: 1 event after the as-of 2026-10-20T00:00:00Z is not counted (line 7)",
        ]))
    }

    @Test("One warning per file with the count and the first five lines, in file order")
    func counted() {
        // Lines in reverse order, as a subscriptions file can bring them.
        let later = (2...9).reversed().map { Self.line($0 * 3, purchasedAt: "2026-11-0\($0)T00:00:00Z") }
        let site = SiteEvaluation.evaluate(Self.input(purchases: later + [Self.line(40, purchasedAt: "2026-01-01T00:00:00Z")]), asOf: Self.asOf)
        #expect(site.customers[0].purchases.map(\.purchase.orderId) == ["ORD-40"])
        #expect(site.diagnostics.map(\.description) == [
            "orders.csv: warning: 8 lines purchased after the as-of 2026-10-20T00:00:00Z are not shown (lines 6, 9, 12, 15, 18, …)",
        ])
    }

    @Test("With the clock's as-of, a record in the future points at the export's clock or time zone")
    func clock() {
        let site = SiteEvaluation.evaluate(Self.input(purchases: [Self.line(2, purchasedAt: "2026-10-20T01:00:00Z")]),
                                           asOf: Self.asOf, asOfOrigin: .clock)
        #expect(site.diagnostics.map(\.description) == [
            "orders.csv: warning: 1 line purchased after now (2026-10-20T00:00:00Z) is not shown (line 2): a date in the future points at "
                + "a wrong clock or time zone in the export (timestamps without an offset are read in --timezone, UTC by default)",
        ])
    }

    @Test("JSON records are listed by their path")
    func jsonPaths() {
        let locations = [SourceLocation(file: "orders.json", jsonPath: "$[3]"), SourceLocation(file: "orders.json", jsonPath: "$[7]")]
        #expect(LaterRecords.describe(locations, more: true) == "$[3], $[7], …")
        #expect(LaterRecords.describe([SourceLocation(file: "orders.csv", line: 4)], more: false) == "line 4")
        #expect(LaterRecords.describe([SourceLocation(file: "orders.csv", line: 4)], more: true) == "lines 4, …")
    }
}
