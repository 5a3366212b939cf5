import PortalRecords

/// How an input file is written. It is decided once, by the name under which `DataFolder` finds
/// the file (`orders.csv` or `orders.json`), and travels with it as `InputFile.format`: nothing
/// else looks at a file name's suffix.
enum InputFormat: String, CaseIterable, Sendable {
    case csv
    case json
}

/// One input file of a data folder: which input it holds and in which format. A JSON file holds
/// the input's flat records or, for the inputs the Partner Center API has, that API's resources
/// as saved (`InputSchema.partnerCenter` says which one).
struct InputFile<Field: InputField>: Sendable {
    let schema: InputSchema<Field>
    let format: InputFormat

    /// `orders.csv`: the file's name in the data folder and in every diagnostic about it.
    var name: String { "\(schema.name).\(format.rawValue)" }

    /// The files that may hold `schema`'s input, in the order they are looked for.
    static func candidates(for schema: InputSchema<Field>) -> [InputFile] {
        InputFormat.allCases.map { InputFile(schema: schema, format: $0) }
    }

    /// The records of the file's whole text, with every problem found.
    func records(in bytes: [UInt8], diagnostics: inout [Diagnostic]) -> [RawRecord<Field>] {
        switch format {
        case .csv: CSVTable.records(in: bytes, file: name, schema: schema, diagnostics: &diagnostics)
        case .json: JSONTable.records(in: bytes, file: name, schema: schema, diagnostics: &diagnostics)
        }
    }
}
