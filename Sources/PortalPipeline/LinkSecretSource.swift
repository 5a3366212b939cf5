import Foundation
import PortalSupport
import PortalViewModels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A link secret that cannot be used: a usage error (sysexits EX_USAGE, 64).
public struct LinkSecretError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Where the link secret comes from: a file named on the command line, else an environment
/// variable. Never from the data folder, which travels with the exports, nor from the output
/// folder, which is published.
public enum LinkSecretSource {
    public static let environmentVariable = "CSP_PORTAL_LINK_SECRET"

    /// A secret is a few dozen bytes. A longer file is not one (a disk image, or /dev/zero through
    /// a link): it is not read past this, since holding and hashing it would cost its size in
    /// memory, and in time for every customer.
    public static let maximumByteCount = 4096

    /// The secret of `file` (`--link-secret-file`), else of `CSP_PORTAL_LINK_SECRET` in
    /// `environment`; nil when neither is given. Line ends at the end are not part of it (a file
    /// written by `echo` and the same text in the variable give the same secret).
    public static func read(file: URL?, environment: [String: String], dataFolder: URL,
                            outputFolder: URL) throws(LinkSecretError) -> LinkSecret? {
        let bytes: [UInt8]
        let origin: String
        if let file {
            for (folder, role) in [(dataFolder, "data folder"), (outputFolder, "output folder")] where contains(folder, file) {
                throw LinkSecretError(description: "--link-secret-file: \(file.path) is inside the \(role) (\(folder.path)); "
                                      + "keep the secret elsewhere, it must never travel with the data nor be published")
            }
            bytes = try contents(of: file)
            origin = "--link-secret-file \(file.path)"
        } else if let value = environment[environmentVariable] {
            bytes = Array(value.utf8)
            origin = environmentVariable
        } else {
            return nil
        }
        guard bytes.count <= maximumByteCount else {
            throw LinkSecretError(description: "\(origin): the link secret has more than \(maximumByteCount) bytes; it is a few dozen "
                                  + "(for example: head -c 32 /dev/urandom | base64 > link-secret): is this the right file?")
        }
        let secret = Array(bytes.reversed().drop { $0 == 0x0A || $0 == 0x0D }.reversed())
        guard let linkSecret = LinkSecret(secret) else {
            throw LinkSecretError(description: "\(origin): the link secret has \(secret.count) bytes; it needs at least "
                                  + "\(LinkSecret.minimumByteCount) (for example: head -c 32 /dev/urandom | base64 > link-secret)")
        }
        return linkSecret
    }

    /// The first `maximumByteCount + 1` bytes of `file`, which must be a regular file: a FIFO would
    /// be waited on forever and a device such as /dev/zero never ends.
    static func contents(of file: URL) throws(LinkSecretError) -> [UInt8] {
        func failure(_ reason: String) -> LinkSecretError {
            LinkSecretError(description: "--link-secret-file: cannot read \(file.path): \(reason)")
        }
        do {
            let opened = try RegularFile(path: file.path,
                                         notRegular: "not a regular file (a FIFO, a device or a folder); keep the secret in a plain file")
            return try opened.read(upTo: maximumByteCount + 1)
        } catch {
            throw failure(error.reason)
        }
    }

    /// True when `item` is `folder` or inside it, symbolic links resolved.
    static func contains(_ folder: URL, _ item: URL) -> Bool {
        let folderPath = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let itemPath = item.standardizedFileURL.resolvingSymlinksInPath().path
        return itemPath == folderPath || itemPath.hasPrefix(folderPath.hasSuffix("/") ? folderPath : folderPath + "/")
    }
}
