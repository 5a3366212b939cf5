import Foundation
import PortalRecords
import PortalTestSupport
import Testing

@Suite("Customer portal pages")
struct CustomerPortalTests {
    @Test("A card per purchase with status, cancellation line, refund, keys and listing (en)")
    func obrien() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page(scratch.portalPath(of: SampleIds.obrien))
        #expect(page.text("//h1") == "Your products")
        #expect(page.text("/html/@lang") == "en")
        #expect(page.count("//ul[@id='products']/li") == 2)
        // ORD-2025-0815, renewed on Nov 20: its new R2 window is open (R2 applies to every term).
        let renewed = "//article[@id='product-1']"
        #expect(page.text("\(renewed)//span[contains(@class,'badge')]") == "Active")
        // Ireland has one zone, Dublin's (UTC in winter); 47 hours ahead is told in hours.
        #expect(page.text("\(renewed)//dt[.='Cancellation']/following-sibling::dd[1]") == "Can be cancelled until Nov 27, 2026, 08:00 Dublin time — 47 hours left")
        #expect(page.text("\(renewed)//dt[.='Renewal']/following-sibling::dd[1]") == "Renews automatically on Nov 20, 2027")
        #expect(page.text("\(renewed)//dt[.='Downloads & keys']/following-sibling::dd[1]") == "Key ending XXXXX-XXXXX-XXXXX-XXXXX-6VM33")
        #expect(page.text("\(renewed)//dt[.='Listed on']/following-sibling::dd[1]") == "Subscriptions page and Software page")
        #expect(page.text("\(renewed)//dt[.='Refund']/following-sibling::dd[1]")
                == "If cancelled now: €6,069.98, excl. tax, estimated as the term price prorated for the exact time left in the term; Microsoft's credit may differ")
        // ORD-2026-1088: licence only, window closing within 72 hours is emphasised.
        let licence = "//article[@id='product-2']"
        #expect(page.text("\(licence)//dt[.='Downloads & keys']/following-sibling::dd[1]") == "Licence only: nothing to download")
        #expect(page.count("\(licence)//dd[@class='urgent']") == 1)
        #expect(page.text("//p[@class='notice']") == "Prices exclude taxes.")
        #expect(page.count("//*[@id='reservations']") == 0)
    }

    @Test("Statuses, processing, credits, RedHat and tax (R5, R10, R3, R15)")
    func statuses() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let muller = try scratch.page(scratch.portalPath(of: SampleIds.muller))
        #expect(muller.texts("//span[contains(@class,'badge')]") == ["Active", "Cancelled", "Cancellation processing"])
        #expect(muller.text("//article[@id='product-3']//dt[.='Cancellation']/following-sibling::dd[1]") == "Cancellation processing — can take up to 15 minutes")
        #expect(muller.text("//article[@id='product-2']//dt[.='Credit']/following-sibling::dd[1]")
                == "€2,142.47, excl. tax, the term price prorated for the time left in the term when it was cancelled, credited on the next monthly invoice; Microsoft's credit may differ")
        #expect(muller.text("//article[@id='product-2']//dt[.='Downloads & keys']/following-sibling::dd[1]") == "Revoked after the cancellation; no activation key")
        #expect(muller.texts("//input[@name='status']/following-sibling::label[1]") == ["All (3)", "Active (1)", "Cancelled (2)", "Expired (0)"])

        let kangaroo = try scratch.page(scratch.portalPath(of: SampleIds.kangaroo))
        #expect(kangaroo.text("//p[@class='notice']") == "Prices include taxes.")
        #expect(kangaroo.text("//article[@id='product-2']//dt[.='Cancellation']/following-sibling::dd[1]") == "Cannot be cancelled or exchanged (RedHat/SUSE plan)")
        #expect(kangaroo.text("//article[@id='product-2']//dt[.='Price']/following-sibling::dd[1]") == "A$14,200.00 per term, incl. tax")
    }

    @Test("French portal, and the Azure reservations notice (R16)")
    func reunion() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page(scratch.portalPath(of: SampleIds.reunion))
        #expect(page.text("/html/@lang") == "fr")
        #expect(page.text("//h1") == "Vos produits")
        #expect(page.text("//*[@id='reservations']") == "Les réservations Azure ne sont pas disponibles sur votre marché (La Réunion, RE).")
        #expect(page.text("//article//a[contains(@href,'learn.microsoft.com')]") == "Instructions d'installation")
    }

    @Test("A portal links nowhere but to itself and instruction pages, and names no other customer")
    func isolation() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let json = try scratch.portalJSON()
        let customers = json["customers"] as! [[String: Any]]
        let files = try scratch.files()
        for customer in customers {
            let path = customer["portalPath"] as! String
            let folder = (path as NSString).deletingLastPathComponent + "/"
            let calendar = folder + "deadlines.ics", export = folder + "products.csv"
            #expect(files.keys.filter { $0.hasPrefix(folder) }.sorted() == [calendar, path, export],
                    "a self-contained folder: the portal, its calendar and its export (issue 22)")
            let page = try HTMLDocument(files[path]!)
            for link in page.texts("//@href") {
                #expect(link.hasPrefix("#") || link.hasPrefix("https://") || link == "deadlines.ics" || link == "products.csv",
                        "\(path) links to \(link)")
            }
            #expect(page.count("//link | //script[@src] | //img | //iframe") == 0, "no external resource")
            // Calendar text read back: lines unfolded, TEXT escapes undone.
            let icsText = String(decoding: files[calendar]!, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
                .replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            let texts = [page.text("/html") ?? "", icsText, String(decoding: files[export]!, as: UTF8.self)]
            for other in customers where other["customerId"] as? String != customer["customerId"] as? String {
                for (file, text) in zip([path, calendar, export], texts) {
                    #expect(!text.contains(other["name"] as! String), "\(file) mentions \(other["name"]!)")
                    #expect(!text.contains(other["customerId"] as! String), "\(file)")
                }
            }
        }
    }

    @Test("R18: no generated file contains a full product key")
    func noFullKeys() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let orders = String(decoding: try Data(contentsOf: Repository.data.appendingPathComponent("orders.csv")), as: UTF8.self)
        let rows = orders.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let keyColumn = try #require(rows.first?.firstIndex(of: "product_key"))
        let keys = rows.dropFirst().compactMap { $0.count > keyColumn ? $0[keyColumn] : nil }.filter { $0.count >= 25 }
        #expect(keys.count >= 10)
        for (path, bytes) in try scratch.files() {
            let text = String(decoding: bytes, as: UTF8.self)
            for key in keys {
                #expect(!text.contains(key), "\(path) holds the key \(key)")
                #expect(!text.contains(key.dropLast(5).replacingOccurrences(of: "-", with: "")), "\(path) holds most of \(key)")
            }
        }
    }

    @Test("Every value from the input is escaped")
    func escaping() async throws {
        let scratch = try Scratch()
        let hostile = "<script>alert(1)</script> & \"Q\" 'A'"
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,domain,country\n../../etc/passwd,\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\",<b>x</b>,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,instructions_url,delivery\nO<1>,../../etc/passwd,<img src=x onerror=alert(1)>,subscription,2026-11-20,P1Y,1,10.00,EUR,javascript:alert(1),instructions\n",
            "site.json": #"{"partnerName": "<i>Partner</i>", "contactEmail": "a&b'c@b.example"}"#,
        ])
        try await scratch.build(data: data, asOf: Instant(CivilDate(year: 2026, month: 11, day: 25)!))
        let files = try scratch.files()
        #expect(files.keys.sorted() == [".csp-portal", "_headers", "audit/index.html", "changes.json", "changes.xml", "changes/index.html",
                                        "customers/etc-passwd/deadlines.ics", "customers/etc-passwd/index.html", "customers/etc-passwd/products.csv",
                                        "customers/index.html", "deadlines.ics", "desk/index.html", "index.html", "markets/fr.html", "markets/index.html",
                                        "portal.json", "robots.txt", "staticwebapp.config.json"])
        let page = try scratch.page("customers/etc-passwd/index.html")
        #expect(page.text("//header//strong") == hostile)
        #expect(page.text("//h2[@class='product-name']/span[1]") == "<img src=x onerror=alert(1)>")
        #expect(page.count("//script") == 1, "only the filter script")
        #expect(page.count("//img | //b | //i") == 0)
        #expect(page.count("//a[starts-with(@href,'javascript')]") == 0)
        // `&` and `'` are allowed in an address: read back as text, not markup.
        #expect(page.text("//main/p[last()]")?.contains("a&b'c@b.example") == true)
        let overview = try scratch.page("index.html")
        #expect(overview.count("//script") == 1, "only the Act now filter")
        #expect(overview.count("//img | //b | //i") == 0)
        #expect(overview.text("//table[@id='customer-table']//th[@scope='row']") == hostile)
    }
}
