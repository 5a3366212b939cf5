import Foundation
import PortalViewModels

/// A link secret that cannot be used: a usage error (sysexits EX_USAGE, 64).
public struct LinkSecretError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Where the link secret comes from: a file named on the command line, else an environment
/// variable. Never from the data folder, which travels with the exports, nor from the output
/// folder, which is published.
public enum LinkSecretSource {
    public static let environmentVariable = "CSP_PORTAL_LINK_SECRET"

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
            do {
                bytes = [UInt8](try Data(contentsOf: file))
            } catch {
                throw LinkSecretError(description: "--link-secret-file: cannot read \(file.path): \(error.localizedDescription)")
            }
            origin = "--link-secret-file \(file.path)"
        } else if let value = environment[environmentVariable] {
            bytes = Array(value.utf8)
            origin = environmentVariable
        } else {
            return nil
        }
        let secret = Array(bytes.reversed().drop { $0 == 0x0A || $0 == 0x0D }.reversed())
        guard let linkSecret = LinkSecret(secret) else {
            throw LinkSecretError(description: "\(origin): the link secret has \(secret.count) bytes; it needs at least "
                                  + "\(LinkSecret.minimumByteCount) (for example: head -c 32 /dev/urandom | base64 > link-secret)")
        }
        return linkSecret
    }

    /// True when `item` is `folder` or inside it, symbolic links resolved.
    static func contains(_ folder: URL, _ item: URL) -> Bool {
        let folderPath = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let itemPath = item.standardizedFileURL.resolvingSymlinksInPath().path
        return itemPath == folderPath || itemPath.hasPrefix(folderPath.hasSuffix("/") ? folderPath : folderPath + "/")
    }
}
