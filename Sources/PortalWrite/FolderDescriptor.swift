import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls of the writer, each relative to a folder's descriptor: a folder is opened
/// once without following a link, and what is in it is reached through that descriptor, so no
/// path can be swapped for a link between a check and its use.
enum FolderDescriptor {
    /// Opening a folder this way fails (ELOOP, ENOTDIR) on a symbolic link or anything else that is
    /// not a real folder.
    static let folderFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC

    /// The build's own modes: whatever a reused file or folder had (0666, setuid) is not kept.
    static let fileMode: mode_t = 0o644
    static let folderMode: mode_t = 0o755

    /// The user the build runs as, who owns everything it writes (asked once: a system call each time).
    static let user = geteuid()

    /// Whether a file made with `fileMode` gets that mode whole: the process's umask takes none of
    /// its bits. Read from /proc/self/status (Linux 4.7 and later), since `umask(2)` can only be
    /// read by setting it, which other threads creating files would see; false, so every new
    /// file's mode is checked, when it cannot be read.
    static let umaskKeepsFileMode: Bool = {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
              let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) else { return false }
        return fileMode & mask == 0
    }()

    /// The folder `name` in `parent`, or -1 (errno set) when there is none or it is not a real folder.
    static func open(_ name: String, in parent: Int32) -> Int32 {
        openat(parent, name, folderFlags)
    }

    /// What `name` in `parent` is, the link itself when it is one.
    static func status(of name: String, in parent: Int32) -> stat? {
        var status = stat()
        return fstatat(parent, name, &status, AT_SYMLINK_NOFOLLOW) == 0 ? status : nil
    }

    static func status(of descriptor: Int32) -> stat? {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? status : nil
    }

    static func isFolder(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }
    static func isFile(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFREG }

    /// The same file or folder: what was checked is what was moved.
    static func same(_ a: stat, _ b: stat) -> Bool { a.st_dev == b.st_dev && a.st_ino == b.st_ino }

    /// Gives a folder of the build its owner and mode: a reused one may carry another user's
    /// ownership or group-writable, setgid bits that would otherwise be published with the site.
    static func takeOwnership(of folder: Int32, path: String) throws(OutputError) {
        guard let status = status(of: folder) else { throw OutputError(description: "\(path): cannot read the folder: \(lastError())") }
        if status.st_uid != user, fchown(folder, user, getegid()) != 0 {
            throw OutputError(description: "\(path): the folder belongs to another user (uid \(status.st_uid)) and cannot be taken over: remove it")
        }
        if status.st_mode & 0o7777 != folderMode, fchmod(folder, folderMode) != 0 {
            throw OutputError(description: "\(path): cannot set the folder's mode: \(lastError())")
        }
    }

    /// One entry of a folder; `name` is nil when its bytes are not plain ASCII (see `entries`).
    struct Entry {
        var name: String?
        var rawName: [CChar]
        var type: UInt8
    }

    /// The entries of the folder open as `folder` (not `.` and `..`), read through a descriptor of
    /// their own so that `folder` stays usable. A name that is not plain ASCII comes without
    /// `name`: every path the build writes is ASCII, and Swift compares strings by canonical
    /// equivalence, so such a name could pass for one it is not (`é` composed or not).
    static func entries(of folder: Int32) -> [Entry] {
        let own = openat(folder, ".", folderFlags)
        guard own >= 0 else { return [] }
        guard let stream = fdopendir(own) else {
            close(own)
            return []
        }
        defer { closedir(stream) }
        return entries(of: stream)
    }

    /// Reads the entries of an open folder stream.
    static func entries(of stream: OpaquePointer) -> [Entry] {
        var result: [Entry] = []
        while let entry = readdir(stream) {
            let raw = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                Array(bytes.prefix { $0 != 0 }).map { CChar(bitPattern: $0) }
            }
            if raw == [46] || raw == [46, 46] { continue }   // "." and ".."
            let ascii = raw.allSatisfy { $0 > 0 }
            let name = ascii ? String(decoding: raw.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
            result.append(Entry(name: name, rawName: raw, type: entry.pointee.d_type))
        }
        return result
    }

    enum Kind { case file, folder, other }

    /// What an entry is, without following a link: from the folder listing, else asked for.
    static func kind(of entry: Entry, in folder: Int32) -> Kind {
        switch Int32(entry.type) {
        case Int32(DT_REG): return .file
        case Int32(DT_DIR): return .folder
        case Int32(DT_UNKNOWN):
            // Some file systems do not fill in the type.
            var status = stat()
            let found = (entry.rawName + [0]).withUnsafeBufferPointer { fstatat(folder, $0.baseAddress!, &status, AT_SYMLINK_NOFOLLOW) } == 0
            guard found else { return .other }
            return isFile(status) ? .file : isFolder(status) ? .folder : .other
        default: return .other
        }
    }

    /// Linux's `renameat2` flags.
    static let noReplace: UInt32 = 1
    static let exchange: UInt32 = 2

    /// `renameat2` within one folder: true when done; false with errno set, EINVAL when the system
    /// or the file system cannot. Looked up at run time because Swift's Glibc module does not declare it.
    static func rename(_ source: String, to destination: String, in parent: Int32, flags: UInt32) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
            errno = EINVAL
            return false
        }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(parent, source, parent, destination, flags) == 0
        #else
        errno = EINVAL
        return false
        #endif
    }

    /// Writes everything written so far on the file system that `descriptor` is on to the disk and
    /// waits for it (Linux's `syncfs`): one call for a site of 150,000 files and folders, where an
    /// `fsync` each would commit the file system's journal as many times. False with errno set; ENOSYS
    /// where the call does not exist. Looked up at run time because Swift's Glibc module does not declare it.
    static func flushFileSystem(of descriptor: Int32) -> Bool {
        #if os(Linux)
        typealias SyncFS = @convention(c) (Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else {
            errno = ENOSYS
            return false
        }
        return unsafeBitCast(symbol, to: SyncFS.self)(descriptor) == 0
        #else
        errno = ENOSYS
        return false
        #endif
    }

    /// True where `flushFileSystem` exists; elsewhere a durable site `fsync`s each file and folder.
    static let canFlushFileSystem: Bool = {
        #if os(Linux)
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") != nil
        #else
        false
        #endif
    }()

    /// Renames within `parent` only when `destination` does not exist: never replaces anything
    /// (a plain rename would replace an empty folder of the user's).
    static func renameWithoutReplacing(_ source: String, to destination: String, in parent: Int32) -> Bool {
        if rename(source, to: destination, in: parent, flags: noReplace) { return true }
        guard errno == EINVAL || errno == ENOSYS else { return false }
        // Without renameat2: checked, then renamed; a folder can then only replace an empty folder.
        if status(of: destination, in: parent) != nil {
            errno = EEXIST
            return false
        }
        return renameat(parent, source, parent, destination) == 0
    }

    static func lastError(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
