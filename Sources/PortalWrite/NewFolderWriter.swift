import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files into a folder that is new or empty (`csp-portal templates export`): nothing of the
/// user's is ever replaced. The folder is opened once without following a link and everything is
/// created relative to it, each file new (`O_EXCL`), `0644`, folders `0755`.
public enum NewFolderWriter {
    public static func write(_ files: [OutputFile], into folder: URL) throws(OutputError) {
        let path = folder.path
        for file in files { try SiteWriter.validate(file.path) }
        var status = stat()
        var created = false
        if lstat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFLNK {
                throw OutputError(description: "\(path): a symbolic link; give a new or empty folder")
            }
            guard FolderDescriptor.isFolder(status) else { throw OutputError(description: "\(path): exists and is not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw OutputError(description: "\(folder.deletingLastPathComponent().path): cannot create the folder: \(error.localizedDescription)")
            }
            // EEXIST: made meanwhile, checked below like any other.
            if mkdir(path, FolderDescriptor.folderMode) == 0 {
                created = true
            } else if errno != EEXIST {
                throw OutputError(description: "\(path): cannot create the folder: \(FolderDescriptor.lastError())")
            }
        }
        let root = open(path, FolderDescriptor.folderFlags)
        guard root >= 0 else {
            throw OutputError(description: "\(path): \(errno == ELOOP ? "a symbolic link; give a new or empty folder" : FolderDescriptor.lastError())")
        }
        defer { close(root) }
        // A folder made here gets the writer's mode whatever the umask; one the user gave keeps its own.
        if created && fchmod(root, FolderDescriptor.folderMode) != 0 {
            throw OutputError(description: "\(path): cannot set the folder's mode: \(FolderDescriptor.lastError())")
        }
        guard FolderDescriptor.entries(of: root).isEmpty else {
            throw OutputError(description: "\(path): not empty; give a new or empty folder, so that no file of yours is replaced")
        }
        for file in files {
            var components = file.path.split(separator: "/").map(String.init)
            let name = components.removeLast()
            var parent = root
            var opened: [Int32] = []
            defer { opened.forEach { close($0) } }
            for component in components {
                if mkdirat(parent, component, FolderDescriptor.folderMode) != 0 && errno != EEXIST {
                    throw OutputError(description: "\(path)/\(component): cannot create the folder: \(FolderDescriptor.lastError())")
                }
                let inner = FolderDescriptor.open(component, in: parent)
                guard inner >= 0 else { throw OutputError(description: "\(path)/\(component): \(FolderDescriptor.lastError())") }
                opened.append(inner)
                if fchmod(inner, FolderDescriptor.folderMode) != 0 {
                    throw OutputError(description: "\(path)/\(component): cannot set the folder's mode: \(FolderDescriptor.lastError())")
                }
                parent = inner
            }
            try write(file, named: name, in: parent, shownAs: "\(path)/\(file.path)")
        }
    }

    private static func write(_ file: OutputFile, named name: String, in folder: Int32, shownAs shown: String) throws(OutputError) {
        let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, FolderDescriptor.fileMode)
        guard descriptor >= 0 else { throw OutputError(description: "\(shown): cannot create the file: \(FolderDescriptor.lastError())") }
        defer { close(descriptor) }
        // The mode whatever the umask.
        guard fchmod(descriptor, FolderDescriptor.fileMode) == 0 else {
            throw OutputError(description: "\(shown): cannot set the file's mode: \(FolderDescriptor.lastError())")
        }
        var offset = 0
        while offset < file.bytes.count {
            let count = file.bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw OutputError(description: "\(shown): cannot write: \(FolderDescriptor.lastError())") }
            offset += count
        }
    }
}
