import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files and folders of a tree, by path relative to its root: what a reused staging folder
/// held before the build, so that what the build does not write again can be removed.
struct FolderInventory: Sendable {
    var files: Set<String> = []
    /// Every folder but the root.
    var folders: Set<String> = []

    static let empty = FolderInventory()

    /// Walks `root` without following links. Anything that is neither a plain file nor a folder
    /// (a link someone put in the site, a socket) is removed on the way, so that no write of the
    /// build can go through it to somewhere else.
    static func take(of root: String) -> FolderInventory {
        var inventory = FolderInventory()
        var pending = [""]
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let directory = opendir(absolute) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = folder.isEmpty ? name : folder + "/" + name
                switch kind(of: entry.pointee.d_type, at: root + "/" + path) {
                case .folder:
                    inventory.folders.insert(path)
                    pending.append(path)
                case .file:
                    inventory.files.insert(path)
                case .other:
                    unlink(root + "/" + path)
                }
            }
        }
        return inventory
    }

    private enum Kind { case file, folder, other }

    private static func kind(of type: UInt8, at path: String) -> Kind {
        switch Int32(type) {
        case Int32(DT_REG): return .file
        case Int32(DT_DIR): return .folder
        case Int32(DT_UNKNOWN):
            // Some file systems do not fill in the type: ask for it, still without following a link.
            var status = stat()
            guard lstat(path, &status) == 0 else { return .other }
            switch status.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            default: return .other
            }
        default: return .other
        }
    }
}
