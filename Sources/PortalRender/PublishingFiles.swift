import PortalViewModels

/// The files at the site's root that tell crawlers and static hosts how to treat the site:
/// `robots.txt`, a page in place of the customers folder's listing, and the response headers of every file for the hosts that read them from the
/// published folder, `_headers` (Netlify, Cloudflare Pages) and `staticwebapp.config.json`
/// (Azure Static Web Apps). They name no customer: a customer's folder published on its own
/// carries the same protection in its page's `<meta>` tags.
public enum PublishingFiles {
    /// Every path and its bytes, for a site whose pages allow at most the scripts of `policy`.
    public static func make(policy: ContentSecurityPolicy) -> [(path: String, bytes: [UInt8])] {
        [
            ("robots.txt", Array(robots.utf8)),
            ("_headers", Array(netlifyHeaders(policy).utf8)),
            ("staticwebapp.config.json", Array(JSONWriter.text(azureConfiguration(policy)).utf8)),
            ("customers/index.html", Array(customersFolderPage.utf8)),
        ]
    }

    /// `customers/index.html`: a host that lists a folder without an index (Apache, nginx's
    /// autoindex, `python -m http.server`) would show anyone holding one customer's link every other
    /// customer's folder, and so defeat the link secret. This page stands in the listing's place and
    /// names nobody.
    static let customersFolderPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <meta name="referrer" content="no-referrer">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
        <title>Not found</title>
        </head>
        <body>
        <main>
        <h1>Not found</h1>
        <p>This address has no page. Use the link to your own portal.</p>
        </main>
        </body>
        </html>

        """

    /// Sent with every file. A host reads one rule for the whole site: the policy allows every
    /// template's scripts, and each page's `<meta>` policy (a browser applies both) narrows it to
    /// the page's own. Per-path rules would not be safer: on these hosts every rule that matches
    /// a path adds its headers, and two CSP headers would forbid what either forbids.
    public static func headers(_ policy: ContentSecurityPolicy) -> [(name: String, value: String)] {
        [
            ("Content-Security-Policy", policy.headerPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Robots-Tag", "noindex"),
        ]
    }

    static let robots = "User-agent: *\nDisallow: /\n"

    static func netlifyHeaders(_ policy: ContentSecurityPolicy) -> String {
        var text = "# Response headers for Netlify and Cloudflare Pages, written by csp-portal.\n/*\n"
        for header in headers(policy) { text += "  \(header.name): \(header.value)\n" }
        return text
    }

    static func azureConfiguration(_ policy: ContentSecurityPolicy) -> JSONValue {
        .object([("globalHeaders", .object(headers(policy).map { ($0.name, .string($0.value)) }))])
    }
}
