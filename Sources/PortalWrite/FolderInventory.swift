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
    /// False when a folder was too deep to be walked: what is below it is not listed, and
    /// `TreeRemoval` would not reach all of it either.
    private(set) var isComplete = true

    static let empty = FolderInventory()

    /// Walks the folder open as `root` through descriptors, never following a link. What is
    /// neither a plain file nor a folder (a link someone put in the site, a socket), and any name
    /// that is not plain ASCII (no path of the build is; see `FolderDescriptor.entries`), is
    /// removed on the way, so that no write of the build can go through it to somewhere else and
    /// nothing the build did not write is published.
    static func take(of root: Int32) -> FolderInventory {
        var inventory = FolderInventory()
        inventory.walk(FolderDescriptor.entries(of: root), in: root, at: "", depth: 0)
        return inventory
    }

    private mutating func walk(_ entries: [FolderDescriptor.Entry], in folder: Int32, at path: String, depth: Int) {
        for entry in entries {
            guard let name = entry.name else {
                TreeRemoval.removeEntry(entry.rawName, in: folder)
                continue
            }
            let entryPath = path.isEmpty ? name : path + "/" + name
            switch FolderDescriptor.kind(of: entry, in: folder) {
            case .file:
                files.insert(entryPath)
            case .folder:
                folders.insert(entryPath)
                // A site is a few levels deep: a tree deeper than the limit (made to exhaust descriptors)
                // is listed, and removed, no deeper than that.
                guard depth < TreeRemoval.depthLimit else {
                    isComplete = false
                    continue
                }
                // Opened once, listed through the same descriptor, closed before the next one:
                // one `openat` a folder, as many as a path-based walk.
                let child = FolderDescriptor.open(name, in: folder)
                guard child >= 0 else { continue }   // replaced by something else since it was listed
                guard let stream = fdopendir(child) else {
                    close(child)
                    continue
                }
                walk(FolderDescriptor.entries(of: stream), in: dirfd(stream), at: entryPath, depth: depth + 1)
                closedir(stream)
            case .other:
                TreeRemoval.removeEntry(entry.rawName, in: folder)
            }
        }
    }
}
