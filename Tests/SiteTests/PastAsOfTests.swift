import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords
import PortalSample
import PortalTestSupport
import Testing

/// A site built as of a past instant shows what had happened by then (docs/rules.md, "Time"), and
/// the pages tell time in their reader's zone (docs/time.md).
@Suite("A past as-of, and the reader's zone on the pages")
struct PastAsOfTests {
    static let sampleAsOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 9, minute: 0))

    // MARK: The property

    /// The data of `folder` without what happened after `asOf`: later order lines, devices and
    /// events removed, later cancellations and MAK deployments emptied. Returns how many records
    /// were removed or emptied.
    static func removingLater(than asOf: Instant, from folder: URL, to copy: URL) throws -> Int {
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        var changed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            guard let (drop, empty) = [
                "orders.csv": ("purchased_at", "cancelled_at"), "devices.csv": ("last_kms_activation", "mak_deployed_at"),
                "activity.csv": ("at", nil) as (String, String?),
            ][name] else {
                try Data(bytes).write(to: copy.appendingPathComponent(name))
                continue
            }
            let records = try CSVParser().parse(bytes)
            let header = records[0].fields
            let dropColumn = header.firstIndex(of: drop)!, emptyColumn = empty.flatMap { header.firstIndex(of: $0) }
            func isLater(_ text: String) throws -> Bool {
                guard !text.isEmpty else { return false }
                return try TimestampParser().parse(text) > asOf
            }
            var rows = [header]
            for record in records.dropFirst() {
                var fields = record.fields
                if try isLater(fields[dropColumn]) { changed += 1; continue }
                if let emptyColumn, try isLater(fields[emptyColumn]) { fields[emptyColumn] = ""; changed += 1 }
                rows.append(fields)
            }
            let text = rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
            try Data(text.utf8).write(to: copy.appendingPathComponent(name))
        }
        return changed
    }

    static func csvField(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// Every file of a site, with the warnings left out of the two files that list them.
    static func withoutWarnings(_ files: [String: [UInt8]]) -> [String: String] {
        files.mapValues { String(decoding: $0, as: UTF8.self) }.reduce(into: [:]) { result, file in
            var text = file.value
            if file.key == "portal.json", let warnings = text.range(of: "\"warnings\"", options: .backwards) {
                text = String(text[..<warnings.lowerBound])
            }
            if file.key == "index.html", let start = text.range(of: "<section aria-labelledby=\"warnings\">"),
               let end = text.range(of: "</section>", range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
            result[file.key] = text
        }
    }

    @Test("A build as of T equals, but for its warnings, a build as of T of the same data with every record after T removed",
          arguments: [-40 * 86_400, -10 * 86_400, -3 * 86_400, -86_400 + 1, -1, 0, 1])
    func sameAsWithoutLaterRecords(secondsFromSampleAsOf: Int) async throws {
        let scratch = try Scratch()
        var options = SampleOptions(customers: 60)
        options.events = 600
        options.seed = 18
        let full = scratch.url.appendingPathComponent("full"), trimmed = scratch.url.appendingPathComponent("trimmed")
        _ = try SampleGenerator.write(options, to: full)
        // Around a record's own instant, not only on round dates: the last purchase of the sample.
        let orders = try CSVParser().parse([UInt8](try Data(contentsOf: full.appendingPathComponent("orders.csv"))))
        let purchasedAt = orders[0].fields.firstIndex(of: "purchased_at")!
        let lastPurchase = try orders.dropFirst().map { try TimestampParser().parse($0.fields[purchasedAt]) }.max()!
        let asOf = (secondsFromSampleAsOf > -86_400 ? lastPurchase : Self.sampleAsOf).adding(milliseconds: Int64(secondsFromSampleAsOf) * 1_000)
        let removed = try Self.removingLater(than: asOf, from: full, to: trimmed)

        let siteOfAll = scratch.url.appendingPathComponent("site-full"), siteOfHappened = scratch.url.appendingPathComponent("site-trimmed")
        let summary = try await scratch.build(data: full, into: siteOfAll, asOf: asOf)
        let trimmedSummary = try await scratch.build(data: trimmed, into: siteOfHappened, asOf: asOf)
        let all = Self.withoutWarnings(try Scratch.files(under: siteOfAll))
        let happened = Self.withoutWarnings(try Scratch.files(under: siteOfHappened))
        #expect(all.keys.sorted() == happened.keys.sorted())
        for path in all.keys.sorted() {
            #expect(all[path] == happened[path], "\(path) differs as of \(asOf)")
        }
        // Not vacuous: there were later records, each said in a warning, and none in the trimmed data.
        let laterWarnings = summary.warnings.filter { $0.message.contains("after the as-of") }
        #expect((removed > 0) == !laterWarnings.isEmpty)
        #expect(secondsFromSampleAsOf >= 0 || removed > 0)
        #expect(!trimmedSummary.warnings.contains { $0.message.contains("after the as-of") })
    }

    // MARK: The sample as of October 1

    @Test("As of Oct 1 the sample's later purchases are on no page, in no count, not in portal.json, and said in validate and build")
    func sampleInOctober() async throws {
        let scratch = try Scratch()
        let asOf = Instant(CivilDate(year: 2026, month: 10, day: 1)!)
        let summary = try await scratch.build(asOf: asOf)
        let json = try scratch.portalJSON()
        let products = (json["customers"] as! [[String: Any]]).flatMap { $0["products"] as! [[String: Any]] }
        #expect(products.count == 12)
        #expect(summary.productCount == 12)
        let expected = "orders.csv: warning: 11 lines purchased after the as-of 2026-10-01T00:00:00Z are not shown (lines 2, 3, 4, 5, 7, …)"
        #expect((json["warnings"] as! [String]).contains(expected))
        #expect(summary.warnings.map(\.description).contains(expected))
        let validated = try SiteBuilder.validate(BuildOptions(dataFolder: Repository.data, outputFolder: scratch.site,
                                                              templatesFolder: Repository.templates, asOf: asOf))
        #expect(validated.diagnostics.map(\.description).contains(expected))

        // Contoso bought all three of its lines later (Oct 20, Nov 5, Nov 23); its MAK deployments of November had not happened.
        let contoso = try scratch.page(scratch.portalPath(of: SampleIds.contoso))
        #expect(contoso.count("//ul[@id='products']/li") == 0)
        #expect(contoso.text("//p[@id='products']") == "Aucun produit sur ce compte pour l'instant.")
        #expect(contoso.texts("//section[@class='move']/table/@data-status") == ["at_risk"])
        #expect(summary.warnings.map(\.description).contains(
            "devices.csv: warning: 2 MAK deployments dated after the as-of 2026-10-01T00:00:00Z have not happened yet: those devices are shown as still on KMS (lines 2, 6)"))
        let overview = try scratch.page("index.html")
        #expect(overview.texts("//table[@id='customer-table']//tr[th/a[.='Contoso Électronique SARL']]/td[@class='num']") == ["0", "0", "0", "0", "0"])
        #expect(overview.texts("//ul[@class='warnings']/li").contains(expected))
    }

    @Test("An audit period that runs past the as-of says that later events are not counted")
    func auditPastAsOf() async throws {
        let scratch = try Scratch()
        var options = BuildOptions(dataFolder: Repository.data, outputFolder: scratch.site, templatesFolder: Repository.templates,
                                   asOf: Instant(CivilDate(year: 2026, month: 11, day: 10)!))
        options.auditPeriods = [AuditPeriod(from: Instant(CivilDate(year: 2026, month: 11, day: 1)!),
                                            to: Instant(CivilDate(year: 2026, month: 12, day: 1)!))]
        let summary = try await SiteBuilder.build(options)
        let report = try scratch.page("audit/2026-11-01T00-00Z--2026-12-01T00-00Z/report.html")
        let text = report.texts("//p").joined(separator: "\n")
        #expect(text.contains("The site is as of Nov 10, 2026, 00:00 UTC: later events have not happened yet and are not counted."))
        // Ben's two events of Nov 6 happened; Chloé's of Nov 12 and the later ones had not.
        #expect(text.contains("1 product key shown, 1 download link produced, by 1 user for 1 customer."))
        #expect(summary.warnings.map(\.description).contains("activity.csv: warning: 7 events after the as-of 2026-11-10T00:00:00Z are not counted (lines 5, 6, 7, 8, 9, …)"))
    }

    @Test("With no as-of given, a purchase after now is left out and the warning points at the export's clock or zone")
    func futureByTheClock() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            // Written in Paris time without an offset, read as UTC: an hour in the future.
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\nO1,C1,WS,perpetual,2026-11-25T09:30:00,,1,10.00,EUR\n",
        ])
        let now = Instant(CivilDate(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 8, minute: 45))
        let summary = try await SiteBuilder.build(BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates),
                                                  now: { now })
        #expect(summary.productCount == 0)
        #expect(summary.warnings.map(\.description) == [
            "orders.csv: warning: 1 line purchased after now (2026-11-25T08:45:00Z) is not shown (line 2): a date in the future points at "
                + "a wrong clock or time zone in the export (timestamps without an offset are read in --timezone, UTC by default)",
        ])
        #expect(try scratch.portalJSON()["warnings"] as? [String] == summary.warnings.map(\.description))
    }

    // MARK: The reader's zone on the pages

    @Test("A Sydney customer's plan bought at 23:00 UTC on Nov 28 runs from Nov 29 to Nov 29 on its page")
    func sydneyTerm() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country,timezone\nC1,Kangaroo,AU,Australia/Sydney\nC2,Wallaby,AU,\n",
            "orders.csv": """
                order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency
                O1,C1,Windows Server 2025 Standard,subscription,2026-11-28T23:00:00Z,P1Y,1,100.00,AUD
                O2,C2,Windows Server 2025 Standard,subscription,2026-11-28T23:00:00Z,P1Y,1,100.00,AUD

                """,
        ])
        try await scratch.build(data: data, asOf: Instant(CivilDate(year: 2026, month: 11, day: 30)!))
        let sydney = try scratch.page(scratch.portalPath(of: "C1"))
        #expect(sydney.text("//dt[.='Current term']/following-sibling::dd[1]") == "Nov 29, 2026 – Nov 29, 2027")
        #expect(sydney.text("//dt[.='Cancellation']/following-sibling::dd[1]") == "Can be cancelled until Dec 6, 2026, 10:00 Sydney time — in 6 days")
        // Australia has several zones: without its own, a customer reads the site's zone (UTC here).
        let unknown = try scratch.page(scratch.portalPath(of: "C2"))
        #expect(unknown.text("//dt[.='Current term']/following-sibling::dd[1]") == "Nov 28, 2026 – Nov 28, 2027")
        // portal.json stays in UTC.
        let product = ((try scratch.portalJSON()["customers"] as! [[String: Any]])[0]["products"] as! [[String: Any]])[0]
        #expect(product["termStart"] as? String == "2026-11-28T23:00:00Z")
        #expect(product["cancellationDaysLeft"] as? Int == 6)
    }

    @Test("A date-only --as-of in Paris is midnight in Paris on a French customer's page; the partner's pages use the site's zone")
    func parisMidnight() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country,language\nC1,Contoso,FR,fr\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\nO1,C1,WS,perpetual,2026-11-20,,1,10.00,EUR\n",
            "site.json": #"{"partnerName": "Northwind", "timeZone": "America/New_York"}"#,
        ])
        let asOf = try TimestampParser(timeZone: TimeZone(identifier: "Europe/Paris")!).parse("2026-12-01")
        try await scratch.build(data: data, asOf: asOf)
        let page = try scratch.page(scratch.portalPath(of: "C1"))
        #expect(page.text("//main/p[1]")?.hasPrefix("Informations au 1 déc. 2026 à 00:00, heure de Paris. Dates et heures : heure de Paris (Europe/Paris).") == true)
        let overview = try scratch.page("index.html")
        #expect(overview.text("//header/p[2]")?.hasPrefix("Information as of Nov 30, 2026, 18:00 New York time.") == true)
    }

    @Test("Amounts say how they were found and their tax basis; a credit names no invoice date (R3, R4, R15)")
    func amountBasis() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let contoso = try scratch.page(scratch.portalPath(of: SampleIds.contoso))
        // (Texts read with whitespace collapsed: the page's narrow and no-break spaces read as spaces.)
        // ORD-2026-0977, cancelled perpetual software: the full price, on the next monthly invoice, no date.
        #expect(contoso.text("//article[@id='product-1']//dt[.='Avoir']/following-sibling::dd[1]")
                == "3 310,00 €, HT, le prix total, crédité sur la prochaine facture mensuelle")
        // ORD-2026-1101 line 1, perpetual and cancellable: a full refund, not a proration.
        #expect(contoso.text("//article[@id='product-3']//dt[.='Remboursement']/following-sibling::dd[1]")
                == "En cas d'annulation maintenant : 4 157,00 €, HT, le prix total : aucuns frais de résiliation anticipée")
    }
}
