import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// What `csp-portal init` writes (StarterDataFolder): every column each loader reads, and an
/// example row the loader accepts without a single diagnostic.
@Suite("Starter data folder")
struct StarterDataFolderTests {
    func header(_ name: String) throws -> [String] {
        let text = try #require(StarterDataFolder.files.first { $0.name == name }?.text)
        return text.split(separator: "\n").first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    }

    @Test("Each CSV has every field of its schema, in order")
    func everyColumn() throws {
        #expect(try header("customers.csv") == CustomerField.allCases.map(\.name))
        #expect(try header("orders.csv") == OrderField.allCases.map(\.name))
        #expect(try header("devices.csv") == DeviceField.allCases.map(\.name))
        #expect(try header("activity.csv") == ActivityField.allCases.map(\.name))
        #expect(try header("users.csv") == UserField.allCases.map(\.name))
    }

    @Test("The folder reads without an error or a warning, as of a day after its example purchase")
    func readsClean() throws {
        let files = Dictionary(uniqueKeysWithValues: StarterDataFolder.files.map { ($0.name, $0.text) })
        let scratch = try Scratch(files: files)
        let (input, diagnostics) = try DataFolder(url: scratch.url).read()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(input.customers.count == 1 && input.purchases.count == 1 && input.devices.count == 1 && input.users.count == 1)
        #expect(input.site.partnerName == "Your company")
        #expect(input.site.asOf == nil, "an empty asOf is no asOf: real data is never frozen at a date")
        #expect(input.site.branding.logo?.format == .svg)
        #expect(input.site.branding.accentColor?.hex == "#0f6cbd")
    }
}
