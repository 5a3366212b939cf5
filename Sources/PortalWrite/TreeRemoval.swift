import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a folder tree from several threads at once.
///
/// A large partner's previous site is 50,000 customer folders: removed one after the other, each
/// waits on the file system (`rm -rf` takes ~6 s here), while the waits of several threads overlap.
/// Threads rather than tasks: these are blocking system calls, and the cooperative pool has one
/// thread per core.
enum TreeRemoval {
    static let threadCount = 8

    /// Removes `folder` and everything in it, ignoring what cannot be removed: the caller no
    /// longer needs any of it (`rm -rf`).
    static func remove(_ folder: URL) {
        let root = folder.path
        let top = contents(of: root).map { root + "/" + $0 }
        // The entries two levels down (`customers/<slug>`) are most of the tree: shared out among the threads.
        let second = top.flatMap { path in contents(of: path).map { path + "/" + $0 } }
        removeEach(second)
        top.forEach(removeEntry)
        rmdir(root)
    }

    /// Removes each of `paths` (files or folders), from several threads when there are many.
    static func removeEach(_ paths: [String]) {
        guard paths.count >= 256 else { return paths.forEach(removeEntry) }
        let group = DispatchGroup()
        for thread in 0..<threadCount {
            group.enter()
            Thread.detachNewThread {
                for index in stride(from: thread, to: paths.count, by: threadCount) { removeEntry(paths[index]) }
                group.leave()
            }
        }
        group.wait()
    }

    private static func contents(of path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// A file with one `unlink`; a folder with its contents, then `rmdir`.
    static func removeEntry(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        for name in contents(of: path) { removeEntry(path + "/" + name) }
        rmdir(path)
    }
}
