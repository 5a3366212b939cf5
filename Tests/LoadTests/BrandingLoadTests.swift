import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad
#if canImport(Glibc)
import Glibc
#endif

/// `site.json`'s `logo` and `accentColor` (docs/data-format.md, "Branding"): what is accepted, and
/// every way a logo could carry a script, reach outside the data folder or weigh down every page.
@Suite("Branding in site.json")
struct BrandingLoadTests {
    static let png: [UInt8] = BrandingLoader.pngSignature + Array("rest of a PNG".utf8)
    static let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#0f6cbd"/></svg>"##

    /// The branding `site` gives in a data folder holding `files`, with the errors (`site.json: $.logo: error: …`).
    func load(_ site: [String: String], files: [String: [UInt8]] = [:], in scratch: Scratch? = nil) throws -> (SiteBranding, [String]) {
        let scratch = try scratch ?? Scratch()
        for (name, bytes) in files {
            let url = scratch.url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let json = try JSONSerialization.data(withJSONObject: site)
        var diagnostics: [Diagnostic] = []
        let settings = SiteLoader.load([UInt8](json), file: "site.json", folder: scratch.url, timestamps: TimestampParser(), diagnostics: &diagnostics)
        return (settings.branding, diagnostics.errors.map(\.description))
    }

    /// The one error `site` gives, which must be at `$.logo`.
    func logoError(_ site: [String: String], files: [String: [UInt8]] = [:], in scratch: Scratch? = nil) throws -> String {
        let (branding, errors) = try load(site, files: files, in: scratch)
        #expect(branding.logo == nil)
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.hasPrefix("site.json: $.logo: error: logo: "), "\(error)")
        return error
    }

    @Test("A PNG and an SVG are read into data: URIs")
    func accepted() throws {
        let (png, pngErrors) = try load(["logo": "brand/logo.png"], files: ["brand/logo.png": Self.png])
        #expect(pngErrors.isEmpty)
        #expect(png.logo?.dataURI == "data:image/png;base64,\(Data(Self.png).base64EncodedString())")
        let (svg, svgErrors) = try load(["logo": "./logo.SVG"], files: ["logo.SVG": Array(Self.svg.utf8)])
        #expect(svgErrors.isEmpty)
        #expect(svg.logo?.format == .svg)
        #expect(svg.logo?.dataURI.hasPrefix("data:image/svg+xml;base64,") == true)
        // An empty value is no logo, as `csp-portal init`'s README says.
        let (none, noErrors) = try load(["logo": "", "accentColor": ""])
        #expect(none.isEmpty && noErrors.isEmpty)
    }

    @Test("A missing file, another format, a PNG that is not one: errors at $.logo")
    func badFiles() throws {
        #expect(try logoError(["logo": "logo.png"]).contains("no such file in the data folder"))
        #expect(try logoError(["logo": "logo.gif"], files: ["logo.gif": Self.png]).contains("expected a .png or .svg file"))
        #expect(try logoError(["logo": "logo.png"], files: ["logo.png": Array("<svg/>".utf8)]).contains("not a PNG image"))
        #expect(try logoError(["logo": "logo"], files: ["logo/x": Self.png]).contains("expected a .png or .svg file"))
    }

    @Test("At most 100 KB: 102,400 bytes are read, one more is refused")
    func size() throws {
        let limit = BrandLogo.maximumBytes
        let (atLimit, errors) = try load(["logo": "logo.png"], files: ["logo.png": Self.png + [UInt8](repeating: 0, count: limit - Self.png.count)])
        #expect(errors.isEmpty && atLimit.logo != nil)
        let error = try logoError(["logo": "logo.png"], files: ["logo.png": Self.png + [UInt8](repeating: 0, count: limit + 1 - Self.png.count)])
        #expect(error.contains("102,401 bytes: a logo must be at most 100 KB"), "\(error)")
    }

    @Test("The path stays inside the data folder: no .., no absolute path, no symbolic link, no hard link")
    func outside() throws {
        let outer = try Scratch()
        try Data(Self.png).write(to: outer.url.appendingPathComponent("secret.png"))
        #expect(try logoError(["logo": "../secret.png"]).contains("`..` leads out of it"))
        #expect(try logoError(["logo": "sub/../../secret.png"]).contains("`..` leads out of it"))
        #expect(try logoError(["logo": outer.url.appendingPathComponent("secret.png").path]).contains("not an absolute path"))

        // A link to a file outside, as the logo itself and as a folder on the way.
        let scratch = try Scratch()
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("logo.png").path,
                                                   withDestinationPath: outer.url.appendingPathComponent("secret.png").path)
        #expect(try logoError(["logo": "logo.png"], in: scratch).contains("is a symbolic link"))
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("brand").path, withDestinationPath: outer.url.path)
        #expect(try logoError(["logo": "brand/secret.png"], in: scratch).contains("symbolic link"))
        // A hard link: the same file as one outside the folder.
        let linked = try Scratch()
        #expect(link(outer.url.appendingPathComponent("secret.png").path, linked.url.appendingPathComponent("logo.png").path) == 0)
        #expect(try logoError(["logo": "logo.png"], in: linked).contains("hard links"))
        // A FIFO is refused at once, not waited on.
        let fifo = try Scratch()
        #expect(mkfifo(fifo.url.appendingPathComponent("logo.png").path, 0o644) == 0)
        #expect(try logoError(["logo": "logo.png"], in: fifo).contains("not a regular file"))
    }

    static let hostileSVGs: [(String, String)] = [
        (##"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"##, "a <script> element"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT xmlns="http://www.w3.org/2000/svg">alert(1)</SCRIPT></svg>"##, "a <SCRIPT> element"),
        (##"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"##, "an event handler attribute onload"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><rect OnClick="alert(1)"/></svg>"##, "an event handler attribute OnClick"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>"##, "a javascript: URL in href"),
        (##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="  java&#x0A;script:alert(1)"><rect/></a></svg>"##, "a javascript: URL in href"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>"##, "an external reference href="),
        (##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="other.svg#a"/></svg>"##, "an external reference xlink:href="),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AAAA"/></svg>"##, "an external reference href="),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>"##, "a <foreignObject> element"),
        (##"<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>"##, "a DOCTYPE"),
        (##"<!DOCTYPE svg SYSTEM "http://attacker.example/a.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>"##, "a DOCTYPE"),
        (##"<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>"##, "a DOCTYPE"),
        (##"<?xml-stylesheet href="https://attacker.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>"##, "a processing instruction <?xml-stylesheet"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://attacker.example/a.css);</style></svg>"##, "a <style> element with an @import"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url( 'https://attacker.example/p' )"/></svg>"##, "style=\"…\" with an external url(https"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#ok)"/><rect fill="url(http://x.example/#p)"/></svg>"##, "fill=\"…\" with an external url("),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>"##, "an animation of href"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="fill" to="javascript:alert(1)"/></svg>"##, "a javascript: URL in to"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="onbegin" values="x"/></svg>"##, "an animation of onbegin"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><iframe src="#x"/></svg>"##, "an <iframe> element"),
        (##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd"/></svg>"##, "an <include> element"),
        (##"<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>"##, "the root element is not <svg>"),
        (##"<svg><rect/></svg>"##, "the root element is not <svg> in the SVG namespace"),
        (##"<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>"##, "not well-formed XML (line 1"),
    ]

    @Test("A hostile SVG is refused, naming the key and what is wrong", arguments: hostileSVGs)
    func hostileSVG(svg: String, reason: String) throws {
        let error = try logoError(["logo": "logo.svg"], files: ["logo.svg": Array(svg.utf8)])
        #expect(error.contains("an SVG logo is refused: \(reason)"), "\(error)")
    }

    @Test("Fragment links, gradients and a comment are accepted")
    func harmlessSVG() throws {
        let svg = ##"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- made by hand -->
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><rect id="r" width="5" height="5"/></defs>
              <style>.a{fill:url(#g)}</style>
              <use xlink:href="#r"/><use href=" #r"/><rect class="a" fill="url('#g')" width="10" height="10"/>
              <text>Northwind — «Cloud»</text>
            </svg>
            """##
        let (branding, errors) = try load(["logo": "logo.svg"], files: ["logo.svg": Array(svg.utf8)])
        #expect(errors.isEmpty, "\(errors)")
        #expect(branding.logo?.format == .svg)
    }

    @Test("Accent colour: the text colour with the better contrast, white or black; WCAG AA 4.5:1", arguments: [
        // Around the greys where white and black text meet: #747474 gives 4.67:1 with white and
        // 4.49:1 with black, #777777 4.48:1 with white and 4.69:1 with black.
        ("#747474", "#747474", "#ffffff", "4.6:1"),
        ("#757575", "#757575", "#ffffff", "4.6:1"),
        ("#767676", "#767676", "#000000", "4.6:1"),
        ("#777777", "#777777", "#000000", "4.6:1"),
        ("#0F6CBD", "#0f6cbd", "#ffffff", "5.3:1"),
        ("#ffff66", "#ffff66", "#000000", "19.7:1"),
        ("#000000", "#000000", "#ffffff", "21.0:1"),
        ("#ffffff", "#ffffff", "#000000", "21.0:1"),
    ])
    func accent(text: String, hex: String, textHex: String, ratio: String) throws {
        let colour = try AccentColor(parsing: text)
        #expect(colour.hex == hex)
        #expect(colour.textHex == textHex)
        #expect(AccentColor.ratioText(colour.contrast) == ratio)
        #expect(colour.contrast >= AccentColor.minimumContrast)
    }

    @Test("Where white text falls under 4.5:1, black takes over: the best contrast never falls under it")
    func contrastCrossover() throws {
        // Every grey: the smallest best contrast is where white and black meet (#757575, 4.61:1).
        var smallest = 21.0
        for level in 0...255 {
            let hex = String(format: "#%02x%02x%02x", level, level, level)
            smallest = min(smallest, try AccentColor(parsing: hex).contrast)
        }
        #expect(smallest >= AccentColor.minimumContrast)
        #expect(AccentColor.ratioText(smallest) == "4.6:1")
        // Rounded down: 4.499 is not shown as the 4.5:1 it does not reach.
        #expect(AccentColor.ratioText(4.499) == "4.4:1")
    }

    @Test("A colour not written #rrggbb is an error at $.accentColor", arguments: ["#fff", "red", "#GGGGGG", "0f6cbd", "#0f6cbd0", "#+f6cbd", "#-f6cbd", "# f6cbd"])
    func badColour(text: String) throws {
        let (branding, errors) = try load(["accentColor": text])
        #expect(branding.accentColor == nil)
        #expect(errors == ["site.json: $.accentColor: error: accentColor: expected a colour written #rrggbb, such as #0f6cbd (\(text))"])
    }
}
