import PortalRecords

extension Purchase {
    /// R5: RedHat and SUSE plans can never be cancelled nor exchanged. The publisher is compared
    /// loosely, as exports spell it (`RedHat`, `Red Hat`, `SUSE`, `suse`).
    public var isNeverCancellable: Bool {
        let normalized = String(publisher.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" })
        return normalized == "redhat" || normalized == "suse"
    }

    /// R9: a Remote Desktop 2022 CAL (product name containing `Remote Desktop`, `CAL` and `2022`, any case).
    public var isRemoteDesktop2022CAL: Bool {
        let name = product.lowercased()
        return name.contains("remote desktop") && name.contains("cal") && name.contains("2022")
    }
}
