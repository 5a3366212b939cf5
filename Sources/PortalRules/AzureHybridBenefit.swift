import PortalRecords

/// R19: Windows Server Datacenter licences, and Windows Server Standard licences with Software
/// Assurance, can be used with Azure Hybrid Benefit, up to 40% lower cost for Windows Server
/// virtual machines in Azure. The documentation names the editions, not products: csp-portal reads
/// the edition from the product name, as Partner Center's catalogue writes it ("Windows Server
/// 2025 Datacenter - 16 Core License Pack").
public enum AzureHybridBenefit {
    /// The most Azure Hybrid Benefit saves on a Windows Server virtual machine, as the documentation says.
    public static let maximumSavingPercent = 40

    /// The Windows Server edition a product name names, if it is a licence of one: access licences
    /// (CALs) and Extended Security Updates are sold under Windows Server's name but license no
    /// server, so they have no edition here.
    public enum Edition: Equatable, Sendable {
        case datacenter
        case standard
    }

    public static func edition(ofProduct name: String) -> Edition? {
        let words = words(of: name)
        guard contains(words, ["windows", "server"]) else { return nil }
        if words.contains("cal") || words.contains("cals") || words.contains("esu")
            || contains(words, ["extended", "security", "updates"]) || contains(words, ["extended", "security", "update"]) {
            return nil
        }
        if words.contains("datacenter") { return .datacenter }
        if words.contains("standard") { return .standard }
        return nil
    }

    /// R19 for one purchase in one status: an active Windows Server Datacenter licence, or an
    /// active Windows Server Standard licence with Software Assurance. A cancelled (or cancelling)
    /// or expired one licenses nothing any more.
    public static func isEligible(_ purchase: Purchase, status: ProductStatus) -> Bool {
        guard status == .active else { return false }
        switch edition(ofProduct: purchase.product) {
        case .datacenter: return true
        case .standard: return purchase.softwareAssurance
        case nil: return false
        }
    }

    /// Lower-case ASCII words: `Windows Server 2022 Remote Desktop Services - 1 User CAL` is
    /// `windows server 2022 remote desktop services 1 user cal`.
    static func words(of name: String) -> [String] {
        name.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
    }

    /// Whether `phrase` appears in `words` as consecutive words.
    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in Array(words[start..<(start + phrase.count)]) == phrase }
    }
}
