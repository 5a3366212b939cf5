import ArgumentParser
import Foundation
import PortalLoad
import PortalPipeline
import PortalRecords

/// The options every command that reads a data folder shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder with customers and orders (.csv or .json), and optionally site.json and markets.", valueName: "folder"))
    var data = "Data"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The instant every status, window and countdown is computed at: a date (2026-11-25) or a timestamp (2026-11-25T09:00:00Z). Default: site.json's asOf, else now. Records dated after it have not happened yet and are left out, with a warning.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("The time zone of timestamps written without an offset, in the input and in --as-of (an IANA name such as Europe/Paris). The pages show times in each reader's own zone, not this one.", valueName: "zone"))
    var timezone = "UTC"

    func zone() throws -> TimeZone {
        guard let zone = TimeZone(identifier: timezone) else {
            throw ValidationError("--timezone: unknown time zone \(timezone.debugDescription); use an IANA name such as UTC or Europe/Paris")
        }
        return zone
    }

    func asOfInstant() throws -> Instant? {
        guard let asOf else { return nil }
        do {
            return try TimestampParser(timeZone: zone()).parse(asOf)
        } catch {
            throw ValidationError("--as-of: expected a date (2026-11-25) or a timestamp (2026-11-25T09:00:00Z), got \(asOf.debugDescription)")
        }
    }

    func buildOptions(out: String = "Site", templates: String? = nil) throws -> BuildOptions {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return BuildOptions(
            dataFolder: URL(fileURLWithPath: data, relativeTo: current),
            outputFolder: URL(fileURLWithPath: out, relativeTo: current),
            templatesFolder: templates.map { URL(fileURLWithPath: $0, relativeTo: current) },
            asOf: try asOfInstant(), timeZone: try zone())
    }
}
