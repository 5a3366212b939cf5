import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every regular file under `folder` (hidden ones too, links not followed), by relative path.
package func regularFiles(under folder: URL) throws -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
        var status = stat()
        let full = folder.appendingPathComponent(path).path
        guard lstat(full, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
        result[path] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: full)))
    }
    return result
}

/// The `csp-portal` executable, run as a user or a cron job would.
package enum CSPPortalCommand {
    package struct Run {
        package var status: Int32
        package var standardError: String
        package var standardOutput: String
    }

    /// The executable beside the test bundle (`swift build` makes it before `swift test` runs), run
    /// in `directory` (the repository unless said).
    package static func run(_ arguments: [String], in directory: URL = Repository.root) throws -> Run {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder.appendingPathComponent("csp-portal"), Repository.root.appendingPathComponent(".build/debug/csp-portal")]
        let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                                      "no csp-portal executable: run swift build first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        // Standard output goes to a file: read after standard error, a full pipe would block the command.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("csp-portal-stdout-\(UUID().uuidString)")
        try #require(FileManager.default.createFile(atPath: outputFile.path, contents: nil), "cannot create \(outputFile.path)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = output
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try output.close()
        let printed = String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
        return Run(status: process.terminationStatus, standardError: text, standardOutput: printed)
    }
}
