/// Where the sample writes the rows of one input: a CSV file, or the Partner Center API's JSON
/// for the inputs the API has. Rows come in the CSV header's order.
protocol SampleTable: AnyObject {
    func row(_ fields: [String]) throws
    func close() throws
    var rowCount: Int { get }
    var byteCount: Int { get }
}

extension CSVOutput: SampleTable {}

/// The form `csp-portal sample` writes its data set in.
public enum SampleFormat: String, CaseIterable, Sendable {
    /// The data contract's CSV files (docs/data-format.md).
    case csv
    /// customers, orders and activity as the Partner Center API returns them (docs/data-format.md,
    /// "Partner Center API JSON"); users and devices, which the API does not have, in CSV.
    case partnerCenter = "partner-center"
}
