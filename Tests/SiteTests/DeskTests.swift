import Foundation
import PortalPipeline
import PortalRecords
import PortalRender
import PortalTestSupport
import Testing

/// The partner's cancellation desk in a built site: where it is (never in or linked from a
/// customer's folder), what the sample shows on it, and the overview's links to its entries.
@Suite("Cancellation desk")
struct DeskTests {
    static func anchors(_ page: HTMLDocument, section: String) -> [String] {
        page.texts("//section[h2/@id='\(section)']//article/@id")
    }

    @Test("The sample's desk: open windows soonest first, processing (R10), closed in the last 7 days, RedHat/SUSE apart (R5)")
    func sample() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let desk = try scratch.page("desk/index.html")
        #expect(desk.text("/html/@lang") == "en")
        #expect(Self.anchors(desk, section: "open-windows") == [
            "order-ORD-2026-1118-line-0", "order-ORD-2026-1088-line-0", "order-ORD-2025-0815-line-0", "order-ORD-2023-1122-line-0",
            "order-ORD-2026-1101-line-0", "order-ORD-2026-1124-line-0", "order-ORD-2026-1101-line-1", "order-ORD-2026-1109-line-0",
        ])
        #expect(Self.anchors(desk, section: "processing") == ["order-ORD-2026-1120-line-0"])
        #expect(Self.anchors(desk, section: "closed-windows") == ["order-ORD-2026-1112-line-0"])
        #expect(Self.anchors(desk, section: "not-cancellable") == ["order-ORD-2025-1130-line-0", "order-ORD-2026-1110-line-0"])
        // O'Brien's renewed Datacenter subscription: 47 hours left, told in hours, urgent.
        let renewed = "//article[@id='order-ORD-2025-0815-line-0']"
        #expect(desk.text("\(renewed)//span[contains(@class,'badge')]") == "47 hours left")
        #expect(desk.text("\(renewed)//dt[.='Window']/following-sibling::dd[1]") == "Can be cancelled until Nov 27, 2026, 08:00 UTC — 47 hours left")
        #expect(desk.count("\(renewed)//dd[@class='urgent']") == 1)
        #expect(desk.count("\(renewed)//ol[@class='steps']/li") == 6)
        // The perpetual line of the same order has its own entry, with the order ID.
        let perpetual = "//article[@id='order-ORD-2026-1101-line-1']"
        #expect(desk.text("\(perpetual)//dt[.='Order ID']/following-sibling::dd[1]") == "ORD-2026-1101")
        #expect(desk.text("\(perpetual)//dt[.='Product']/following-sibling::dd[1]") == "SQL Server 2022 Standard Edition")
        #expect(desk.text("//section[h2/@id='support-request']/p[last()]")
                == "Contact given in support requests (site.json): Amélie Durand, portal@northwind-cloud.example, +33 1 84 88 20 00.")
        // No script: its policy allows none.
        #expect(desk.count("//script") == 0)
        #expect(desk.text("//meta[@http-equiv='Content-Security-Policy']/@content")?.contains("script-src 'none'") == true)
        #expect(desk.texts("//a/@href") == ["#open-windows", "../index.html"])
    }

    @Test("The overview's Act now rows for windows and cancellations link to their desk entries, which exist")
    func overviewLinks() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let overview = try scratch.page("index.html")
        let desk = try scratch.page("desk/index.html")
        let ids = Set(desk.texts("//@id"))
        for kind in ["window", "processing"] {
            let links = overview.texts("//table[@id='actions']/tbody/tr[@class='\(kind)']//a/@href")
            #expect(!links.isEmpty, "\(kind)")
            for link in links {
                #expect(link.hasPrefix("desk/index.html#"), "\(link)")
                #expect(ids.contains(String(link.dropFirst("desk/index.html#".count))), "\(link) has no entry on the desk")
            }
        }
        for link in overview.texts("//table[@id='actions']/tbody/tr[@class!='window' and @class!='processing']//a/@href") {
            #expect(link.hasPrefix("customers/"), "\(link)")
        }
        #expect(overview.text("//a[@id='desk-link']") == "Cancellation desk: 8 windows open")
        #expect(overview.text("//a[@id='desk-link']/@href") == "desk/index.html")
    }

    @Test("The desk is in no customer's folder and no customer page links to it or names it, even for a customer whose id is 'desk'")
    func absentFromCustomerFolders() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\ndesk,Desk Corp,FR\nother,Other Ltd,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
                + "O1,desk,Windows Server 2025 Standard,subscription,2026-11-24,P1Y,1,10.00,EUR\n"
                + "O2,other,Windows Server 2025 Standard,subscription,2026-11-24,P1Y,1,10.00,EUR\n",
            "site.json": #"{"partnerName": "Northwind", "asOf": "2026-11-25T09:00:00Z"}"#,
        ])
        for (folder, secret) in [(data, nil), (Repository.data, nil), (Repository.data, CustomerFolderTests.secret)] {
            let run = try Scratch()
            _ = try await CustomerFolderTests.build(folder, run, secret: secret)
            let files = try run.files()
            if folder == data { #expect(files["customers/desk/index.html"] != nil) }
            #expect(files["desk/index.html"] != nil)
            #expect(try run.page("desk/index.html").text("//h1")?.hasSuffix("cancellation desk") == true)
            let customerFiles = files.keys.filter { $0.hasPrefix("customers/") && $0 != "customers/index.html" }
            #expect(!customerFiles.isEmpty)
            for path in customerFiles {
                let name = path.split(separator: "/").last.map(String.init) ?? ""
                #expect(path.split(separator: "/").count == 3 && ["index.html", "deadlines.ics", "products.csv"].contains(name),
                        "\(path): only the portal, its calendar and its export")
                let text = String(decoding: files[path]!, as: UTF8.self)
                #expect(!text.contains("desk/index.html") && !text.lowercased().contains("cancellation desk"), "\(path) names the desk")
                guard name == "index.html" else { continue }
                let page = try HTMLDocument(files[path]!)
                #expect(page.count("//a[contains(@href,'desk')]") == 0, "\(path) links to the desk")
                let pageText = page.text("/html") ?? ""
                #expect(!pageText.contains("cancellation desk") && !pageText.contains("guichet des annulations"), "\(path) names the desk")
                #expect(["Your products", "Vos produits"].contains(page.text("//h1") ?? ""), "\(path) is a portal, not the desk")
            }
        }
    }

    @Test("Every value on the desk is escaped; an order id cannot break out of its anchor")
    func escaping() async throws {
        let scratch = try Scratch()
        let hostile = "<script>alert(1)</script> & \"Q\" 'A'"
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,domain,country\nC1,\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\",<b>x</b>,FR\n",
            "orders.csv": "order_id,customer_id,subscription_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
                + "\"O\"\"><img src=x onerror=alert(1)>\",C1,<i>s</i>,<img src=x onerror=alert(2)>,subscription,2026-11-20,P1Y,1,10.00,EUR\n",
            "site.json": #"{"partnerName": "<i>Partner</i>", "contactName": "<b>Ann</b>", "asOf": "2026-11-25T09:00:00Z"}"#,
        ])
        try await scratch.build(data: data)
        let desk = try scratch.page("desk/index.html")
        #expect(desk.count("//script | //img | //b | //i") == 0)
        let entry = try #require(desk.text("//article/@id"))
        #expect(entry == "order-O_22_3E_3Cimg_20src_3Dx_20onerror_3Dalert_281_29_3E-line-0")
        #expect(desk.text("//article//dt[.='Customer']/following-sibling::dd[1]") == hostile)
        #expect(desk.text("//article//span[1]") == "<img src=x onerror=alert(2)>")
        #expect(desk.text("//article//dt[.='Subscription']/following-sibling::dd[1]") == "<img src=x onerror=alert(2)> (ID <i>s</i>)")
        #expect(try scratch.page("index.html").texts("//a/@href").contains("desk/index.html#\(entry)"))
    }

    @Test("The desk written a piece at a time is the page its template makes whole, with either engine; a missing marker is a note")
    func streamed() async throws {
        let scratch = try Scratch()
        let inline = scratch.url.appendingPathComponent("Templates-inline")
        try FileManager.default.copyItem(at: Repository.templates, to: inline)
        let file = inline.appendingPathComponent("desk.mustache")
        var text = try String(contentsOf: file, encoding: .utf8)
        for (field, kind) in [("open", "open"), ("processing", "processing"), ("closed", "closed"), ("neverCancellable", "never-cancellable")] {
            let marker = "<!--entries:\(kind)-->\n"
            #expect(text.contains(marker))
            text = text.replacingOccurrences(of: marker, with: "{{#\(field)}}\n{{> partials/desk-entry}}\n{{/\(field)}}\n")
        }
        try Data(text.utf8).write(to: file)
        func build(_ templates: URL) async throws -> ([UInt8], [String]) {
            let run = try Scratch()
            let options = BuildOptions(dataFolder: Repository.data, outputFolder: run.site, templatesFolder: templates)
            let summary = try await SiteBuilder.build(options, now: { Instant(millisecondsSinceEpoch: 0) })
            return (try #require(try run.files()["desk/index.html"]), summary.notes)
        }
        let (streamed, streamedNotes) = try await build(Repository.templates)
        let (whole, wholeNotes) = try await build(inline)
        #expect(streamed == whole)
        #expect(streamedNotes.isEmpty)
        #expect(wholeNotes == ["desk/index.html: no <!--entries:open--> line in the desk template; that section's entries (8) are on the page only where the template lists them itself",
                               "desk/index.html: no <!--entries:processing--> line in the desk template; that section's entries (1) are on the page only where the template lists them itself",
                               "desk/index.html: no <!--entries:closed--> line in the desk template; that section's entries (1) are on the page only where the template lists them itself",
                               "desk/index.html: no <!--entries:never-cancellable--> line in the desk template; that section's entries (2) are on the page only where the template lists them itself"],
                "a template that lists the entries itself has them all the same, and is told")
        // swift-mustache, the reference, renders the whole desk the same.
        try await expectSameAsReference(data: Repository.data, templates: inline)
    }

    @Test("--lang fr writes the desk in French")
    func french() async throws {
        let scratch = try Scratch()
        try await scratch.build(language: .fr)
        let desk = try scratch.page("desk/index.html")
        #expect(desk.text("/html/@lang") == "fr")
        #expect(desk.text("//h2[@id='open-windows']") == "Fenêtres ouvertes, échéance la plus proche d'abord")
        #expect(desk.text("//article[@id='order-ORD-2025-0815-line-0']//span[contains(@class,'badge')]") == "encore 47 heures")
    }
}
