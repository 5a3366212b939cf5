import FuzzSupport
import PortalRecords
@testable import PortalLoad

/// The whole-buffer CSV parser (`CSVParser`), then the same bytes as a data folder's CSV file.
///
/// The first byte picks the delimiter (`,`, `;`, tab, `|` or the one the header suggests) and the
/// input whose schema and loader read the file. Invariants: every record starts on a line of the
/// text, after the one before; a syntax error names a line of the text after the records read; the
/// records written back as CSV (quoted or not) read back the same; every diagnostic of the loaders
/// names a line of the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, text) = splitFirstByte(data, size)
    let delimiters: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    let delimiter = choice & 0x07 < 4 ? delimiters[Int(choice & 0x03)] : CSVParser.detectDelimiter(text)
    let parser = CSVParser(delimiter: delimiter)

    var records: [CSVRecord] = []
    var failure: CSVSyntaxError?
    do {
        try parser.forEachRecord(in: text) { records.append($0) }
    } catch {
        failure = error
    }
    let last = lastLine(of: text)
    var previousLine = 0
    for record in records {
        require(record.line > previousLine && record.line <= last, "record on line \(record.line) after line \(previousLine), last \(last)")
        require(!(record.fields.count == 1 && record.fields[0].isEmpty), "a blank line read as a record on line \(record.line)")
        previousLine = record.line
    }
    if let failure {
        require(failure.line >= max(previousLine, 1) && failure.line <= last, "syntax error on line \(failure.line), last record on \(previousLine), last line \(last)")
        do {
            _ = try parser.parse(text)
            require(false, "parse() read what forEachRecord refused")
        } catch {
            require(error == failure, "parse() and forEachRecord disagree: \(error) / \(failure)")
        }
    }

    let fields = records.map(\.fields)
    for written in [CSVWriting.allQuoted(fields, delimiter: delimiter), CSVWriting.minimallyQuoted(fields, delimiter: delimiter)] {
        let readBack: [CSVRecord]
        do {
            readBack = try parser.parse(written)
        } catch {
            require(false, "records written back do not read: \(error)")
            return 0
        }
        require(readBack.map(\.fields) == fields, "records written back read differently:\n\(fields)\n\(readBack.map(\.fields))")
    }

    DataFolderInput.read(text, input: Int(choice >> 3), json: false)
    return 0
}

@_cdecl("FuzzCSVParser_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
