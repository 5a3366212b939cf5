import Foundation
import PortalRecords
import PortalTestSupport
import Testing

/// What customers and partners read (#23, "Words"): no internal codes, only what applies to the
/// reader, one name per market, French names on French pages, tenses and terms that are true.
@Suite("Words on the pages")
struct CustomerWordsTests {
    static func portal(_ scratch: Scratch, _ customerId: String) throws -> HTMLDocument {
        try scratch.page(scratch.portalPath(of: customerId))
    }

    /// A page's visible words: every text node of its body, scripts left out.
    static func words(_ page: HTMLDocument) -> String {
        page.texts("//body//text()[not(ancestor::script)]").joined(separator: " ")
    }

    /// The page's own words: what the data names (a product is "Windows Server 2012 R2") left out.
    static func ownWords(_ page: HTMLDocument) -> String {
        page.texts("//body//text()[not(ancestor::script) and not(ancestor::*[@class='product-name'])]").joined(separator: " ")
    }

    @Test("No rule id on a customer's portal or on the markets pages, in either language (R15, R16 …)",
          arguments: [nil, PortalLanguage.fr])
    func noRuleIds(language: PortalLanguage?) async throws {
        let scratch = try Scratch()
        try await scratch.build(language: language)
        let ruleId = try Regex(#"\bR[0-9]{1,2}\b"#)
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        let markets = try FileManager.default.contentsOfDirectory(atPath: scratch.site.appendingPathComponent("markets").path).map { "markets/\($0)" }
        #expect(markets.count == 2)
        let pages = customers.map { $0["portalPath"] as! String } + markets
        for path in pages {
            let words = Self.ownWords(try scratch.page(path))
            #expect(words.firstMatch(of: ruleId) == nil, "\(path): \(words)")
        }
    }

    @Test("R15: an Australian customer reads that its prices include taxes, and nothing about Brazil; a Brazilian one nothing about Australia")
    func onlyWhatApplies() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let kangaroo = try Self.portal(scratch, SampleIds.kangaroo)
        #expect(kangaroo.text("//p[@class='notice']") == "Prices include taxes.")
        #expect(!Self.words(kangaroo).contains("Brazil"))
        let brazil = try Self.portal(scratch, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")
        #expect(brazil.text("//p[@class='notice']") == "Prices include taxes.")
        #expect(!Self.words(brazil).contains("Australia"))
    }

    @Test("One name per market: each portal, the overview and the markets page in the same language agree (R16)",
          arguments: [nil, PortalLanguage.fr])
    func oneNamePerMarket(language: PortalLanguage?) async throws {
        let scratch = try Scratch()
        try await scratch.build(language: language)
        let markets = ["en": try scratch.page("markets/\(language == .fr ? "en.html" : "index.html")"),
                       "fr": try scratch.page("markets/\(language == .fr ? "index.html" : "fr.html")")]
        let overview = try scratch.page("index.html")
        let overviewLanguage = overview.text("/html/@lang")!
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        for customer in customers {
            let code = customer["country"] as! String, name = customer["name"] as! String
            let page = try scratch.page(customer["portalPath"] as! String)
            let pageLanguage = page.text("/html/@lang")!
            let marketName = try #require(markets[pageLanguage]?.text("//table[@id='markets']/tbody/tr[td[2]='\(code)']/th"))
            let label = pageLanguage == "fr" ? "Marché : \(marketName) (\(code))" : "Market: \(marketName) (\(code))"
            #expect(page.texts("//header/p").contains(label), "\(name): \(page.texts("//header/p"))")
            let overviewName = try #require(markets[overviewLanguage]?.text("//table[@id='markets']/tbody/tr[td[2]='\(code)']/th"))
            #expect(overview.text("//table[@id='customer-table']/tbody/tr[th/a/@href='\(customer["portalPath"] as! String)']/td[1]") == "\(overviewName) (\(code))",
                    "\(name)")
        }
        let french = try #require(markets["fr"])
        #expect(french.text("//table[@id='markets']/tbody/tr[td[2]='RE']/th") == "La Réunion")
        #expect(french.text("//table[@id='markets']/tbody/tr[td[2]='NC']/th") == "Nouvelle-Calédonie")
        #expect(french.text("//table[@id='markets']/tbody/tr[td[2]='SY']/th") == "Syrie")
        #expect(try Self.portal(scratch, SampleIds.reunion).texts("//header/p").contains("Marché : La Réunion (RE)"))
    }

    @Test("R10, R3: a cancelled card shows the term it was cancelled in as such, and its credit with its tax basis; an expired one its last term")
    func cancelledTerm() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let muller = try Self.portal(scratch, SampleIds.muller)
        let cancelled = "//article[@id='product-2']"
        #expect(muller.text("\(cancelled)//span[contains(@class,'badge')]") == "Cancelled")
        #expect(muller.text("\(cancelled)//dt[.='Term']/following-sibling::dd[1]") == "Cancelled during the term of Nov 1, 2026 – Dec 1, 2026")
        #expect(muller.text("\(cancelled)//dt[.='Credit']/following-sibling::dd[1]")?.hasPrefix("€2,142.47, excl. tax, ") == true)
        let processing = "//article[@id='product-3']"
        #expect(muller.text("\(processing)//dt[.='Term']/following-sibling::dd[1]") == "Cancelled during the term of Nov 24, 2026 – Nov 24, 2027")
        // "Current term" only on what is still running.
        #expect(muller.count("//article[.//span[contains(@class,'badge') and .!='Active']]//dt[.='Current term']") == 0)
        #expect(muller.count("//article//dt[.='Current term']") == 1)

        let nordlys = try Self.portal(scratch, "d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a")
        #expect(nordlys.text("//article[@id='product-1']//span[contains(@class,'badge')]") == "Expired")
        #expect(nordlys.text("//article[@id='product-1']//dt[.='Last term']/following-sibling::dd[1]") == "Jun 1, 2021 – Jun 1, 2024")

        let french = try Scratch()
        try await french.build(language: .fr)
        let page = try Self.portal(french, SampleIds.muller)
        #expect(page.text("\(cancelled)//dt[.='Période']/following-sibling::dd[1]") == "Annulé pendant la période du 1 nov. 2026 au 1 déc. 2026")
        #expect(page.text("\(cancelled)//dt[.='Avoir']/following-sibling::dd[1]")?.hasPrefix("2 142,47 €, HT, ") == true)
    }

    @Test("R6: a renewal ahead is told in the future tense, in both languages")
    func renewalTense() async throws {
        let scratch = try Scratch()
        try await scratch.build(language: .fr)
        let contoso = try Self.portal(scratch, SampleIds.contoso)
        let renewing = contoso.texts("//dt[.='Renouvellement']/following-sibling::dd[1]")
        #expect(renewing.contains("Se renouvelle automatiquement le 23 nov. 2027"), "\(renewing)")
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        for customer in customers {
            let words = Self.words(try scratch.page(customer["portalPath"] as! String))
            #expect(!words.contains("renouvelé le"), "\(customer["name"]!)")
        }
        let english = try Scratch()
        try await english.build()
        #expect(try Self.portal(english, SampleIds.obrien).texts("//dt[.='Renewal']/following-sibling::dd[1]").contains("Renews automatically on Nov 20, 2027"))
    }

    @Test("R12: the French audit report names the partner's roles as the French documentation does")
    func frenchRoles() async throws {
        let scratch = try Scratch()
        try await scratch.build(language: .fr)
        let report = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        let roles = report.texts("//table[@id='users']//tr/td[2]")
        #expect(roles.contains("Agent d'administration, Administrateur général"), "\(roles)")
        #expect(roles.contains("Administrateur de compte, Administrateur de référence"), "\(roles)")
        #expect(roles.contains("Administrateur de facturation"), "\(roles)")
        #expect(!roles.joined().contains("Admin Agent"))
        let words = Self.words(report)
        #expect(words.contains("le rôle Agent d'administration"))
        let english = try Scratch()
        try await english.build()
        let englishRoles = try english.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html").texts("//table[@id='users']//tr/td[2]")
        #expect(englishRoles.contains("Admin Agent, Global admin"))
    }

    @Test("R16: a customer where Microsoft sells nothing (Cuba, Iran, North Korea, Syria) is told so, and has no Azure reservations")
    func embargo() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country,language\nC1,Havana Tech,CU,en\nC2,Téhéran Soft,IR,fr\nC3,Dublin Ltd,IE,en\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
                + "O1,C1,Windows Server 2025 Standard,subscription,2026-11-20,P1Y,1,10.00,USD\n",
            "site.json": #"{"partnerName": "P", "contactEmail": "a@b.example"}"#,
        ])
        try await scratch.build(data: data, asOf: at("2026-11-25T00:00:00Z"))
        let cuba = try Self.portal(scratch, "C1")
        #expect(cuba.text("//*[@id='reservations']")
                == "Microsoft does not sell in your market (Cuba, CU): its products and services, Azure reservations among them, are not available there.")
        let iran = try Self.portal(scratch, "C2")
        #expect(iran.text("//*[@id='reservations']")
                == "Microsoft ne vend pas sur votre marché (Iran, IR) : ses produits et services, dont les réservations Azure, n'y sont pas disponibles.")
        #expect(try Self.portal(scratch, "C3").count("//*[@id='reservations']") == 0)
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        #expect(customers.map { $0["azureReservationsAvailable"] as! Bool } == [false, false, true])
        let overview = try scratch.page("index.html")
        #expect(overview.text("//table[@id='customer-table']/tbody/tr[th/a='Havana Tech']/td[last()]") == "Microsoft does not sell here (embargo)")
        let markets = try scratch.page("markets/index.html")
        for code in ["CU", "IR", "KP", "SY"] {
            #expect(markets.text("//table[@id='markets']/tbody/tr[td[2]='\(code)']/td[3]/@class") == "embargoed")
            #expect(markets.text("//table[@id='markets']/tbody/tr[td[2]='\(code)']/td[3]") == "Not available: Microsoft does not sell here (embargo)")
        }
    }
}
