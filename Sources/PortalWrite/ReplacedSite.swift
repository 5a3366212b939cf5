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

/// What a build makes of a file of the site it is about to replace, read a piece at a time: what
/// the reader made of it, or why it was not read.
public enum ReplacedSiteRead<Value> {
    case read(Value)
    case absent
    case unusable(String)
}

/// A read of a replaced site's file that failed once begun: an error of the system, or the file
/// grew past the limit while it was read.
public struct ReplacedFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension SiteWriter {
    /// The file at `path` (`portal.json`, `audit/<period>/report.html`) in the site now in the
    /// output's place, read as the writer works: the output folder opened without following a
    /// link, read only when it is a site of ours (the marker, this user's), each folder on the way
    /// and the file opened without following a link, the file read only when it is a regular file
    /// of at most `byteLimit` bytes (a FIFO is not waited on) and, with `refusingHardLinks`, when
    /// no other path shares it.
    public func readReplaced(_ path: String, byteLimit: Int, refusingHardLinks: Bool = false) -> ReplacedSiteFile {
        let whole = readReplaced(path, byteLimit: byteLimit, refusingHardLinks: refusingHardLinks, pieceSize: nil) { nextPiece in
            Result { () throws(ReplacedFileError) -> [UInt8] in
                var bytes: [UInt8] = []
                while let piece = try nextPiece() {
                    if bytes.isEmpty { bytes = piece } else { bytes += piece }
                }
                return bytes
            }
        }
        switch whole {
        case .read(.success(let bytes)): return .bytes(bytes)
        case .read(.failure(let error)): return .unusable(error.description)
        case .absent: return .absent
        case .unusable(let why): return .unusable(why)
        }
    }

    /// The size of the pieces `readReplaced(_:byteLimit:refusingHardLinks:inPieces:)` reads.
    public static let replacedPieceSize = 1 << 20

    /// The file at `path` of the site now in the output's place, reached and checked as
    /// `readReplaced(_:byteLimit:refusingHardLinks:)` does, given to `reader` a piece at a time
    /// (`nextPiece` gives nil after the last; it throws when a read fails or the file grows past
    /// `byteLimit`): a large file is read without being whole in memory.
    public func readReplaced<Value>(_ path: String, byteLimit: Int, refusingHardLinks: Bool = false,
                                    inPieces reader: (_ nextPiece: () throws(ReplacedFileError) -> [UInt8]?) -> Value) -> ReplacedSiteRead<Value> {
        readReplaced(path, byteLimit: byteLimit, refusingHardLinks: refusingHardLinks, pieceSize: Self.replacedPieceSize, reader)
    }

    /// `pieceSize` nil: the file's size when opened, so that a file that does not change is read
    /// in one piece.
    private func readReplaced<Value>(_ path: String, byteLimit: Int, refusingHardLinks: Bool, pieceSize: Int?,
                                     _ reader: (_ nextPiece: () throws(ReplacedFileError) -> [UInt8]?) -> Value) -> ReplacedSiteRead<Value> {
        do throws(OutputError) { try Self.validate(path) } catch { return .unusable("\(path): not a file name") }
        let components = path.split(separator: "/").map(String.init)
        let fullPath = output.appendingPathComponent(path).path
        switch withReplacedFolder(components.dropLast(), { folder in
            readFile(components.last!, in: folder, path: fullPath, byteLimit: byteLimit, refusingHardLinks: refusingHardLinks,
                     pieceSize: pieceSize, reader)
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

    private func readFile<Value>(_ name: String, in folder: Int32, path: String, byteLimit: Int, refusingHardLinks: Bool, pieceSize: Int?,
                                 _ reader: (_ nextPiece: () throws(ReplacedFileError) -> [UInt8]?) -> Value) -> ReplacedSiteRead<Value> {
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
        // The size can change while it is read: read until the end, never past the limit (one byte
        // more than the limit says the file is larger). Read whole, the first piece is the file
        // and the next only finds its end.
        let firstPieceSize = pieceSize ?? Int(status.st_size) + 1
        let laterPieceSize = pieceSize ?? 1 << 16
        var count = 0
        var ended = false
        return .read(reader { () throws(ReplacedFileError) -> [UInt8]? in
            while !ended {
                guard count <= byteLimit else { throw ReplacedFileError(description: "\(path): larger than \(byteLimit) bytes") }
                var result = 0
                var readError: Int32 = 0
                let piece = [UInt8](unsafeUninitializedCapacity: min(count == 0 ? firstPieceSize : laterPieceSize, byteLimit + 1 - count)) {
                    buffer, initialized in
                    result = read(file, buffer.baseAddress!, buffer.count)
                    if result < 0 { readError = errno }
                    initialized = max(result, 0)
                }
                if result < 0 {
                    if readError == EINTR { continue }
                    throw ReplacedFileError(description: "\(path): cannot read (\(FolderDescriptor.lastError(readError)))")
                }
                if result == 0 {
                    ended = true
                    break
                }
                count += result
                return piece
            }
            return nil
        })
    }
}
