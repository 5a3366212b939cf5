import Foundation
import PortalRecords

/// A required input file is missing or unreadable (sysexits EX_NOINPUT, 66).
public struct MissingInput: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// The input has errors (sysexits EX_DATAERR, 65). Holds every diagnostic found, errors and warnings.
public struct InvalidInput: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.errors.map(\.description).joined(separator: "\n")
    }
}

/// What was loaded, with the warnings to show.
public struct LoadedInput: Sendable {
    public let input: PortalInput
    public let warnings: [Diagnostic]

    public init(input: PortalInput, warnings: [Diagnostic]) {
        self.input = input
        self.warnings = warnings.warnings
    }
}

/// Finds and loads the input files of a data folder (data.md, "Input folder").
public struct DataFolder: Sendable {
    public let url: URL
    public let timestamps: TimestampParser

    public init(url: URL, timestamps: TimestampParser = TimestampParser()) {
        self.url = url
        self.timestamps = timestamps
    }

    /// Each input may be `.csv` or `.json`, not both.
    func locate(_ name: String, required: Bool, diagnostics: inout [Diagnostic]) throws(MissingInput) -> String? {
        let present = ["csv", "json"].map { "\(name).\($0)" }.filter {
            FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path)
        }
        if present.count > 1 {
            diagnostics.append(.error(at: SourceLocation(file: present[0]),
                                      "both \(present.joined(separator: " and ")) exist; keep one of them"))
            return nil
        }
        if present.isEmpty && required {
            throw MissingInput(description: "\(url.path): missing required input \(name).csv or \(name).json")
        }
        return present.first
    }

    func bytes(of file: String) throws(MissingInput) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url.appendingPathComponent(file)))
        } catch {
            throw MissingInput(description: "\(url.appendingPathComponent(file).path): cannot read: \(error.localizedDescription)")
        }
    }

    /// Loads every input, or throws `MissingInput` / `InvalidInput` with all problems found.
    public func load() throws -> LoadedInput {
        let (input, diagnostics) = try read()
        if !diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: diagnostics) }
        return LoadedInput(input: input, warnings: diagnostics)
    }

    /// Only the markets table: the folder's `markets` file when it has one, else the built-in copy.
    public func readMarkets() throws -> [ReservationExcludedMarket] {
        var diagnostics: [Diagnostic] = []
        guard FileManager.default.fileExists(atPath: url.path),
              let file = try locate("markets", required: false, diagnostics: &diagnostics) else {
            if !diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: diagnostics) }
            return BuiltInMarkets.reservationExcluded
        }
        let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.markets, diagnostics: &diagnostics)
        let markets = MarketLoader.load(records, diagnostics: &diagnostics)
        if !diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: diagnostics) }
        return markets
    }

    /// Reads every input, keeping the records that are valid, with every diagnostic found (sorted
    /// by file and line), so that the rules can still check what was read. Throws only when a
    /// required file is missing.
    public func read() throws(MissingInput) -> (input: PortalInput, diagnostics: [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingInput(description: "\(url.path): no such data folder")
        }
        var diagnostics: [Diagnostic] = []

        let siteFile = FileManager.default.fileExists(atPath: url.appendingPathComponent("site.json").path) ? "site.json" : nil
        let site = SiteLoader.load(try siteFile.map(bytes(of:)), file: "site.json", timestamps: timestamps, diagnostics: &diagnostics)

        var customers: [Customer] = []
        var namedCustomerIds: Set<String> = []
        if let file = try locate("customers", required: true, diagnostics: &diagnostics) {
            let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.customers, diagnostics: &diagnostics)
            (customers, namedCustomerIds) = CustomerLoader.load(records, timestamps: timestamps, diagnostics: &diagnostics)
        }

        var purchases: [Purchase] = []
        if let file = try locate("orders", required: true, diagnostics: &diagnostics) {
            let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.orders, diagnostics: &diagnostics)
            purchases = OrderLoader.load(records, customerIds: namedCustomerIds, timestamps: timestamps, diagnostics: &diagnostics)
        }

        var markets = BuiltInMarkets.reservationExcluded
        if let file = try locate("markets", required: false, diagnostics: &diagnostics) {
            let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.markets, diagnostics: &diagnostics)
            markets = MarketLoader.load(records, diagnostics: &diagnostics)
        }

        var devices: [Device] = []
        if let file = try locate("devices", required: false, diagnostics: &diagnostics) {
            let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.devices, diagnostics: &diagnostics)
            devices = DeviceLoader.load(records, customerIds: namedCustomerIds, timestamps: timestamps, diagnostics: &diagnostics)
        }

        var activity: [ActivityEvent] = []
        if let file = try locate("activity", required: false, diagnostics: &diagnostics) {
            let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.activity, diagnostics: &diagnostics)
            activity = ActivityLoader.loadEvents(records, timestamps: timestamps, diagnostics: &diagnostics)
        }
        var users: [PartnerUser] = []
        let usersFile = try locate("users", required: false, diagnostics: &diagnostics)
        if let file = usersFile {
            let records = InputTable.read(try bytes(of: file), file: file, schema: Schemas.users, diagnostics: &diagnostics)
            users = ActivityLoader.loadUsers(records, timestamps: timestamps, diagnostics: &diagnostics)
        }

        let input = PortalInput(site: site, customers: customers, purchases: purchases, excludedMarkets: markets, devices: devices,
                                activity: activity, users: users, hasUsers: usersFile != nil)
        return (input, diagnostics.sortedByLocation())
    }

}
