import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// Something the site publishes: a page, a set of pages or a data file. Given what the build
/// evaluated, it writes its files into the staged site. Steps do not depend on one another, so
/// the builder runs them all at once; a step may run its own work in parallel too.
///
/// A new page is a view model (PortalViewModels), a template (Templates/), a step here, and one
/// line in `SiteBuilder.steps`.
public protocol SiteStep: Sendable {
    /// The templates the step renders with: a build whose templates folder lacks one stops before
    /// anything is evaluated.
    var templates: [String] { get }

    /// Writes the step's files. Returns what it could not do and why, for the user.
    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String]
}

/// Everything the steps publish from, decided once for all of them: the evaluated site, its
/// warnings, the templates, the customers' folders, the site's language and the audit periods.
public struct PublishingContext: Sendable {
    public let site: EvaluatedSite
    /// Data warnings, sorted by file and line.
    public let warnings: [Diagnostic]
    /// `build --keep-going`: the errors of the records left out, sorted by file and line.
    public let leftOut: [Diagnostic]
    /// `build --keep-going`: the customers whose portals lack a purchase left out.
    public let customersMissingPurchases: Set<String>
    public let templates: TemplateSet
    public let markets: MarketDirectory
    /// Each customer's folder under `customers/`, by customer id.
    public let folders: [String: String]
    /// `--lang`: every page in this language; nil lets each reader's language decide.
    public let languageOverride: PortalLanguage?
    /// The audit reports to write: the 30 days before the as-of first (when there is an activity
    /// log), then each period asked for; none twice.
    public let auditPeriods: [AuditPeriod]
    /// The periods `audit --from/--to` asked for: their reports are archived, unlike the last 30 days'.
    public let requestedAuditPeriods: [AuditPeriod]
    /// The report the overview links to: the last 30 days', when there is an activity log.
    public let latestAudit: AuditPeriod?
    public let progress: BuildProgress
    /// The site this build replaces, for "what changed" (`ChangesStep`).
    public let earlierBuild: EarlierBuildReading
    /// Reads the site this build replaces (the audit reports it carries forward); nil in tests that write no site.
    public let replacedSite: SiteWriter?
    /// Each customer's `LocaleFormat`, made once per language and zone (`customerFormat(_:)`).
    let customerFormats = CustomerFormats()

    public init(site: EvaluatedSite, warnings: [Diagnostic], templates: TemplateSet, markets: MarketDirectory,
                folders: [String: String], languageOverride: PortalLanguage?, requestedAuditPeriods: [AuditPeriod],
                progress: BuildProgress = .silent, earlierBuild: EarlierBuildReading = .none, replacedSite: SiteWriter? = nil,
                leftOut: [Diagnostic] = [], customersMissingPurchases: Set<String> = []) {
        self.earlierBuild = earlierBuild
        self.replacedSite = replacedSite
        self.site = site
        self.warnings = warnings
        self.leftOut = leftOut
        self.customersMissingPurchases = customersMissingPurchases
        self.templates = templates
        self.markets = markets
        self.folders = folders
        self.languageOverride = languageOverride
        self.progress = progress
        let latest = site.activity.isEmpty ? nil : AuditPeriod.lastThirtyDays(before: site.asOf)
        self.latestAudit = latest
        self.requestedAuditPeriods = requestedAuditPeriods
        var seen: Set<String> = []
        self.auditPeriods = ([latest].compactMap { $0 } + requestedAuditPeriods).filter { seen.insert($0.name).inserted }
    }

    /// The language of the partner's pages and of the markets page's `index.html`.
    public var siteLanguage: PortalLanguage { languageOverride ?? site.site.defaultLanguage }

    /// The language of one customer's portal.
    public func language(of customer: Customer) -> PortalLanguage { languageOverride ?? customer.language }

    /// How the partner's pages write dates, times, numbers and money.
    public var partnerFormat: LocaleFormat {
        LocaleFormat(catalogue: templates.catalogue(for: siteLanguage), zone: .partner(site: site.site))
    }

    /// `customers/<folder>/index.html`.
    public func portalPath(of customer: Customer) -> String {
        PortalDocument.portalPath(slug: folders[customer.id] ?? "")
    }
}
