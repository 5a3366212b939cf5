import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// Customer ids are tenant GUIDs, which Partner Center writes in either case: they compare
/// ignoring case (issue #17, "Customer folders never change hands").
@Suite("Customer ids ignore case")
struct CustomerIdTests {
    static let lower = "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c"
    static let upper = lower.uppercased()
    static let orders = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"

    @Test("A second customer whose id differs only in case is a duplicate id, naming both lines")
    func caseVariantIsADuplicate() throws {
        let folder = try Scratch(files: [
            "customers.csv": "customer_id,name,country\n\(Self.lower),Contoso,FR\nC2,Other,FR\n\(Self.upper),Mallory,FR\n",
            "orders.csv": Self.orders,
        ])
        let (input, diagnostics) = try DataFolder(url: folder.url).read()
        #expect(diagnostics.errors.map(\.description) == [
            "customers.csv:4:1: error: customer_id: duplicate customer id, first seen at customers.csv:2 as \(Self.lower) "
                + "(ids are compared ignoring case) (\(Self.upper))",
        ])
        #expect(input.customers.map(\.name) == ["Contoso", "Other"])
    }

    @Test("An order, a device and an activity event naming the customer in another case find it, in its own spelling")
    func otherRecordsMatchIgnoringCase() throws {
        let folder = try Scratch(files: [
            "customers.csv": "customer_id,name,country\n\(Self.upper),Contoso,FR\n",
            "orders.csv": Self.orders + "O1,\(Self.lower),WS,subscription,2026-01-01,P1Y,1,10.00,EUR\n",
            "devices.csv": "device,customer_id,last_kms_activation\nSRV-1,\(Self.lower),2026-06-01\n",
            "activity.csv": "at,user,action,customer_id\n2026-11-20T10:00:00Z,a@p.example,get_software_key,\(Self.lower)\n"
                + "2026-11-20T10:00:00Z,a@p.example,get_software_key,unknown-id\n",
        ])
        let (input, diagnostics) = try DataFolder(url: folder.url).read()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.purchases.map(\.customerId) == [Self.upper])
        #expect(input.devices.map(\.customerId) == [Self.upper])
        #expect(input.activity.count == 2)
        #expect(input.activity[0].customerId == Self.upper)
        #expect(input.activity[1].customerId == "unknown-id", "an id of no customer is kept as written")
    }

    @Test("CustomerIds: the first spelling is kept, lookups ignore case")
    func customerIds() {
        let ids = CustomerIds(["Abc", "ABC", "def"])
        #expect(ids.spelling(of: "abc") == "Abc")
        #expect(ids.spelling(of: "ABC") == "Abc")
        #expect(ids.spelling(of: "DEF") == "def")
        #expect(ids.spelling(of: "x") == nil)
    }
}
