import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// A timestamp is read only when its UTC date has four digits: an offset or a zone must not carry
/// 9999-12-31 into year 10000, nor 0001-01-01 into year 0 (#17).
@Suite("Dates outside 0001-9999")
struct DateLimitsTests {
    @Test("Offsets and zones that leave the four-digit years are impossible dates", arguments: [
        ("9999-12-31T23:00:00-05:00", "UTC"),
        ("9999-12-31T23:00:00", "America/New_York"),
        ("0001-01-01T00:30:00+01:00", "UTC"),
    ])
    func outside(text: String, zone: String) {
        #expect(throws: TimestampParser.Failure.self) { try TimestampParser(timeZone: TimeZone(identifier: zone)!).parse(text) }
    }

    @Test("The first and last instants are read", arguments: ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59+00:00", "0001-01-01", "0001-01-01T01:00:00+01:00"])
    func edges(text: String) throws {
        #expect(try TimestampParser().parse(text).isWritable)
    }

    @Test("In a file: the line, the field and the instant it would be")
    func inFile() throws {
        let folder = try Scratch(files: [
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\nO1,C1,WS,perpetual,9999-12-31T20:00:00-08:00,,1,10.00,EUR\n",
        ])
        let found = try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
        #expect(found == ["orders.csv:2:5: error: purchased_at: an impossible date: 10000-01-01T04:00:00Z in UTC, outside 0001-01-01 to 9999-12-31 (9999-12-31T20:00:00-08:00)"])
    }
}
