import ArgumentParser
import Foundation
import PortalLoad
import PortalPipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a data folder: site.json with every key, each input file with its columns and an example row, a README.",
        discussion: """
        The folder is created if needed; one that exists must be empty (else exit 73), and a \
        symbolic link is refused. Then `csp-portal validate --data <folder>` passes and \
        `csp-portal build --data <folder>` builds the example customer's portal.
        """)

    @Argument(help: ArgumentHelp("The folder to start.", valueName: "folder"))
    var folder = "."

    func run() throws {
        let url = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try StarterFolderWriter.write(StarterDataFolder.files, into: url.path)
        } catch {
            Terminal.error("csp-portal: \(error.description)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        print("Started the data folder \(url.path): \(StarterDataFolder.files.map(\.name).joined(separator: ", ")).")
        print("Replace the example rows with your exports (see its README.md), then: csp-portal validate --data \(folder)")
    }
}

/// Writes the starter files into a new or empty folder, each created anew (`O_EXCL`) relative to
/// the folder's descriptor: a symbolic link put in the folder's place or in a file's, before or
/// while it is written, makes the command fail rather than write somewhere else.
enum StarterFolderWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ files: [(name: String, text: String)], into path: String) throws(Failure) {
        var status = stat()
        if lstat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFLNK {
                throw Failure(description: "\(path): is a symbolic link; give the folder itself")
            }
            guard status.st_mode & S_IFMT == S_IFDIR else { throw Failure(description: "\(path): exists and is not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw Failure(description: "\(path): cannot create the folder: \(error.localizedDescription)")
            }
        }
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { throw Failure(description: "\(path): cannot open the folder: \(String(cString: strerror(errno)))") }
        defer { close(folder) }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard present.isEmpty else {
            throw Failure(description: "\(path): refusing to start a data folder in a folder that is not empty (\(present.count) entries, such as \(present.sorted()[0])); give a new or empty folder")
        }
        for file in files {
            let descriptor = openat(folder, file.name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw Failure(description: "\(path)/\(file.name): cannot create: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            let bytes = Array(file.text.utf8)
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else {
                    throw Failure(description: "\(path)/\(file.name): cannot write: \(String(cString: strerror(errno)))")
                }
                written += result
            }
        }
    }
}

/// The C library's `write`, named apart from the method that calls it.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
