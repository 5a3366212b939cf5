import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output could not be written (sysexits EX_CANTCREAT, 73).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// Writes a whole site at once: every file goes into a hidden staging folder beside the output
/// folder, and only when all of them are written does the staging folder take the output's place.
/// A failure at any point leaves the previous output exactly as it was.
///
/// Only csp-portal's own folders are ever removed or written: the output, the staging folders and
/// the kept previous site, each a real folder (never a link to one) that carries the marker file
/// only csp-portal writes (`siteMarker`), and only what is inside them. The path to the output's
/// folder is taken as given; from that folder down, everything goes through descriptors
/// (`FolderDescriptor`) and no link is followed.
public struct SiteWriter: Sendable {
    /// The file that marks a folder as a site csp-portal wrote: what it may replace, reuse or
    /// remove. A `portal.json` is not enough: any folder may hold a file of that name.
    public static let siteMarker = ".csp-portal"

    /// The marker's first line names the format; the rest is for whoever opens it.
    static let markerFormatLine = "csp-portal site format 1"
    static let markerBytes = Array("""
        \(markerFormatLine)
        This folder was written by csp-portal, which replaces it whole on each build: keep nothing of yours in it.

        """.utf8)

    public let output: URL
    /// `--sync`: the new site is written to the disk before it takes the output's place, and the
    /// swap after it. Without it a build is atomic (the output is the previous site or the new one,
    /// whole) but not durable: the page cache reaches the disk when the system chooses.
    public let durable: Bool
    /// Whether `durable` flushes the whole file system at once or each file and folder (tests take
    /// the second way where the first exists).
    let flushesFileSystem: Bool

    public init(output: URL, durable: Bool = false) {
        self.init(output: output, durable: durable, flushesFileSystem: FolderDescriptor.canFlushFileSystem)
    }

    init(output: URL, durable: Bool, flushesFileSystem: Bool) {
        self.output = output.standardizedFileURL
        self.durable = durable
        self.flushesFileSystem = flushesFileSystem
    }

    /// Checks that `path` stays inside the output folder: relative, no `..`, `.` or empty
    /// components, no backslash or NUL.
    public static func validate(_ path: String) throws(OutputError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let safe = !path.isEmpty && !path.hasPrefix("/")
            && !path.contains("\\") && !path.utf8.contains(0)
            && components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
        if !safe { throw OutputError(description: "refusing to write \(path.debugDescription): not a plain path inside the output folder") }
    }

    /// Replaces the output folder with exactly `files` (and the marker).
    public func write(_ files: [OutputFile]) throws(OutputError) {
        let staged = try stage()
        do {
            for file in files { try staged.write(file) }
            try commit(staged)
        } catch {
            staged.discard()
            throw error
        }
    }

    /// Starts a new site in a hidden staging folder beside the output. Write its files with
    /// `StagedSite.write` (from any task), then `commit` it, or `discard` it on failure.
    ///
    /// The staging folder is the site before the previous one when it was kept (`previousSite`):
    /// rewriting 50,000 files in place costs far less than creating them again and deleting the
    /// old ones (ext4 scans past every recently deleted inode when it allocates one).
    public func stage() throws(OutputError) -> StagedSite {
        let parentURL = output.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parentURL, withIntermediateDirectories: true)
        } catch {
            throw OutputError(description: "\(parentURL.path): cannot create the folder: \(error.localizedDescription)")
        }
        let parent = open(parentURL.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else {
            throw OutputError(description: "\(parentURL.path): cannot open the folder: \(FolderDescriptor.lastError())")
        }
        defer { close(parent) }
        _ = try checkReplaceable(in: parent)
        removeAbandonedStaging(in: parent)
        let staged: StagedSite
        if let previous = try takePreviousSite(in: parent, as: newStagingName()) {
            staged = previous
        } else {
            staged = try makeStaging(in: parent, named: newStagingName())
        }
        do throws(OutputError) {
            try FolderDescriptor.takeOwnership(of: staged.rootFolder, path: staged.root.path)
            // First, so that a build killed from here on leaves a folder the next build knows as its own.
            try staged.write(OutputFile(path: Self.siteMarker, bytes: Self.markerBytes))
        } catch {
            staged.discard()
            throw error
        }
        return staged
    }

    /// Puts a fully written staged site in the output's place. Returns a problem that came after
    /// the site took the output's place (with `durable`, its folder not confirmed on the disk): the
    /// build has then published its site, and says so rather than fail as if it had not.
    @discardableResult
    public func commit(_ staged: StagedSite) throws(OutputError) -> String? {
        staged.removeLeftovers()
        do throws(OutputError) {
            if durable { try staged.flushToDisk() }
            try swap(staged)
        } catch {
            staged.discard()
            throw error
        }
        staged.markCommitted()
        // The renames of the swap, on the disk too. The new site is in place whatever happens here.
        if durable && fsync(staged.parent) != 0 {
            return "\(output.path): the new site is in place, but --sync could not write its folder's renaming to the disk: \(FolderDescriptor.lastError())"
        }
        return nil
    }

    /// `.Site.previous`: the site a build replaced, kept beside the output to be the next build's
    /// staging folder. Nothing reads it; deleting it only makes the next build slower.
    public var previousSite: URL {
        output.deletingLastPathComponent().appendingPathComponent(previousName)
    }

    var outputName: String { output.lastPathComponent }
    var previousName: String { ".\(output.lastPathComponent).previous" }

    /// `.Site.build-`: the staging folders of this output start with it, then the builder's pid.
    var stagingPrefix: String { ".\(output.lastPathComponent).build-" }

    /// A staging folder name of this process that no other build takes for a leftover.
    private func newStagingName() -> String {
        "\(stagingPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// A descriptor of `parent` that a `StagedSite` owns.
    private func duplicate(_ parent: Int32) throws(OutputError) -> Int32 {
        let copy = fcntl(parent, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw OutputError(description: "\(output.path): cannot open its folder: \(FolderDescriptor.lastError())") }
        return copy
    }

    /// The kept previous site, renamed to be the staging folder; nil when there is none of ours.
    /// Taken with one rename, of two builds at once one gets it and the other starts afresh.
    func takePreviousSite(in parent: Int32, as stagingName: String) throws(OutputError) -> StagedSite? {
        let previous = FolderDescriptor.open(previousName, in: parent)
        guard previous >= 0 else { return nil }   // none, or a link or file of that name: left alone
        guard Self.isOwnSite(previous), let checked = FolderDescriptor.status(of: previous),
              FolderDescriptor.renameWithoutReplacing(previousName, to: stagingName, in: parent) else {
            close(previous)
            return nil
        }
        // What was renamed must be what was checked; if it was swapped in between, it goes back untouched.
        guard let moved = FolderDescriptor.status(of: stagingName, in: parent), FolderDescriptor.same(moved, checked) else {
            _ = FolderDescriptor.renameWithoutReplacing(stagingName, to: previousName, in: parent)
            close(previous)
            return nil
        }
        let inventory = FolderInventory.take(of: previous)
        guard inventory.isComplete else {
            // A tree deeper than any site (put there) could not all be removed as a leftover, and
            // would be published with the new site: the kept site is removed instead, as far as
            // removal goes, and what is left of it, no longer marked, is never used again.
            TreeRemoval.removeContents(of: previous)
            close(previous)
            unlinkat(parent, stagingName, AT_REMOVEDIR)
            return nil
        }
        let copy: Int32
        do throws(OutputError) {
            copy = try duplicate(parent)
        } catch {
            _ = FolderDescriptor.renameWithoutReplacing(stagingName, to: previousName, in: parent)
            close(previous)
            throw error
        }
        return StagedSite(root: url(of: stagingName), name: stagingName, parent: copy, rootFolder: previous,
                          inherited: inventory, keepOnDiscard: previousName, durable: durable,
                          flushesFileSystem: flushesFileSystem)
    }

    func makeStaging(in parent: Int32, named name: String) throws(OutputError) -> StagedSite {
        let path = url(of: name).path
        guard mkdirat(parent, name, FolderDescriptor.folderMode) == 0 else {
            throw OutputError(description: "\(path): cannot create the staging folder: \(FolderDescriptor.lastError())")
        }
        let folder = FolderDescriptor.open(name, in: parent)
        guard folder >= 0 else {
            throw OutputError(description: "\(path): cannot open the staging folder: \(FolderDescriptor.lastError())")
        }
        let copy: Int32
        do throws(OutputError) {
            copy = try duplicate(parent)
        } catch {
            close(folder)
            unlinkat(parent, name, AT_REMOVEDIR)
            throw error
        }
        return StagedSite(root: url(of: name), name: name, parent: copy, rootFolder: folder, durable: durable,
                          flushesFileSystem: flushesFileSystem)
    }

    func url(of name: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// A build that was killed leaves its staging folder beside the output (the output itself is
    /// intact: it is only ever swapped whole). The next build takes those whose process is gone
    /// and that are its own (real folders with the marker): one becomes the previous site to reuse
    /// when there is none, the others are removed. Anything else of such a name is left alone.
    func removeAbandonedStaging(in parent: Int32) {
        for entry in FolderDescriptor.entries(of: parent) {
            guard let name = entry.name, name.hasPrefix(stagingPrefix) else { continue }
            let rest = name.dropFirst(stagingPrefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let folder = FolderDescriptor.open(name, in: parent)
            guard folder >= 0 else { continue }
            defer { close(folder) }
            guard Self.isOwnSite(folder) else { continue }
            if FolderDescriptor.status(of: previousName, in: parent) == nil,
               FolderDescriptor.renameWithoutReplacing(name, to: previousName, in: parent) { continue }
            TreeRemoval.removeContents(of: folder)
            unlinkat(parent, name, AT_REMOVEDIR)
        }
    }

    /// An existing output must be a real folder that is empty or a site of ours. Returns what it
    /// is (nil when there is none), to make sure that what is replaced is what was checked.
    func checkReplaceable(in parent: Int32) throws(OutputError) -> stat? {
        guard let status = FolderDescriptor.status(of: outputName, in: parent) else {
            if errno == ENOENT { return nil }
            throw OutputError(description: "\(output.path): cannot read: \(FolderDescriptor.lastError())")
        }
        if status.st_mode & S_IFMT == S_IFLNK {
            throw OutputError(description: "\(output.path): is a symbolic link; csp-portal never writes through one: give the real folder's path as --out")
        }
        guard FolderDescriptor.isFolder(status) else {
            throw OutputError(description: "\(output.path): exists and is not a folder")
        }
        let folder = FolderDescriptor.open(outputName, in: parent)
        guard folder >= 0, let opened = FolderDescriptor.status(of: folder) else {
            throw OutputError(description: "\(output.path): cannot open the folder: \(FolderDescriptor.lastError())")
        }
        defer { close(folder) }
        if Self.isOwnSite(folder) { return opened }
        let names = FolderDescriptor.entries(of: folder).map { $0.name }
        if names.isEmpty { return opened }
        if opened.st_uid != FolderDescriptor.user && Self.hasMarker(folder) {
            throw OutputError(description: "\(output.path): refusing to replace a csp-portal site of another user (uid \(opened.st_uid)); choose another --out")
        }
        if names.contains("portal.json") {
            throw OutputError(description: """
                \(output.path): refusing to replace a folder that is not marked as a csp-portal site: it has a portal.json \
                but no \(Self.siteMarker) marker, and any folder may hold a portal.json. If it is a site built by a \
                csp-portal from before the marker, delete or empty it (and \(previousName) beside it) once; otherwise \
                choose another --out
                """)
        }
        throw OutputError(description: "\(output.path): refusing to replace a folder that is not a csp-portal site (it has no \(Self.siteMarker) marker); choose another --out or empty it")
    }

    /// Puts the staged site in the output's place and keeps the old output as `previousSite`.
    func swap(_ staged: StagedSite) throws(OutputError) {
        let parent = staged.parent
        let replaced = OutputError(description: "\(output.path): was replaced by something else while the site was built; it is left as it is now")
        // Checked again: the output may have changed since the build began.
        guard let current = try checkReplaceable(in: parent) else {
            guard FolderDescriptor.renameWithoutReplacing(staged.name, to: outputName, in: parent) else { throw cannotMove() }
            return
        }
        if FolderDescriptor.rename(staged.name, to: outputName, in: parent, flags: FolderDescriptor.exchange) {
            // One step, no instant without an output. `staged.name` now holds the old output: the
            // folder checked, or it goes back.
            guard let swapped = FolderDescriptor.status(of: staged.name, in: parent), FolderDescriptor.same(swapped, current) else {
                guard FolderDescriptor.rename(staged.name, to: outputName, in: parent, flags: FolderDescriptor.exchange) else {
                    // The new site stays in the output's place: discarding the staged site now
                    // would empty the published one.
                    staged.markCommitted()
                    throw OutputError(description: "\(output.path): was replaced by something else while the site was built, and could not be put back; the new site is in its place, what was there is at \(staged.name)")
                }
                throw replaced
            }
            keepAsPrevious(staged.name, in: parent)
            return
        }
        guard errno == EINVAL || errno == ENOSYS else { throw cannotMove() }
        // Where folders cannot be exchanged: the output moved aside, then the new site in.
        let aside = staged.name + ".previous"
        guard FolderDescriptor.renameWithoutReplacing(outputName, to: aside, in: parent) else { throw cannotMove() }
        guard let moved = FolderDescriptor.status(of: aside, in: parent), FolderDescriptor.same(moved, current) else {
            _ = FolderDescriptor.renameWithoutReplacing(aside, to: outputName, in: parent)
            throw replaced
        }
        guard FolderDescriptor.renameWithoutReplacing(staged.name, to: outputName, in: parent) else {
            let error = cannotMove()
            _ = FolderDescriptor.renameWithoutReplacing(aside, to: outputName, in: parent)
            throw error
        }
        keepAsPrevious(aside, in: parent)
    }

    private func cannotMove() -> OutputError {
        OutputError(description: "\(output.path): cannot move the new site into place: \(FolderDescriptor.lastError())")
    }

    /// Keeps a replaced site for the next build; removes it when another build kept one first or
    /// something else has the name. An empty folder that was the output is removed while still empty.
    func keepAsPrevious(_ name: String, in parent: Int32) {
        let folder = FolderDescriptor.open(name, in: parent)
        guard folder >= 0 else { return }
        defer { close(folder) }
        if Self.isOwnSite(folder) {
            if FolderDescriptor.renameWithoutReplacing(name, to: previousName, in: parent) { return }
            TreeRemoval.removeContents(of: folder)
        }
        unlinkat(parent, name, AT_REMOVEDIR)
    }

    /// The folder open as `folder` is a site of ours: owned by this user, with the marker in it.
    static func isOwnSite(_ folder: Int32) -> Bool {
        guard let status = FolderDescriptor.status(of: folder), FolderDescriptor.isFolder(status), status.st_uid == FolderDescriptor.user else { return false }
        return hasMarker(folder)
    }

    /// The marker is a plain file (not a link) whose first line is a csp-portal format line.
    static func hasMarker(_ folder: Int32) -> Bool {
        let marker = openat(folder, siteMarker, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard marker >= 0 else { return false }
        defer { close(marker) }
        guard let status = FolderDescriptor.status(of: marker), FolderDescriptor.isFile(status) else { return false }
        var bytes = [UInt8](repeating: 0, count: 128)
        let count = bytes.withUnsafeMutableBytes { read(marker, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        let firstLine = bytes[..<count].prefix { $0 != UInt8(ascii: "\n") }
        let prefix = Array("csp-portal site format ".utf8)
        return firstLine.starts(with: prefix) && firstLine.count > prefix.count
            && firstLine.dropFirst(prefix.count).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
