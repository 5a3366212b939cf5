import PortalRecords
@testable import PortalRules
import PortalTestSupport
import Testing

/// R19: which purchases can be used with Azure Hybrid Benefit.
@Suite("R19: Azure Hybrid Benefit")
struct AzureHybridBenefitTests {
    static let bought = "2026-11-20T12:00:00Z"
    static let asOf = at("2026-11-25T09:00:00Z")

    @Test("R19: Datacenter always; Standard only with Software Assurance; CALs, ESU and other products never", arguments: [
        ("Windows Server 2025 Datacenter - 16 Core License Pack", false, true),
        ("Windows Server 2022 Datacenter - 2 Core License Pack", false, true),
        ("windows server 2019 DATACENTER", false, true),
        ("Windows Server 2025 Standard - 16 Core License Pack", true, true),
        ("Windows Server 2025 Standard - 16 Core License Pack", false, false),
        ("Windows Server 2022 Remote Desktop Services - 1 User CAL", true, false),
        ("Windows Server 2022 Datacenter - 1 Device CAL", true, false),
        ("Windows Server 2022 Standard - 5 User CALs", true, false),
        ("Windows Server 2012/2012 R2 Extended Security Updates - Year 3", true, false),
        ("Windows Server 2012 Datacenter ESU", true, false),
        ("SQL Server 2022 Standard Edition", true, false),
        ("SQL Server 2022 Enterprise Core - 2 Core License Pack", true, false),
        ("Windows 11 Enterprise", true, false),
        ("Windows Serverless Datacenter", true, false),
    ])
    func eligibility(product: String, softwareAssurance: Bool, eligible: Bool) {
        let line = Purchase(orderId: "O", customerId: "C", product: product, kind: .subscription, purchasedAt: at(Self.bought),
                            term: .oneYear, quantity: 1, unitPrice: decimal("10.00"), currency: eur, softwareAssurance: softwareAssurance)
        let facts = PurchaseEvaluation.evaluate(line, asOf: Self.asOf)
        #expect(facts.status == .active)
        #expect(facts.azureHybridBenefit == eligible, "\(product), SA \(softwareAssurance)")
    }

    @Test("R19: perpetual Datacenter licences are eligible as subscriptions are")
    func perpetual() {
        let line = purchase(kind: .perpetual, product: "Windows Server 2022 Datacenter - 16 Core License Pack", purchasedAt: Self.bought)
        #expect(PurchaseEvaluation.evaluate(line, asOf: Self.asOf).azureHybridBenefit)
    }

    @Test("R19: only while active: processing (R10), cancelled and expired licences are not eligible", arguments: [
        // (cancelled at, auto renew, as of, expected status)
        ("2026-11-25T08:50:00Z" as String?, nil as Bool?, "2026-11-25T09:00:00Z", ProductStatus.cancellationProcessing),
        ("2026-11-21T08:00:00Z", nil, "2026-11-25T09:00:00Z", .cancelled),
        (nil, false, "2027-11-20T12:00:00Z", .expired),
        (nil, false, "2027-11-20T11:59:59Z", .active),
    ])
    func onlyWhileActive(cancelledAt: String?, autoRenew: Bool?, asOf: String, status: ProductStatus) {
        let line = purchase(product: "Windows Server 2025 Datacenter - 16 Core License Pack", purchasedAt: Self.bought,
                            autoRenew: autoRenew, cancelledAt: cancelledAt)
        let facts = PurchaseEvaluation.evaluate(line, asOf: at(asOf))
        #expect(facts.status == status)
        #expect(facts.azureHybridBenefit == (status == .active))
    }

    @Test("R19: the edition is read from the product name's words, in any case")
    func editions() {
        #expect(AzureHybridBenefit.edition(ofProduct: "Windows Server 2025 Datacenter: Azure Edition") == .datacenter)
        #expect(AzureHybridBenefit.edition(ofProduct: "WINDOWS SERVER 2022 STANDARD") == .standard)
        #expect(AzureHybridBenefit.edition(ofProduct: "Windows Server 2022 Essentials") == nil)
        #expect(AzureHybridBenefit.edition(ofProduct: "Microsoft Server Datacenter") == nil, "not Windows Server")
        #expect(AzureHybridBenefit.edition(ofProduct: "") == nil)
    }
}
