import ArgumentParser
import Foundation
import PortalLoad
import PortalPipeline
import PortalSample

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic data set: demo data, or a partner-scale input for benchmarks.",
        discussion: """
        The same options give the same bytes. Customers come from 18 markets with their currencies \
        and languages; order lines are the real products (Windows Server, SQL Server, Remote Desktop \
        CALs, Extended Security Updates, RedHat and SUSE plans), bought mostly in the days and months \
        before --as-of so that cancellation windows are open, with the rules' edge dates mixed in. \
        The activity log spans the 90 days before --as-of, with a few R12 findings. site.json gets \
        the as-of only with --write-as-of: build the data with --as-of otherwise.
        """)

    @Option(name: .long, help: "How many customers.")
    var customers: Int

    @Option(name: .long, help: "The seed: another seed, another data set of the same shape.")
    var seed: UInt64 = 1

    @Option(name: .customLong("max-lines"), help: "Order lines per customer are 1 to this many (8: 4.5 on average).")
    var maxLines = 8

    @Option(name: .long, help: "Activity-log events (default: 20 per customer).")
    var events: Int?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The instant the data is built around.", valueName: "date"))
    var asOf = "2026-11-25T09:00:00Z"

    @Flag(name: .customLong("write-as-of"), help: """
        Write the as-of into site.json, so that every build of the folder is as of it (unless it passes --as-of). \
        Without it, site.json has no asOf and a build is as of now unless it passes --as-of.
        """)
    var writeAsOf = false

    @Option(name: .long, help: ArgumentHelp("The folder to write to: new or empty, unless --force. Created if needed.", valueName: "folder"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("""
        csv, or partner-center: customers, orders and activity as the Partner Center API returns them (customers.json, \
        orders.json, activity.json; users and devices stay CSV). Both build the same portal.
        """, valueName: "format"))
    var format = "csv"

    @Flag(name: .long, help: "Write into a folder that is not empty, replacing the data files of the same names in it (else: exit 73).")
    var force = false

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers: at least 1") }
        guard maxLines >= 1 else { throw ValidationError("--max-lines: at least 1") }
        if let events, events < 0 { throw ValidationError("--events: at least 0") }
        guard SampleFormat(rawValue: format) != nil else { throw ValidationError("--format: csv or partner-center, got \(format.debugDescription)") }
    }

    func run() throws {
        var options = SampleOptions(customers: customers)
        options.seed = seed
        options.maxLines = maxLines
        options.events = events
        options.allowNonEmptyFolder = force
        options.writeAsOf = writeAsOf
        options.format = SampleFormat(rawValue: format) ?? .csv
        do {
            options.asOf = try TimestampParser().parse(asOf)
        } catch {
            throw ValidationError("--as-of: expected a date (2026-11-25) or a timestamp (2026-11-25T09:00:00Z), got \(asOf.debugDescription)")
        }
        let folder = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let summary: SampleSummary
        do {
            summary = try SampleGenerator.write(options, to: folder)
        } catch let failure as SampleError {
            // The output cannot be written (a folder with files in it, without --force): sysexits EX_CANTCREAT.
            Terminal.error("csp-portal: \(failure)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        print("Wrote \(summary.customers) customers, \(summary.orderLines) order lines, \(summary.devices) devices and \(summary.events) activity events (\(String(format: "%.1f", Double(summary.bytes) / 1_000_000)) MB) to \(folder.path).")
        let instant = options.asOf.iso8601
        if writeAsOf {
            print("site.json has asOf \(instant): every build of this folder is as of that instant unless it passes --as-of.")
        } else {
            print("site.json has no asOf: build with --as-of \(instant) to see the data as of the instant it was made around "
                  + "(a build without --as-of is as of now); sample --write-as-of writes it into site.json.")
        }
    }
}
