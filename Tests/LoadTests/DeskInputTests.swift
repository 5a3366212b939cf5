import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// The inputs the cancellation desk and R19 add: `software_assurance` on an order line (CSV and
/// Partner Center JSON), and the support-request contact in site.json.
@Suite("Software Assurance and the support contact")
struct DeskInputTests {
    static let customers = "customer_id,name,country\nC1,Alpha,FR\n"
    static let header = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,software_assurance\n"

    func read(_ files: [String: String]) throws -> (input: PortalInput, diagnostics: [Diagnostic]) {
        let folder = try Scratch(files: files)
        return try withExtendedLifetime(folder) { try DataFolder(url: folder.url).read() }
    }

    @Test("R19: software_assurance is true or false in any of the spellings booleans have; empty or absent is false", arguments: [
        ("true", true), ("TRUE", true), ("VRAI", true), ("yes", true), ("1", true),
        ("false", false), ("non", false), ("", false),
    ])
    func csv(value: String, expected: Bool) throws {
        let (input, diagnostics) = try read(["customers.csv": Self.customers,
                                             "orders.csv": Self.header + "O1,C1,Windows Server 2025 Standard,subscription,2026-11-20,P1Y,1,10.00,EUR,\(value)\n"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(input.purchases.map(\.softwareAssurance) == [expected])
    }

    @Test("R19: a file without the column reads as it did: no Software Assurance")
    func absentColumn() throws {
        let (input, diagnostics) = try read(["customers.csv": Self.customers,
                                             "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
                                                + "O1,C1,Windows Server 2025 Standard,subscription,2026-11-20,P1Y,1,10.00,EUR\n"])
        #expect(diagnostics.isEmpty)
        #expect(input.purchases.map(\.softwareAssurance) == [false])
    }

    @Test("A software_assurance that is not a boolean is an error naming file, line, column and value")
    func badValue() throws {
        let (input, diagnostics) = try read(["customers.csv": Self.customers,
                                             "orders.csv": Self.header + "O1,C1,Windows Server 2025 Standard,subscription,2026-11-20,P1Y,1,10.00,EUR,SA\n"])
        #expect(diagnostics.errors.map(\.description) == ["orders.csv:2:10: error: software_assurance: expected true, false or empty (SA)"])
        #expect(input.purchases.isEmpty)
    }

    @Test("R19: Partner Center JSON has no Software Assurance: our softwareAssurance property, on a line item or its order, is read")
    func partnerCenter() throws {
        let onLine = PartnerCenterTests.order(lines: PartnerCenterTests.line(0, extra: "\"softwareAssurance\": true") + ", "
                                                  + PartnerCenterTests.line(1))
        let onOrder = PartnerCenterTests.order(id: "O2", lines: PartnerCenterTests.line(0))
            .replacingOccurrences(of: "\"status\":", with: "\"softwareAssurance\": \"true\", \"status\":")
        let (input, diagnostics) = try read(["customers.json": "[\(PartnerCenterTests.customer)]", "orders.json": "[\(onLine), \(onOrder)]"])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(input.purchases.map { "\($0.orderId)/\($0.line)=\($0.softwareAssurance)" } == ["O1/0=true", "O1/1=false", "O2/0=true"])
    }

    @Test("site.json's contactName and contactPhone are read, trimmed")
    func contact() throws {
        let (input, diagnostics) = try read(["customers.csv": Self.customers, "orders.csv": Self.header,
                                             "site.json": #"{"contactName": " Amélie Durand ", "contactPhone": "+33 (0)1 84-88.20/00"}"#])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(input.site.contactName == "Amélie Durand")
        #expect(input.site.contactPhone == "+33 (0)1 84-88.20/00")
    }

    @Test("A contact that could add a line to a support request, or a phone that is not one, is an error at its key", arguments: [
        ("contactName", "Ann\\nProblem type: other", "expected a name on one line, without control characters"),
        ("contactName", "Ann\\u001b[2J", "expected a name on one line, without control characters"),
        ("contactPhone", "+33 1 23 45 67 89\\nBcc: x", "expected a phone number"),
        ("contactPhone", "call me", "expected a phone number"),
        ("contactPhone", "123", "at least 4 and at most 20 digits"),
        ("contactPhone", "1+2345", "expected a phone number"),
        ("contactPhone", "١٢٣٤٥", "expected a phone number"),
        ("contactName", "42", "expected a string"),
    ])
    func badContact(key: String, value: String, message: String) throws {
        let json = key == "contactName" && value == "42" ? #"{"contactName": 42}"# : "{\"\(key)\": \"\(value)\"}"
        let (input, diagnostics) = try read(["customers.csv": Self.customers, "orders.csv": Self.header, "site.json": json])
        let errors = diagnostics.errors.map(\.description)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("site.json: $.\(key): error: \(key): ") == true, "\(errors)")
        #expect(errors.first?.contains(message) == true, "\(errors)")
        #expect(input.site.contactName == nil && input.site.contactPhone == nil)
    }
}
