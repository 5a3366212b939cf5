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

extension SiteWriter {
    /// The file `name` at the root of the site now in the output's place, read as the writer
    /// works: the output folder opened without following a link, read only when it is a site of
    /// ours (the marker, this user's), the file opened without following a link and read only
    /// when it is a regular file of at most `byteLimit` bytes (a FIFO is not waited on).
    public func readReplaced(_ name: String, byteLimit: Int) -> ReplacedSiteFile {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return .unusable("\(name): not a file name") }
        let path = output.appendingPathComponent(name).path
        let parent = open(output.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return .absent }
        defer { close(parent) }
        let folder = FolderDescriptor.open(outputName, in: parent)
        guard folder >= 0 else {
            return errno == ENOENT ? .absent : .unusable("\(output.path): not a folder that can be read (\(FolderDescriptor.lastError()))")
        }
        defer { close(folder) }
        guard Self.isOwnSite(folder) else {
            return FolderDescriptor.entries(of: folder).isEmpty ? .absent : .unusable("\(output.path): not a csp-portal site of this user")
        }
        let file = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard file >= 0 else {
            return errno == ENOENT ? .absent : .unusable("\(path): cannot open (\(FolderDescriptor.lastError()))")
        }
        defer { close(file) }
        guard let status = FolderDescriptor.status(of: file), FolderDescriptor.isFile(status) else {
            return .unusable("\(path): not a regular file")
        }
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
