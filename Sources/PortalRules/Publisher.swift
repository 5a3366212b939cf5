import PortalRecords
import PortalSupport

extension Purchase {
    /// R5: RedHat and SUSE plans can never be cancelled nor exchanged. The publisher is compared
    /// loosely, as exports spell it (`RedHat`, `Red Hat`, `SUSE`, `suse`).
    public var isNeverCancellable: Bool {
        let normalized = String(publisher.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" })
        return normalized == "redhat" || normalized == "suse"
    }

    /// R9: a Remote Desktop 2022 CAL (product name containing `Remote Desktop`, `CAL` and `2022`, any case).
    public var isRemoteDesktop2022CAL: Bool {
        // Byte by byte on ASCII-lowered UTF-8: this runs for every order line.
        let name = product.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
        func contains(_ word: String) -> Bool { name.firstRange(of: Array(word.utf8), from: 0) != nil }
        return contains("remote desktop") && contains("cal") && contains("2022")
    }
}
