import PortalRecords

/// One kept audit report as the archive lists it.
public struct AuditArchiveRow: Sendable {
    /// `2026-11-23T00-00Z--2026-11-30T00-00Z`: the report's folder, an anchor for links and tests.
    public let folder: String
    public let period: String
    public let findings: String
    public let hasFindings: Bool
    public let pageLink: String
    public let textLink: String?
    public let emailLink: String?
}

/// A kept report: its period, its findings and which of its files are there.
public struct KeptAuditReport: Sendable, Equatable {
    public let folder: String
    public let from: Instant
    public let to: Instant
    public let findingCount: Int
    public let hasText: Bool
    public let hasEmail: Bool

    public init(folder: String, from: Instant, to: Instant, findingCount: Int, hasText: Bool, hasEmail: Bool) {
        self.folder = folder
        self.from = from
        self.to = to
        self.findingCount = findingCount
        self.hasText = hasText
        self.hasEmail = hasEmail
    }

    /// Newest first: by the end of the period, then its start, then the folder.
    public static func newestFirst(_ a: KeptAuditReport, _ b: KeptAuditReport) -> Bool {
        if a.to != b.to { return a.to > b.to }
        if a.from != b.from { return a.from > b.from }
        return a.folder.utf8.lexicographicallyPrecedes(b.folder.utf8)
    }
}

/// `audit/index.html`: this build's report of the last 30 days first, then every report of an
/// `audit` run the site keeps, the newest first, in the partner's language.
public struct AuditArchivePage: Sendable {
    public let lang: String
    public let t: [String: String]
    public let title: String
    public let partnerName: String
    public let intro: String
    public let keptText: String
    /// This build's report of the 30 days before its as-of: rewritten by every build, never archived.
    public let rollingReport: AuditArchiveRow?
    public let reports: [AuditArchiveRow]
    public let hasReports: Bool
    public let overviewLink: String

    /// `reports` sorted newest first; `retention`: how many the site keeps.
    public init(_ reports: [KeptAuditReport], rolling: KeptAuditReport? = nil, site: SiteSettings, retention: Int, format: LocaleFormat) {
        let c = format.catalogue
        self.lang = c.language.rawValue
        self.t = c.strings
        self.title = c.text("auditArchiveTitle", ["partner": site.partnerName])
        self.partnerName = site.partnerName
        self.intro = c.text("auditArchiveIntro", ["zone": format.zone.identifier])
        self.keptText = format.plural("auditArchiveKept", count: retention)
        func row(_ report: KeptAuditReport) -> AuditArchiveRow {
            AuditArchiveRow(folder: report.folder,
                            period: format.period(from: report.from, to: report.to, key: "auditArchivePeriod"),
                            findings: format.plural("auditFindingsCount", count: report.findingCount),
                            hasFindings: report.findingCount > 0,
                            pageLink: "\(report.folder)/report.html",
                            textLink: report.hasText ? "\(report.folder)/report.txt" : nil,
                            emailLink: report.hasEmail ? "\(report.folder)/report.eml" : nil)
        }
        self.rollingReport = rolling.map(row)
        self.reports = reports.map(row)
        self.hasReports = !reports.isEmpty
        self.overviewLink = "../index.html"
    }
}
