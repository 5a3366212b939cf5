import Foundation
import PortalTestSupport
import Testing

@Suite("Move to CSP section (R14)")
struct MoveToCSPTests {
    @Test("Devices grouped by state, most urgent first, with deadlines and days left")
    func section() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page(scratch.portalPath(of: SampleIds.contoso))
        let section = "//section[@class='move']"
        #expect(page.text("\(section)/h2") == "Passage au CSP : appareils encore activés par KMS")
        #expect(page.texts("\(section)/table/@data-status") == ["at_risk", "limited", "migrated_after_lapse", "migrated"])
        #expect(page.texts("\(section)/table[@data-status='at_risk']/tbody/tr/th") == ["SRV-PARIS-SQL01", "SRV-PARIS-FS01"])
        // In Paris time (France has one zone); 14 calendar days from Nov 25 to Dec 9, where portal.json counts 15 started days.
        #expect(page.texts("\(section)/table[@data-status='at_risk']/tbody/tr[1]/td") == ["12 juin 2026", "9 déc. 2026 à 10:15, heure de Paris", "dans 14 jours"])
        #expect(page.text("\(section)/table[@data-status='limited']/preceding-sibling::p[1]")?.contains("slmgr.vbs /ato") == true)

        let obrien = try scratch.page(scratch.portalPath(of: SampleIds.obrien))
        #expect(obrien.count("//section[@class='move']") == 0, "no section for a customer with no device")
    }

    @Test("The overview lists devices due within 30 days and limited devices")
    func overview() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let page = try scratch.page("index.html")
        #expect(page.texts("//table[@id='actions']/tbody/tr[@class='devices']/td[2]") == ["Müller Maschinenbau GmbH", "Contoso Électronique SARL"])
        #expect(page.texts("//table[@id='actions']/tbody/tr[@class='limited']/td[3]") == ["1 device"])
        let link = page.text("//table[@id='actions']/tbody/tr[@class='limited']//a/@href") ?? ""
        #expect(link.hasSuffix("#move-to-csp"))
    }
}
