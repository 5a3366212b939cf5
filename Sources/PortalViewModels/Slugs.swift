import Crypto
import PortalRecords

/// Folder names for customer portals: a pure function of the customer id alone, so that a
/// customer's folder (the link the partner gave it) never depends on which other customers there
/// are. Two ids that would share a folder are a data error (`CustomerFolderNaming.collisions`),
/// never a silent `-2`. Safe on every file system: an id such as `../../x`, `/etc`, `CON` or a
/// 500-character string still gets a plain folder inside `customers/`.
public enum Slugs {
    static let maximumLength = 64
    static let reservedNames: Set<String> = [
        "con", "prn", "aux", "nul",
        "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    /// The readable folder name of an id (no link secret): the id in lower case, its ASCII letters
    /// and digits kept, every run of other characters (punctuation, spaces, accented letters) one
    /// hyphen, none at either end; cut at 64 characters; `customer` when nothing is left; a
    /// Windows device name (`con`, `lpt1`…) gets `-customer` appended.
    /// `ACME_1`, `acme-1` and ` Acme 1 ` are all `acme-1`.
    public static func slug(for id: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in id.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
                if result.utf8.count >= maximumLength { break }
            } else {
                pendingHyphen = true
            }
        }
        if result.isEmpty { result = "customer" }
        if reservedNames.contains(result) { result += "-customer" }
        return result
    }

    /// The unguessable folder name of an id under a link secret: HMAC-SHA-256 keyed by the secret
    /// over the UTF-8 of the id in lower case (`CustomerIds.key`), its first 160 bits in base32
    /// (RFC 4648 alphabet, lower case, no padding): 32 characters of `a`–`z` and `2`–`7`.
    public static func keyedSlug(for id: String, secret: LinkSecret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(CustomerIds.key(id).utf8), using: secret.key)
        return base32(Array(code.prefix(keyedByteCount)))
    }

    /// 160 bits: at least the 128 that make a link unguessable, and a whole number of base32 characters.
    static let keyedByteCount = 20

    /// RFC 4648 base32, lower case, no padding.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int(buffer >> UInt32(bitCount) & 31)])
            }
        }
        if bitCount > 0 { output.append(alphabet[Int(buffer << UInt32(5 - bitCount) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The secret that makes customer links unguessable: a tenant id is public (anyone who knows a
/// customer's domain can look it up), a keyed hash of it is not. Changing the secret moves every
/// customer's folder at once, which revokes every link given out. It is never written anywhere.
public struct LinkSecret: Sendable {
    /// Fewer bytes than this are a usage error: a short secret can be guessed like a password.
    public static let minimumByteCount = 16

    /// Kept as bytes: Crypto's `SymmetricKey` is not `Sendable`.
    let bytes: [UInt8]

    /// nil when `bytes` is shorter than `minimumByteCount`.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count >= Self.minimumByteCount else { return nil }
        self.bytes = bytes
    }

    var key: SymmetricKey { SymmetricKey(data: bytes) }
}

/// How each customer's folder under `customers/` is named.
public enum CustomerFolderNaming: Sendable {
    /// After the id (`Slugs.slug(for:)`): readable, and as guessable as the id.
    case readable
    /// A keyed hash of the id (`Slugs.keyedSlug(for:secret:)`): unguessable while the secret is kept.
    case keyed(LinkSecret)

    public func folderName(for id: String) -> String {
        switch self {
        case .readable: Slugs.slug(for: id)
        case .keyed(let secret): Slugs.keyedSlug(for: id, secret: secret)
        }
    }

    /// The folder name of each id.
    public func folderNames(for ids: some Sequence<String>) -> [String: String] {
        var names: [String: String] = [:]
        for id in ids where names[id] == nil { names[id] = folderName(for: id) }
        return names
    }

    /// A data error for each customer whose folder would be that of a customer before it in the
    /// file, naming both lines. Customers whose ids differ only in case are not here: the loader
    /// reports them as duplicate ids.
    public func collisions(among customers: [Customer]) -> [Diagnostic] {
        var firstByFolder: [String: Customer] = [:]
        var diagnostics: [Diagnostic] = []
        for customer in customers {
            let folder = folderName(for: customer.id)
            guard let first = firstByFolder[folder] else {
                firstByFolder[folder] = customer
                continue
            }
            let why = switch self {
            case .readable: "a folder is named after the id's letters and digits only, so change one of the ids"
            case .keyed: "the link secret gives both ids the same name, so change the secret"
            }
            diagnostics.append(.error(
                at: customer.source, field: "customer_id",
                "two customers would share the portal folder customers/\(folder)/: this one and \(first.id) at \(first.source); \(why)",
                value: customer.id))
        }
        return diagnostics
    }
}
