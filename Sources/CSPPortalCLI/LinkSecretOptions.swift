import ArgumentParser
import Foundation
import PortalPipeline

/// The link secret of the commands that write a site (`build`, `audit`).
struct LinkSecretOptions: ParsableArguments {
    @Option(name: .customLong("link-secret-file"), help: ArgumentHelp(
        "A file holding the link secret (at least 16 bytes; CSP_PORTAL_LINK_SECRET when not given): each customer's folder is then named by a keyed hash of its id, an unguessable link. Keep it outside the data and output folders.",
        valueName: "path"))
    var linkSecretFile: String?

    /// Puts the secret into `options`; without one, the build will say that links are guessable.
    func apply(to options: inout BuildOptions) throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            options.linkSecret = try LinkSecretSource.read(
                file: linkSecretFile.map { URL(fileURLWithPath: $0, relativeTo: current) },
                environment: ProcessInfo.processInfo.environment,
                dataFolder: options.dataFolder, outputFolder: options.outputFolder)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
