import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// "What changed", for the partner: the site this build replaces compared with the new one
/// (`SiteChanges`), with the changes of the last 30 days carried forward: `changes/index.html`,
/// the Atom feed `changes.xml` and `changes.json`, which the next build reads back.
struct ChangesStep: SiteStep {
    var templates: [String] { ["changes"] }

    static let pagePath = "changes/index.html"
    static let feedPath = "changes.xml"
    static let historyPath = "changes.json"
    /// The largest `portal.json` read back: a 50,000-customer site's is about 100 MB.
    static let readLimit = 1 << 30

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        var notes: [String] = []
        var previousAsOf: Instant?
        var found: [SiteChange] = []
        var carried: [SiteChange] = []
        switch context.earlierBuild {
        case .none:
            break
        case .unusable(let why):
            notes.append("what changed: \(why); compared with no earlier build")
        case .found(let earlier):
            if let changes = SiteChanges.between(earlier.snapshot, BuildSnapshot(site)) {
                previousAsOf = earlier.snapshot.asOf
                found = changes
            } else {
                notes.append("what changed: the site replaced is as of \(earlier.snapshot.asOf.iso8601), after this build's as-of; compared with no earlier build")
            }
            carried = earlier.changes
        }
        let history = SiteChanges.history(carried: carried, found: found, asOf: site.asOf)
        let format = context.partnerFormat
        let page = ChangesPage(history, site: site.site, asOf: site.asOf, previousAsOf: previousAsOf, format: format)
        try staged.write(OutputFile(path: Self.pagePath, bytes: context.templates.renderPage(page, template: "changes")))
        try staged.write(OutputFile(path: Self.feedPath, bytes: AtomFeed.file(ChangeFeed(history, site: site.site, asOf: site.asOf, format: format))))
        let document = ChangeHistory.document(history, asOf: site.asOf, previousAsOf: previousAsOf)
        try staged.write(path: Self.historyPath) { append throws(OutputError) in try JSONWriter.write(document, to: append) }
        return notes
    }

    /// The site the build will replace, read from the output folder before the new one takes its
    /// place: its `portal.json` and `changes.json`, each read a piece at a time into what "what
    /// changed" compares, never whole. A missing one means a first build; one that cannot be read
    /// or is not ours is said, and means the same.
    static func readEarlierBuild(_ writer: SiteWriter) -> EarlierBuildReading {
        let snapshot: BuildSnapshot
        switch writer.readReplaced("portal.json", byteLimit: readLimit, inPieces: { nextPiece in
            Result { try ChangeHistory.snapshot(fromPieces: nextPiece) }
        }) {
        case .absent: return .none
        case .unusable(let why): return .unusable(why)
        case .read(.failure(let error as ReplacedFileError)): return .unusable(error.description)
        case .read(.failure(let error)):
            return .unusable("\(writer.output.appendingPathComponent("portal.json").path): not a portal.json csp-portal can read (\(error))")
        case .read(.success(let read)): snapshot = read
        }
        // A site from before changes.json, or one whose file is damaged, carries nothing forward.
        var carried: [SiteChange] = []
        if case .read(.success(let read)) = writer.readReplaced(historyPath, byteLimit: readLimit, inPieces: { nextPiece in
            Result { try ChangeHistory.changes(fromPieces: nextPiece) }
        }) {
            carried = read
        }
        return .found(EarlierBuild(snapshot: snapshot, changes: carried))
    }
}
