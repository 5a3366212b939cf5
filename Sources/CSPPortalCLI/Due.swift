import ArgumentParser
import PortalPipeline
import PortalRecords
import PortalRules

/// The week's call list: what falls due soon, for a partner who would otherwise query portal.json.
struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what falls due within a horizon: cancellation windows closing, renewals, charges, devices to move to MAK.",
        discussion: """
        One line per event, by deadline: the deadline on the partner's clock (site.json's timeZone) with its offset, \
        the kind, the customer, the product, the amount at stake and its currency. Devices already limited are listed too. \
        Exit codes: 0 (an empty list included), 64 usage error, 65 data error, 66 missing input.
        """)

    @OptionGroup var input: DataOptions

    @Option(name: .long, help: ArgumentHelp("How far ahead: a number of days or hours (7d, 48h).", valueName: "span"))
    var within = "7d"

    @Option(name: .long, help: ArgumentHelp("Only this kind (repeatable): cancellation, renewal, charge or device.", valueName: "kind"))
    var kind: [String] = []

    @Flag(name: .long, help: "Write CSV (RFC 4180).")
    var csv = false

    @Flag(name: .long, help: "Write JSON.")
    var json = false

    func validate() throws {
        if csv && json { throw ValidationError("--csv and --json: choose one") }
        _ = try horizon()
        _ = try kinds()
    }

    /// `7d` or `48h` in milliseconds.
    func horizon() throws -> Int64 {
        guard let unit = within.last, "dh".contains(unit), let count = Int64(within.dropLast()), count > 0, count <= 3_660 else {
            throw ValidationError("--within: expected a number of days or hours such as 7d or 48h, got \(within.debugDescription)")
        }
        return count * (unit == "d" ? Instant.millisecondsPerDay : 3_600_000)
    }

    func kinds() throws -> Set<DueEvent.Kind> {
        guard !kind.isEmpty else { return Set(DueEvent.Kind.allCases) }
        return Set(try kind.map { name in
            guard let kind = DueEvent.Kind(rawValue: name.lowercased()) else {
                throw ValidationError("--kind: expected cancellation, renewal, charge or device, got \(name.debugDescription)")
            }
            return kind
        })
    }

    func run() throws {
        let options = try input.buildOptions()
        let list: DueList
        do {
            list = try SiteBuilder.due(options, within: try horizon(), kinds: try kinds())
        } catch let failure {
            throw Terminal.report(failure)
        }
        Terminal.print(list.warnings)
        if csv {
            print(list.csv, terminator: "")
        } else if json {
            print(list.json)
        } else {
            print("Due within \(within) of \(list.asOf.iso8601), deadlines in \(list.zone.identifier): \(Terminal.plural(list.rows.count, "item"))")
            for row in list.rows {
                let amount = row.amount.isEmpty ? "" : "  \(row.amount) \(row.currency)"
                print("\(row.localDeadline)  \(row.kind.rawValue)  \(row.customerName) (\(row.customerId))  \(row.product)\(amount)")
            }
        }
    }
}
