import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A site being written into its staging folder. Files are written as soon as they are rendered,
/// from any number of tasks, so that a site of 50,000 pages is never held in memory.
///
/// The staging folder may be the site before the previous one, kept for this (`SiteWriter`): its
/// files are then overwritten in place, and `removeLeftovers()` removes what was not written again.
public final class StagedSite: Sendable {
    /// The staging folder.
    public let root: URL
    /// `root` as a path, for the system calls of 50,000 files (a `URL` per call costs more than the call).
    private let rootPath: String
    /// What the staging folder held when the build took it over; empty for a new folder.
    private let inherited: FolderInventory
    /// Where `discard()` keeps the folder for the next build, instead of removing it.
    private let keepOnDiscard: URL?
    private let state = Mutex(State())

    private struct State {
        var paths: Set<String> = []
        /// Folders that hold a file of this build (or its folders), "" for the root.
        var folders: Set<String> = [""]
        var byteCount = 0
    }

    init(root: URL, inherited: FolderInventory = .empty, keepOnDiscard: URL? = nil) {
        self.root = root
        self.rootPath = root.path
        self.inherited = inherited
        self.keepOnDiscard = keepOnDiscard
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
        let components = path.split(separator: "/")
        let missingFolders = try state.withLock { state throws(OutputError) -> [String] in
            guard state.paths.insert(path).inserted else {
                throw OutputError(description: "two generated files share the path \(path)")
            }
            // The file's folder and those above it that no file of this build is in yet, outermost first.
            var missing: [String] = []
            for count in stride(from: components.count - 1, to: 0, by: -1) {
                let folder = components.prefix(count).joined(separator: "/")
                if state.folders.contains(folder) { break }
                missing.insert(folder, at: 0)
            }
            return missing
        }
        for folder in missingFolders {
            try makeFolder(folder, for: path)
            state.withLock { _ = $0.folders.insert(folder) }
        }
        let descriptor = try open(path)
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
        // Cut to what was written, rather than truncating on open: a reused file's blocks are
        // overwritten in place instead of freed and allocated again (and ext4 does not flush a
        // file truncated to zero and rewritten at close, 50,000 times).
        if ftruncate(descriptor, off_t(total)) != 0 {
            throw OutputError(description: "\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        state.withLock { $0.byteCount += total }
    }

    /// Creates `folder` with one `mkdir`. In a reused staging folder, a file of the previous site
    /// where this build needs a folder is removed first; a file this build wrote never is.
    private func makeFolder(_ folder: String, for path: String) throws(OutputError) {
        let target = rootPath + "/" + folder
        if mkdir(target, 0o755) == 0 { return }
        let failure = errno
        if failure == EEXIST {
            guard inherited.files.contains(folder), !state.withLock({ $0.paths.contains(folder) }) else { return }
            unlink(target)
            if mkdir(target, 0o755) == 0 { return }
        }
        throw OutputError(description: "\(path): cannot create its folder: \(String(cString: strerror(failure)))")
    }

    /// Opens `path` for writing from its start. Links are never followed. In a reused staging folder,
    /// a folder of the previous site where this build writes a file is removed first.
    private func open(_ path: String) throws(OutputError) -> Int32 {
        let target = rootPath + "/" + path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW
        var descriptor = systemOpen(target, flags, 0o644)
        if descriptor < 0, errno == EISDIR, inherited.folders.contains(path), !state.withLock({ $0.folders.contains(path) }) {
            TreeRemoval.removeEntry(target)
            descriptor = systemOpen(target, flags, 0o644)
        }
        guard descriptor >= 0 else { throw OutputError(description: "\(path): cannot create: \(String(cString: strerror(errno)))") }
        return descriptor
    }

    /// Removes what the reused staging folder held that this build did not write: the files, then
    /// the folders that hold nothing of this build, deepest first.
    func removeLeftovers() {
        guard !inherited.files.isEmpty || !inherited.folders.isEmpty else { return }
        let (paths, folders) = state.withLock { ($0.paths, $0.folders) }
        // A path this build made into a folder, or wrote as a file, stays whatever it was before.
        let files = inherited.files.subtracting(paths).subtracting(folders).map { rootPath + "/" + $0 }
        TreeRemoval.removeEach(files)
        for folder in inherited.folders.subtracting(folders).subtracting(paths).sorted(by: { $0.count > $1.count }) {
            TreeRemoval.removeEntry(rootPath + "/" + folder)
        }
    }

    /// Gives up the staging folder: the output is left as it was. A reused folder is kept for the
    /// next build when there is no other; anything else is removed.
    public func discard() {
        if let keep = keepOnDiscard, rename(rootPath, keep.path) == 0 { return }
        TreeRemoval.remove(root)
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

/// The C library's `open`, named apart from the method that calls it.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}
