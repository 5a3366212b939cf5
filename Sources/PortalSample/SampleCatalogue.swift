/// The real-world vocabulary the sample draws from: products as Partner Center names them, the
/// markets partners sell in with their currencies, and company names.
enum SampleCatalogue {
    struct Product {
        let name: String
        let sku: String
        let publisher: String
        let kind: String
        /// The terms it is sold with; empty for perpetual software.
        let terms: [String]
        /// Price of one unit for a one-year term (or once, for perpetual software), in euros.
        let yearlyPriceEUR: Double
        let delivery: String
        let weight: Int
    }

    static let products: [Product] = [
        Product(name: "Windows Server 2025 Standard - 16 Core License Pack", sku: "DG7GMGF0D5RK:0004", publisher: "", kind: "subscription",
                terms: ["P1Y", "P3Y"], yearlyPriceEUR: 1069.20, delivery: "key_and_download", weight: 18),
        Product(name: "Windows Server 2025 Datacenter - 16 Core License Pack", sku: "DG7GMGF0D5RK:0005", publisher: "", kind: "subscription",
                terms: ["P1Y", "P3Y"], yearlyPriceEUR: 6155.00, delivery: "key_and_download", weight: 8),
        Product(name: "Windows Server 2022 Standard - 16 Core License Pack", sku: "DG7GMGF0D7FV:0001", publisher: "", kind: "perpetual",
                terms: [], yearlyPriceEUR: 1069.20, delivery: "key_and_download", weight: 6),
        Product(name: "Windows Server 2025 - 1 User CAL", sku: "DG7GMGF0D5VX:0002", publisher: "", kind: "subscription",
                terms: ["P1Y", "P3Y"], yearlyPriceEUR: 44.30, delivery: "license_only", weight: 10),
        Product(name: "Windows Server 2022 Remote Desktop Services - 1 User CAL", sku: "DG7GMGF0D7FV:0005", publisher: "", kind: "subscription",
                terms: ["P1Y"], yearlyPriceEUR: 132.40, delivery: "license_only", weight: 10),
        Product(name: "Windows Server 2022 Remote Desktop Services - 1 Device CAL", sku: "DG7GMGF0D7FV:0006", publisher: "", kind: "perpetual",
                terms: [], yearlyPriceEUR: 118.60, delivery: "license_only", weight: 4),
        Product(name: "SQL Server 2022 Standard Core - 2 Core License Pack", sku: "DG7GMGF0FKZV:0002", publisher: "", kind: "subscription",
                terms: ["P1M", "P1Y", "P3Y"], yearlyPriceEUR: 1859.00, delivery: "key_and_download", weight: 12),
        Product(name: "SQL Server 2022 Enterprise Core - 2 Core License Pack", sku: "DG7GMGF0FKZW:0001", publisher: "", kind: "subscription",
                terms: ["P1M", "P1Y"], yearlyPriceEUR: 7128.00, delivery: "key_and_download", weight: 4),
        Product(name: "SQL Server 2022 Standard Edition", sku: "DG7GMGF0FKZV:0001", publisher: "", kind: "perpetual",
                terms: [], yearlyPriceEUR: 4157.00, delivery: "key_and_download", weight: 4),
        Product(name: "Extended Security Updates for Windows Server 2012/R2 - 2 Core", sku: "DG7GMGF0G49W:0003", publisher: "", kind: "subscription",
                terms: ["P1Y"], yearlyPriceEUR: 412.00, delivery: "instructions", weight: 5),
        Product(name: "Red Hat Enterprise Linux Server", sku: "DZH318Z0BPS6:0007", publisher: "RedHat", kind: "software_plan",
                terms: ["P1Y", "P3Y"], yearlyPriceEUR: 699.00, delivery: "license_only", weight: 6),
        Product(name: "SUSE Linux Enterprise Server Priority", sku: "DZH318Z0BXWC:000F", publisher: "SUSE", kind: "software_plan",
                terms: ["P1Y", "P3Y"], yearlyPriceEUR: 1214.00, delivery: "license_only", weight: 4),
    ]

    struct Market {
        let code: String
        let currency: String
        /// Units of the currency for one euro, rounded as a price list would be.
        let perEuro: Double
        let language: String
        let topLevelDomain: String
        let legalForm: String
        let weight: Int
    }

    /// Where partners sell, weighted; RE, BQ and XK have no Azure reservations (R16), AU and BR
    /// include taxes in prices (R15), JPY has no minor unit.
    static let markets: [Market] = [
        Market(code: "FR", currency: "EUR", perEuro: 1, language: "fr", topLevelDomain: "fr", legalForm: "SAS", weight: 18),
        Market(code: "DE", currency: "EUR", perEuro: 1, language: "en", topLevelDomain: "de", legalForm: "GmbH", weight: 10),
        Market(code: "US", currency: "USD", perEuro: 1.08, language: "en", topLevelDomain: "com", legalForm: "Inc.", weight: 14),
        Market(code: "GB", currency: "GBP", perEuro: 0.86, language: "en", topLevelDomain: "co.uk", legalForm: "Ltd", weight: 10),
        Market(code: "BE", currency: "EUR", perEuro: 1, language: "fr", topLevelDomain: "be", legalForm: "SRL", weight: 4),
        Market(code: "CH", currency: "CHF", perEuro: 0.95, language: "fr", topLevelDomain: "ch", legalForm: "SA", weight: 3),
        Market(code: "CA", currency: "CAD", perEuro: 1.47, language: "en", topLevelDomain: "ca", legalForm: "Inc.", weight: 5),
        Market(code: "IE", currency: "EUR", perEuro: 1, language: "en", topLevelDomain: "ie", legalForm: "Ltd", weight: 3),
        Market(code: "NL", currency: "EUR", perEuro: 1, language: "en", topLevelDomain: "nl", legalForm: "B.V.", weight: 4),
        Market(code: "ES", currency: "EUR", perEuro: 1, language: "en", topLevelDomain: "es", legalForm: "S.L.", weight: 4),
        Market(code: "IT", currency: "EUR", perEuro: 1, language: "en", topLevelDomain: "it", legalForm: "S.p.A.", weight: 4),
        Market(code: "AU", currency: "AUD", perEuro: 1.65, language: "en", topLevelDomain: "com.au", legalForm: "Pty Ltd", weight: 5),
        Market(code: "BR", currency: "BRL", perEuro: 5.9, language: "en", topLevelDomain: "com.br", legalForm: "Ltda", weight: 4),
        Market(code: "JP", currency: "JPY", perEuro: 160, language: "en", topLevelDomain: "co.jp", legalForm: "K.K.", weight: 3),
        Market(code: "MA", currency: "MAD", perEuro: 10.9, language: "fr", topLevelDomain: "ma", legalForm: "SARL", weight: 2),
        Market(code: "RE", currency: "EUR", perEuro: 1, language: "fr", topLevelDomain: "re", legalForm: "SARL", weight: 1),
        Market(code: "BQ", currency: "USD", perEuro: 1.08, language: "en", topLevelDomain: "bq", legalForm: "B.V.", weight: 1),
        Market(code: "XK", currency: "EUR", perEuro: 1, language: "en", topLevelDomain: "com", legalForm: "L.L.C.", weight: 1),
    ]

    static let companyNames = [
        "Contoso", "Fabrikam", "Northwind", "Tailspin", "Adatum", "Litware", "Proseware", "Woodgrove", "Wingtip", "Alpine Ski",
        "Coho", "Fourth Coffee", "Lucerne", "Margie's", "Trey", "VanArsdel", "Wide World", "Blue Yonder", "Humongous", "Relecloud",
        "Lamna", "Datum", "Consolidated Messenger", "Bellows", "Électricité Dupré", "Müller & Söhne", "O'Brien", "Zoë & Chloé",
    ]

    static let companyTrades = [
        "Travel", "Bank", "Publishing", "Winery", "Importers", "Logistique", "Consulting", "Health", "Airlines", "Engineering",
        "Pharma", "Retail", "Studios", "Energy", "Foods", "Insurance", "Software", "Hôtellerie", "Architectes", "Transports",
    ]

    /// Partner Center operation types of the activity log besides the two R12 looks at.
    static let otherActions: [(String, Int)] = [
        ("create_order", 14), ("update_subscription", 12), ("get_invoice", 10), ("create_customer", 4),
        ("update_customer_billing_profile", 5), ("create_customer_user", 6), ("reset_customer_user_password", 5),
        ("upgrade_subscription", 3), ("update_customer_qualification", 1),
    ]

    /// Partner users: most are agents; a billing admin and a sales agent have looked at keys without
    /// Admin Agent, and a contractor absent from the users file has too (R12 findings).
    static let partnerUsers: [(user: String, name: String, roles: String, share: Int)] = [
        ("amelie.durand", "Amélie Durand", "Admin Agent|Global admin", 12),
        ("ben.okafor", "Ben Okafor", "Admin Agent", 16),
        ("carla.rossi", "Carla Rossi", "Admin Agent", 16),
        ("dev.patel", "Dev Patel", "Account admin|Referral admin", 2),
        ("eva.lindqvist", "Eva Lindqvist", "Marketing content admin", 1),
        ("farid.haddad", "Farid Haddad", "Admin Agent", 14),
        ("grace.kim", "Grace Kim", "Admin Agent|Helpdesk Agent", 14),
        ("hugo.lefevre", "Hugo Lefèvre", "Billing admin", 2),
        ("ines.moreau", "Inès Moreau", "Sales Agent", 1),
        ("jonas.weber", "Jonas Weber", "Admin Agent", 14),
    ]
    static let unknownUser = "m.smith@contractor.example"
}
