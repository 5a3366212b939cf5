import PortalRecords
import Testing
@testable import PortalLoad

/// Fields are named in code by enum cases (a misspelt one does not compile); these tests hold the
/// tables behind the cases to what they promise.
@Suite("Input fields")
struct InputFieldsTests {
    /// Checks one input's table: positions, names and the spellings that find each field.
    func check<Field: InputField>(_ schema: InputSchema<Field>, names: [String]) {
        #expect(Field.allCases.map(\.name) == names, "\(schema.name)")
        // A field's raw value is where a record keeps its value: the cases' order, with no gap.
        #expect(Field.allCases.map(\.rawValue) == Array(Field.allCases.indices), "\(schema.name)")
        for field in Field.allCases {
            let camelCase = field.name.split(separator: "_").enumerated()
                .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
            for spelling in [field.name, field.name.uppercased(), camelCase, field.name.replacingOccurrences(of: "_", with: " ")] {
                #expect(schema.field(forHeader: spelling) == field, "\(schema.name): \(spelling)")
            }
        }
        for (alias, field) in schema.aliases {
            // Headers are normalized before the lookup: an alias written otherwise would never match.
            #expect(FieldName.normalized(alias) == alias, "\(schema.name): alias \(alias)")
            // A field's own name wins: an alias spelt like another field's name would never be used.
            #expect(!Field.allCases.contains { $0 != field && FieldName.normalized($0.name) == alias }, "\(schema.name): alias \(alias)")
            #expect(schema.field(forHeader: alias) == field, "\(schema.name): alias \(alias)")
        }
        #expect(Set(schema.required).count == schema.required.count, "\(schema.name)")
    }

    @Test("Each input's fields: their order, the names docs/data-format.md gives them, and every spelling that finds them")
    func tables() {
        check(Schemas.customers, names: ["customer_id", "name", "domain", "country", "language", "timezone"])
        check(Schemas.orders, names: ["order_id", "line", "customer_id", "subscription_id", "product", "sku", "publisher", "kind",
                                      "purchased_at", "term", "billing", "quantity", "unit_price", "currency", "auto_renew",
                                      "commitment_end", "cancellable_until", "cancelled_at", "status", "activation", "delivery",
                                      "instructions_url", "product_key", "software_assurance"])
        check(Schemas.subscriptions, names: ["subscription_id", "order_id", "customer_id", "product", "sku", "publisher",
                                             "purchased_at", "commitment_end", "auto_renew", "billing", "term", "quantity",
                                             "cancellable_until", "cancelled_at", "status", "unit_price", "currency"])
        check(Schemas.markets, names: ["name_fr", "name_en", "code"])
        check(Schemas.devices, names: ["device", "customer_id", "last_kms_activation", "mak_deployed_at"])
        check(Schemas.activity, names: ["at", "user", "action", "status", "customer_id", "customer_name", "order_id", "product"])
        check(Schemas.users, names: ["user", "name", "roles"])
    }

    @Test("A subscription's value goes to the order-line field of the same name")
    func subscriptionToOrderLine() {
        for field in SubscriptionField.allCases {
            #expect(field.orderField.name == field.name)
        }
        #expect(Set(SubscriptionField.allCases.map(\.orderField)).count == SubscriptionField.allCases.count)
    }

    @Test("Only the inputs the Partner Center API has read its resources from JSON")
    func partnerCenterInputs() {
        #expect(Schemas.customers.partnerCenter?.resource == .customer)
        #expect(Schemas.orders.partnerCenter?.resource == .order)
        #expect(Schemas.subscriptions.partnerCenter?.resource == .subscription)
        #expect(Schemas.activity.partnerCenter?.resource == .auditRecord)
        #expect(Schemas.markets.partnerCenter == nil && Schemas.devices.partnerCenter == nil && Schemas.users.partnerCenter == nil)
        for resource in PartnerCenterResource.allCases {
            #expect(resource.fileName.hasSuffix(".json"))
        }
    }

    @Test("A missing required column lists every missing one in the input's order, with the header as written")
    func missingColumns() throws {
        let errors = try DataFolderTests().errors(["customers.csv": DataFolderTests.customers, "orders.csv": "Order ID;Customer ID;Kind\n"])
        #expect(errors == ["orders.csv:1: error: missing required columns: product, purchased_at, quantity, unit_price, currency "
                           + "(the header has: Order ID, Customer ID, Kind)"])
    }
}
