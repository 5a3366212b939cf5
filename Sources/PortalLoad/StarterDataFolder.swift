/// What `csp-portal init` writes: a data folder a partner fills in. Each input file has every
/// column the loader reads (from its schema, so a column added to a schema is in the next folder
/// `init` writes) and one example row that `validate` accepts; `site.json` has every key.
public enum StarterDataFolder {
    /// The files, by name, in the order they are written.
    public static var files: [(name: String, text: String)] {
        [
            ("site.json", siteJSON),
            ("customers.csv", csv(exampleCustomer)),
            ("orders.csv", csv(exampleOrder)),
            ("devices.csv", csv(exampleDevice)),
            ("activity.csv", csv(exampleActivity)),
            ("users.csv", csv(exampleUser)),
            ("logo.svg", placeholderLogo),
            ("README.md", readme),
        ]
    }

    /// Every key `SiteLoader` reads. `asOf` is empty, which reads as absent: a date there would
    /// freeze every build of the partner's real data at it.
    static let siteJSON = """
        {
          "partnerName": "Your company",
          "contactEmail": "portal@example.com",
          "contactName": "Your Name",
          "contactPhone": "+1 555 0100",
          "defaultLanguage": "en",
          "timeZone": "UTC",
          "asOf": "",
          "logo": "logo.svg",
          "accentColor": "#0f6cbd",
          "auditRecipients": ["Global admin", "Account admin", "Referral admin", "Marketing content admin"],
          "auditRetention": 104
        }

        """

    static let exampleCustomerId = "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c"

    static let exampleCustomer: [CustomerField: String] = [
        .customerId: exampleCustomerId, .name: "Contoso Ltd", .domain: "contoso.example", .country: "GB", .language: "en",
    ]

    static let exampleOrder: [OrderField: String] = [
        .orderId: "ORD-0001", .line: "0", .customerId: exampleCustomerId,
        .subscriptionId: "a9d3f1e0-0001-4c1b-9f00-000000000001",
        .product: "Windows Server 2025 Standard - 16 Core License Pack", .sku: "DG7GMGF0D5RK:0004", .publisher: "Microsoft",
        .kind: "subscription", .purchasedAt: "2026-01-15T10:00:00Z", .term: "P1Y", .billing: "annual", .quantity: "2",
        .unitPrice: "1069.20", .currency: "GBP", .autoRenew: "true", .activation: "MAK", .delivery: "key_and_download",
        .softwareAssurance: "true",
    ]

    static let exampleDevice: [DeviceField: String] = [
        .device: "SRV-DC01", .customerId: exampleCustomerId, .lastKMSActivation: "2026-01-10T08:00:00Z",
    ]

    static let exampleActivity: [ActivityField: String] = [
        .at: "2026-01-16T09:30:00Z", .user: "admin@example.com", .action: "get_software_key", .status: "succeeded",
        .customerId: exampleCustomerId, .customerName: "Contoso Ltd", .orderId: "ORD-0001",
        .product: "Windows Server 2025 Standard - 16 Core License Pack",
    ]

    static let exampleUser: [UserField: String] = [
        .user: "admin@example.com", .name: "Your Name", .roles: "Admin Agent|Global admin",
    ]

    /// The header row (every field, in the schema's order) and one example row; no example value
    /// needs quoting.
    static func csv<Field: InputField>(_ example: [Field: String]) -> String {
        Field.allCases.map(\.name).joined(separator: ",") + "\n"
            + Field.allCases.map { example[$0] ?? "" }.joined(separator: ",") + "\n"
    }

    /// A logo to replace, so that a first build shows where the partner's goes.
    static let placeholderLogo = """
        <svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40">
          <rect width="160" height="40" rx="6" fill="#ffffff"/>
          <text x="80" y="26" font-family="Arial, sans-serif" font-size="16" text-anchor="middle" fill="#0f6cbd">Your logo</text>
        </svg>

        """

    static let readme = """
        # Your csp-portal data folder

        Written by `csp-portal init`. Replace each example row with your own exports (CSV or JSON;
        the full description of every column is in csp-portal's docs/data-format.md).

        | file | what it holds |
        | --- | --- |
        | `site.json` | who publishes the portals: your company's name, contact, language, time zone, logo and colour |
        | `customers.csv` | one customer tenant a line (required) |
        | `orders.csv` | one purchased line a line: subscriptions, perpetual software, software plans (required) |
        | `devices.csv` | devices still activated by a customer's KMS host (optional: delete it if you have none) |
        | `activity.csv` | Partner Center's activity log, for the audit report (optional) |
        | `users.csv` | your Partner Center users and their roles, for the audit report (optional) |
        | `logo.svg` | a placeholder logo: put yours here (SVG or PNG, at most 100 KB) or set `"logo": ""` |

        Two inputs are not written here. `subscriptions.json`, Partner Center's subscriptions, may be
        added beside (or instead of) `orders.csv`. `markets.csv` replaces csp-portal's built-in list of
        the markets without Azure reservations; leave it out to use the built-in one.

        In `site.json`, an empty value means the key is not set. `asOf` freezes the date the portals
        are computed at: leave it empty for real data, or the portals never move on. `accentColor`
        (`#rrggbb`) colours the header bar; the text on it must reach WCAG AA contrast (4.5:1).

        Next, from this folder:

            csp-portal validate --data .             # every problem, with its file and line
            csp-portal build --data . --out ../Site  # the portals, the overview and portal.json
            csp-portal --help

        Before publishing, keep a secret of your own in a file outside this folder and build with
        `--link-secret-file <file>`: customers' links are then a keyed hash that cannot be guessed.

        """
}
