import PortalLoad
import PortalRecords
import PortalRules

extension SiteBuilder {
    /// The data folder read and the rules applied at the as-of, exactly as a build would, with
    /// nothing written: what commands that answer about one purchase (`support-request`) read.
    /// Throws `MissingInput` (66), or `InvalidInput` (65) when the data has an error.
    public static func evaluate(_ options: BuildOptions, now: () -> Instant = Instant.now) throws -> EvaluatedSite {
        let checked = try check(options, now: now)
        if !checked.diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: checked.diagnostics) }
        return checked.site
    }
}
