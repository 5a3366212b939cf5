import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// Partner Center REST API responses as partners save them (docs/data-format.md, "Partner Center API JSON").
@Suite("Partner Center API JSON")
struct PartnerCenterTests {
    static let customer = """
        {"id": "C1", "companyProfile": {"tenantId": "C1", "companyName": "Alpha SAS", "domain": "alpha.example"},
         "billingProfile": {"culture": "fr-FR", "defaultAddress": {"country": "FR"}}, "attributes": {"objectType": "Customer"}}
        """

    static func order(id: String = "O1", lines: String, status: String = "completed", cycle: String = "annual") -> String {
        """
        {"id": "\(id)", "referenceCustomerId": "C1", "billingCycle": "\(cycle)", "currencyCode": "EUR", "status": "\(status)",
         "creationDate": "2026-11-20T10:00:00Z", "lineItems": [\(lines)], "attributes": {"objectType": "Order"}}
        """
    }

    static func line(_ number: Int, subscription: String? = nil, term: String? = "P1Y", quantity: Int = 1,
                     price: String? = "100", extra: String = "") -> String {
        var fields = ["\"lineItemNumber\": \(number)", "\"friendlyName\": \"Windows Server 2025 Standard\"", "\"quantity\": \(quantity)"]
        if let subscription { fields.append("\"subscriptionId\": \"\(subscription)\"") }
        if let term { fields.append("\"termDuration\": \"\(term)\"") }
        if let price { fields.append("\"pricing\": {\"listPrice\": 120, \"price\": \(price)}") }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    func read(_ files: [String: String]) throws -> (input: PortalInput, diagnostics: [Diagnostic]) {
        let folder = try Scratch(files: files)
        return try DataFolder(url: folder.url).read()
    }

    // MARK: What a file holds

    @Test("A single customer, a collection, a plain array and several pages in one file all read", arguments: [
        customer,
        "{\"totalCount\": 1, \"items\": [\(customer)], \"attributes\": {\"objectType\": \"Collection\"}}",
        "[\(customer)]",
        "[{\"items\": [\(customer)], \"links\": {}}, {\"totalCount\": 0, \"items\": []}]",
    ])
    func shapes(customers: String) throws {
        let (input, diagnostics) = try read(["customers.json": customers, "orders.json": "[\(Self.order(lines: Self.line(0)))]"])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.customers.map(\.name) == ["Alpha SAS"])
        #expect(input.customers.first?.language == .fr, "the language part of billingProfile.culture")
        #expect(input.customers.first?.domain == "alpha.example")
        #expect(input.purchases.count == 1)
    }

    @Test("A file whose objectType is not what its name promises is one error naming the right file", arguments: [
        ("customers.json", "Subscription", "save them as subscriptions.json"),
        ("orders.json", "Customer", "save them as customers.json"),
        ("orders.json", "Invoice", "csp-portal does not read Partner Center Invoice resources"),
    ])
    func wrongObjectType(file: String, objectType: String, advice: String) throws {
        let resource = "{\"id\": \"X\", \"attributes\": {\"objectType\": \"\(objectType)\"}}"
        var files = ["customers.json": "[\(Self.customer)]", "orders.json": "[\(Self.order(lines: Self.line(0)))]"]
        files[file] = "{\"items\": [\(resource), \(resource)], \"attributes\": {\"objectType\": \"Collection\"}}"
        let errors = try read(files).diagnostics.errors
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: file, jsonPath: "$.items[0].attributes.objectType"))
        #expect(errors.first?.message.contains(advice) == true, "\(errors)")
    }

    @Test("The API's customer list has no billing profile: the error says to save each customer's own response")
    func customerListWithoutCountry() throws {
        let listed = """
            {"totalCount": 1, "items": [{"id": "C1", "companyProfile": {"tenantId": "C1", "companyName": "Alpha SAS"},
             "attributes": {"objectType": "Customer"}}], "attributes": {"objectType": "Collection"}}
            """
        let errors = try read(["customers.json": listed, "orders.json": "[]"]).diagnostics.errors
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.location == SourceLocation(file: "customers.json", jsonPath: "$.items[0].billingProfile.defaultAddress.country"))
        #expect(error.field == "country")
        #expect(error.message.contains("GET /v1/customers/{customer-id}") && error.message.contains("customers.csv"))
    }

    // MARK: Orders

    @Test("An order line with no price is an error saying where a price can come from")
    func lineWithoutPrice() throws {
        let orders = "[\(Self.order(lines: Self.line(0, price: nil)))]"
        let errors = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders]).diagnostics.errors
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: "orders.json", jsonPath: "$[0].lineItems[0].pricing.price"))
        #expect(errors.first?.message.contains("subscriptions.json") == true)
    }

    @Test("A subscription that gives the price (our extension) fills the line's missing price")
    func priceFromSubscription() throws {
        let orders = "[\(Self.order(lines: Self.line(0, subscription: "S1", price: nil)))]"
        let subscriptions = """
            [{"id": "S1", "orderId": "O1", "offerName": "Windows Server 2025 Standard", "quantity": 1, "termDuration": "P1Y",
              "unitPrice": 250.5, "currencyCode": "EUR", "attributes": {"objectType": "Subscription"}}]
            """
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders,
                                             "subscriptions.json": subscriptions])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.purchases.first?.unitPrice == ExactDecimal(significand: 2505, scale: 1))
    }

    @Test("One line item is one purchase; no term is perpetual; none/unknown billing leaves R9's default; enums in any case")
    func lineItems() throws {
        let orders = """
            [\(Self.order(id: "O1", lines: [Self.line(0, subscription: "S1"), Self.line(1, term: nil, extra: "\"productKey\": \"AAAAA-BBBBB-CCCCC-DDDDD-EEEEE\"")].joined(separator: ","), cycle: "none")),
             \(Self.order(id: "O2", lines: Self.line(0, term: "p3y"), cycle: "TRIENNIAL"))]
            """
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        let purchases = input.purchases
        #expect(purchases.map(\.kind) == [.subscription, .perpetual, .subscription])
        #expect(purchases.map(\.billing) == [nil, nil, .triennial])
        #expect(purchases.map(\.term) == [.oneYear, nil, .threeYears])
        #expect(purchases[0].subscriptionId == "S1")
        #expect(purchases[1].productKey == "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "an extension property named like a contract field")
        #expect(purchases[0].sku == nil)
    }

    @Test("A cancelled order cancels its lines; a line at quantity 0 is cancelled only when the order's other lines are not")
    func cancelledLines() throws {
        let orders = """
            [\(Self.order(id: "O1", lines: Self.line(0), status: "cancelled")),
             \(Self.order(id: "O2", lines: [Self.line(0, quantity: 3), Self.line(1, quantity: 0)].joined(separator: ","))),
             \(Self.order(id: "O3", lines: Self.line(0, quantity: 0)))]
            """
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders])
        #expect(input.purchases.map { "\($0.orderId)/\($0.line): \($0.reportedStatus?.rawValue ?? "-")" }
                == ["O1/0: cancelled", "O2/0: -", "O2/1: cancelled"])
        // An order whose every line is at 0 is not a cancellation the API describes: the quantity is wrong.
        #expect(diagnostics.errors.map(\.location) == [SourceLocation(file: "orders.json", jsonPath: "$[2].lineItems[0].quantity")])
    }

    @Test("Timestamps with 0 to 7 fractional digits and Z or +00:00", arguments: [
        ("2021-10-15T21:28:19Z", 0), ("2021-10-15T21:28:19.3Z", 300), ("2021-10-15T21:28:19.30Z", 300),
        ("2021-10-15T21:28:19.305Z", 305), ("2021-10-15T21:28:19.3058617Z", 305), ("2021-10-15T21:28:19.3058617+00:00", 305),
        ("2021-10-15T21:28:19+00:00", 0),
    ])
    func timestamps(text: String, milliseconds: Int64) throws {
        let instant = try TimestampParser().parse(text)
        #expect(instant == Instant(CivilDate(year: 2021, month: 10, day: 15)!, TimeOfDay(hour: 21, minute: 28, second: 19))
            .adding(milliseconds: milliseconds))
    }

    // MARK: Subscriptions

    @Test("A subscription gives the line's current state; its inclusive commitment end (R7) becomes the next day at 00:00 UTC")
    func enrichment() throws {
        let orders = "[\(Self.order(lines: Self.line(0, subscription: "S1", quantity: 5)))]"
        let subscriptions = """
            {"items": [{"id": "S1", "orderId": "O1", "offerName": "Windows Server 2025 Standard", "friendlyName": "Main hosts",
              "quantity": 3, "autoRenewEnabled": false, "commitmentEndDate": "2027-11-19T00:00:00Z", "billingCycle": "Monthly",
              "termDuration": "P1Y", "cancellationAllowedUntilDate": "2026-11-27T10:00:00.1234567Z", "status": "suspended",
              "publisherName": "Microsoft", "unknownProperty": {"nested": true}, "attributes": {"objectType": "Subscription"}}]}
            """
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders,
                                             "subscriptions.json": subscriptions])
        let purchase = try #require(input.purchases.first)
        #expect(input.purchases.count == 1)
        #expect(purchase.product == "Main hosts", "friendlyName when set")
        #expect(purchase.quantity == 3)
        #expect(purchase.autoRenew == false)
        #expect(purchase.commitmentEnd == Instant(CivilDate(year: 2027, month: 11, day: 20)!))
        #expect(purchase.cancellableUntil == Instant(CivilDate(year: 2026, month: 11, day: 27)!, TimeOfDay(hour: 10, minute: 0, millisecond: 123)))
        #expect(purchase.reportedStatus == nil, "suspended keeps the computed status")
        #expect(purchase.unitPrice == ExactDecimal(significand: 100, scale: 0), "the price stays the order's")
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        // A rule's message about a value the subscription gave points into subscriptions.json.
        #expect(purchase.billing == .monthly)
        #expect(purchase.location(of: "billing") == SourceLocation(file: "subscriptions.json", jsonPath: "$.items[0].billingCycle"))
        #expect(purchase.location(of: "unit_price") == SourceLocation(file: "orders.json", jsonPath: "$[0].lineItems[0].pricing.price"))
    }

    @Test("deleted is cancelled, expired and disabled are expired (R7), unknown statuses change nothing", arguments: [
        ("deleted", ReportedStatus.cancelled), ("Expired", .expired), ("disabled", .expired), ("active", nil),
        ("pending", nil), ("somethingNew", nil),
    ])
    func subscriptionStatus(status: String, expected: ReportedStatus?) throws {
        let orders = "[\(Self.order(lines: Self.line(0, subscription: "S1")))]"
        let subscriptions = "[{\"id\": \"S1\", \"orderId\": \"O1\", \"status\": \"\(status)\", \"attributes\": {\"objectType\": \"Subscription\"}}]"
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders,
                                             "subscriptions.json": subscriptions])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.purchases.first?.reportedStatus == expected)
    }

    @Test("A subscription without an order is still a product: its customer from links.self.uri, no price")
    func subscriptionWithoutOrder() throws {
        let subscriptions = """
            [{"id": "S9", "orderId": "O9", "offerName": "SQL Server 2022 Standard", "quantity": 2, "termDuration": "P1Y",
              "billingCycle": "annual", "creationDate": "2025-12-01T09:00:00Z", "autoRenewEnabled": true,
              "links": {"self": {"uri": "/customers/C1/subscriptions/S9", "method": "GET"}},
              "attributes": {"objectType": "Subscription"}},
             {"id": "S8", "orderId": "O1", "offerName": "Windows Server 2025 Datacenter", "quantity": 1, "termDuration": "P1M",
              "creationDate": "2026-11-01T00:00:00Z", "attributes": {"objectType": "Subscription"}}]
            """
        let orders = "[\(Self.order(lines: Self.line(0, subscription: "S1")))]"
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": orders,
                                             "subscriptions.json": subscriptions])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        let byOrder = Dictionary(grouping: input.purchases, by: { "\($0.orderId)/\($0.line)" })
        #expect(byOrder.keys.sorted() == ["O1/0", "O1/1", "O9/0"])
        let alone = try #require(byOrder["O9/0"]?.first)
        #expect(alone.customerId == "C1")
        #expect(alone.unitPrice == nil && alone.currency == nil)
        #expect(alone.kind == .subscription && alone.term == .oneYear && alone.quantity == 2)
        #expect(byOrder["O1/1"]?.first?.customerId == "C1", "the customer of the order it names")
    }

    @Test("A subscription without an order and without a customer says how to find one")
    func subscriptionWithoutCustomer() throws {
        let subscriptions = "[{\"id\": \"S9\", \"orderId\": \"O9\", \"offerName\": \"SQL\", \"quantity\": 1, \"termDuration\": \"P1Y\", \"creationDate\": \"2026-01-01\"}]"
        let errors = try read(["customers.json": "[\(Self.customer)]", "subscriptions.json": subscriptions]).diagnostics.errors
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.field == "customer_id")
        #expect(errors.first?.location.file == "subscriptions.json")
        #expect(errors.first?.message.contains("links.self.uri") == true)
    }

    // MARK: Activity

    @Test("AuditRecords (R12): the order id from customizedData, unknown statuses kept, unknown properties ignored")
    func auditRecords() throws {
        let activity = """
            {"items": [
              {"customerId": "C1", "customerName": "Alpha SAS", "userPrincipalName": "a@p.example", "operationType": "getSoftwareKey",
               "operationDate": "2026-11-20T11:00:00.1234567Z", "operationStatus": "Succeeded", "resourceNewValue": "{\\"x\\":1}",
               "customizedData": [{"key": "SubscriptionId", "value": "S1"}, {"key": "OrderId", "value": "O1"}],
               "attributes": {"objectType": "AuditRecord"}},
              {"userPrincipalName": "b@p.example", "operationType": "get_software_download_link", "operationDate": "2026-11-21T00:00:00+00:00",
               "operationStatus": "throttled", "attributes": {"objectType": "AuditRecord"}}
            ], "attributes": {"objectType": "Collection"}}
            """
        let (input, diagnostics) = try read(["customers.json": "[\(Self.customer)]", "orders.json": "[]", "activity.json": activity])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        let events = Array(input.activity)
        #expect(events.map(\.action) == ["get_software_key", "get_software_download_link"])
        #expect(events.map(\.status) == ["succeeded", "throttled"])
        #expect(events.first?.orderId == "O1")
        #expect(events.first?.customerId == "C1")
    }

    @Test("The activity-log page's CSV export: customers found by name, ignoring case and accents; a shared name finds none")
    func activityPageExport() throws {
        let customers = "customer_id,name,country\nC1,Société Générale Test,FR\nC2,Twin Ltd,GB\nC3,Twin Ltd,IE\n"
        let activity = """
            Date-Time,Affected customer,Action,Partner user
            2026-11-20T11:00:00Z,SOCIETE GENERALE  test,Get software key,a@p.example
            2026-11-21T11:00:00Z,Twin Ltd,Get software key,a@p.example
            2026-11-22T11:00:00Z,Nobody,Get software key,a@p.example

            """
        let (input, diagnostics) = try read(["customers.csv": customers, "orders.csv": "order_id,customer_id,product,kind,purchased_at,quantity,unit_price,currency\n",
                                             "activity.csv": activity])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(Array(input.activity).map(\.customerId) == ["C1", nil, nil])
        #expect(Array(input.activity).map(\.action) == ["get_software_key", "get_software_key", "get_software_key"])
    }
}
