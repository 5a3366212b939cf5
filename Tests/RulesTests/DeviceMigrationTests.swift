import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalRules

/// R14: KMS -> MAK without downtime. Last KMS activation + 180 days is the deadline (exclusive).
@Suite("R14 device migration")
struct DeviceMigrationTests {
    static let lastActivation = "2026-06-01T00:00:00Z"   // + 180 days = 2026-11-28T00:00:00Z

    @Test("R14: status and days left around the 180-day deadline", arguments: [
        // (as of, MAK deployed at, status, days left)
        ("2026-11-27T23:59:59Z", nil as String?, DeviceStatus.atRisk, 1),
        ("2026-11-28T00:00:00Z", nil, .limited, 0),
        ("2026-11-28T00:00:01Z", nil, .limited, 0),
        ("2026-11-25T00:00:00Z", nil, .atRisk, 3),
        ("2026-11-24T23:59:59Z", nil, .atRisk, 4),
        ("2026-06-01T00:00:00Z", nil, .atRisk, 180),
        ("2026-12-01T00:00:00Z", "2026-11-27T23:59:59Z", .migrated, 0),
        ("2026-12-01T00:00:00Z", "2026-11-28T00:00:00Z", .migratedAfterLapse, 0),
        ("2026-12-01T00:00:00Z", "2026-11-28T00:00:01Z", .migratedAfterLapse, 0),
        // A deployment planned after as-of has not happened yet.
        ("2026-11-20T00:00:00Z", "2026-11-26T00:00:00Z", .atRisk, 8),
        ("2026-11-26T00:00:00Z", "2026-11-26T00:00:00Z", .migrated, 0),
    ])
    func status(asOf: String, deployed: String?, expected: DeviceStatus, daysLeft: Int) {
        let device = Device(name: "SRV-01", customerId: "C1", lastKMSActivation: at(Self.lastActivation), makDeployedAt: deployed.map(at))
        let facts = DeviceMigration.evaluate(device, asOf: at(asOf))
        #expect(facts.deadline == at("2026-11-28T00:00:00Z"))
        #expect(facts.status == expected)
        #expect(facts.daysLeft == daysLeft)
    }

    @Test("R14: exactly 180 days, across a month end and a leap day")
    func calendar() {
        let device = Device(name: "SRV-02", customerId: "C1", lastKMSActivation: at("2027-12-31T12:00:00Z"))
        #expect(DeviceMigration.evaluate(device, asOf: at("2028-01-01")).deadline == at("2028-06-28T12:00:00Z"))
    }
}
