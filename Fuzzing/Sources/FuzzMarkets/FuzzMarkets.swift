import FuzzSupport
import PortalLoad
import PortalRecords
import PortalViewModels

/// The `markets` command's search (`MarketDirectory.search` and, when nothing matches,
/// `suggestions`) over the built-in table, with the query from the input. Invariants: the matches
/// are entries of the table, each once; a query that folds to nothing answers the whole table;
/// suggestions are at most three names of the table; each entry's code finds it.
let directory = MarketDirectory(excludedMarkets: BuiltInMarkets.reservationExcluded, countries: BuiltInCountries.all)
let codes = Set(directory.entries.map(\.code))
let names = Set(directory.entries.flatMap { [$0.englishName, $0.frenchName] })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, rest) = splitFirstByte(data, size)
    let query = String(decoding: rest, as: UTF8.self)
    let matches = directory.search(query)
    require(Set(matches).count == matches.count, "\(query.debugDescription): an entry matched twice")
    require(matches.allSatisfy { codes.contains($0.code) }, "\(query.debugDescription): a match outside the table")
    if MarketDirectory.searchFold(query).isEmpty {
        require(matches == directory.entries, "\(query.debugDescription) folds to nothing but does not answer the whole table")
    }
    if matches.isEmpty {
        let language: PortalLanguage = choice & 1 == 0 ? .en : .fr
        let suggestions = directory.suggestions(for: query, language: language)
        require(suggestions.count <= 3 && suggestions.allSatisfy(names.contains), "\(query.debugDescription): suggestions \(suggestions)")
    }
    // Every entry is found by its code, first, whatever case it is typed in.
    let entry = directory.entries[Int(choice) % directory.entries.count]
    require(directory.search(entry.code.lowercased()).first?.code == entry.code, "\(entry.code) does not find itself")
    return 0
}

@_cdecl("FuzzMarkets_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
