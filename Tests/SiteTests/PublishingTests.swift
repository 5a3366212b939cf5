import Foundation
import PortalPipeline
import PortalRecords
import PortalRender
import PortalTestSupport
import Testing

/// What a published site tells browsers, crawlers and static hosts: each page's
/// Content-Security-Policy and meta tags, and the root's robots.txt and header files.
@Suite("Publishing: CSP, robots and host headers")
struct PublishingTests {
    /// `'sha256-…'` of `alert(1)`, computed outside csp-portal (Python's hashlib).
    static let injectedScriptSource = "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"

    /// The repository's templates copied into `scratch`, then each given file changed or added, in order.
    func templates(in scratch: Scratch, changing files: [(String, (String) -> String)]) throws -> URL {
        let folder = scratch.url.appendingPathComponent("Templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Repository.templates, to: folder)
        for (name, change) in files {
            let file = folder.appendingPathComponent(name)
            let old = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            try Data(change(old).utf8).write(to: file)
        }
        return folder
    }

    func build(_ scratch: Scratch, data: URL = Repository.data, templates: URL = Repository.templates) async throws {
        let options = BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: templates)
        _ = try await SiteBuilder.build(options, now: { Instant(millisecondsSinceEpoch: 0) })
    }

    /// The script-src sources of a page's policy.
    func scriptSources(_ page: HTMLDocument) -> [String] {
        let policy = page.text("//meta[@http-equiv='Content-Security-Policy']/@content") ?? ""
        let directive = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("script-src ") } ?? ""
        return directive.split(separator: " ").dropFirst().map(String.init)
    }

    /// The raw text of every `<script>` of a page, as the browser hashes it (XPath text collapses spaces).
    func rawScripts(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.components(separatedBy: "<script>").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
    }

    @Test("Every HTML file of the sample build, the audit report included (case 9), has a CSP, noindex, nofollow and no-referrer")
    func everyPageHasTheMetaTags() async throws {
        let scratch = try Scratch()
        try await build(scratch)
        let pages = try scratch.files().keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.contains { $0.hasPrefix("audit/") && $0.hasSuffix("/report.html") })
        #expect(pages.contains { $0.hasPrefix("customers/") })
        #expect(pages.count >= 5)
        for path in pages {
            let page = try scratch.page(path)
            let policies = page.texts("//head/meta[@http-equiv='Content-Security-Policy']/@content")
            #expect(policies.count == 1, "\(path): one CSP meta")
            #expect(policies.first?.hasPrefix("default-src 'none'; ") == true, "\(path): \(policies)")
            #expect(policies.first?.contains(ContentSecurityPolicy.placeholder) == false, "\(path)")
            #expect(page.texts("//head/meta[@name='robots']/@content") == ["noindex, nofollow"], "\(path)")
            #expect(page.texts("//head/meta[@name='referrer']/@content") == ["no-referrer"], "\(path)")
        }
    }

    @Test("The audit report's CSP allows no script and the inline style= attributes it is laid out with (case 9)")
    func auditReportPolicy() async throws {
        let scratch = try Scratch()
        try await build(scratch)
        let path = try #require(try scratch.files().keys.first { $0.hasPrefix("audit/") && $0.hasSuffix("/report.html") })
        let page = try scratch.page(path)
        #expect(page.text("//meta[@http-equiv='Content-Security-Policy']/@content")
                == "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'")
        #expect(page.count("//*[@style]") > 10)
    }

    @Test("A <script> written unescaped from the data ({{{ }}}) is not allowed by the page's CSP; the template's own script is (case 9)")
    func injectedScriptIsNotAllowed() async throws {
        let scratch = try Scratch()
        let templates = try templates(in: scratch, changing: [
            ("portal.mustache", { $0.replacingOccurrences(of: "<p><strong>{{customerName}}</strong>", with: "<p><strong>{{{customerName}}}</strong>") }),
        ])
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country,language\nC1,<script>alert(1)</script>,FR,en\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\nO1,C1,Windows Server 2025 Standard,subscription,2026-11-20,P1Y,1,10.00,EUR\n",
            "site.json": #"{"partnerName": "P", "asOf": "2026-11-25T09:00:00Z"}"#,
        ])
        let run = try Scratch()
        try await build(run, data: data, templates: templates)
        let path = try #require(try run.files().keys.first { $0.hasPrefix("customers/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 3 })
        let bytes = [UInt8](try Data(contentsOf: run.site.appendingPathComponent(path)))
        let page = try HTMLDocument(bytes)
        // The injection did happen: the page has the injected script and the template's filter script.
        #expect(page.texts("//script").contains("alert(1)"))
        #expect(page.count("//script") == 2)
        let sources = scriptSources(page)
        #expect(!sources.contains(Self.injectedScriptSource), "\(sources)")
        #expect(sources.count == 1, "only the template's own script: \(sources)")
        let own = try #require(rawScripts(bytes).last)
        #expect(sources == ContentSecurityPolicy(scripts: [Array(own.utf8)]).scriptSources)
        // swift-mustache writes the same page: the policy fits what either renderer writes.
        try await expectSameAsReference(data: data, templates: templates)
    }

    @Test("The policy's hash is SHA-256 in base64 (FIPS 180-4 test vector), over LF line ends as HTML reads CR LF and CR")
    func hashSources() {
        #expect(ContentSecurityPolicy(scripts: [Array("abc".utf8)]).scriptSources == ["'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"])
        #expect(ContentSecurityPolicy(scripts: [Array("alert(1)".utf8)]).scriptSources == [Self.injectedScriptSource])
        let lf = ContentSecurityPolicy(scripts: [Array("a\nb\nc".utf8)])
        #expect(ContentSecurityPolicy(scripts: [Array("a\r\nb\rc".utf8)]) == lf)
        #expect(ContentSecurityPolicy(scripts: []).pagePolicy.contains("script-src 'none';"))
        #expect(ContentSecurityPolicy(scripts: [Array("x".utf8), Array("x".utf8)]).scriptSources.count == 1)
    }

    @Test("A template's script from a partial included with indentation is allowed as the page has it, as swift-mustache writes it too")
    func partialScriptWithIndentation() async throws {
        let scratch = try Scratch()
        var script = ""
        let templates = try templates(in: scratch, changing: [
            ("markets.mustache", { source in
                let start = source.range(of: "<script>")!.lowerBound
                let end = source.range(of: "</script>\n")!.upperBound
                script = String(source[start..<end])
                return source.replacingOccurrences(of: script, with: "<div>\n    {{> partials/search}}\n</div>\n")
            }),
            ("partials/search.mustache", { _ in script }),
        ])
        #expect(script.contains("\n  "))
        let run = try Scratch()
        try await build(run, templates: templates)
        let bytes = [UInt8](try Data(contentsOf: run.site.appendingPathComponent("markets/index.html")))
        let scripts = rawScripts(bytes)
        #expect(scripts.count == 1)
        let written = try #require(scripts.first)
        #expect(written.contains("\n      var input") && written.hasSuffix("\n    "), "the partial's lines are indented, </script>'s too")
        #expect(scriptSources(try HTMLDocument(bytes)) == ContentSecurityPolicy(scripts: [Array(written.utf8)]).scriptSources)
        try await expectSameAsReference(data: Repository.data, templates: templates)
    }

    @Test("An inline script with a Mustache tag in it is a template error naming file and line (its hash cannot be known)")
    func scriptWithATagIsATemplateError() async throws {
        let scratch = try Scratch()
        let templates = try templates(in: scratch, changing: [
            ("overview.mustache", { $0.replacingOccurrences(of: "</main>\n", with: "</main>\n<script>\nvar name = \"{{partnerName}}\";\n</script>\n") }),
        ])
        let line = try String(contentsOf: templates.appendingPathComponent("overview.mustache"), encoding: .utf8)
            .components(separatedBy: "\n").firstIndex(of: "<script>")! + 1
        let thrown = #expect(throws: TemplateError.self) { try TemplateSet.load(from: templates) }
        let error = try #require(thrown)
        #expect(!error.isMissing, "a bad template is a data error (65)")
        #expect(error.description.hasSuffix("overview.mustache:\(line): template error: an inline script must be fixed text, with no Mustache tag: "
                                            + "the page's Content-Security-Policy allows it by the hash of the template's text"))
    }

    @Test("<script> inside a Mustache or an HTML comment is no script; <SCRIPT> in capitals is one")
    func scriptsAsHTMLReadsThem() async throws {
        let scratch = try Scratch()
        let templates = try templates(in: scratch, changing: [
            ("audit-report.mustache", { $0.replacingOccurrences(of: "</body>\n", with: "{{! no <script> here }}\n<!-- nor <script> here -->\n<SCRIPT type=\"text/javascript\">go()</Script>\n</body>\n") }),
        ])
        let set = try TemplateSet.load(from: templates)
        #expect(set.policy(for: "audit-report") == ContentSecurityPolicy(scripts: [Array("go()".utf8)]))
        #expect(set.policy(for: "audit-report-text") == ContentSecurityPolicy(scripts: []))
    }

    @Test("robots.txt disallows everything; _headers and staticwebapp.config.json send the pages' CSP with frame-ancestors, nosniff, no-referrer, noindex")
    func rootFiles() async throws {
        let scratch = try Scratch()
        try await build(scratch)
        let files = try scratch.files()
        #expect(String(decoding: try #require(files["robots.txt"]), as: UTF8.self) == "User-agent: *\nDisallow: /\n")

        // The one header policy allows each page's scripts (a header and a meta policy both apply),
        // and is the meta policy's directives plus frame-ancestors.
        let pageSources = Set(try files.keys.filter { $0.hasSuffix(".html") }.flatMap { scriptSources(try scratch.page($0)) }).subtracting(["'none'"])
        #expect(pageSources.count == 3, "the portal's filter, the markets search and the overview's Act now filter")
        let expected: [String: String] = [
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "X-Robots-Tag": "noindex",
        ]
        func checkPolicy(_ policy: String?, _ file: String) {
            guard let policy else { Issue.record("\(file): no Content-Security-Policy"); return }
            #expect(policy.hasPrefix("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src "), "\(file)")
            #expect(policy.hasSuffix("; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"), "\(file)")
            let script = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("script-src ") }!
            #expect(Set(script.split(separator: " ").dropFirst().map(String.init)) == pageSources, "\(file)")
        }

        let configuration = try #require(files["staticwebapp.config.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(configuration)) as? [String: Any])
        #expect(Set(json.keys) == ["globalHeaders"])
        let azure = try #require(json["globalHeaders"] as? [String: String])
        #expect(Set(azure.keys) == Set(expected.keys).union(["Content-Security-Policy"]))
        for (name, value) in expected { #expect(azure[name] == value, "\(name)") }
        checkPolicy(azure["Content-Security-Policy"], "staticwebapp.config.json")

        let lines = String(decoding: try #require(files["_headers"]), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first == "/*", "one rule, for every path")
        var netlify: [String: String] = [:]
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("  "), "header lines are indented under their path")
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            netlify[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        #expect(netlify == azure)
        checkPolicy(netlify["Content-Security-Policy"], "_headers")
    }

    @Test("The root files name no customer; each customer's folder holds its page only")
    func rootFilesNameNoCustomer() async throws {
        let scratch = try Scratch()
        try await build(scratch)
        let files = try scratch.files()
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        #expect(!customers.isEmpty)
        for name in ["robots.txt", "_headers", "staticwebapp.config.json"] {
            let text = String(decoding: try #require(files[name]), as: UTF8.self)
            for customer in customers {
                for key in ["customerId", "name", "portalPath"] {
                    let value = try #require(customer[key] as? String)
                    #expect(!text.contains(value), "\(name) names \(value)")
                }
            }
        }
        for path in files.keys where path.hasPrefix("customers/") && path != "customers/index.html" {
            let parts = path.split(separator: "/")
            #expect(parts.count == 3 && ["index.html", "deadlines.ics", "products.csv"].contains(parts[2]), "\(path)")
        }
    }

    @Test("The e-mail's Message-ID and boundary are the first 12 bytes of SHA-256 of subject, text and HTML, as before swift-crypto")
    func mailTokenUnchanged() throws {
        let message = MailMessage(from: Mailbox(name: nil, address: EmailAddress("a@b.example")!), to: [Mailbox(name: nil, address: EmailAddress("c@d.example")!)],
                                  subject: "S", date: Instant(millisecondsSinceEpoch: 0), text: "T", html: "<p>H</p>")
        let rendered = message.render()
        // hashlib.sha256(b"ST<p>H</p>").hexdigest()[:24]
        #expect(rendered.contains("Message-ID: <audit.7a2523b1beee62abc00cc8fb@b.example>"))
        #expect(rendered.contains("boundary=\"=_csp-portal_7a2523b1beee62abc00cc8fb\""))
    }
}

@Suite("The customers folder lists nobody")
struct CustomersFolderTests {
    @Test("customers/index.html stands in for a host's folder listing: every customer's folder would show otherwise; it names no customer")
    func customersFolderHasAnIndex() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let files = try scratch.files()
        let bytes = try #require(files["customers/index.html"], "without it, a host that lists folders shows every customer's folder")
        let text = String(decoding: bytes, as: UTF8.self)
        let customers = try scratch.portalJSON()["customers"] as! [[String: Any]]
        #expect(customers.count > 1)
        for customer in customers {
            let folder = (customer["portalPath"] as! String).split(separator: "/")[1]
            #expect(!text.contains(String(folder)) && !text.contains(customer["name"] as! String))
        }
        let page = try HTMLDocument(bytes)
        #expect(page.count("//meta[@http-equiv='Content-Security-Policy']") == 1)
        #expect(page.count("//a | //script | //img") == 0)
    }
}
