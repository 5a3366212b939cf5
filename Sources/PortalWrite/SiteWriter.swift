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
public struct SiteWriter: Sendable {
    /// The file whose presence marks a folder as a site we generated, so that `--out ~` never
    /// replaces a folder the user cares about.
    public static let siteMarker = "portal.json"

    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
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

    /// Replaces the output folder with exactly `files`.
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
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        try checkReplaceable()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(description: "\(parent.path): cannot create the folder: \(error.localizedDescription)")
        }
        removeAbandonedStaging(in: parent)
        let staging = parent.appendingPathComponent("\(stagingPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        // Taken with one rename, of two builds at once one gets it and the other starts afresh.
        // Only a folder that holds a site is taken: anything else of that name is left alone.
        if Self.isSite(previousSite.path), Foundation.rename(previousSite.path, staging.path) == 0 {
            if Self.isSite(staging.path) {
                return StagedSite(root: staging, inherited: FolderInventory.take(of: staging.path), keepOnDiscard: previousSite)
            }
            _ = Foundation.rename(staging.path, previousSite.path)   // changed in between: put back, untouched
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(description: "\(staging.path): cannot create the staging folder: \(error.localizedDescription)")
        }
        return StagedSite(root: staging)
    }

    /// Puts a fully written staged site in the output's place.
    public func commit(_ staged: StagedSite) throws(OutputError) {
        staged.removeLeftovers()
        do {
            try swap(staged.root)
        } catch let error as OutputError {
            staged.discard()
            throw error
        } catch {
            staged.discard()
            throw OutputError(description: "\(output.path): cannot write the site: \(error.localizedDescription)")
        }
    }

    /// `.Site.previous`: the site a build replaced, kept beside the output to be the next build's
    /// staging folder. Nothing reads it; deleting it only makes the next build slower.
    public var previousSite: URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// `.Site.build-`: the staging folders of this output start with it, then the builder's pid.
    var stagingPrefix: String { ".\(output.lastPathComponent).build-" }

    /// A build that was killed leaves its staging folder beside the output (the output itself is
    /// intact: it is only ever swapped whole). The next build takes those whose process is gone:
    /// one becomes the previous site to reuse when there is none, the others are removed.
    func removeAbandonedStaging(in parent: URL) {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(stagingPrefix) {
            let rest = name.dropFirst(stagingPrefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                let abandoned = parent.appendingPathComponent(name)
                if Self.isSite(abandoned.path), !fileManager.fileExists(atPath: previousSite.path),
                   Foundation.rename(abandoned.path, previousSite.path) == 0 { continue }
                TreeRemoval.remove(abandoned)
            }
        }
    }

    /// An existing output must be a folder that is empty or that we generated.
    func checkReplaceable() throws(OutputError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw OutputError(description: "\(output.path): exists and is not a folder")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if !contents.isEmpty && !contents.contains(Self.siteMarker) {
            throw OutputError(description: "\(output.path): refusing to replace a folder that is not a csp-portal site (it has no \(Self.siteMarker)); choose another --out or empty it")
        }
    }

    /// Puts `staging` in the output's place and keeps the old output as `previousSite`.
    func swap(_ staging: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            try rename(staging, to: output)
            return
        }
        if exchange(staging, output) {
            // `staging` now holds the previous site.
            keepAsPrevious(staging)
            return
        }
        let previous = staging.appendingPathExtension("previous")
        try rename(output, to: previous)
        do {
            try rename(staging, to: output)
        } catch {
            try? rename(previous, to: output)
            throw error
        }
        keepAsPrevious(previous)
    }

    /// A real folder (not a link to one) with the site marker in it, itself a plain file.
    static func isSite(_ path: String) -> Bool {
        var folder = stat()
        var marker = stat()
        return lstat(path, &folder) == 0 && folder.st_mode & S_IFMT == S_IFDIR
            && lstat(path + "/" + siteMarker, &marker) == 0 && marker.st_mode & S_IFMT == S_IFREG
    }

    /// Keeps a replaced site for the next build; removes it when another build kept one first.
    func keepAsPrevious(_ site: URL) {
        if Foundation.rename(site.path, previousSite.path) != 0 { TreeRemoval.remove(site) }
    }

    func rename(_ source: URL, to destination: URL) throws {
        if Foundation.rename(source.path, destination.path) != 0 {
            throw OutputError(description: "\(destination.path): cannot move the new site into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Linux's `renameat2(RENAME_EXCHANGE)`: swaps two folders in one step, so there is no instant
    /// at which the output folder is missing. Looked up at run time because Swift's Glibc module
    /// does not declare it; false where it is unavailable.
    func exchange(_ a: URL, _ b: URL) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0
        #else
        return false
        #endif
    }
}
