import ArgumentParser
import Foundation
import PortalPipeline
import PortalRender
import PortalWrite

/// `csp-portal templates …`: the built-in template set, to customise.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the built-in templates and string catalogues.",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in templates, partials and catalogues to a folder, to customise.",
            discussion: """
            The folder must be new or empty (else exit 73, nothing written). Keep in it only the files \
            you change, and in a catalogue only the keys you change: build --templates FOLDER (or a \
            templates folder inside the data folder) takes everything else from the built-in set. \
            See docs/customizing.md.
            """)

        @Argument(help: ArgumentHelp("The folder to write to: new or empty.", valueName: "folder"))
        var folder: String

        func run() throws {
            let url = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            do {
                try NewFolderWriter.write(BuiltinTemplates.files.map { OutputFile(path: $0.path, bytes: $0.bytes) }, into: url)
            } catch {
                throw Terminal.report(error)
            }
            print("Wrote the \(BuiltinTemplates.files.count) built-in template files to \(url.path).")
        }
    }
}
