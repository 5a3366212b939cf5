import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad
#if canImport(Glibc)
import Glibc
#endif

/// Every kind of input error a user can make, each reported with where it is (issue #6).
@Suite("Bad input")
struct BadInputTests {
    static let customers = "customer_id,name,country\nC1,Alpha,FR\n"
    static let header = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"

    func errors(_ files: [String: String]) throws -> [String] {
        let folder = try Scratch(files: files)
        return try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
    }

    func errors(customers: String = customers, orders: String) throws -> [String] {
        try errors(["customers.csv": customers, "orders.csv": orders])
    }

    @Test("A control character in a value is an error naming file, line or path, field and the character; tab and line ends in a quoted value are not",
          arguments: [
            ("customers.json", #"[{"customerId": "C1", "name": "Al\u0000pha", "country": "FR"}]"#, "customers.json: $[0].name: error: name: a control character (U+0000)"),
            ("customers.json", #"[{"customerId": "C1", "name": "Alpha", "country": "FR", "domain": "a\u001b[2Jb.example"}]"#, "customers.json: $[0].domain: error: domain: a control character (U+001B)"),
            ("customers.csv", "customer_id,name,country\nC1,Al\u{7F}pha,FR\n", "customers.csv:2:2: error: name: a control character (U+007F)"),
            ("customers.csv", "customer_id,name,country\nC1,Al\u{9B}pha,FR\n", "customers.csv:2:2: error: name: a control character (U+009B)"),
          ])
    func controlCharacter(file: String, text: String, prefix: String) throws {
        let found = try errors([file: text, "orders.csv": Self.header])
        #expect(found.contains { $0.hasPrefix(prefix) }, "\(found)")
        #expect(try errors(customers: "customer_id,name,country\nC1,\"Al\tpha\r\nInc\",FR\n", orders: Self.header).isEmpty)
    }

    @Test("A ragged row is named by its line")
    func ragged() throws {
        let found = try errors(orders: Self.header + "O1,C1,WS,subscription,2026-01-01,P1Y,1,10.00\n")
        #expect(found == ["orders.csv:2: error: the row has 8 fields but the header has 9 (a ragged row: check for a missing or extra delimiter)"])
    }

    @Test("Trailing empty cells that spreadsheets add are not ragged")
    func trailingEmptyCells() throws {
        #expect(try errors(orders: Self.header + "O1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR,,\n").isEmpty)
    }

    @Test("An unterminated quote names the line it opened on")
    func unterminatedQuote() throws {
        let found = try errors(orders: Self.header + "O1,C1,\"WS,subscription,2026-01-01,P1Y,1,10.00,EUR\nO2,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR\n")
        #expect(found == ["orders.csv:2: error: a quoted field is never closed (unterminated quote)"])
    }

    @Test("An empty file and a binary file are errors naming the file", arguments: [
        ("", "orders.csv: error: the file is empty"),
        ("\n\r\n  \n", "orders.csv: error: the file is empty"),
        ("\u{0}\u{1}\u{2}PK\u{3}\u{4}", "orders.csv:1:1: error: a NUL byte"),
    ])
    func emptyOrBinary(text: String, prefix: String) throws {
        let found = try errors(orders: text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(prefix) == true, "\(found)")
    }

    @Test("Bytes that are not UTF-8 are reported with their line, column and offset")
    func notUTF8() throws {
        let folder = try Scratch(files: ["customers.csv": Self.customers])
        try Data(Array(Self.header.utf8) + [0x4F, 0x31, 0x2C, 0xE9, 0x2C]).write(to: folder.url.appendingPathComponent("orders.csv"))
        let found = try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
        #expect(found.count == 1)
        #expect(found.first == "orders.csv:2:4: error: not UTF-8 text; save the file as UTF-8 (or UTF-16 with a byte-order mark) (byte 84)", "\(found)")
    }

    @Test("Both orders.csv and orders.json is an error")
    func bothFormats() throws {
        let found = try errors(["customers.csv": Self.customers, "orders.csv": Self.header, "orders.json": "[]"])
        #expect(found == ["orders.csv: error: both orders.csv and orders.json exist; keep one of them"])
    }

    @Test("A missing required file or folder is MissingInput (exit 66)")
    func missing() throws {
        let folder = try Scratch(files: ["orders.csv": Self.header])
        #expect(throws: MissingInput.self) { try DataFolder(url: folder.url).read() }
        #expect(throws: MissingInput.self) { try DataFolder(url: folder.url.appendingPathComponent("nope")).read() }
    }

    @Test("A streamed file that is not a regular file is MissingInput (exit 66) at once: /dev/zero is not read, a FIFO is not waited on")
    func notARegularFile() throws {
        let folder = try Scratch(files: ["customers.csv": Self.customers])
        let orders = folder.url.appendingPathComponent("orders.csv")
        try FileManager.default.createSymbolicLink(atPath: orders.path, withDestinationPath: "/dev/zero")
        // Required first: before the fix a FIFO was waited on forever, so it is only tried once the device is refused.
        let device = try #require(throws: MissingInput.self) { try DataFolder(url: folder.url).read() }
        #expect(device.description.hasSuffix("orders.csv: cannot read: not a regular file (a FIFO, a device or a folder); save the export as a plain file"),
                "\(device)")
        try FileManager.default.removeItem(at: orders)
        try Data(Self.header.utf8).write(to: orders)
        #expect(mkfifo(folder.url.appendingPathComponent("activity.csv").path, 0o600) == 0)
        let fifo = try #require(throws: MissingInput.self) { try DataFolder(url: folder.url).read() }
        #expect(fifo.description.contains("activity.csv: cannot read: not a regular file"), "\(fifo)")
    }

    @Test("Missing required values, a duplicate customer and a duplicate column")
    func missingValues() throws {
        let found = try errors(customers: "customer_id,name,country\nC1,,FR\nC2,Beta,FR\nC2,Beta again,FR\n",
                               orders: "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,Quantity\n")
        #expect(found.contains("customers.csv:2:2: error: name: a value is required"), "\(found)")
        #expect(found.contains { $0.hasPrefix("customers.csv:4:1: error: customer_id: duplicate") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("orders.csv:1:10: error: quantity: the column appears twice") }, "\(found)")
    }

    @Test("Unknown values where they matter", arguments: [
        ("billing", "weekly"), ("activation", "OEM"), ("delivery", "dvd"), ("auto_renew", "maybe"),
    ])
    func unknownValues(field: String, value: String) throws {
        let found = try errors(orders: "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,\(field)\nO1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR,\(value)\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("orders.csv:2:10: error: \(field): ") == true, "\(found)")
        #expect(found.first?.hasSuffix("(\(value))") == true)
    }

    @Test("Perpetual software with a term, and impossible times")
    func inconsistent() throws {
        let found = try errors(orders: Self.header + "O1,C1,WS,perpetual,2026-01-01,P1Y,1,10.00,EUR\nO2,C1,WS,subscription,2026-01-01T24:00:00Z,P1Y,1,10.00,EUR\n")
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("orders.csv:2:6: error: term: perpetual software has no term"))
        #expect(found[1].hasPrefix("orders.csv:3:5: error: purchased_at:"))
    }
}

@Suite("Devices file")
struct DevicesFileTests {
    @Test("Devices load, and bad ones name file, line and field")
    func devices() throws {
        let folder = try Scratch(files: [
            "customers.csv": BadInputTests.customers,
            "orders.csv": BadInputTests.header,
            "devices.csv": "Device,Customer ID,Last KMS activation,MAK deployed at\nSRV-1,C1,2026-06-01,\nSRV-1,C1,2026-06-01,\nSRV-2,C9,2026-06-01,\nSRV-3,C1,soon,\n",
        ])
        let (input, diagnostics) = try DataFolder(url: folder.url).read()
        #expect(input.devices.map(\.name) == ["SRV-1"])
        #expect(diagnostics.errors.map(\.description) == [
            "devices.csv:3:1: error: device: the same device appears twice for this customer, first at devices.csv:2 (SRV-1)",
            "devices.csv:4:2: error: customer_id: unknown customer: no such customer_id in customers (C9)",
            "devices.csv:5:3: error: last_kms_activation: expected a date (2026-11-20) or a timestamp (2026-11-20T14:03:00Z, with an optional offset) (soon)",
        ])
    }
}
