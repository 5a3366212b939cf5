/// A customer tenant, as read from `customers`.
public struct Customer: Hashable, Sendable {
    /// The tenant id (a GUID in Partner Center).
    public let id: String
    public let name: String
    public let domain: String?
    /// ISO 3166-1 alpha-2 code of the billing address country, upper case (R15, R16).
    public let country: String
    public let language: PortalLanguage
    /// The `timezone` column: the zone the customer reads its portal in, when it is not its
    /// country's only zone (docs/time.md). Display only; the rules compute in UTC.
    public let timeZone: DisplayZone?
    public let source: SourceLocation

    public init(id: String, name: String, domain: String? = nil, country: String, language: PortalLanguage = .en,
                timeZone: DisplayZone? = nil, source: SourceLocation = SourceLocation(file: "customers")) {
        self.id = id
        self.name = name
        self.domain = domain
        self.country = country
        self.language = language
        self.timeZone = timeZone
        self.source = source
    }
}

/// One purchased line: a subscription, a perpetual purchase or a software plan, as read from `orders`.
///
/// Fields hold what the input said; the rules derive everything else (status, terms, windows).
public struct Purchase: Hashable, Sendable {
    public let orderId: String
    /// Line number inside the order; `orderId` + `line` is unique.
    public let line: Int
    public let customerId: String
    public let subscriptionId: String?
    public let product: String
    public let sku: String?
    /// `Microsoft` unless said otherwise; `RedHat` and `SUSE` matter for R5.
    public let publisher: String
    public let kind: PurchaseKind
    public let purchasedAt: Instant
    /// nil for perpetual software.
    public let term: Term?
    /// nil: the first plan R9 allows.
    public let billing: BillingPlan?
    public let quantity: Int
    /// Per unit per term, in `currency`; nil when the export does not say (a Partner Center
    /// subscription without its order: the Subscription resource has no price).
    public let unitPrice: ExactDecimal?
    public let currency: Currency?
    /// nil: the R6 default.
    public let autoRenew: Bool?
    /// End of the current term as Partner Center gave it (R7).
    public let commitmentEnd: Instant?
    /// A cancellation deadline Partner Center gave; wins over R2/R4, never over R5.
    public let cancellableUntil: Instant?
    public let cancelledAt: Instant?
    /// A status Partner Center reported (an order or subscription status), which wins over the
    /// one computed from the dates; nil: computed.
    public let reportedStatus: ReportedStatus?
    public let activation: Activation
    public let delivery: Delivery
    public let instructionsURL: String?
    /// The full product key when the export has it. Never published (R18).
    public let productKey: String?
    /// Whether the licences carry Software Assurance: with it, Windows Server Standard can be used
    /// with Azure Hybrid Benefit (R19). `false` unless the export says so.
    public let softwareAssurance: Bool
    public let source: SourceLocation
    /// Where each field of `source` sits, for diagnostics about one field.
    public let layout: FieldLayout

    public init(
        orderId: String, line: Int = 0, customerId: String, subscriptionId: String? = nil, product: String,
        sku: String? = nil, publisher: String = "Microsoft", kind: PurchaseKind, purchasedAt: Instant,
        term: Term?, billing: BillingPlan? = nil, quantity: Int, unitPrice: ExactDecimal?, currency: Currency?,
        autoRenew: Bool? = nil, commitmentEnd: Instant? = nil, cancellableUntil: Instant? = nil,
        cancelledAt: Instant? = nil, reportedStatus: ReportedStatus? = nil, activation: Activation = .mak, delivery: Delivery = .keyAndDownload,
        instructionsURL: String? = nil, productKey: String? = nil, softwareAssurance: Bool = false,
        source: SourceLocation = SourceLocation(file: "orders"), layout: FieldLayout = FieldLayout()
    ) {
        self.orderId = orderId
        self.line = line
        self.customerId = customerId
        self.subscriptionId = subscriptionId
        self.product = product
        self.sku = sku
        self.publisher = publisher
        self.kind = kind
        self.purchasedAt = purchasedAt
        self.term = term
        self.billing = billing
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.currency = currency
        self.autoRenew = autoRenew
        self.commitmentEnd = commitmentEnd
        self.cancellableUntil = cancellableUntil
        self.cancelledAt = cancelledAt
        self.reportedStatus = reportedStatus
        self.activation = activation
        self.delivery = delivery
        self.instructionsURL = instructionsURL
        self.productKey = productKey
        self.softwareAssurance = softwareAssurance
        self.source = source
        self.layout = layout
    }

    /// The location of one of this purchase's fields: `orders.csv:12:19`.
    public func location(of field: String) -> SourceLocation {
        layout.location(of: field, in: source)
    }

    /// The price of `quantity` units for one term, when the export gives a price.
    public var termPrice: (amount: ExactDecimal, currency: Currency)? {
        guard let unitPrice, let currency else { return nil }
        return (unitPrice, currency)
    }
}

/// A device still activated by the customer's Volume Licensing KMS host, to be moved to a CSP MAK (R14).
public struct Device: Hashable, Sendable {
    public let name: String
    public let customerId: String
    public let lastKMSActivation: Instant
    /// When the MAK was deployed; nil while it has not been.
    public let makDeployedAt: Instant?
    public let source: SourceLocation

    public init(name: String, customerId: String, lastKMSActivation: Instant, makDeployedAt: Instant? = nil,
                source: SourceLocation = SourceLocation(file: "devices")) {
        self.name = name
        self.customerId = customerId
        self.lastKMSActivation = lastKMSActivation
        self.makDeployedAt = makDeployedAt
        self.source = source
    }
}

/// A market where Azure reservations are not available (R16), one entry of the seed's table.
public struct ReservationExcludedMarket: Hashable, Sendable {
    public let frenchName: String
    public let englishName: String
    /// ISO 3166-1 alpha-2; several entries may share one (BQ, SJ).
    public let code: String

    public init(frenchName: String, englishName: String, code: String) {
        self.frenchName = frenchName
        self.englishName = englishName
        self.code = code
    }
}

/// One Partner Center activity-log event.
public struct ActivityEvent: Hashable, Sendable {
    /// The operation types that show a product key or produce a download link (R12).
    public static let keyAction = "get_software_key"
    public static let downloadLinkAction = "get_software_download_link"

    public let at: Instant
    /// The user principal name of who did it.
    public let user: String
    /// Partner Center's operation type: `get_software_key`, `get_software_download_link`, or other text.
    public let action: String
    /// `succeeded`, `failed`, `progress` or `decline`.
    public let status: String
    public let customerId: String?
    public let customerName: String?
    public let orderId: String?
    public let product: String?
    public let source: SourceLocation

    public init(at: Instant, user: String, action: String, status: String = "succeeded", customerId: String? = nil,
                customerName: String? = nil, orderId: String? = nil, product: String? = nil,
                source: SourceLocation = SourceLocation(file: "activity")) {
        self.at = at
        self.user = user
        self.action = action
        self.status = status
        self.customerId = customerId
        self.customerName = customerName
        self.orderId = orderId
        self.product = product
        self.source = source
    }
}

/// A partner user and the roles it holds.
public struct PartnerUser: Hashable, Sendable {
    /// The user principal name, as the activity log writes it.
    public let user: String
    public let name: String?
    public let roles: [String]

    public init(user: String, name: String? = nil, roles: [String]) {
        self.user = user
        self.name = name
        self.roles = roles
    }
}

/// A country or territory of ISO 3166-1 (and Kosovo, XK) with its names.
public struct Country: Hashable, Sendable {
    public let code: String
    public let englishName: String
    public let frenchName: String

    public init(code: String, englishName: String, frenchName: String) {
        self.code = code
        self.englishName = englishName
        self.frenchName = frenchName
    }
}

/// The partner publishing the site, from `site.json`.
public struct SiteSettings: Hashable, Sendable {
    public let partnerName: String
    public let contactEmail: String?
    public let defaultLanguage: PortalLanguage
    /// The as-of instant the sample data is meant to be seen at; `--as-of` overrides it.
    public let asOf: Instant?
    /// `timeZone`: the zone of the partner's pages, and of customers whose zone is not otherwise known.
    public let timeZone: DisplayZone?
    /// `contactName` and `contactPhone`: who Microsoft support calls back about a support request
    /// (`csp-portal support-request`), with `contactEmail`.
    public let contactName: String?
    public let contactPhone: String?
    /// `auditRecipients`: who the audit e-mail goes to; nil for the roles of R12 (`AuditRecipient.defaultRoles`).
    public let auditRecipients: [AuditRecipient]?
    /// `auditRetention`: how many audit reports the site keeps (`audit/`), the newest.
    public let auditRetention: Int
    /// `logo` and `accentColor`.
    public let branding: SiteBranding

    /// Two years of weekly reports.
    public static let defaultAuditRetention = 104

    public init(partnerName: String, contactEmail: String? = nil, defaultLanguage: PortalLanguage = .en, asOf: Instant? = nil,
                timeZone: DisplayZone? = nil, contactName: String? = nil, contactPhone: String? = nil,
                auditRecipients: [AuditRecipient]? = nil, auditRetention: Int = SiteSettings.defaultAuditRetention,
                branding: SiteBranding = SiteBranding()) {
        self.auditRecipients = auditRecipients
        self.auditRetention = auditRetention
        self.partnerName = partnerName
        self.contactEmail = contactEmail
        self.defaultLanguage = defaultLanguage
        self.asOf = asOf
        self.timeZone = timeZone
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.branding = branding
    }
}

/// Everything loaded from a data folder, before any rule is applied.
public struct PortalInput: Sendable {
    public var site: SiteSettings
    public var customers: [Customer]
    public var purchases: [Purchase]
    public var excludedMarkets: [ReservationExcludedMarket]
    public var devices: [Device]
    public var activity: ActivityLog
    public var users: [PartnerUser]

    public init(site: SiteSettings, customers: [Customer], purchases: [Purchase], excludedMarkets: [ReservationExcludedMarket],
                devices: [Device] = [], activity: ActivityLog = [], users: [PartnerUser] = []) {
        self.activity = activity
        self.users = users
        self.devices = devices
        self.site = site
        self.customers = customers
        self.purchases = purchases
        self.excludedMarkets = excludedMarkets
    }
}
