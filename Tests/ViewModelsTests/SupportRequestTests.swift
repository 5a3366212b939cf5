import Foundation
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalTestSupport
import Testing

/// `csp-portal support-request`'s content: the fields the documentation asks for, the amount
/// (given, else R3/R4's estimate or credit), the window and whether it has passed, R5's plans.
@Suite("Support request")
struct SupportRequestTests {
    static let customer = CancellationDeskPageTests.contoso
    static let site = SiteSettings(partnerName: "Northwind", contactEmail: "desk@northwind.example", contactName: "Amélie Durand",
                                   contactPhone: "+33 1 84 88 20 00")

    static func request(_ line: Purchase, asOf: String, reason: String = "Ordered by mistake", amount: Money? = nil,
                        settings: SiteSettings = site, language: PortalLanguage = .en) async throws -> SupportRequest {
        let evaluated = SiteEvaluation.evaluate(PortalInput(site: settings, customers: [customer], purchases: [line], excludedMarkets: []),
                                                asOf: at(asOf))
        let templates = try await TemplateSet.load(from: Repository.templates)
        guard case .found(let owner, let purchase) = SupportRequest.find(orderId: line.orderId, line: line.line, in: evaluated) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return SupportRequest(customer: owner, purchase: purchase, reason: reason, amount: amount, site: settings, asOf: at(asOf),
                              format: LocaleFormat(catalogue: templates.catalogue(for: language)))
    }

    static let subscription = CancellationDeskPageTests.line("ORD-1", bought: "2026-11-20T12:00:00Z")

    @Test("Open window: the refund estimate with its currency and tax basis (R3, R15), the window and the contact")
    func openWindow() async throws {
        let request = try await Self.request(Self.subscription, asOf: "2026-11-25T09:00:00Z")
        #expect(request.amountBasis == .refundEstimate)
        #expect(request.amount == Money(minorUnits: 197_329, currency: eur))
        #expect(!request.windowPassed && request.cancellable && !request.neverCancellable)
        #expect(request.text == """
            Problem type: CSP offers purchase/refund on behalf of customers
            Title: Refund request: Windows Server 2025 Standard - 16 Core License Pack for Contoso

            Description:
            Customer: Contoso
            Customer tenant ID: 3f2a8c1e-5b7d-4e21-9c3a-0d1e2f3a4b5c
            Customer domain name: contoso.example
            Product: Windows Server 2025 Standard - 16 Core License Pack
            Order ID: ORD-1 (line 0)
            Subscription ID: sub-1
            Refund reason: Ordered by mistake
            Amount requested: €1,973.29 (EUR, excl. tax), the term price prorated for the time left in the term as of Nov 25, 2026, 09:00 UTC
            Cancellation window: open until Nov 27, 2026, 12:00 UTC (in 2 days)

            Contact:
            Name: Amélie Durand
            E-mail: desk@northwind.example
            Phone: +33 1 84 88 20 00

            """)
    }

    @Test("A given amount wins; a closed window has passed and states no amount of its own", arguments: [
        ("2026-11-27T11:59:59Z", false), ("2026-11-27T12:00:00Z", true),
    ])
    func windowEdge(asOf: String, passed: Bool) async throws {
        let request = try await Self.request(Self.subscription, asOf: asOf)
        #expect(request.windowPassed == passed)
        #expect(request.amountBasis == (passed ? .none : .refundEstimate))
        #expect(request.descriptionLines.last == (passed ? "Cancellation window: closed on Nov 27, 2026, 12:00 UTC; it has passed"
                                                  : "Cancellation window: open until Nov 27, 2026, 12:00 UTC (today, less than a minute left)"))
        if passed { #expect(request.descriptionLines.contains("Amount requested: to be stated")) }
        let given = try await Self.request(Self.subscription, asOf: asOf, amount: Money(minorUnits: 50_000, currency: eur))
        #expect(given.amountBasis == .given)
        #expect(given.descriptionLines.contains("Amount requested: €500.00 (EUR, excl. tax)"))
    }

    @Test("R10, R3: a cancelled subscription asks for the credit computed at its cancellation")
    func credit() async throws {
        let cancelled = CancellationDeskPageTests.line("ORD-1", bought: "2026-11-20T12:00:00Z", cancelledAt: "2026-11-21T12:00:00Z")
        let request = try await Self.request(cancelled, asOf: "2026-11-25T09:00:00Z")
        #expect(request.status == .cancelled)
        #expect(request.amountBasis == .credit)
        #expect(request.amount == Money(minorUnits: 199_452, currency: eur))
        #expect(request.descriptionLines.last == "Cancelled on Nov 21, 2026, 12:00 UTC")
    }

    @Test("R5: a RedHat/SUSE plan's request is written, and says the plan cannot be cancelled or exchanged")
    func neverCancellable() async throws {
        let plan = CancellationDeskPageTests.line("ORD-7", kind: .softwarePlan, product: "Red Hat Enterprise Linux", publisher: "RedHat",
                                                  bought: "2026-11-24T00:00:00Z")
        let request = try await Self.request(plan, asOf: "2026-11-25T09:00:00Z")
        #expect(request.neverCancellable && !request.cancellable && !request.windowPassed)
        #expect(request.amountBasis == .none)
        #expect(request.descriptionLines.last == "Cancellation window: none; this RedHat/SUSE software plan cannot be cancelled or exchanged")
        #expect(request.title == "Refund request: Red Hat Enterprise Linux for Contoso")
    }

    @Test("Missing contact keys are named; the French request uses Partner Center's French problem type")
    func contactAndFrench() async throws {
        let request = try await Self.request(Self.subscription, asOf: "2026-11-25T09:00:00Z", settings: SiteSettings(partnerName: "Northwind"),
                                             language: .fr)
        #expect(request.problemType == "Achat/remboursement d'offres CSP pour le compte de clients")
        #expect(request.contactLines == ["Nom : non indiqué (ajoutez contactName à site.json)",
                                         "E-mail : non indiqué (ajoutez contactEmail à site.json)",
                                         "Téléphone : non indiqué (ajoutez contactPhone à site.json)"])
        #expect(request.text.hasPrefix("Type de problème : Achat/remboursement d'offres CSP pour le compte de clients\nTitre : Demande de remboursement : "))
    }

    @Test("A value cannot add a line to the text nor drive the terminal; JSON keeps it as it was, escaped")
    func hostileValues() async throws {
        let hostile = Purchase(orderId: "ORD-1", customerId: Self.customer.id, product: "Evil\nProblem type: other\u{1B}[2J\u{2028}end",
                               kind: .perpetual, purchasedAt: at("2026-11-20T12:00:00Z"), term: nil, quantity: 1,
                               unitPrice: decimal("10.00"), currency: eur)
        let request = try await Self.request(hostile, asOf: "2026-11-25T09:00:00Z", reason: "line one\r\nline two")
        let lines = request.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("Problem type:") }.count == 1)
        #expect(!request.text.unicodeScalars.contains { $0.value == 0x1B || $0 == "\r" || $0 == "\u{2028}" })
        #expect(request.text.contains("Title: Refund request: Evil Problem type: other [2J end for Contoso"))
        #expect(request.text.contains("Refund reason: line one  line two"))
        let json = JSONWriter.text(request.json)
        #expect(json.contains(#""product": "Evil\nProblem type: other\u001b[2J\u2028end""#), "\(json)")
    }

    @Test("--amount as typed: a point or a comma, no more decimals than the currency has, never negative", arguments: [
        ("1234.56", "EUR", Int64(123_456) as Int64?), ("1234,5", "EUR", 123_450), (" 12 ", "EUR", 1_200), ("0", "EUR", 0),
        ("1234", "JPY", 1_234), ("12.5", "JPY", nil), ("1.234", "EUR", nil), ("-5", "EUR", nil), ("", "EUR", nil),
        ("1 234.56", "EUR", nil), ("1e3", "EUR", nil), (".5", "EUR", nil), ("5.", "EUR", 500), ("١٢", "EUR", nil),
        ("99999999999999999999", "EUR", nil), ("1.2.3", "EUR", nil),
    ])
    func amounts(text: String, code: String, minorUnits: Int64?) {
        let currency = Currency(code: code)!
        #expect(SupportRequest.amount(text, currency: currency) == minorUnits.map { Money(minorUnits: $0, currency: currency) }, "\(text)")
    }

    @Test("Look-up: exact order id; the only line without --line; the closest ids for an unknown order")
    func lookup() {
        let lines = [CancellationDeskPageTests.line("ORD-2026-1101", bought: "2026-11-20T12:00:00Z"),
                     CancellationDeskPageTests.line("ORD-2026-1101", line: 1, bought: "2026-11-20T12:00:00Z"),
                     CancellationDeskPageTests.line("ORD-2026-1110", bought: "2026-11-20T12:00:00Z"),
                     CancellationDeskPageTests.line("ORD-2025-0815", bought: "2025-11-20T12:00:00Z"),
                     CancellationDeskPageTests.line("XYZ", bought: "2025-11-20T12:00:00Z")]
        let site = SiteEvaluation.evaluate(PortalInput(site: Self.site, customers: [Self.customer], purchases: lines, excludedMarkets: []),
                                           asOf: at("2026-11-25T09:00:00Z"))
        guard case .found(_, let found) = SupportRequest.find(orderId: "ORD-2026-1110", line: nil, in: site) else { Issue.record("not found"); return }
        #expect(found.purchase.orderId == "ORD-2026-1110")
        guard case .lineNeeded(let lines) = SupportRequest.find(orderId: "ORD-2026-1101", line: nil, in: site) else { Issue.record("line needed"); return }
        #expect(lines == [0, 1])
        guard case .unknownLine(let known) = SupportRequest.find(orderId: "ORD-2026-1101", line: 5, in: site) else { Issue.record("unknown line"); return }
        #expect(known == [0, 1])
        guard case .unknownOrder(let suggestions) = SupportRequest.find(orderId: "ord-2026-1011", line: nil, in: site) else {
            Issue.record("unknown order"); return
        }
        #expect(suggestions == ["ORD-2026-1101", "ORD-2026-1110", "ORD-2025-0815"])
    }
}
