import PortalRecords
import PortalRules

/// One device row of the "Move to CSP" section.
public struct DeviceRow: Sendable {
    public let name: String
    public let lastActivation: String
    public let deadline: String
    public let daysLeft: String
}

/// The devices of one R14 state, with what to do about them.
public struct DeviceGroup: Sendable {
    /// The status value (`at_risk`), for the CSS class and tests.
    public let status: String
    public let label: String
    public let advice: String
    public let count: Int
    public let rows: [DeviceRow]
}

/// R14 in the customer's portal: which devices must get a MAK, and by when. Most urgent first.
public struct MoveToCSPSection: Sendable {
    public let intro: String
    public let groups: [DeviceGroup]
    /// Where to get help with the deployment: the partner, who can request Microsoft's technical
    /// presales and deployment services.
    public let help: String

    public init?(_ devices: [EvaluatedDevice], site: SiteSettings, asOf: Instant, format: LocaleFormat) {
        guard !devices.isEmpty else { return nil }
        let c = format.catalogue
        self.intro = c.text("moveIntro", ["days": format.plural("countDays", count: Int(DeviceMigration.kmsActivationDays))])
        self.help = site.contactEmail.map { c.text("moveHelpWithEmail", ["partner": site.partnerName, "email": $0]) }
            ?? c.text("moveHelp", ["partner": site.partnerName])
        let byStatus = Dictionary(grouping: devices, by: \.facts.status)
        self.groups = DeviceStatus.allCases.sorted { $0.urgency < $1.urgency }.compactMap { status in
            guard let members = byStatus[status] else { return nil }
            let ordered = members.sorted { a, b in
                a.facts.deadline != b.facts.deadline ? a.facts.deadline < b.facts.deadline
                    : a.device.name.utf8.lexicographicallyPrecedes(b.device.name.utf8)
            }
            return DeviceGroup(
                status: status.rawValue,
                label: c.text("deviceStatus_\(status.rawValue)"),
                advice: c.text("deviceAdvice_\(status.rawValue)"),
                count: ordered.count,
                rows: ordered.map { device in
                    DeviceRow(name: device.device.name,
                              lastActivation: format.date(device.device.lastKMSActivation),
                              deadline: format.dateTime(device.facts.deadline),
                              daysLeft: status == .atRisk ? format.countdown(until: device.facts.deadline, asOf: asOf) : "—")
                })
        }
    }
}
