import Foundation
import PortalTestSupport
import Testing

/// R19 on the pages and in portal.json, the "Azure savings" note with R16, what a cancelled card
/// leaves to the partner and the customer (R11), and the deployment help of "Move to CSP" (R14).
@Suite("Azure Hybrid Benefit, cancelled cards and deployment help on the pages")
struct HybridBenefitPortalTests {
    static let nouméa = "a7b8c9d0-e1f2-4a3b-8c4d-6e7f8a9b0c1d"
    static let nordlys = "d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a"
    static let fabrikam = "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b"

    static func fact(_ page: HTMLDocument, _ product: Int, _ label: String) -> String? {
        page.text("//article[@id='product-\(product)']//dt[.=\"\(label)\"]/following-sibling::dd[1]")
    }

    @Test("R19: the card of an eligible licence says so; Standard without Software Assurance, CALs and cancelled ones do not")
    func cards() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let fabrikam = try scratch.page(scratch.portalPath(of: Self.fabrikam))
        let note = "Can be used with Azure Hybrid Benefit: up to 40% lower cost for Windows Server virtual machines in Azure"
        // ORD-2023-0315 Datacenter, ORD-2026-1112 Standard with Software Assurance, ORD-2026-1124 a SQL Server CAL.
        #expect(Self.fact(fabrikam, 1, "Azure Hybrid Benefit") == note)
        #expect(Self.fact(fabrikam, 2, "Azure Hybrid Benefit") == note)
        #expect(Self.fact(fabrikam, 3, "Azure Hybrid Benefit") == nil)
        let nordlys = try scratch.page(scratch.portalPath(of: Self.nordlys))
        #expect(nordlys.count("//dt[.='Azure Hybrid Benefit']") == 0, "Standard without Software Assurance")
        #expect(nordlys.count("//*[@id='azure-savings']") == 0)
        let muller = try scratch.page(scratch.portalPath(of: SampleIds.muller))
        #expect(muller.count("//dt[.='Azure Hybrid Benefit']") == 0, "its Datacenter licence is being cancelled")
        let contoso = try scratch.page(scratch.portalPath(of: SampleIds.contoso))
        #expect(Self.fact(contoso, 2, "Azure Hybrid Benefit")
                == "Utilisable avec Azure Hybrid Benefit : jusqu'à 40 % d'économies sur les machines virtuelles Windows Server dans Azure")
    }

    @Test("R19 with R16: one 'Azure savings' note, whether reservations are available in the market or not; R16 alone otherwise")
    func azureSavings() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let fabrikam = try scratch.page(scratch.portalPath(of: Self.fabrikam))
        #expect(fabrikam.text("//*[@id='azure-savings']") == "Azure savings: your Windows Server Datacenter licences, and Standard licences "
                + "with Software Assurance, can be used with Azure Hybrid Benefit: up to 40% lower cost for Windows Server virtual machines "
                + "in Azure. Azure reservations are available in your market too.")
        let noumea = try scratch.page(scratch.portalPath(of: Self.nouméa))
        #expect(noumea.text("//*[@id='azure-savings']")?.hasSuffix(
            "Les réservations Azure ne sont en revanche pas disponibles sur votre marché (Nouvelle-Calédonie, NC).") == true)
        #expect(noumea.count("//*[@id='reservations']") == 0, "said once, in the Azure savings note")
        let reunion = try scratch.page(scratch.portalPath(of: SampleIds.reunion))
        #expect(reunion.count("//*[@id='azure-savings']") == 0, "Extended Security Updates and a SUSE plan: nothing eligible")
        #expect(reunion.count("//*[@id='reservations']") == 1)
    }

    @Test("R11: a cancelled card says what is left to the partner and the customer: uninstall, delete downloads and links")
    func cancelledCard() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let muller = try scratch.page(scratch.portalPath(of: SampleIds.muller))
        let expected = "Keys and download links are revoked: you and Northwind Cloud Services must make sure the software is no longer "
            + "used, uninstall it, and delete its downloads and download links"
        #expect(Self.fact(muller, 2, "After the cancellation") == expected, "cancelled")
        #expect(Self.fact(muller, 3, "After the cancellation") == expected, "processing")
        #expect(Self.fact(muller, 1, "After the cancellation") == nil, "active")
        let contoso = try scratch.page(scratch.portalPath(of: SampleIds.contoso))
        #expect(Self.fact(contoso, 1, "Après l'annulation")?.contains("désinstaller et supprimer ses téléchargements et liens de téléchargement") == true)
    }

    @Test("R14: Move to CSP says the partner can get deployment help")
    func deploymentHelp() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let muller = try scratch.page(scratch.portalPath(of: SampleIds.muller))
        #expect(muller.text("//section[h2/@id='move-to-csp']/p[last()]")
                == "Need help with this deployment? Ask Northwind Cloud Services at portal@northwind-cloud.example: your partner can request "
                + "Microsoft's technical presales and deployment services for you.")
    }

    @Test("R19 in portal.json on every product, right after credit; the overview counts the eligible customers")
    func portalJSONAndOverview() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let text = String(decoding: try Data(contentsOf: scratch.site.appendingPathComponent("portal.json")), as: UTF8.self)
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        let products = customers.flatMap { $0["products"] as! [[String: Any]] }
        #expect(products.allSatisfy { $0["azureHybridBenefit"] is Bool })
        let eligible = products.filter { $0["azureHybridBenefit"] as? Bool == true }.map { "\($0["orderId"]!)/\($0["line"]!)" }
        #expect(eligible.sorted() == ["ORD-2023-0315/0", "ORD-2025-0815/0", "ORD-2026-1101/0", "ORD-2026-1109/0", "ORD-2026-1112/0", "ORD-2026-1118/0"])
        #expect(text.components(separatedBy: "\"credit\"").count == products.count + 1)
        #expect(text.components(separatedBy: "\"credit\":").dropFirst().allSatisfy { $0.contains("\"azureHybridBenefit\"") && $0.range(of: "\"azureHybridBenefit\"")!.lowerBound < $0.range(of: "\"billing\"")!.lowerBound })
        let overview = try scratch.page("index.html")
        #expect(overview.text("//header/p[last()]") == "Azure Hybrid Benefit: 5 customers hold Windows Server licences that can be used with it, "
                + "up to 40% lower cost for Windows Server virtual machines in Azure.")
        #expect(overview.count("//table[@id='customer-table']//span[@class='tag'][.='Azure Hybrid Benefit']") == 5)
    }
}
