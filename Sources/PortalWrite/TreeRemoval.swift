import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes folder trees from several threads at once, never following a link: each folder is
/// opened without following one and emptied through its descriptor, so a link found in a tree (or
/// put there while it is removed) is removed itself, never what it points to.
///
/// A large partner's previous site is 50,000 customer folders: removed one after the other, each
/// waits on the file system (`rm -rf` takes ~6 s here), while the waits of several threads overlap.
/// Threads rather than tasks: these are blocking system calls, and the cooperative pool has one
/// thread per core.
enum TreeRemoval {
    static let threadCount = 8

    /// Deeper than any site; a tree deeper than this (made to exhaust the stack) is left as it is.
    static let depthLimit = 64

    /// Empties the folder open as `folder`, ignoring what cannot be removed: the caller no longer
    /// needs any of it. The caller then removes the folder itself by name, which succeeds only
    /// while it is still an empty folder.
    static func removeContents(of folder: Int32) {
        // The entries two levels down (`customers/<slug>`) are most of the tree: shared out among the threads.
        var second: [(folder: Int32, name: [CChar])] = []
        var opened: [Int32] = []
        for entry in FolderDescriptor.entries(of: folder) {
            let child = FolderDescriptor.kind(of: entry, in: folder) == .folder ? openFolder(entry.rawName, in: folder) : -1
            if child >= 0 {
                opened.append(child)
                second += FolderDescriptor.entries(of: child).map { (child, $0.rawName) }
            }
        }
        removeEach(second)
        opened.forEach { close($0) }
        for entry in FolderDescriptor.entries(of: folder) { removeEntry(entry.rawName, in: folder) }
    }

    /// Removes each entry (files or folders), from several threads when there are many.
    static func removeEach(_ entries: [(folder: Int32, name: [CChar])]) {
        guard entries.count >= 256 else { return entries.forEach { removeEntry($0.name, in: $0.folder) } }
        let group = DispatchGroup()
        for thread in 0..<threadCount {
            group.enter()
            Thread.detachNewThread {
                for index in stride(from: thread, to: entries.count, by: threadCount) {
                    removeEntry(entries[index].name, in: entries[index].folder)
                }
                group.leave()
            }
        }
        group.wait()
    }

    static func removeEntry(_ name: String, in folder: Int32) {
        removeEntry(Array(name.utf8CString.dropLast()), in: folder)
    }

    /// A file (or link, or anything not a folder) with one `unlinkat`; a folder with its contents,
    /// then itself.
    static func removeEntry(_ name: [CChar], in folder: Int32, depth: Int = 0) {
        let terminated = name + [0]
        let unlinked = terminated.withUnsafeBufferPointer { unlinkat(folder, $0.baseAddress!, 0) }
        if unlinked == 0 || errno == ENOENT { return }
        guard depth < depthLimit else { return }
        let child = openFolder(name, in: folder)
        guard child >= 0 else { return }
        for entry in FolderDescriptor.entries(of: child) { removeEntry(entry.rawName, in: child, depth: depth + 1) }
        close(child)
        _ = terminated.withUnsafeBufferPointer { unlinkat(folder, $0.baseAddress!, AT_REMOVEDIR) }
    }

    private static func openFolder(_ name: [CChar], in folder: Int32) -> Int32 {
        (name + [0]).withUnsafeBufferPointer { openat(folder, $0.baseAddress!, FolderDescriptor.folderFlags) }
    }
}
