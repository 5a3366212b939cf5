import Foundation
import PortalSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the files of a folder that overrides built-in templates (`--templates DIR`, or the data
/// folder's `templates`), refusing what could make a page publish a file it should not.
///
/// A symbolic link anywhere in it is an error, not followed: a partial linked to `/etc/passwd`
/// or to the link secret would be written into every page. Whoever can write the folder could
/// copy a file there anyway, but only one they can read themselves; a link would have csp-portal
/// read it with the rights of whoever builds. Folders are opened once and what is in them is read
/// through their descriptors, so that nothing can be swapped for a link between a check and a read.
enum TemplateOverrideFolder {
    /// Far more than a template set holds; bounds what a hostile folder makes the build read.
    static let maximumFileCount = 1_000
    static let maximumFileSize = 4 * 1024 * 1024
    static let maximumDepth = 8

    /// Every file under `folder` by its path in it (`partials/styles.mustache`), hidden ones
    /// (`.DS_Store`, `.git`) left out. `followingLink`: whether `folder` itself may be a link
    /// (a folder the user named) or not (one found in the data folder).
    static func read(_ folder: URL, followingLink: Bool) throws(TemplateError) -> [String: [UInt8]] {
        var status = stat()
        guard lstat(folder.path, &status) == 0 else {
            throw TemplateError(description: "\(folder.path): no such templates folder", isMissing: true)
        }
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLink ? 0 : O_NOFOLLOW)
        let descriptor = open(folder.path, flags)
        guard descriptor >= 0 else {
            let reason = status.st_mode & S_IFMT == S_IFLNK && !followingLink
                ? "a symbolic link: a templates folder in the data folder must be a real folder"
                : status.st_mode & S_IFMT == S_IFDIR ? String(cString: strerror(errno)) : "not a folder"
            throw TemplateError(description: "\(folder.path): \(reason)", isMissing: false)
        }
        defer { close(descriptor) }
        var files: [String: [UInt8]] = [:]
        try read(descriptor, prefix: "", shownAs: folder.path, depth: 0, into: &files)
        return files
    }

    private static func read(_ folder: Int32, prefix: String, shownAs root: String, depth: Int,
                             into files: inout [String: [UInt8]]) throws(TemplateError) {
        for name in try names(in: folder, shownAs: root + "/" + prefix) where !name.hasPrefix(".") {
            let path = prefix + name
            let shown = root + "/" + path
            var status = stat()
            guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                throw TemplateError(description: "\(shown): \(String(cString: strerror(errno)))", isMissing: false)
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                guard depth < maximumDepth else {
                    throw TemplateError(description: "\(shown): folders nest more than \(maximumDepth) deep", isMissing: false)
                }
                let inner = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard inner >= 0 else {
                    throw TemplateError(description: "\(shown): \(String(cString: strerror(errno)))", isMissing: false)
                }
                defer { close(inner) }
                try read(inner, prefix: path + "/", shownAs: root, depth: depth + 1, into: &files)
            case S_IFREG:
                guard files.count < maximumFileCount else {
                    throw TemplateError(description: "\(root): more than \(maximumFileCount) files", isMissing: false)
                }
                files[path] = try contents(of: name, in: folder, shownAs: shown)
            case S_IFLNK:
                throw TemplateError(description: "\(shown): a symbolic link; a templates folder must hold its own files, "
                                    + "not links (a link could put any file of this machine into the pages)", isMissing: false)
            default:
                throw TemplateError(description: "\(shown): not a regular file", isMissing: false)
            }
        }
    }

    /// The names in an open folder, sorted so that the first problem reported is always the same.
    private static func names(in folder: Int32, shownAs shown: String) throws(TemplateError) -> [String] {
        let own = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard own >= 0, let stream = fdopendir(own) else {
            throw TemplateError(description: "\(shown): cannot read the folder: \(String(cString: strerror(errno)))", isMissing: false)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            // Read back as text, a name that is not UTF-8 would name another file (or none).
            guard let name = String(validating: raw, as: UTF8.self) else {
                throw TemplateError(description: "\(shown)\(String(decoding: raw, as: UTF8.self)): a file name that is not UTF-8", isMissing: false)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// A file's bytes, opened without following a link (it could have been swapped for one since it
    /// was listed) and without waiting on a FIFO.
    private static func contents(of name: String, in folder: Int32, shownAs shown: String) throws(TemplateError) -> [UInt8] {
        do {
            let file = try RegularFile(name: name, inFolder: folder, notRegular: "not a regular file")
            // A hard link gives the folder a file that lives elsewhere too (a link secret, a key
            // export): refused like a symbolic link, or the pages would publish it.
            guard file.linkCount == 1 else {
                throw TemplateError(description: "\(shown): a hard link (the file has \(file.linkCount) names); a templates folder "
                                    + "must hold its own files: copy it instead of linking it", isMissing: false)
            }
            var bytes: [UInt8] = []
            while true {
                let chunk = try file.read(upTo: 64 * 1024)
                bytes += chunk
                guard bytes.count <= maximumFileSize else {
                    throw TemplateError(description: "\(shown): larger than \(maximumFileSize / 1024 / 1024) MiB; not a template", isMissing: false)
                }
                if chunk.count < 64 * 1024 { return bytes }
            }
        } catch let failure as RegularFile.Failure {
            throw TemplateError(description: "\(shown): \(failure.reason)", isMissing: false)
        } catch let error as TemplateError {
            throw error
        } catch {
            throw TemplateError(description: "\(shown): \(error)", isMissing: false)
        }
    }
}
