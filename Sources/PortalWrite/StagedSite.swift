import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A site being written into its staging folder. Files are written as soon as they are rendered,
/// from any number of tasks, so that a site of 50,000 pages is never held in memory.
public final class StagedSite: Sendable {
    /// The staging folder.
    public let root: URL
    private let state = Mutex(State())

    private struct State {
        var paths: Set<String> = []
        var folders: Set<String> = [""]
        var byteCount = 0
    }

    /// `root` as a path, for the system calls of 50,000 files (a `URL` per call costs more than the call).
    private let rootPath: String

    init(root: URL) {
        self.root = root
        self.rootPath = root.path
    }

    /// How many files and bytes were written.
    public var written: (files: Int, bytes: Int) {
        state.withLock { ($0.paths.count, $0.byteCount) }
    }

    public func write(_ file: OutputFile) throws(OutputError) {
        try write(path: file.path) { append throws(OutputError) in try append(file.bytes) }
    }

    /// Writes the file at `path` from what `produce` appends, a piece at a time (`portal.json` of a
    /// large partner is written this way without ever being whole in memory).
    public func write(path: String,
                      _ produce: (_ append: ([UInt8]) throws(OutputError) -> Void) throws(OutputError) -> Void) throws(OutputError) {
        try SiteWriter.validate(path)
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        let needsFolder = try state.withLock { state throws(OutputError) -> Bool in
            guard state.paths.insert(path).inserted else {
                throw OutputError(description: "two generated files share the path \(path)")
            }
            return !state.folders.contains(folder)
        }
        if needsFolder {
            try makeFolder(folder, for: path)
            state.withLock { _ = $0.folders.insert(folder) }
        }
        let descriptor = open(rootPath + "/" + path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(description: "\(path): cannot create: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var total = 0
        try produce { bytes throws(OutputError) in
            let failure: Int32? = bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let result = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += result
                }
                return nil
            }
            if let failure { throw OutputError(description: "\(path): cannot write: \(String(cString: strerror(failure)))") }
            total += bytes.count
        }
        state.withLock { $0.byteCount += total }
    }

    /// Creates `folder` (relative to the root) with one `mkdir` when its parent exists, as it does
    /// for every customer folder; else with its missing parents.
    private func makeFolder(_ folder: String, for path: String) throws(OutputError) {
        let target = rootPath + "/" + folder
        if mkdir(target, 0o755) == 0 || errno == EEXIST { return }
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        } catch {
            throw OutputError(description: "\(path): cannot create its folder: \(error.localizedDescription)")
        }
    }

    /// Removes the staging folder: the output is left as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: root)
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
