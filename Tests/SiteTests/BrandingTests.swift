import Foundation
import PortalRecords
import PortalTestSupport
import Testing

/// The partner's logo and accent colour on the pages (site.json's `logo` and `accentColor`).
@Suite("Branding on the pages")
struct BrandingTests {
    static let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#fff"/></svg>"##
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR-ish".utf8)

    /// The sample data with `site`'s keys added to its site.json and `files` beside it.
    static func brandedData(in scratch: Scratch, site extra: [String: String], files: [String: [UInt8]]) throws -> URL {
        let data = scratch.url.appendingPathComponent("BrandedData")
        try FileManager.default.copyItem(at: Repository.data, to: data)
        let siteURL = data.appendingPathComponent("site.json")
        var site = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: siteURL)) as? [String: Any])
        for (key, value) in extra { site[key] = value }
        try JSONSerialization.data(withJSONObject: site, options: [.prettyPrinted, .sortedKeys]).write(to: siteURL)
        for (name, bytes) in files { try Data(bytes).write(to: data.appendingPathComponent(name)) }
        return data
    }

    @Test("The logo is embedded as a data: URI with the partner's name as its text; the colour is on the header bar and the buttons")
    func brandedPages() async throws {
        let scratch = try Scratch()
        let data = try Self.brandedData(in: scratch, site: ["logo": "logo.svg", "accentColor": "#7A1F5C"], files: ["logo.svg": Array(Self.svg.utf8)])
        try await scratch.build(data: data)
        let logo = "data:image/svg+xml;base64,\(Data(Self.svg.utf8).base64EncodedString())"

        let overview = try scratch.page("index.html")
        #expect(overview.texts("//header//img[@class='logo']/@src") == [logo])
        #expect(overview.texts("//header//img[@class='logo']/@alt") == ["Northwind Cloud Services"])
        let portalPath = try scratch.portalPath(of: "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c")
        let portal = try scratch.page(portalPath)
        #expect(portal.texts("//header//img[@class='logo']/@src") == [logo])
        #expect(portal.texts("//header//img[@class='logo']/@alt") == ["Northwind Cloud Services"])
        for page in [overview, portal] {
            let styles = page.texts("//style").joined()
            #expect(styles.contains(":root{--brand:#7a1f5c;--on-brand:#ffffff}"))
            #expect(styles.contains("header.top{background:var(--brand);color:var(--on-brand)"))
            #expect(styles.contains("fieldset.filter input:checked+label{background:var(--brand)"))
            // The page's policy lets the data: image in, and nothing else from anywhere.
            let policy = page.text("//meta[@http-equiv='Content-Security-Policy']/@content") ?? ""
            #expect(policy.contains("; img-src data:; "), "\(policy)")
            #expect(policy.hasPrefix("default-src 'none'; "))
        }

        // The audit e-mail: the colour and the name, and no image (mail clients block data: URIs).
        let report = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        #expect(report.count("//img") == 0)
        let band = report.texts("//td[contains(@style, 'background-color:#7a1f5c') and contains(@style, 'color:#ffffff')]")
        #expect(band == ["Northwind Cloud Services"])
        // The bar replaces the grey line with the name: it is said once.
        #expect(report.count("//p[contains(@style, 'color:#616161') and . = 'Northwind Cloud Services']") == 0)
    }

    @Test("A PNG logo; a light colour gets black text")
    func pngAndLightColour() async throws {
        let scratch = try Scratch()
        let data = try Self.brandedData(in: scratch, site: ["logo": "logo.png", "accentColor": "#ffd23f"], files: ["logo.png": Self.png])
        try await scratch.build(data: data)
        let overview = try scratch.page("index.html")
        #expect(overview.texts("//header//img/@src") == ["data:image/png;base64,\(Data(Self.png).base64EncodedString())"])
        #expect(overview.texts("//style").joined().contains(":root{--brand:#ffd23f;--on-brand:#000000}"))
        let report = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        #expect(report.count("//td[contains(@style, 'background-color:#ffd23f') and contains(@style, 'color:#000000')]") == 1)
    }

    @Test("Without branding, pages have no logo, no brand colour and the partner's name as text")
    func unbranded() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let overview = try scratch.page("index.html")
        #expect(overview.count("//img") == 0)
        #expect(!overview.texts("//style").joined().contains("--brand"))
        #expect(overview.text("//header/p/strong") == "Northwind Cloud Services")
        let report = try scratch.page("audit/2026-10-26T09-00Z--2026-11-25T09-00Z/report.html")
        #expect(report.count("//td[contains(@style, 'background-color:#') and contains(@style, 'font-size:16px')]") == 0)
        #expect(report.count("//p[contains(@style, 'color:#616161') and . = 'Northwind Cloud Services']") == 1)
    }

    @Test("A hostile logo or a bad colour stops the build with exit 65, naming the key")
    func refusedThroughTheCommand() throws {
        let scratch = try Scratch()
        let hostile = ##"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"##
        let data = try Self.brandedData(in: scratch, site: ["logo": "logo.svg", "accentColor": "red"], files: ["logo.svg": Array(hostile.utf8)])
        let out = scratch.url.appendingPathComponent("Out")
        let run = try CSPPortalCommand.run(["build", "--quiet", "--data", data.path, "--out", out.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("site.json: $.logo: error: logo: an SVG logo is refused: an event handler attribute onload"), "\(run.standardError)")
        #expect(run.standardError.contains("site.json: $.accentColor: error: accentColor: expected a colour written #rrggbb"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
