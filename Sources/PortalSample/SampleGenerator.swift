import Foundation
import PortalRecords

/// What `csp-portal sample` makes.
public struct SampleOptions: Sendable {
    public var customers: Int
    public var seed: UInt64 = 1
    /// Order lines per customer are 1 to this, evenly: 8 gives 4.5 on average.
    public var maxLines: Int = 8
    /// Activity-log events; nil is 20 per customer.
    public var events: Int?
    /// The instant the data set is built around: purchases cluster just before it.
    public var asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 9, minute: 0, second: 0))
    /// Write `asOf` into `site.json` (`--write-as-of`). Off by default: a fixed `asOf` there would
    /// make every later build of the folder as of that instant, even once it is long past, unless
    /// each build passes `--as-of`.
    public var writeAsOf = false
    /// Write into a folder that already holds something (`--force`), replacing the data files in it.
    /// Without it, only a new or empty folder is written to: an existing data set is never overwritten unasked.
    public var allowNonEmptyFolder = false
    /// CSV, or the Partner Center API's JSON for customers, orders and activity.
    public var format = SampleFormat.csv

    public init(customers: Int) {
        self.customers = customers
    }
}

/// What was written.
public struct SampleSummary: Sendable {
    public let customers: Int
    public let orderLines: Int
    public let devices: Int
    public let events: Int
    public let bytes: Int
}

/// A deterministic synthetic data set in the input format of docs/data-format.md: the same options give the
/// same bytes. Purchases cluster before as-of so that cancellation windows are open, with the
/// rules' edge dates mixed in (2021-10-14, 2021-10-22, leap days, month ends, window ends ± 1 s).
public enum SampleGenerator {
    static let partnerDomain = "northwind-cloud.example"

    /// The files `write` puts in its folder, replacing any of the same name.
    public static let fileNames = ["site.json", "users.csv", "customers.csv", "orders.csv", "devices.csv", "activity.csv"]

    /// The files the sample writes in `format`.
    public static func fileNames(_ format: SampleFormat) -> [String] {
        switch format {
        case .csv: fileNames
        case .partnerCenter: fileNames.map { partnerCenterInputs.contains($0) ? $0.replacingOccurrences(of: ".csv", with: ".json") : $0 }
        }
    }

    /// The inputs the Partner Center API has, which `--format partner-center` writes as its JSON.
    static let partnerCenterInputs: Set<String> = ["customers.csv", "orders.csv", "activity.csv"]

    /// One input's file in the options' format; with --force, the other format's file of the same
    /// input goes, or the folder would hold both (an error for a build).
    static func table(_ name: String, header: [String], resource: PartnerCenterOutput.Resource, in folder: URL,
                      _ options: SampleOptions) throws -> SampleTable {
        try table(name, resource: resource, in: folder, options, header: header)
    }

    static func table(_ name: String, resource: PartnerCenterOutput.Resource, in folder: URL, _ options: SampleOptions,
                      header: [String]) throws -> SampleTable {
        let csv = folder.appendingPathComponent(name)
        let json = csv.deletingPathExtension().appendingPathExtension("json")
        switch options.format {
        case .csv:
            if FileManager.default.fileExists(atPath: json.path) { try FileManager.default.removeItem(at: json) }
            return try CSVOutput(url: csv, header: header)
        case .partnerCenter:
            if FileManager.default.fileExists(atPath: csv.path) { try FileManager.default.removeItem(at: csv) }
            return try PartnerCenterOutput(url: json, resource: resource)
        }
    }

    /// A folder that does not exist yet or is empty; any other only when allowed.
    static func checkWritable(_ folder: URL, allowNonEmpty: Bool) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw SampleError(description: "\(folder.path): exists and is not a folder") }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if !contents.isEmpty && !allowNonEmpty {
            throw SampleError(description: "\(folder.path): refusing to write into a folder that is not empty: the sample would replace "
                              + "\(fileNames.joined(separator: ", ")) (or their .json forms) in it; choose a new or empty folder, or pass --force to replace them")
        }
    }

    public static func write(_ options: SampleOptions, to folder: URL) throws -> SampleSummary {
        guard options.customers > 0, options.maxLines > 0, (options.events ?? 0) >= 0 else {
            throw SampleError(description: "--customers and --max-lines must be at least 1, --events at least 0")
        }
        try checkWritable(folder, allowNonEmpty: options.allowNonEmptyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var random = SeededGenerator(state: options.seed)
        let asOf = options.asOf

        // The as-of only when asked: a fixed one would freeze every later build of the folder.
        let asOfLine = options.writeAsOf ? ",\n  \"asOf\": \"\(asOf.iso8601)\"" : ""
        let site = """
        {
          "partnerName": "Northwind Cloud Services",
          "contactEmail": "portal@\(partnerDomain)",
          "defaultLanguage": "en"\(asOfLine)
        }

        """
        // Atomic, as the CSV files are made: a link or a hard link in the file's place is replaced,
        // never written through to a file outside the folder.
        try Data(site.utf8).write(to: folder.appendingPathComponent("site.json"), options: .atomic)

        let users = try CSVOutput(url: folder.appendingPathComponent("users.csv"), header: ["user", "name", "roles"])
        for user in SampleCatalogue.partnerUsers {
            try users.row(["\(user.user)@\(partnerDomain)", user.name, user.roles])
        }
        try users.close()

        let customers = try table("customers.csv", header: ["customer_id", "name", "domain", "country", "language"],
                                  resource: .customer, in: folder, options)
        let orders = try table("orders.csv", resource: .order, in: folder, options, header: [
            "order_id", "line", "customer_id", "subscription_id", "product", "sku", "publisher", "kind", "purchased_at", "term",
            "billing", "quantity", "unit_price", "currency", "auto_renew", "commitment_end", "cancellable_until", "cancelled_at",
            "activation", "delivery", "instructions_url", "product_key",
        ])
        let devices = try CSVOutput(url: folder.appendingPathComponent("devices.csv"),
                                    header: ["device", "customer_id", "last_kms_activation", "mak_deployed_at"])
        // What the activity log refers to: each customer and one of its orders.
        var customerRefs: [(id: String, name: String, orderId: String, product: String)] = []
        customerRefs.reserveCapacity(options.customers)
        var orderNumber = 0
        // Drawn from once per customer and per line: built once.
        let marketWeights = SampleCatalogue.markets.map { ($0, $0.weight) }
        let productWeights = SampleCatalogue.products.map { ($0, $0.weight) }
        let edges = edgeDates(asOf: asOf)

        for index in 0..<options.customers {
            let market = random.weighted(marketWeights)
            let id = random.guid()
            let name = "\(SampleCatalogue.companyNames.randomElement(using: &random)!) \(SampleCatalogue.companyTrades.randomElement(using: &random)!) \(market.legalForm)"
            let domain = "\(slug(name))-\(index + 1).\(market.topLevelDomain)"
            try customers.row([id, name, domain, market.code, market.language])

            var line = 0
            var orderId = ""
            var orderDate = asOf
            var firstProduct = ""
            for _ in 0..<Int.random(in: 1...options.maxLines, using: &random) {
                // An order holds one to three lines bought together.
                if line == 0 || line >= 3 || random.chance(50) {
                    orderNumber += 1
                    orderDate = purchaseDate(asOf: asOf, edges: edges, &random)
                    orderId = "ORD-\(orderDate.date.year)-\(String(orderNumber).leftPadded(to: 7))"
                    line = 0
                }
                let product = random.weighted(productWeights)
                if firstProduct.isEmpty { firstProduct = product.name; customerRefs.append((id, name, orderId, product.name)) }
                try orders.row(orderLine(orderId: orderId, line: line, customerId: id, product: product, market: market,
                                         purchasedAt: orderDate, asOf: asOf, &random))
                line += 1
            }
            if random.chance(4) {
                for number in 1...Int.random(in: 1...6, using: &random) {
                    try devices.row(device(number: number, customer: index, customerId: id, asOf: asOf, &random))
                }
            }
        }
        try customers.close()
        try orders.close()
        try devices.close()

        let eventCount = options.events ?? options.customers * 20
        let activity = try table("activity.csv", resource: .auditRecord, in: folder, options, header: [
            "at", "user", "action", "status", "customer_id", "customer_name", "order_id", "product",
        ])
        let userShares = SampleCatalogue.partnerUsers.map { ("\($0.user)@\(partnerDomain)", $0.share) } + [(SampleCatalogue.unknownUser, 1)]
        // The 90 days the Partner Center API keeps, in time order as an export lists them.
        let span = 90 * Instant.millisecondsPerDay
        let start = asOf.adding(days: -90)
        for number in 0..<eventCount {
            let at = start.adding(milliseconds: (span * Int64(number) / Int64(max(eventCount, 1))) / 1000 * 1000)
            let user = random.weighted(userShares)
            let roll = Int.random(in: 0..<100, using: &random)
            let action = roll < 28 ? ActivityEvent.keyAction : roll < 38 ? ActivityEvent.downloadLinkAction : random.weighted(SampleCatalogue.otherActions)
            let status = random.weighted([("succeeded", 950), ("failed", 30), ("progress", 15), ("decline", 5)])
            let customer = customerRefs.randomElement(using: &random)!
            let aboutKeys = action == ActivityEvent.keyAction || action == ActivityEvent.downloadLinkAction
            try activity.row([at.iso8601, user, action, status, customer.id, aboutKeys ? customer.name : "",
                              aboutKeys ? customer.orderId : "", aboutKeys ? customer.product : ""])
        }
        try activity.close()

        return SampleSummary(customers: customers.rowCount, orderLines: orders.rowCount, devices: devices.rowCount, events: activity.rowCount,
                             bytes: ([users, devices] as [SampleTable] + [customers, orders, activity]).reduce(site.utf8.count) { $0 + $1.byteCount })
    }

    /// The dates the rules turn on, each drawn now and then.
    static func edgeDates(asOf: Instant) -> [Instant] {
        let second: Int64 = 1000
        let week = asOf.adding(days: -7), month = asOf.adding(days: -30)
        return [
            week.adding(milliseconds: -second), week, week.adding(milliseconds: second),
            month.adding(milliseconds: -second), month, month.adding(milliseconds: second),
            asOf.adding(months: -12), asOf.adding(months: -12).adding(milliseconds: -second), asOf.adding(months: -36),
            Instant(CivilDate(year: 2021, month: 10, day: 13)!, TimeOfDay(hour: 23, minute: 59, second: 59)),
            Instant(CivilDate(year: 2021, month: 10, day: 14)!),
            Instant(CivilDate(year: 2021, month: 10, day: 21)!, TimeOfDay(hour: 23, minute: 59, second: 59)),
            Instant(CivilDate(year: 2021, month: 10, day: 22)!),
            Instant(CivilDate(year: 2024, month: 2, day: 29)!, TimeOfDay(hour: 12, minute: 0, second: 0)),
            Instant(CivilDate(year: 2026, month: 1, day: 31)!, TimeOfDay(hour: 10, minute: 0, second: 0)),
        ].filter { $0 <= asOf }
    }

    /// Mostly the last days and months, as a live partner's book is; some years old; a few edges.
    static func purchaseDate(asOf: Instant, edges: [Instant], _ random: inout SeededGenerator) -> Instant {
        if random.chance(2) { return edges.randomElement(using: &random)! }
        let minutesBack: Int64 = random.weighted([
            (Int64.random(in: 1...(8 * 1440), using: &random), 30),
            (Int64.random(in: (8 * 1440)...(365 * 1440), using: &random), 30),
            (Int64.random(in: (365 * 1440)...(3 * 365 * 1440), using: &random), 25),
            (Int64.random(in: (3 * 365 * 1440)...(7 * 365 * 1440), using: &random), 15),
        ])
        return asOf.adding(minutes: -minutesBack)
    }

    static func orderLine(orderId: String, line: Int, customerId: String, product: SampleCatalogue.Product,
                          market: SampleCatalogue.Market, purchasedAt: Instant, asOf: Instant,
                          _ random: inout SeededGenerator) -> [String] {
        let isPerpetual = product.kind == "perpetual"
        let term = isPerpetual ? "" : product.terms.randomElement(using: &random)!
        let termsFrom2021Oct22 = purchasedAt >= Instant(CivilDate(year: 2021, month: 10, day: 22)!)
        // R9: the billing plans each term allows.
        let billing: String
        switch term {
        case "": billing = "one_time"
        case "P1M": billing = "monthly"
        case "P1Y": billing = product.name.contains("Remote Desktop") && termsFrom2021Oct22 && random.chance(30) ? "monthly" : "annual"
        default: billing = product.kind == "subscription" && termsFrom2021Oct22 && random.chance(40) ? "annual" : "triennial"
        }
        let years: Double = term == "P1M" ? 1.0 / 12 * 1.2 : term == "P3Y" ? 3 * 0.95 : 1
        let unitPrice = price(product.yearlyPriceEUR * years * market.perEuro, currency: market.currency)
        let quantity = random.weighted([(1, 40), (2, 20), (Int.random(in: 3...10, using: &random), 25), (Int.random(in: 11...250, using: &random), 15)])
        let autoRenew = !isPerpetual && purchasedAt >= Instant(CivilDate(year: 2021, month: 10, day: 14)!) && random.chance(15) ? "false" : ""

        // Cancelled inside the window (R2, R4), never RedHat or SUSE (R5); now and then minutes ago (R10).
        var cancelledAt = ""
        let window: Int64 = isPerpetual ? 30 : 7
        if product.kind != "software_plan" && random.chance(5) {
            let latest = min(asOf, purchasedAt.adding(days: window).adding(milliseconds: -60_000))
            if latest > purchasedAt {
                let span = latest.millisecondsSinceEpoch - purchasedAt.millisecondsSinceEpoch
                let offset = random.chance(3) ? span : Int64.random(in: 60_000...max(60_000, span), using: &random)
                cancelledAt = purchasedAt.adding(milliseconds: offset / 60_000 * 60_000).iso8601
            }
        }
        let hasKey = product.delivery == "key_and_download" && random.chance(85)
        return [
            orderId, String(line), customerId, isPerpetual ? "" : random.guid(), product.name, product.sku, product.publisher,
            product.kind, purchasedAt.iso8601, term, billing, String(quantity), unitPrice, market.currency, autoRenew, "", "",
            cancelledAt, hasKey && random.chance(50) ? "MAK" : "", product.delivery,
            product.delivery == "instructions" ? "https://learn.microsoft.com/windows-server/get-started/extended-security-updates-deploy" : "",
            hasKey ? productKey(&random) : "",
        ]
    }

    /// A server moving from KMS to MAK (R14): some done, some at risk, some past the 180 days.
    static func device(number: Int, customer: Int, customerId: String, asOf: Instant, _ random: inout SeededGenerator) -> [String] {
        let kms = asOf.adding(minutes: -Int64.random(in: (10 * 1440)...(230 * 1440), using: &random))
        var mak = ""
        if random.chance(40) {
            let span = asOf.millisecondsSinceEpoch - kms.millisecondsSinceEpoch
            mak = kms.adding(milliseconds: Int64.random(in: 0...span, using: &random) / 60_000 * 60_000).iso8601
        }
        let role = ["DC", "SQL", "FS", "APP", "RDS", "WEB"].randomElement(using: &random)!
        return ["SRV-\(customer + 1)-\(role)\(String(number).leftPadded(to: 2))", customerId, kms.iso8601, mak]
    }

    /// Five groups of five from the characters product keys use.
    static func productKey(_ random: inout SeededGenerator) -> String {
        let characters = Array("BCDFGHJKMPQRTVWXY2346789")
        return (0..<5).map { _ in String((0..<5).map { _ in characters.randomElement(using: &random)! }) }.joined(separator: "-")
    }

    /// A price list amount: two decimals, none for currencies without a minor unit (JPY).
    static func price(_ amount: Double, currency: String) -> String {
        let digits = Currency(code: currency)?.minorDigits ?? 2
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let units = Int64((amount * scale).rounded())
        guard digits > 0 else { return String(units) }
        let divisor = Int64(scale)
        return "\(units / divisor).\(String(units % divisor).leftPadded(to: digits))"
    }

    /// `Zoë & Chloé Travel SAS` -> `zo-chlo-travel-sas`: ASCII letters and digits for a domain.
    static func slug(_ name: String) -> String {
        var result = ""
        for character in name.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}

extension String {
    /// The text with zeros before it up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
