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
/// Every call goes through the staging folder's descriptor, one folder at a time, never following
/// a link; a reused file is written into only when it is a plain file of ours with no other link
/// to it, else it is replaced, so nothing outside the staging folder is ever written.
public final class StagedSite: Sendable {
    /// The staging folder, for messages.
    public let root: URL
    /// The staging folder's name in `parent`.
    let name: String
    /// The folder the output is in, and the staging folder: descriptors owned by this site.
    let parent: Int32
    let rootFolder: Int32
    /// What the staging folder held when the build took it over; empty for a new folder.
    private let inherited: FolderInventory
    /// The name in `parent` that `discard()` gives the folder back, for the next build, instead of removing it.
    private let keepOnDiscard: String?
    /// `--sync`: the site is on the disk before it takes the output's place (`flushToDisk`).
    let durable: Bool
    /// The whole file system can be flushed at once (`FolderDescriptor.canFlushFileSystem`); else a
    /// durable site flushes each file and folder.
    let flushesFileSystem: Bool
    private let state = Mutex(State())
    /// The folders that files are written under but not directly in (`customers`): opened once,
    /// each customer's folder is then one `openat` from it.
    private let sharedFolders = Mutex([String: Int32]())
    static let sharedFolderLimit = 64

    private struct State {
        var paths: Set<String> = []
        /// Folders that hold a file of this build (or its folders), "" for the root.
        var folders: Set<String> = [""]
        var byteCount = 0
        /// Times the whole site was written to the disk (`flushToDisk`).
        var diskFlushes = 0
        /// Files and folders written to the disk one by one, where the file system cannot be at once.
        var entriesFlushed = 0
        /// Committed or discarded: nothing more is written or removed through this site.
        var finished = false
    }

    init(root: URL, name: String, parent: Int32, rootFolder: Int32, inherited: FolderInventory = .empty,
         keepOnDiscard: String? = nil, durable: Bool = false, flushesFileSystem: Bool = FolderDescriptor.canFlushFileSystem) {
        self.root = root
        self.durable = durable
        self.flushesFileSystem = flushesFileSystem
        self.name = name
        self.parent = parent
        self.rootFolder = rootFolder
        self.inherited = inherited
        self.keepOnDiscard = keepOnDiscard
    }

    deinit {
        sharedFolders.withLock { folders in folders.values.forEach { _ = close($0) } }
        close(rootFolder)
        close(parent)
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
        let components = path.split(separator: "/").map(String.init)
        // Paths are checked against each other here, so that on disk anything in the way of a
        // file or folder of this build is something of the previous site, or put there since.
        let newFolders = try state.withLock { state throws(OutputError) -> [String] in
            guard !state.finished else { throw OutputError(description: "\(path): the site is already committed or discarded") }
            guard !state.folders.contains(path) else { throw OutputError(description: "\(path): also the folder of another generated file") }
            guard state.paths.insert(path).inserted else {
                throw OutputError(description: "two generated files share the path \(path)")
            }
            // The file's folder and those above it that no file of this build is in yet.
            var new: [String] = []
            for count in stride(from: components.count - 1, to: 0, by: -1) {
                let folder = components.prefix(count).joined(separator: "/")
                if state.folders.contains(folder) { break }
                if state.paths.contains(folder) { throw OutputError(description: "\(path): \(folder) is also a generated file") }
                new.append(folder)
            }
            state.folders.formUnion(new)
            return new
        }
        let (folder, ownsFolder) = try openFolder(components.dropLast(), creating: true, preparing: newFolders)
        defer { if ownsFolder { close(folder) } }
        let (descriptor, isNew) = try openFile(components.last!, in: folder, path: path)
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
            if let failure { throw OutputError(description: "\(path): cannot write: \(FolderDescriptor.lastError(failure))") }
            total += bytes.count
        }
        // Cut to what was written, rather than truncating on open: a reused file's blocks are
        // overwritten in place instead of freed and allocated again (and ext4 does not flush a
        // file truncated to zero and rewritten at close, 50,000 times). A file made new holds
        // just what was written: no system call for it.
        if !isNew, ftruncate(descriptor, off_t(total)) != 0 {
            throw OutputError(description: "\(path): cannot write: \(FolderDescriptor.lastError())")
        }
        // Where the whole file system cannot be flushed at once, each file is, as it is written.
        if durable && !flushesFileSystem {
            guard fsync(descriptor) == 0 else {
                throw OutputError(description: "\(path): cannot write to the disk: \(FolderDescriptor.lastError())")
            }
            state.withLock { $0.entriesFlushed += 1 }
        }
        state.withLock { $0.byteCount += total }
    }

    /// The folder `components` of the staging folder, reached one component at a time from the
    /// root's descriptor. With `creating`, a missing folder is made and anything else in its place
    /// removed; the folders of `preparing` (new to this build) get the build's owner and mode.
    /// `owned`: the caller closes the descriptor.
    private func openFolder(_ components: ArraySlice<String>, creating: Bool,
                            preparing: [String]) throws(OutputError) -> (descriptor: Int32, owned: Bool) {
        var current = rootFolder
        var owned = false
        var path = ""
        for (index, name) in zip(components.indices, components) {
            path = path.isEmpty ? name : path + "/" + name
            let intermediate = index < components.endIndex - 1
            var next: Int32
            var nextOwned = true
            if intermediate, let shared = sharedFolders.withLock({ $0[path] }) {
                (next, nextOwned) = (shared, false)
            } else {
                do throws(OutputError) {
                    // A folder new to this build and not in the reused staging folder is made
                    // first and opened after, rather than looked for in vain first.
                    if creating && preparing.contains(path) && !inherited.folders.contains(path) && !inherited.files.contains(path) {
                        _ = mkdirat(current, name, FolderDescriptor.folderMode)
                    }
                    next = try openOrMake(name, in: current, path: path, creating: creating)
                } catch {
                    if owned { close(current) }
                    throw error
                }
                if intermediate {
                    let opened = next
                    let shared = sharedFolders.withLock { folders -> Int32? in
                        if let other = folders[path] { return other }   // opened meanwhile by another task
                        guard folders.count < Self.sharedFolderLimit else { return nil }
                        folders[path] = opened
                        return opened
                    }
                    if let shared {
                        if shared != opened { close(opened) }
                        (next, nextOwned) = (shared, false)
                    }
                }
            }
            if owned { close(current) }
            (current, owned) = (next, nextOwned)
            if preparing.contains(path) {
                do throws(OutputError) {
                    try FolderDescriptor.takeOwnership(of: current, path: path)
                } catch {
                    if owned { close(current) }
                    throw error
                }
            }
        }
        return (current, owned)
    }

    /// Opens the folder `name` in `parent` without following a link. With `creating`, makes it when
    /// missing and first removes a file or link in its place (a file of the previous site, or a
    /// link put there: the link itself goes, never what it points to).
    private func openOrMake(_ name: String, in parent: Int32, path: String, creating: Bool) throws(OutputError) -> Int32 {
        for _ in 0..<4 {
            let descriptor = FolderDescriptor.open(name, in: parent)
            if descriptor >= 0 { return descriptor }
            let failure = errno
            switch failure {
            case ENOENT where creating:
                if mkdirat(parent, name, FolderDescriptor.folderMode) != 0 && errno != EEXIST {
                    throw OutputError(description: "\(path): cannot create the folder: \(FolderDescriptor.lastError())")
                }
            case ENOTDIR where creating, ELOOP where creating:
                if unlinkat(parent, name, 0) != 0 && errno != ENOENT {
                    throw OutputError(description: "\(path): cannot remove what is in the folder's place: \(FolderDescriptor.lastError())")
                }
            default:
                throw OutputError(description: "\(path): cannot open the folder: \(FolderDescriptor.lastError(failure))")
            }
        }
        throw OutputError(description: "\(path): keeps being replaced while the site is written")
    }

    /// Opens the file `name` of `folder` for writing from its start, never following a link. A file
    /// of the previous site is written in place only when it is a plain file of ours with no other
    /// link to it (a hard link, or a `cp -al` snapshot, would otherwise see the new bytes); anything
    /// else in the file's place is replaced. The file gets the build's mode.
    private func openFile(_ name: String, in folder: Int32, path: String) throws(OutputError) -> (descriptor: Int32, isNew: Bool) {
        if inherited.files.contains(path) {
            // O_NONBLOCK: a FIFO put in the file's place is not waited on; O_NOCTTY: nor taken as a terminal.
            let descriptor = openat(folder, name, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
            if descriptor >= 0 {
                if let status = FolderDescriptor.status(of: descriptor), FolderDescriptor.isFile(status),
                   status.st_nlink == 1, status.st_uid == FolderDescriptor.user {
                    try setMode(descriptor, status, path: path)
                    return (descriptor, false)
                }
                close(descriptor)
            }
        }
        for _ in 0..<4 {
            // O_EXCL: made new, never an existing file or a link opened.
            let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, FolderDescriptor.fileMode)
            if descriptor >= 0 {
                // Made by this call, so ours; only the umask may have taken bits off its mode
                // (read once for the build, rather than an fstat per file).
                if !FolderDescriptor.umaskKeepsFileMode {
                    guard let status = FolderDescriptor.status(of: descriptor) else {
                        close(descriptor)
                        throw OutputError(description: "\(path): cannot create: \(FolderDescriptor.lastError())")
                    }
                    try setMode(descriptor, status, path: path)
                }
                return (descriptor, true)
            }
            guard errno == EEXIST else { throw OutputError(description: "\(path): cannot create: \(FolderDescriptor.lastError())") }
            // Replaced, not written into: the other links to it keep their bytes. A folder of the
            // previous site goes whole (one of this build never: paths were checked in `write`).
            if unlinkat(folder, name, 0) != 0 && errno != ENOENT { TreeRemoval.removeEntry(name, in: folder) }
        }
        throw OutputError(description: "\(path): keeps being replaced while the site is written")
    }

    private func setMode(_ descriptor: Int32, _ status: stat, path: String) throws(OutputError) {
        if status.st_mode & 0o7777 != FolderDescriptor.fileMode, fchmod(descriptor, FolderDescriptor.fileMode) != 0 {
            let failure = errno
            close(descriptor)
            throw OutputError(description: "\(path): cannot set the file's mode: \(FolderDescriptor.lastError(failure))")
        }
    }

    /// Removes what the reused staging folder held that this build did not write. Each leftover is
    /// removed from the folder it is in, through that folder's descriptor; one inside a leftover
    /// folder goes with that folder.
    func removeLeftovers() {
        guard !inherited.files.isEmpty || !inherited.folders.isEmpty else { return }
        let (paths, folders) = state.withLock { ($0.paths, $0.folders) }
        // A path this build made into a folder, or wrote as a file, stays whatever it was before.
        let leftovers = inherited.files.subtracting(paths).subtracting(folders)
            .union(inherited.folders.subtracting(folders).subtracting(paths))
        var descriptors: [String: (descriptor: Int32, owned: Bool)] = [:]
        var removals: [(folder: Int32, name: [CChar])] = []
        for path in leftovers.sorted() {
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { String(path[..<$0]) } ?? ""
            // In a folder of this build: removed alone. Otherwise its folder is a leftover too.
            guard folders.contains(folder) else { continue }
            if descriptors[folder] == nil {
                let components = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
                descriptors[folder] = try? openFolder(components[...], creating: false, preparing: [])
            }
            guard let (descriptor, _) = descriptors[folder] else { continue }
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            removals.append((descriptor, Array(name.utf8CString.dropLast())))
        }
        TreeRemoval.removeEach(removals)
        for (descriptor, owned) in descriptors.values where owned { close(descriptor) }
    }

    /// Writes the whole staged site to the disk and waits for it, before it takes the output's place
    /// (`--sync`): without it, a power cut soon after a build can leave the new site's files empty
    /// on ext4 although the rename that published them survived. On Linux one `syncfs`; elsewhere each
    /// file was `fsync`ed as written, and each folder of the site is now.
    func flushToDisk() throws(OutputError) {
        if flushesFileSystem {
            guard FolderDescriptor.flushFileSystem(of: rootFolder) else {
                throw OutputError(description: "\(root.path): cannot write the site to the disk: \(FolderDescriptor.lastError())")
            }
        } else {
            // Each file was written to the disk as it was made; each folder's entries are, here,
            // the deepest first, so that a folder is on the disk before the entry naming it.
            let folders = state.withLock { $0.folders }.sorted { $0.utf8.count > $1.utf8.count }
            for folder in folders {
                let components = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
                let (descriptor, owned) = try openFolder(components[...], creating: false, preparing: [])
                let flushed = fsync(descriptor) == 0
                let failure = errno
                if owned { close(descriptor) }
                state.withLock { $0.entriesFlushed += 1 }
                guard flushed else {
                    throw OutputError(description: "\(folder.isEmpty ? root.path : folder): cannot write the folder to the disk: \(FolderDescriptor.lastError(failure))")
                }
            }
        }
        state.withLock { $0.diskFlushes += 1 }
    }

    /// How many times the site was written to the disk as a whole (`flushToDisk`).
    var diskFlushes: Int { state.withLock { $0.diskFlushes } }
    /// How many files and folders were written to the disk one by one.
    var entriesFlushed: Int { state.withLock { $0.entriesFlushed } }

    /// Marks the site as in the output's place: nothing more is written or removed through it.
    func markCommitted() {
        state.withLock { $0.finished = true }
    }

    /// Gives up the staging folder: the output is left as it was. A reused folder is kept for the
    /// next build when there is no other; anything else is removed, through its descriptor.
    public func discard() {
        let first = state.withLock { state in
            defer { state.finished = true }
            return !state.finished
        }
        guard first else { return }
        if let keep = keepOnDiscard, FolderDescriptor.renameWithoutReplacing(name, to: keep, in: parent) { return }
        TreeRemoval.removeContents(of: rootFolder)
        unlinkat(parent, name, AT_REMOVEDIR)
    }
}

/// The C library's `write`, named apart from the method that calls it.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
