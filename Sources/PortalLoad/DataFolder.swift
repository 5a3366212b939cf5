import Foundation
import PortalRecords
import PortalSupport

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

/// Finds and loads the input files of a data folder (docs/data-format.md).
public struct DataFolder: Sendable {
    public let url: URL
    public let timestamps: TimestampParser

    public init(url: URL, timestamps: TimestampParser = TimestampParser()) {
        self.url = url
        self.timestamps = timestamps
    }

    /// The file that holds `schema`'s input: each input may be `.csv` or `.json`, not both.
    func locate<Field>(_ schema: InputSchema<Field>, required: Bool,
                       diagnostics: inout [Diagnostic]) throws(MissingInput) -> InputFile<Field>? {
        let candidates = InputFile.candidates(for: schema)
        let present = candidates.filter { FileManager.default.fileExists(atPath: url.appendingPathComponent($0.name).path) }
        if present.count > 1 {
            diagnostics.append(.error(at: SourceLocation(file: present[0].name),
                                      "both \(present.map(\.name).joined(separator: " and ")) exist; keep one of them"))
            return nil
        }
        if present.isEmpty && required {
            throw MissingInput(description: "\(url.path): missing required input \(candidates.map(\.name).joined(separator: " or "))")
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

    /// Only the markets table: the folder's `markets` file when it has one, else the built-in copy.
    public func readMarkets() throws -> [ReservationExcludedMarket] {
        var diagnostics: [Diagnostic] = []
        let markets = FileManager.default.fileExists(atPath: url.path)
            ? try self.markets(diagnostics: &diagnostics) : BuiltInMarkets.reservationExcluded
        if !diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: diagnostics) }
        return markets
    }

    func markets(diagnostics: inout [Diagnostic]) throws(MissingInput) -> [ReservationExcludedMarket] {
        guard let (_, records) = try records(of: Schemas.markets, required: false, diagnostics: &diagnostics) else {
            return BuiltInMarkets.reservationExcluded
        }
        return MarketLoader.load(records, diagnostics: &diagnostics)
    }

    /// The raw records of `schema`'s input, or nil when the optional file is absent. A JSON file
    /// is read a chunk at a time, never held whole beside its records.
    func records<Field>(of schema: InputSchema<Field>, required: Bool,
                        diagnostics: inout [Diagnostic]) throws(MissingInput) -> (file: String, records: [RawRecord<Field>])? {
        guard let file = try locate(schema, required: required, diagnostics: &diagnostics) else { return nil }
        switch file.format {
        case .json:
            return (file.name, JSONTable.records(try jsonSource(file.name), file: file.name, schema: schema, diagnostics: &diagnostics))
        case .csv:
            return (file.name, file.records(in: try bytes(of: file.name), diagnostics: &diagnostics))
        }
    }

    /// Calls `body` with each raw record of `schema`'s input as it is read: a CSV or JSON file is
    /// streamed, never held whole. Nothing happens when the optional file is absent.
    func forEachRecord<Field>(of schema: InputSchema<Field>, required: Bool = false, diagnostics: inout [Diagnostic],
                              _ body: (RawRecord<Field>, inout [Diagnostic]) -> Void) throws(MissingInput) {
        guard let file = try locate(schema, required: required, diagnostics: &diagnostics) else { return }
        switch file.format {
        case .json:
            JSONTable.forEachRecord(try jsonSource(file.name), file: file.name, schema: schema, diagnostics: &diagnostics, body)
        case .csv:
            let stream: CSVStream
            do {
                stream = try CSVStream.file(atPath: url.appendingPathComponent(file.name).path)
            } catch {
                throw MissingInput(description: "\(url.appendingPathComponent(file.name).path): cannot read: \(error)")
            }
            CSVTable.forEachRecord(stream, file: file.name, schema: schema, diagnostics: &diagnostics, body)
        }
    }

    /// A JSON file's bytes, a chunk at a time. Only a regular file (`RegularFile`).
    func jsonSource(_ name: String) throws(MissingInput) -> JSONPullReader.Source {
        let path = url.appendingPathComponent(name).path
        let file: RegularFile
        do {
            file = try RegularFile(path: path, notRegular: "not a regular file (a FIFO, a device or a folder); save the export as a plain file")
        } catch {
            throw MissingInput(description: "\(path): cannot read: \(error.reason)")
        }
        return { () throws(JSONReadFailure) in
            do throws(RegularFile.Failure) { return try file.read(upTo: JSONPullReader.chunkSize) } catch { throw .unreadable(error.reason) }
        }
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
        let site = SiteLoader.load(try siteFile.map(bytes(of:)), file: "site.json", folder: url, timestamps: timestamps,
                                   diagnostics: &diagnostics)

        var customers: [Customer] = []
        var namedCustomerIds = CustomerIds()
        // A customers file rejected whole (wrong resource, wrong encoding) would make every order's
        // customer unknown: one message is enough.
        var customersRejected = false
        let errorsBefore = diagnostics.errors.count
        if let (file, records) = try records(of: Schemas.customers, required: true, diagnostics: &diagnostics) {
            (customers, namedCustomerIds) = CustomerLoader.load(records, timestamps: timestamps, diagnostics: &diagnostics)
            customersRejected = records.isEmpty && diagnostics.errors.dropFirst(errorsBefore).contains { $0.location.file == file }
        }
        // The activity log, the largest file, is read on another thread while the orders are read.
        let customerNames = CustomerNames(customers)
        let customerIds = namedCustomerIds
        let (orders, activity) = try concurrently { () throws(MissingInput) in
            try readOrders(customerIds: customerIds, customersRejected: customersRejected)
        } _: { [self] () throws(MissingInput) in
            try readActivity(customerNames: customerNames, customerIds: customerIds)
        }
        diagnostics += orders.diagnostics + activity.diagnostics
        let (purchases, markets, devices) = (orders.purchases, orders.markets, orders.devices)
        let users = activity.users

        let input = PortalInput(site: site, customers: customers, purchases: purchases, excludedMarkets: markets, devices: devices,
                                activity: activity.log, users: users)
        return (input, diagnostics.sortedByLocation())
    }

    /// Orders (and subscriptions), the markets and the devices.
    private func readOrders(customerIds: CustomerIds, customersRejected: Bool) throws(MissingInput)
        -> (purchases: [Purchase], markets: [ReservationExcludedMarket], devices: [Device], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Partner Center subscriptions alone are enough: each is a product even without its order.
        let subscriptions = try records(of: Schemas.subscriptions, required: false, diagnostics: &diagnostics)
        var orders = OrderLoader(customerIds: customersRejected ? nil : customerIds, timestamps: timestamps)
        if let subscriptions {
            // Subscriptions enrich the lines they match: every line is needed at once.
            let orderLines = try records(of: Schemas.orders, required: false, diagnostics: &diagnostics)?.records ?? []
            for line in SubscriptionEnrichment.apply(subscriptions.records, to: orderLines, diagnostics: &diagnostics) {
                orders.add(line, diagnostics: &diagnostics)
            }
        } else {
            // Streamed: a partner's 225,000 lines are never held as text and raw records beside their purchases.
            try forEachRecord(of: Schemas.orders, required: true, diagnostics: &diagnostics) { line, diagnostics in
                orders.add(line, diagnostics: &diagnostics)
            }
        }
        let purchases = orders.purchases
        let markets = try markets(diagnostics: &diagnostics)
        let devices = try records(of: Schemas.devices, required: false, diagnostics: &diagnostics).map {
            DeviceLoader.load($0.records, customerIds: customerIds, timestamps: timestamps, diagnostics: &diagnostics)
        } ?? []
        return (purchases, markets, devices, diagnostics)
    }

    /// The activity log, streamed, and the partner's users.
    private func readActivity(customerNames: CustomerNames, customerIds: CustomerIds) throws(MissingInput)
        -> (log: ActivityLog, users: [PartnerUser], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var activity = ActivityLog()
        try forEachRecord(of: Schemas.activity, diagnostics: &diagnostics) { record, diagnostics in
            if let event = ActivityLoader.event(record, timestamps: timestamps, customerNames: customerNames,
                                                 customerIds: customerIds, diagnostics: &diagnostics) {
                activity.append(event)
            }
        }
        let users = try records(of: Schemas.users, required: false, diagnostics: &diagnostics).map {
            UserLoader.load($0.records, timestamps: timestamps, diagnostics: &diagnostics)
        } ?? []
        return (activity, users, diagnostics)
    }
}
