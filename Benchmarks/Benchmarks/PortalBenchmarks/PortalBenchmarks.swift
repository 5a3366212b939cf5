@preconcurrency import Benchmark
import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalRender
import PortalRules
import PortalSample
import PortalViewModels

/// The hot paths of a build, on the sample data set of `sampleCustomers` customers (made once,
/// in a temporary folder, as `csp-portal sample` makes it): CSV bytes per second for the orders
/// and the activity log, rules per customer, pages per second and allocations per page, the
/// calendar and the product export of one customer, `portal.json` MB/s.
///
/// Names are file names too (Thresholds/<target>.<name>.p90.json): no spaces or slashes, which
/// the harness writes as `_` but looks for as they are.
///
/// Thresholds: allocation counts are exact from run to run, so they are held to a few percent;
/// times move with whatever else this shared machine runs, so they are held to a wide margin.
/// `swift package benchmark thresholds check` fails when a figure falls past its stored threshold
/// (Thresholds/), `thresholds update` stores new ones after an intended change.
let sampleCustomers = 1_000
let asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 9, minute: 0, second: 0))

/// The data set and what a build makes of it, made once for every benchmark.
struct Fixture: @unchecked Sendable {
    let folder: URL
    let orders: [UInt8]
    let activity: [UInt8]
    let input: PortalInput
    let site: EvaluatedSite
    let templates: TemplateSet
    let markets: MarketDirectory
    let folders: [String: String]

    static let shared: Fixture = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csp-portal-benchmarks-\(sampleCustomers)-customers")
        var options = SampleOptions(customers: sampleCustomers)
        options.asOf = asOf
        options.allowNonEmptyFolder = true
        _ = try! SampleGenerator.write(options, to: folder)
        let (input, diagnostics) = try! DataFolder(url: folder).read()
        precondition(diagnostics.allSatisfy { $0.severity != .error }, "the sample data set has errors")
        let site = SiteEvaluation.evaluate(input, asOf: asOf)
        let templates = try! TemplateSet.load(from: templatesFolder)
        return Fixture(
            folder: folder,
            orders: Array(try! Data(contentsOf: folder.appendingPathComponent("orders.csv"))),
            activity: Array(try! Data(contentsOf: folder.appendingPathComponent("activity.csv"))),
            input: input, site: site, templates: templates,
            markets: MarketDirectory(excludedMarkets: input.excludedMarkets, countries: BuiltInCountries.all),
            folders: CustomerFolderNaming.readable.folderNames(for: site.customers.map(\.customer.id)))
    }()

    /// The root package's Templates/: this package lives in its Benchmarks/ folder.
    static var templatesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")
    }

    func format(for customer: EvaluatedCustomer) -> LocaleFormat {
        LocaleFormat(catalogue: templates.catalogue(for: customer.customer.language),
                     zone: .reading(customer: customer.customer, site: site.site))
    }
}

let benchmarks: @Sendable () -> Void = {
    /// Times are noisy on a shared machine (the same run measured 65 and 218 MB/s an hour apart
    /// on 2026-12-02): only a collapse fails, a fifth of the stored rate or five times its time.
    /// The allocation counts are the fine gate.
    let timeTolerance = BenchmarkThresholds(relative: [.p50: 80, .p90: 80], absolute: [:])
    /// Allocation counts repeat exactly: a few percent more is a regression.
    let countTolerance = BenchmarkThresholds(relative: [.p50: 3, .p90: 3], absolute: [:])
    Benchmark.defaultConfiguration = .init(
        metrics: [.cpuTotal, .wallClock, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .seconds(3),
        maxIterations: 10_000,
        thresholds: [.cpuTotal: timeTolerance, .wallClock: timeTolerance, .throughput: timeTolerance,
                     .mallocCountTotal: countTolerance])
    let fixture = Fixture.shared
    // One file a run takes less than the CPU clock's tick: its allocations are the figure.
    let allocationsOnly = Benchmark.Configuration(metrics: [.mallocCountTotal], thresholds: [.mallocCountTotal: countTolerance])

    /// A figure per unit of work (`MB/s`, `pages/s`), larger is better, recorded once per run of
    /// the closure: package-benchmark's own throughput counts runs, not bytes or pages.
    func rate(_ name: String, _ benchmark: Benchmark, units: Double, scale: Double = 1, _ work: () -> Void) {
        let start = ContinuousClock.now
        work()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        benchmark.measurement(.custom(name, polarity: .prefersLarger, useScalingFactor: false), Int(units / scale / max(seconds, 1e-9)))
    }

    Benchmark("CSV_orders.csv_MBps",
              configuration: .init(metrics: [.mallocCountTotal, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
                                   thresholds: [.mallocCountTotal: countTolerance,
                                                .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false): timeTolerance])) { benchmark in
        rate("MB/s", benchmark, units: Double(fixture.orders.count), scale: 1e6) {
            var fields = 0
            try! CSVParser().forEachRecord(in: fixture.orders) { fields += $0.fields.count }
            blackHole(fields)
        }
    }

    Benchmark("CSV_activity.csv_MBps",
              configuration: .init(metrics: [.mallocCountTotal, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
                                   thresholds: [.mallocCountTotal: countTolerance,
                                                .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false): timeTolerance])) { benchmark in
        rate("MB/s", benchmark, units: Double(fixture.activity.count), scale: 1e6) {
            var fields = 0
            try! CSVParser().forEachRecord(in: fixture.activity) { fields += $0.fields.count }
            blackHole(fields)
        }
    }

    Benchmark("Load_data_folder",
              configuration: .init(metrics: [.cpuTotal, .mallocCountTotal], thresholds: [.cpuTotal: timeTolerance, .mallocCountTotal: countTolerance])) { _ in
        blackHole(try! DataFolder(url: fixture.folder).read())
    }

    Benchmark("Rules_customers_per_second",
              configuration: .init(metrics: [.mallocCountTotal, .custom("customers/s", polarity: .prefersLarger, useScalingFactor: false)],
                                   thresholds: [.mallocCountTotal: countTolerance,
                                                .custom("customers/s", polarity: .prefersLarger, useScalingFactor: false): timeTolerance])) { benchmark in
        let input = fixture.input
        rate("customers/s", benchmark, units: Double(sampleCustomers)) {
            blackHole(SiteEvaluation.evaluate(input, asOf: asOf))
        }
    }

    // One page a run: mallocCountTotal is the allocations of one page (its view model and bytes).
    Benchmark("Page_one_portal_allocations", configuration: allocationsOnly) { _ in
        for customer in fixture.site.customers.prefix(1) {
            let page = CustomerPortalPage(customer, site: fixture.site.site, asOf: asOf, format: fixture.format(for: customer),
                                          markets: fixture.markets)
            blackHole(fixture.templates.renderPage(page, template: "portal"))
        }
    }

    Benchmark("Pages_portals_per_second",
              configuration: .init(metrics: [.mallocCountTotal, .custom("pages/s", polarity: .prefersLarger, useScalingFactor: false)],
                                   thresholds: [.mallocCountTotal: countTolerance,
                                                .custom("pages/s", polarity: .prefersLarger, useScalingFactor: false): timeTolerance])) { benchmark in
        rate("pages/s", benchmark, units: Double(fixture.site.customers.count)) {
            for customer in fixture.site.customers {
                let page = CustomerPortalPage(customer, site: fixture.site.site, asOf: asOf, format: fixture.format(for: customer),
                                              markets: fixture.markets)
                blackHole(fixture.templates.renderPage(page, template: "portal"))
            }
        }
    }

    Benchmark("Calendar_one_deadlines.ics_allocations", configuration: allocationsOnly) { _ in
        for customer in fixture.site.customers.prefix(1) {
            blackHole(ICalendar.file(DeadlineCalendar(customer: customer, asOf: asOf, format: fixture.format(for: customer))))
        }
    }

    Benchmark("Export_one_products.csv_allocations", configuration: allocationsOnly) { _ in
        for customer in fixture.site.customers.prefix(1) {
            blackHole(SpreadsheetCSV.file(ProductsExport(customer, asOf: asOf, format: fixture.format(for: customer))))
        }
    }

    Benchmark("PortalJSON_MBps",
              configuration: .init(metrics: [.mallocCountTotal, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
                                   thresholds: [.mallocCountTotal: countTolerance,
                                                .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false): timeTolerance])) { benchmark in
        var bytes = 0
        let start = ContinuousClock.now
        JSONWriter.write(PortalDocument.make(fixture.site, slugs: fixture.folders, warnings: [])) { bytes += $0.count }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(bytes) / 1e6 / max(seconds, 1e-9)))
    }
}
