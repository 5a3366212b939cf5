import PortalRecords
@testable import PortalLoad

/// The inputs of a data folder as the fuzz targets read them, through the entry points `DataFolder`
/// calls: the records of a whole file (`InputFile.records`, which a JSON file and the inputs that
/// are not streamed go through), then the loader that turns them into records of the portal.
/// When the JSON readers change, this is the one place that names them.
public enum DataFolderInput {
    /// The inputs, in the order a target's choice byte picks them.
    public static let names = ["customers", "orders", "subscriptions", "markets", "devices", "activity", "users"]

    /// Every file name a diagnostic about an input may name: a subscription's fields may be
    /// reported against the orders file it enriches, and the other way round.
    public static let fileNames: Set<String> = Set(names.flatMap { ["\($0).csv", "\($0).json"] })

    /// Reads `bytes` as the file of input `index` (modulo the count) in `format` ("csv" or "json")
    /// and loads what it holds; returns how many records of the portal came out, and every
    /// diagnostic. Checks that each diagnostic lies inside the text.
    @discardableResult
    public static func read(_ bytes: [UInt8], input index: Int, json: Bool) -> (loaded: Int, diagnostics: [Diagnostic]) {
        let format: InputFormat = json ? .json : .csv
        let timestamps = TimestampParser(timeZone: .init(identifier: "Europe/Paris")!)
        let knownCustomers = CustomerIds(["C1", "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c"])
        var diagnostics: [Diagnostic] = []
        let loaded: Int
        switch index % names.count {
        case 0:
            let records = InputFile(schema: Schemas.customers, format: format).records(in: bytes, diagnostics: &diagnostics)
            loaded = CustomerLoader.load(records, timestamps: timestamps, diagnostics: &diagnostics).customers.count
        case 1:
            let records = InputFile(schema: Schemas.orders, format: format).records(in: bytes, diagnostics: &diagnostics)
            loaded = OrderLoader.load(records, customerIds: knownCustomers, timestamps: timestamps, diagnostics: &diagnostics).count
        case 2:
            let records = InputFile(schema: Schemas.subscriptions, format: format).records(in: bytes, diagnostics: &diagnostics)
            let lines = SubscriptionEnrichment.apply(records, to: [], diagnostics: &diagnostics)
            loaded = OrderLoader.load(lines, customerIds: knownCustomers, timestamps: timestamps, diagnostics: &diagnostics).count
        case 3:
            let records = InputFile(schema: Schemas.markets, format: format).records(in: bytes, diagnostics: &diagnostics)
            loaded = MarketLoader.load(records, diagnostics: &diagnostics).count
        case 4:
            let records = InputFile(schema: Schemas.devices, format: format).records(in: bytes, diagnostics: &diagnostics)
            loaded = DeviceLoader.load(records, customerIds: knownCustomers, timestamps: timestamps, diagnostics: &diagnostics).count
        case 5:
            let records = InputFile(schema: Schemas.activity, format: format).records(in: bytes, diagnostics: &diagnostics)
            loaded = records.compactMap {
                ActivityLoader.event($0, timestamps: timestamps, customerIds: knownCustomers, diagnostics: &diagnostics)
            }.count
        default:
            let records = InputFile(schema: Schemas.users, format: format).records(in: bytes, diagnostics: &diagnostics)
            loaded = UserLoader.load(records, timestamps: timestamps, diagnostics: &diagnostics).count
        }
        requireInside(diagnostics, of: bytes, files: fileNames)
        return (loaded, diagnostics)
    }
}
