import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a build reads of the site it is about to replace: a file at its root, such as
/// `portal.json` for "what changed".
public enum ReplacedSiteFile: Sendable, Equatable {
    case bytes([UInt8])
    /// No site in the output's place yet, or no such file in it.
    case absent
    /// Something is there that is not read, and why.
    case unusable(String)
}

/// What a build finds in a folder of the site it is about to replace.
public enum ReplacedSiteFolder: Sendable, Equatable {
    /// The folder's entries: `name` nil when it is not plain ASCII, `isFolder` only for a real
    /// folder (never a link to one).
    case entries([ReplacedSiteEntry])
    case absent
    case unusable(String)
}

public struct ReplacedSiteEntry: Sendable, Equatable {
    public let name: String?
    public let isFolder: Bool
}

extension SiteWriter {
    /// The file at `path` (`portal.json`, `audit/<period>/report.html`) in the site now in the
    /// output's place, read as the writer works: the output folder opened without following a
    /// link, read only when it is a site of ours (the marker, this user's), each folder on the way
    /// and the file opened without following a link, the file read only when it is a regular file
    /// of at most `byteLimit` bytes (a FIFO is not waited on) and, with `refusingHardLinks`, when
    /// no other path shares it.
    public func readReplaced(_ path: String, byteLimit: Int, refusingHardLinks: Bool = false) -> ReplacedSiteFile {
        do throws(OutputError) { try Self.validate(path) } catch { return .unusable("\(path): not a file name") }
        let components = path.split(separator: "/").map(String.init)
        let fullPath = output.appendingPathComponent(path).path
        switch withReplacedFolder(components.dropLast(), { folder in
            readFile(components.last!, in: folder, path: fullPath, byteLimit: byteLimit, refusingHardLinks: refusingHardLinks)
        }) {
        case .found(let result): return result
        case .absent: return .absent
        case .unusable(let why): return .unusable(why)
        }
    }

    /// The entries of the folder at `path` (`audit`) in the site now in the output's place, reached
    /// as `readReplaced` reaches a file.
    public func replacedEntries(of path: String) -> ReplacedSiteFolder {
        do throws(OutputError) { try Self.validate(path) } catch { return .unusable("\(path): not a folder name") }
        switch withReplacedFolder(path.split(separator: "/").map(String.init)[...], { folder in
            FolderDescriptor.entries(of: folder).map { entry in
                ReplacedSiteEntry(name: entry.name, isFolder: FolderDescriptor.kind(of: entry, in: folder) == .folder)
            }
        }) {
        case .found(let entries): return .entries(entries)
        case .absent: return .absent
        case .unusable(let why): return .unusable(why)
        }
    }

    private enum Reached<T> { case found(T), absent, unusable(String) }

    /// Runs `body` on the folder `components` of the replaced site, opened one folder at a time
    /// from the output's, none through a link.
    private func withReplacedFolder<T>(_ components: ArraySlice<String>, _ body: (Int32) -> T) -> Reached<T> {
        let parent = open(output.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return .absent }
        defer { close(parent) }
        var folder = FolderDescriptor.open(outputName, in: parent)
        guard folder >= 0 else {
            return errno == ENOENT ? .absent : .unusable("\(output.path): not a folder that can be read (\(FolderDescriptor.lastError()))")
        }
        defer { close(folder) }
        guard Self.isOwnSite(folder) else {
            return FolderDescriptor.entries(of: folder).isEmpty ? .absent : .unusable("\(output.path): not a csp-portal site of this user")
        }
        var reached = output
        for component in components {
            reached.appendPathComponent(component)
            let next = FolderDescriptor.open(component, in: folder)
            guard next >= 0 else {
                return errno == ENOENT ? .absent : .unusable("\(reached.path): not a folder (\(FolderDescriptor.lastError()))")
            }
            close(folder)
            folder = next
        }
        return .found(body(folder))
    }

    private func readFile(_ name: String, in folder: Int32, path: String, byteLimit: Int, refusingHardLinks: Bool) -> ReplacedSiteFile {
        let file = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard file >= 0 else {
            return errno == ENOENT ? .absent : .unusable("\(path): cannot open (\(FolderDescriptor.lastError()))")
        }
        defer { close(file) }
        guard let status = FolderDescriptor.status(of: file), FolderDescriptor.isFile(status) else {
            return .unusable("\(path): not a regular file")
        }
        // A file with another link is shared with a path outside the site, whatever it holds.
        if refusingHardLinks && status.st_nlink > 1 { return .unusable("\(path): has other links to it (a hard link)") }
        guard status.st_size <= byteLimit else { return .unusable("\(path): larger than \(byteLimit) bytes") }
        // The size can change while it is read: read until the end, never past the limit.
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= byteLimit else { return .unusable("\(path): larger than \(byteLimit) bytes") }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, byteLimit + 1 - bytes.count))
            }
            let result = bytes.withUnsafeMutableBytes { buffer in
                read(file, buffer.baseAddress! + count, buffer.count - count)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return .unusable("\(path): cannot read (\(FolderDescriptor.lastError()))")
            }
            if result == 0 { break }
            count += result
        }
        bytes.removeSubrange(count...)
        return .bytes(bytes)
    }
}
