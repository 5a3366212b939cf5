import PortalRecords

/// Whether the purchase's product keys and downloads can be used (R11, R17).
public enum KeyStatus: String, Sendable {
    case available
    case revoked
    case notApplicable = "not_applicable"
}

public enum KeyRules {
    /// R11: a cancellation revokes every key and link; R17: licence-only and instruction products
    /// have none; otherwise keys are available (expiry does not revoke them).
    public static func status(delivery: Delivery, isCancelled: Bool) -> KeyStatus {
        if isCancelled { return .revoked }
        return delivery == .keyAndDownload ? .available : .notApplicable
    }

    /// R18: a key is shown only masked, with at most its last 5 characters:
    /// `XXXXX-XXXXX-XXXXX-XXXXX-7KJ2P`. A key too short to hide most of it shows none.
    public static func maskedKey(_ key: String) -> String {
        let characters = key.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        let hidden = "XXXXX-XXXXX-XXXXX-XXXXX-"
        guard characters.count >= 20 else { return hidden + "XXXXX" }
        return hidden + String(String.UnicodeScalarView(characters.suffix(5)))
    }
}
