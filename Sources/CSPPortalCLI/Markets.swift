import ArgumentParser
import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalRender
import PortalViewModels

struct Markets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say whether Azure reservations are available in a market (R16).",
        discussion: """
        With no query, prints the whole table. A query matches a two-letter code, a name or a name \
        people use for it, in English or French, ignoring case and accents ("reunion", "RE", \
        "cote d'ivoire", "Ivory Coast", "UK", "USA", "Tahiti", "St Lucia", "Holy See"). A query equal \
        to one of them answers that market alone; else come the names that begin with it, then the \
        names that contain it. Cuba, Iran, North Korea and Syria are under comprehensive embargo: \
        Microsoft sells nothing there. \
        Exit codes: 0 something matched, 1 nothing did (the closest names are suggested).
        """)

    @Argument(help: "A market code or part of its name.")
    var query: String?

    @Option(name: .long, help: ArgumentHelp("The language of names and labels: en or fr.", valueName: "language"))
    var lang = "en"

    @Flag(name: .long, help: "Print the matches as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("A data folder whose markets file replaces the built-in table.", valueName: "folder"))
    var data = "Data"

    @Option(name: .long, help: ArgumentHelp("A folder whose catalogues (locales/*.json) replace built-in strings key by key. Default: the data folder's templates folder when there is one, else the built-in strings.", valueName: "folder"))
    var templates: String?

    func run() async throws {
        guard let language = PortalLanguage(rawValue: lang.lowercased()) else {
            throw ValidationError("--lang: expected en or fr, got \(lang.debugDescription)")
        }
        let directory: MarketDirectory
        let catalogue: Catalogue
        do {
            let markets = try DataFolder(url: URL(fileURLWithPath: data)).readMarkets()
            directory = MarketDirectory(excludedMarkets: markets, countries: BuiltInCountries.all)
            let templateSet = try TemplateSet.load(templatesOption: templates.map { URL(fileURLWithPath: $0) }, dataFolder: URL(fileURLWithPath: data))
            Terminal.print(templateWarnings: templateSet.warnings)
            catalogue = templateSet.catalogue(for: language)
        } catch let failure {
            throw Terminal.report(failure)
        }
        let matches = query.map(directory.search) ?? directory.entries
        if json {
            let array = JSONValue.array(matches.map { entry in
                .object([("code", .string(entry.code)), ("nameEn", .string(entry.englishName)), ("nameFr", .string(entry.frenchName)),
                         ("azureReservationsAvailable", .bool(entry.azureReservationsAvailable)),
                         ("microsoftSellsHere", .bool(!entry.embargoed))])
            })
            print(JSONWriter.text(array), terminator: "")
        } else {
            for entry in matches {
                if entry.embargoed {
                    print(catalogue.text("marketLineEmbargoed", ["code": entry.code, "name": entry.name(in: language)]))
                    continue
                }
                let state = catalogue.text(entry.azureReservationsAvailable ? "marketAvailable" : "marketUnavailable")
                // The names come from the data folder's markets file: shown, never run by the terminal.
                print(Terminal.visible(catalogue.text("marketLine", ["code": entry.code, "name": entry.name(in: language), "state": state.lowercased()])))
            }
        }
        if matches.isEmpty {
            let suggestions = directory.suggestions(for: query ?? "", language: language)
            Terminal.error("No market matches \((query ?? "").debugDescription)." + (suggestions.isEmpty ? "" : " Did you mean: \(suggestions.joined(separator: ", "))?"))
            throw ExitCode(1)
        }
    }
}
