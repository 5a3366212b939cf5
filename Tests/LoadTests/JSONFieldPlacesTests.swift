import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// Where a JSON record's fields are: kept relative to the record's path, one layout per shape of
/// record rather than a path per field and record, and every path built only when a message needs
/// it, the same as when each was kept.
@Suite("JSON field places")
struct JSONFieldPlacesTests {
    /// Twelve orders of two lines, `$[0]` to `$[11]`: paths of two widths, one shape.
    static func orders(lastLine: String) -> String {
        let orders = (0..<12).map { index in
            PartnerCenterTests.order(id: "O\(index)", lines: PartnerCenterTests.line(0) + ", "
                                     + (index == 10 ? lastLine : PartnerCenterTests.line(1)))
        }
        return "[" + orders.joined(separator: ",\n") + "]"
    }

    func read(orders: String) throws -> (input: PortalInput, diagnostics: [Diagnostic]) {
        let folder = try Scratch(files: ["customers.json": "[\(PartnerCenterTests.customer)]", "orders.json": orders])
        return try DataFolder(url: folder.url).read()
    }

    @Test("Partner Center order lines of one shape share one layout, and each field is still at its own line's path (R9: billing)")
    func sharedLayout() throws {
        let (input, diagnostics) = try read(orders: Self.orders(lastLine: PartnerCenterTests.line(1)))
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.purchases.count == 24)
        // Before, each line's layout held its own paths: 24 layouts of 25 paths each.
        #expect(Set(input.purchases.map(\.layout)).count == 1)
        let last = try #require(input.purchases.first { $0.orderId == "O10" && $0.line == 1 })
        func path(_ field: String) -> String? { last.location(of: field).jsonPath }
        #expect(last.source == SourceLocation(file: "orders.json", jsonPath: "$[10].lineItems[1]"))
        #expect(last.location(of: "billing") == SourceLocation(file: "orders.json", jsonPath: "$[10].billingCycle"))
        #expect(path("purchased_at") == "$[10].creationDate")
        #expect(path("customer_id") == "$[10].referenceCustomerId")
        #expect(path("quantity") == "$[10].lineItems[1].quantity")
        #expect(path("unit_price") == "$[10].lineItems[1].pricing.price")
        #expect(path("product") == "$[10].lineItems[1].friendlyName")
        // Absent: where it would be.
        #expect(path("activation") == "$[10].lineItems[1].activation")
        #expect(path("kind") == "$[10].lineItems[1].termDuration")
        let first = try #require(input.purchases.first { $0.orderId == "O9" && $0.line == 0 })
        #expect(first.location(of: "billing").jsonPath == "$[9].billingCycle")
        #expect(first.location(of: "unit_price").jsonPath == "$[9].lineItems[0].pricing.price")
    }

    // Sorted by path: pricing before quantity.
    @Test("A bad or missing value of a line that shares its shape is reported at its own path, with the same text")
    func diagnosticsOfSharedShape() throws {
        let (_, diagnostics) = try read(orders: Self.orders(lastLine: PartnerCenterTests.line(1, quantity: -2, price: nil)))
        #expect(diagnostics.errors.map(\.description) == [
            "orders.json: $[10].lineItems[1].pricing.price: error: unit_price: a value is required: " + PartnerCenterResource.priceAdvice,
            "orders.json: $[10].lineItems[1].quantity: error: quantity: expected a whole number from 1 to 1000000 (-2)",
        ])
    }

    @Test("A path relative to its record is resolved exactly, even where two keys differ inside a character", arguments: [
        ("$.é.a", "$.è"), ("$[3].creationDate", "$[3].lineItems[0]"), ("$[3].lineItems[0].quantity", "$[3].lineItems[0]"),
        ("$", "$[3].lineItems[0]"), ("$[3]", "$[3]"), ("$.x😀y", "$.x😃z"), ("", "$"),
    ])
    func relativePath(path: String, record: String) {
        let relative = RelativeJSONPath(path, relativeTo: record)
        #expect(relative.resolved(against: record) == path)
        #expect(relative.resolved(against: record).utf8.elementsEqual(path.utf8))
    }
}

extension JSONFieldPlacesTests {
    @Test("Records whose keys are each spelt a new way keep no more than a bounded number of shapes, and each its own places")
    func shapesAreBounded() {
        var shapes = FieldSourceShapes()
        for index in 0..<(FieldSourceShapes.maximumCount + 500) {
            let sources: [FieldSource] = [.underRecord(RelativeJSONPath(dropping: 0, suffix: ".quantity\(index)"))]
            #expect(shapes.shared(sources) == sources)
        }
        #expect(shapes.count == FieldSourceShapes.maximumCount)
        let elsewhere: [FieldSource] = [.elsewhere(SourceLocation(file: "subscriptions.json", jsonPath: "$[0].id"))]
        var fresh = FieldSourceShapes()
        #expect(fresh.shared(elsewhere) == elsewhere)
        #expect(fresh.count == 0, "a place in another file is its record's alone")
    }
}
