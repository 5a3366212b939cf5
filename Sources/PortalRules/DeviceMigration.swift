import PortalRecords

/// R14 device states ("Statuses and windows").
public enum DeviceStatus: String, Sendable, CaseIterable {
    /// MAK deployed before the KMS activation lapsed: no downtime.
    case migrated
    /// MAK deployed at or after the lapse: the device was limited for a while.
    case migratedAfterLapse = "migrated_after_lapse"
    /// No MAK yet, the deadline ahead.
    case atRisk = "at_risk"
    /// No MAK and the deadline passed: the device may be limited or blocked until reactivated.
    case limited

    /// Most urgent first: what a partner must act on leads.
    public var urgency: Int {
        switch self {
        case .atRisk: 0
        case .limited: 1
        case .migratedAfterLapse: 2
        case .migrated: 3
        }
    }
}

/// What R14 computes for one device at one instant.
public struct DeviceFacts: Hashable, Sendable {
    /// Last KMS activation + 180 days: when the device stops being activated.
    public let deadline: Instant
    public let status: DeviceStatus
    /// Started days before the deadline while at risk; 0 otherwise.
    public let daysLeft: Int
}

/// R14: moving a customer from Volume Licensing (KMS) to CSP (MAK) without downtime.
public enum DeviceMigration {
    /// A KMS activation lasts 180 days before the device tries to renew it.
    public static let kmsActivationDays: Int64 = 180

    public static func evaluate(_ device: Device, asOf: Instant) -> DeviceFacts {
        let deadline = device.lastKMSActivation.adding(days: kmsActivationDays)
        // A deployment dated after as-of has not happened yet at as-of.
        if let deployed = device.makDeployedAt, deployed <= asOf {
            return DeviceFacts(deadline: deadline, status: deployed < deadline ? .migrated : .migratedAfterLapse, daysLeft: 0)
        }
        if asOf < deadline {
            return DeviceFacts(deadline: deadline, status: .atRisk, daysLeft: daysLeft(until: deadline, asOf: asOf))
        }
        return DeviceFacts(deadline: deadline, status: .limited, daysLeft: 0)
    }
}
