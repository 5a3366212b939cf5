import Foundation
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalTestSupport
import Testing

/// The partner's cancellation desk as a view model: each kind's facts as the documentation lists
/// them (R2, R4), the deadline and its countdown at the 48-hour edge, the refund with its currency
/// and tax basis (R3, R15), the role (R12), the steps; closed windows, processing (R10), R5 apart.
@Suite("Cancellation desk page")
struct CancellationDeskPageTests {
    static let contoso = Customer(id: "3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c", name: "Contoso", domain: "contoso.example", country: "FR")
    static let wingtip = Customer(id: "9f3a2c71-6d5e-4f40-b123-8c9d0e1f2a33", name: "Wingtip Toys", country: "AU")

    static func line(_ order: String, line: Int = 0, customer: Customer = contoso, kind: PurchaseKind = .subscription,
                     product: String = "Windows Server 2025 Standard - 16 Core License Pack", publisher: String = "Microsoft",
                     subscriptionId: String? = "sub-1", bought: String, cancelledAt: String? = nil, currency: Currency = eur) -> Purchase {
        Purchase(orderId: order, line: line, customerId: customer.id, subscriptionId: kind == .perpetual ? nil : subscriptionId,
                 product: product, publisher: publisher, kind: kind, purchasedAt: at(bought), term: kind == .perpetual ? nil : .oneYear,
                 quantity: 2, unitPrice: decimal("1000.00"), currency: currency, cancelledAt: cancelledAt.map(at))
    }

    static func page(_ purchases: [Purchase], asOf: String, language: PortalLanguage = .en,
                     customers: [Customer] = [contoso, wingtip]) async throws -> CancellationDeskPage {
        let site = SiteEvaluation.evaluate(PortalInput(site: SiteSettings(partnerName: "Northwind"), customers: customers,
                                                       purchases: purchases, excludedMarkets: []), asOf: at(asOf))
        let templates = try await TemplateSet.load(from: Repository.templates)
        return CancellationDeskPage(site, format: LocaleFormat(catalogue: templates.catalogue(for: language)))
    }

    static func facts(_ entry: DeskEntry) -> [String: String] {
        Dictionary(uniqueKeysWithValues: entry.facts.map { ($0.label, $0.value) })
    }

    @Test("R2: a subscription's entry has the customer, its tenant and domain, the subscription's name and ID; no order ID")
    func subscriptionFacts() async throws {
        let page = try await Self.page([Self.line("ORD-1", bought: "2026-11-20T12:00:00Z")], asOf: "2026-11-25T09:00:00Z")
        let entry = try #require(page.open.first)
        #expect(entry.facts.map(\.label) == ["Customer", "Tenant ID", "Domain", "Subscription", "Window", "Refund", "Role required"])
        let facts = Self.facts(entry)
        #expect(facts["Customer"] == "Contoso")
        #expect(facts["Tenant ID"] == Self.contoso.id)
        #expect(facts["Domain"] == "contoso.example")
        #expect(facts["Subscription"] == "Windows Server 2025 Standard - 16 Core License Pack (ID sub-1)")
        #expect(facts["Window"] == "Can be cancelled until Nov 27, 2026, 12:00 UTC — in 2 days")
        #expect(facts["Role required"] == "Admin Agent")
        // R3: 2,000.00 x (term end - as-of) / term length, excl. tax (R15), with the currency.
        #expect(facts["Refund"]?.hasPrefix("If cancelled now: €1,973.29, excl. tax,") == true, "\(facts["Refund"] ?? "")")
        #expect(facts["Refund"]?.hasSuffix("(currency EUR)") == true)
        #expect(entry.steps.count == 6)
        #expect(entry.steps[1] == "Select Contoso in the list.")
        #expect(entry.steps[2] == "Select the subscription Windows Server 2025 Standard - 16 Core License Pack.")
        #expect(entry.steps[3].contains("Cancel subscription"))
        #expect(entry.steps[4].contains("Yes, cancel"))
        #expect(entry.steps[5].contains("Submit") && entry.steps[5].contains("15 minutes"))
        #expect(entry.anchor == "order-ORD-1-line-0")
    }

    @Test("R4: a perpetual purchase's entry has the product name and the order ID, the full price, and the Software page's steps")
    func perpetualFacts() async throws {
        let page = try await Self.page([Self.line("ORD-9", line: 1, kind: .perpetual, product: "SQL Server 2022 Standard", bought: "2026-11-20T12:00:00Z")],
                                       asOf: "2026-11-25T09:00:00Z")
        let entry = try #require(page.open.first)
        #expect(entry.facts.map(\.label) == ["Customer", "Tenant ID", "Domain", "Product", "Order ID", "Window", "Refund", "Role required"])
        let facts = Self.facts(entry)
        #expect(facts["Product"] == "SQL Server 2022 Standard")
        #expect(facts["Order ID"] == "ORD-9")
        #expect(facts["Window"] == "Can be cancelled until Dec 20, 2026, 12:00 UTC — in 25 days")
        #expect(facts["Refund"] == "If cancelled now: €2,000.00, excl. tax, the full price: no early termination fee (currency EUR)")
        #expect(entry.steps[1].contains("then Software"))
        #expect(entry.steps[2] == "Find SQL Server 2022 Standard and select Cancel; a dialog opens.")
        #expect(entry.steps[3].contains("select ORD-9"))
        #expect(entry.steps[5].contains("repeat steps 3 to 5"))
        #expect(entry.anchor == "order-ORD-9-line-1")
    }

    @Test("A subscription whose ID the export lacks says so; a customer without a domain has no domain line")
    func missingIds() async throws {
        let page = try await Self.page([Self.line("ORD-1", customer: Self.wingtip, subscriptionId: nil, bought: "2026-11-20T12:00:00Z", currency: Currency(code: "AUD")!)],
                                       asOf: "2026-11-25T09:00:00Z")
        let entry = try #require(page.open.first)
        #expect(entry.facts.map(\.label) == ["Customer", "Tenant ID", "Subscription", "Window", "Refund", "Role required"])
        #expect(Self.facts(entry)["Subscription"] == "Windows Server 2025 Standard - 16 Core License Pack (its ID is not in the export)")
        // R15: Australian prices include tax.
        #expect(Self.facts(entry)["Refund"]?.hasPrefix("If cancelled now: A$1,973.29, incl. tax,") == true)
    }

    @Test("The countdown as the site words it: hours under 48 h, days from 48 h; urgent within 72 h", arguments: [
        // as-of for a deadline of 2026-11-27T12:00:00Z
        ("2026-11-27T11:59:59Z", "today, less than a minute left", "processing"),
        ("2026-11-25T12:00:01Z", "47 hours left", "processing"),           // 48 h - 1 s
        ("2026-11-25T12:00:00Z", "in 2 days", "processing"),               // exactly 48 h
        ("2026-11-24T12:00:00Z", "in 3 days", "processing"),               // exactly 72 h: still urgent
        ("2026-11-24T11:59:59Z", "in 3 days", "active"),                   // 72 h + 1 s
    ])
    func countdown(asOf: String, badge: String, badgeClass: String) async throws {
        let page = try await Self.page([Self.line("ORD-1", bought: "2026-11-20T12:00:00Z")], asOf: asOf)
        let entry = try #require(page.open.first)
        #expect(entry.badge == badge)
        #expect(entry.badgeClass == badgeClass)
        #expect(Self.facts(entry)["Window"] == "Can be cancelled until Nov 27, 2026, 12:00 UTC — \(badge)")
        #expect(entry.facts.first { $0.label == "Window" }?.emphasis == (badgeClass == "processing"))
    }

    @Test("Open windows soonest first; closed ones latest first, with no steps; processing (R10); RedHat/SUSE apart (R5)")
    func sections() async throws {
        let page = try await Self.page([
            Self.line("LATER", bought: "2026-11-24T00:00:00Z"),
            Self.line("SOONER", bought: "2026-11-19T00:00:00Z"),
            Self.line("PERPETUAL", kind: .perpetual, bought: "2026-11-01T00:00:00Z"),
            Self.line("CLOSED-6", bought: "2026-11-12T09:00:00Z"),       // window closed 2026-11-19T09:00: 6 days ago
            Self.line("CLOSED-1", bought: "2026-11-17T09:00:00Z"),       // closed 1 day ago
            Self.line("CLOSED-8", bought: "2026-11-10T09:00:00Z"),       // closed 8 days ago: not listed
            Self.line("CANCELLING", bought: "2026-11-20T00:00:00Z", cancelledAt: "2026-11-25T08:50:00Z"),
            Self.line("CANCELLED", bought: "2026-11-20T00:00:00Z", cancelledAt: "2026-11-25T08:45:00Z"),
            Self.line("SUSE", kind: .softwarePlan, product: "SUSE Linux Enterprise Server", publisher: "SUSE", bought: "2026-11-24T00:00:00Z"),
        ], asOf: "2026-11-25T09:00:00Z")
        #expect(page.open.map(\.anchor) == ["order-SOONER-line-0", "order-LATER-line-0", "order-PERPETUAL-line-0"])
        #expect(page.closed.map(\.anchor) == ["order-CLOSED-1-line-0", "order-CLOSED-6-line-0"])
        #expect(page.closed.allSatisfy { !$0.hasSteps && $0.steps.isEmpty && $0.badge == "Closed" })
        #expect(Self.facts(page.closed[1])["Window"] == "Cancellation window closed on Nov 19, 2026, 09:00 UTC")
        #expect(Self.facts(page.closed[1])["A late request"]?.contains("the whole term is billed") == true)
        #expect(page.processing.map(\.anchor) == ["order-CANCELLING-line-0"])
        let processing = Self.facts(page.processing[0])
        #expect(processing["Cancelled"] == "Nov 25, 2026, 08:50 UTC; may not show in Partner Center before Nov 25, 2026, 09:05 UTC")
        #expect(processing["After the cancellation"]?.contains("uninstall it, and delete its downloads and download links") == true)
        #expect(processing["Credit"] != nil)
        #expect(page.neverCancellable.map(\.anchor) == ["order-SUSE-line-0"])
        #expect(Self.facts(page.neverCancellable[0])["Cancellation"] == "A SUSE plan cannot be cancelled or exchanged")
        #expect(page.totals == "3 open, 1 processing, 2 closed in the last 7 days, 1 that can never be cancelled.")
    }

    @Test("Anchors are stable, distinct for distinct order lines, and plain ASCII whatever the order id")
    func anchors() {
        let ids = ["ORD-1", "ord-1", "ORD_1", "ORD 1", "ORD_5F1", "\"><script>", "ORD-1-line-0", "Ünïcode", "", "a/../b"]
        var anchors: Set<String> = []
        for id in ids {
            for line in [0, 1, 10] {
                let anchor = CancellationDeskPage.anchor(orderId: id, line: line)
                #expect(anchor.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "\(anchor)")
                #expect(anchors.insert(anchor).inserted, "\(id) line \(line): \(anchor) taken")
                #expect(anchor == CancellationDeskPage.anchor(orderId: id, line: line))
            }
        }
        #expect(CancellationDeskPage.anchor(orderId: "ORD 1", line: 0) == "order-ORD_201-line-0")
    }

    @Test("In French, from the documentation's own words")
    func french() async throws {
        let page = try await Self.page([Self.line("ORD-1", bought: "2026-11-20T12:00:00Z")], asOf: "2026-11-25T09:00:00Z", language: .fr)
        let entry = try #require(page.open.first)
        #expect(entry.facts.map(\.label) == ["Client", "ID du locataire", "Domaine", "Abonnement", "Fenêtre", "Remboursement", "Rôle requis"])
        #expect(entry.steps[3] == "Dans la section État, sélectionnez Annuler l'abonnement ; une boîte de dialogue s'affiche.")
        #expect(page.title == "Northwind – guichet des annulations")
    }

    @Test("The contact for support requests, and which site.json keys are missing")
    func contact() async throws {
        let page = try await Self.page([], asOf: "2026-11-25T09:00:00Z")
        #expect(page.contactText == "Contact given in support requests (site.json): —. Missing: contactName, contactEmail, contactPhone.")
        #expect(!page.hasOpen && !page.hasClosed && !page.hasProcessing && !page.hasNeverCancellable)
    }
}
