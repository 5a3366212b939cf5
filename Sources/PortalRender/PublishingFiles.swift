import PortalViewModels

/// The files at the site's root that tell crawlers and static hosts how to treat the site:
/// `robots.txt`, and the response headers of every file for the hosts that read them from the
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
        ]
    }

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
