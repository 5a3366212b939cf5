import Foundation
import PortalRecords
import PortalRender
import PortalViewModels

/// What `csp-portal build` was asked to do.
public struct BuildOptions: Sendable {
    public var dataFolder: URL
    public var outputFolder: URL
    /// `--templates`: a folder whose files replace the built-in templates and catalogue keys; nil:
    /// the data folder's `templates` when there is one, else the built-in set alone.
    public var templatesFolder: URL?
    /// Overrides `site.json`'s `asOf`; nil with no `asOf` there either means now.
    public var asOf: Instant?
    /// The zone of timestamps written without an offset (docs/rules.md, "Time").
    public var timeZone: TimeZone
    /// Every page in this language, whatever the customers' and the site's languages.
    public var language: PortalLanguage?
    /// Audit reports to write besides the last 30 days' (`csp-portal audit`).
    public var auditPeriods: [AuditPeriod] = []
    /// Where the phases of the build are reported.
    public var progress: BuildProgress = .silent
    /// Names each customer's folder by a keyed hash of its id (unguessable links); nil: after the
    /// id, readable and guessable. Never read from the data folder, never written to the site.
    public var linkSecret: LinkSecret?
    /// `--keep-going`: records with errors are left out and listed, and the rest is built; without
    /// it, one error stops the build and nothing is written.
    public var keepGoing = false

    /// The templates the options name: the built-in set with the override folder's files in place of its own.
    public func templates() throws(TemplateError) -> TemplateSet {
        try TemplateSet.load(templatesOption: templatesFolder, dataFolder: dataFolder)
    }

    /// How customer folders are named under the options.
    public var folderNaming: CustomerFolderNaming { linkSecret.map(CustomerFolderNaming.keyed) ?? .readable }

    public init(dataFolder: URL, outputFolder: URL, templatesFolder: URL? = nil, asOf: Instant? = nil,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!, language: PortalLanguage? = nil) {
        self.language = language
        self.dataFolder = dataFolder
        self.outputFolder = outputFolder
        self.templatesFolder = templatesFolder
        self.asOf = asOf
        self.timeZone = timeZone
    }
}

/// What a successful build did.
public struct BuildSummary: Sendable {
    public let asOf: Instant
    public let customerCount: Int
    public let productCount: Int
    public let fileCount: Int
    /// Data warnings (R6 and the like), sorted by file and line.
    public let warnings: [Diagnostic]
    /// With `keepGoing`, the errors of the records left out, sorted by file and line; else empty.
    public let leftOut: [Diagnostic]
    /// What the build could not do and why (no e-mail without recipients).
    public let notes: [String]
    /// The audit reports written, relative to the output folder.
    public let auditReports: [String]
    /// The number of R12 findings of each report written, by its path.
    public let auditFindingCounts: [String: Int]
    /// Without a link secret, that the customers' links can be guessed: to be said even with --quiet.
    public let linkWarning: String?
    /// The override folder's files and catalogue keys that csp-portal does not use (`TemplateSet.warnings`).
    public let templateWarnings: [String]
}

extension BuildSummary {
    /// What a build without a link secret says, once.
    public static let guessableLinksWarning = "customer folders are named after the customer ids, which anyone who knows a "
        + "customer's domain can look up: their links can be guessed. Give a secret of at least \(LinkSecret.minimumByteCount) "
        + "bytes with --link-secret-file or CSP_PORTAL_LINK_SECRET to name them by a keyed hash instead."
}

/// A period of the activity log: [from, to).
public struct AuditPeriod: Sendable, Equatable {
    public let from: Instant
    public let to: Instant
    /// `2026-10-01_2026-10-31`: how the user named it, and the report's folder.
    public let name: String

    public init(from: Instant, to: Instant, name: String) {
        self.from = from
        self.to = to
        self.name = name
    }

    /// `audit/<from>_<to>`: where the period's report is written.
    public var folder: String { "audit/\(name)" }

    /// The report's page, relative to the output folder.
    public var reportPath: String { "\(folder)/report.html" }

    /// The 30 days before `asOf`: what every build reports.
    public static func lastThirtyDays(before asOf: Instant) -> AuditPeriod {
        let from = asOf.adding(days: -30)
        return AuditPeriod(from: from, to: asOf, name: "\(from.date.iso8601)_\(asOf.date.iso8601)")
    }
}

/// What `validate` found.
public struct ValidationReport: Sendable {
    /// Errors and warnings, sorted by file, line and column.
    public let diagnostics: [Diagnostic]
    /// The valid records read (records with errors are not counted).
    public let customerCount: Int
    public let purchaseCount: Int
}
