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
    /// `--sync`: the new site is on the disk before it replaces the old one (`SiteWriter.durable`).
    public var durable = false

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
    /// Who each audit e-mail written goes to.
    public let auditMail: [AuditMail]
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

/// An audit e-mail written and who it is addressed to (R12, `site.json`'s `auditRecipients`).
public struct AuditMail: Sendable, Equatable {
    /// `audit/<from>--<to>/report.eml`, relative to the output folder.
    public let path: String
    public let recipients: [String]
    /// The users a role named who are left out because they are findings of the period.
    public let leftOut: [String]

    /// `audit/…/report.eml to a@x.example, b@x.example (not to c@x.example: a finding of the period)`.
    public var description: String {
        "\(path) to \(recipients.joined(separator: ", "))"
            + (leftOut.isEmpty ? "" : " (not to \(leftOut.joined(separator: ", ")): a finding of the period)")
    }
}

/// A period of the activity log: [from, to).
public struct AuditPeriod: Sendable, Equatable {
    public let from: Instant
    public let to: Instant
    /// `2026-10-26T09-00Z--2026-11-25T09-00Z`: the report's folder, named by the period's two
    /// instants in UTC, so that two different periods never share a folder whatever zone the
    /// dates were given in, and the same period always has the same one.
    public let name: String

    public init(from: Instant, to: Instant) {
        self.from = from
        self.to = to
        self.name = "\(Self.nameText(from))--\(Self.nameText(to))"
    }

    /// The period a report folder's name stands for; nil for any other name.
    public init?(folderName: String) {
        let halves = folderName.components(separatedBy: "--")
        guard halves.count == 2, let from = Self.instant(halves[0]), let to = Self.instant(halves[1]), from < to else { return nil }
        self.init(from: from, to: to)
        // One spelling per period: `T09-00-00Z` for `T09-00Z` would be a second folder for it.
        guard name == folderName else { return nil }
    }

    /// `audit/<from>--<to>`: where the period's report is written.
    public var folder: String { "audit/\(name)" }

    /// The report's page, relative to the output folder.
    public var reportPath: String { "\(folder)/report.html" }

    /// The 30 days before `asOf`: what every build reports.
    public static func lastThirtyDays(before asOf: Instant) -> AuditPeriod {
        AuditPeriod(from: asOf.adding(days: -30), to: asOf)
    }

    /// `2026-11-25T09-00Z`, with `-30` seconds or `-30.250` when the instant has them: the
    /// characters of a file name on every system (no `:`).
    static func nameText(_ instant: Instant) -> String {
        let time = instant.timeOfDay
        var text = "\(instant.date.iso8601)T\(time.hour.zeroPadded(2))-\(time.minute.zeroPadded(2))"
        let milliseconds = Int(time.millisecondsSinceMidnight % 60_000)
        if milliseconds != 0 {
            text += "-\((milliseconds / 1000).zeroPadded(2))"
            if milliseconds % 1000 != 0 { text += ".\((milliseconds % 1000).zeroPadded(3))" }
        }
        return text + "Z"
    }

    /// Reads `nameText` back.
    static func instant(_ text: String) -> Instant? {
        guard text.hasSuffix("Z"), text.utf8.count >= 17, text.allSatisfy(\.isASCII) else { return nil }
        let body = text.dropLast()
        let dateFields = body.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard body.dropFirst(10).first == "T", dateFields.map(\.count) == [4, 2, 2],
              dateFields.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              let date = CivilDate(year: Int(dateFields[0]) ?? 0, month: Int(dateFields[1]) ?? 0, day: Int(dateFields[2]) ?? 0) else { return nil }
        let clock = body.dropFirst(11)
        let secondsAndFraction = clock.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fields = secondsAndFraction[0].split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
              let hour = Int(fields[0]), let minute = Int(fields[1]), hour < 24, minute < 60 else { return nil }
        let second = fields.count == 3 ? Int(fields[2]) ?? 60 : 0
        var millisecond = 0
        if secondsAndFraction.count == 2 {
            let fraction = secondsAndFraction[1]
            guard fields.count == 3, fraction.count == 3, fraction.allSatisfy(\.isNumber), let value = Int(fraction) else { return nil }
            millisecond = value
        }
        guard second < 60 else { return nil }
        return Instant(date, TimeOfDay(hour: hour, minute: minute, second: second, millisecond: millisecond))
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
