import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// Which file holds an input and how it is read is decided once, by `InputFile`: the format comes
/// from the name the file was found under, never from its content nor from another look at a suffix.
@Suite("Input files")
struct InputFileTests {
    static let customers = DataFolderTests.customers
    static let header = DataFolderTests.header

    func errors(_ files: [String: String]) throws -> [String] {
        try DataFolderTests().errors(files)
    }

    @Test("Each input is looked for as <input>.csv, then <input>.json")
    func candidates() {
        #expect(InputFile.candidates(for: Schemas.customers).map(\.name) == ["customers.csv", "customers.json"])
        #expect(InputFile.candidates(for: Schemas.orders).map(\.format) == [.csv, .json])
        #expect(InputFile.candidates(for: Schemas.activity).map(\.name) == ["activity.csv", "activity.json"])
    }

    @Test("A missing required input names both files it can be")
    func missingNamesBoth() throws {
        let folder = try Scratch(files: ["customers.csv": Self.customers])
        do {
            _ = try DataFolder(url: folder.url).read()
            Issue.record("no MissingInput")
        } catch {
            #expect(error.description == "\(folder.url.path): missing required input orders.csv or orders.json")
        }
    }

    @Test("A .json file is read as JSON whatever it holds, a .csv file as CSV")
    func formatFollowsTheName() throws {
        let csvInJSON = try errors(["customers.json": Self.customers, "orders.csv": Self.header])
        #expect(csvInJSON.count == 1)
        #expect(csvInJSON.first?.hasPrefix("customers.json:1:1: error: not valid JSON") == true, "\(csvInJSON)")

        let jsonInCSV = try errors(["customers.csv": #"[{"customerId": "C1", "name": "Alpha", "country": "FR"}]"#,
                                    "orders.csv": Self.header])
        #expect(jsonInCSV.first?.hasPrefix("customers.csv:1: error: missing required columns: customer_id, name, country") == true,
                "\(jsonInCSV)")
    }

    @Test("The same records from either format, streamed or read whole")
    func sameRecordsEitherWay() throws {
        let csv = "at,user,action,customer_id\n2026-10-01T10:00:00Z,admin@contoso.example,getSoftwareKey,C1\n"
        let json = #"[{"at": "2026-10-01T10:00:00Z", "user": "admin@contoso.example", "action": "getSoftwareKey", "customerId": "C1"}]"#
        var events: [[String]] = []
        for (name, text) in [("activity.csv", csv), ("activity.json", json)] {
            let folder = try Scratch(files: ["customers.csv": Self.customers, "orders.csv": Self.header, name: text])
            let (input, diagnostics) = try DataFolder(url: folder.url).read()
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            events.append(input.activity.map { "\($0.at) \($0.user) \($0.action) \($0.customerId ?? "-")" })
        }
        #expect(events[0] == ["2026-10-01T10:00:00Z admin@contoso.example get_software_key C1"])
        #expect(events[0] == events[1])
    }
}
