import Foundation
import PortalTestSupport
import Testing

/// `csp-portal support-request` run as the partner runs it, on the sample data.
@Suite("csp-portal support-request")
struct SupportRequestCommandTests {
    static func run(_ arguments: [String]) throws -> CSPPortalCommand.Run {
        try CSPPortalCommand.run(["support-request"] + arguments)
    }

    @Test("A subscription in its window: the documentation's fields, the refund estimate (R3) and site.json's contact")
    func text() throws {
        let run = try Self.run(["--order", "ORD-2026-1088", "--reason", "The customer ordered the wrong edition"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Problem type: CSP offers purchase/refund on behalf of customers")
        #expect(lines.contains("Title: Refund request: SQL Server 2022 Standard Core - 2 Core License Pack for O'Brien & Daughters Ltd"))
        #expect(lines.contains("Customer tenant ID: 5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"))
        #expect(lines.contains("Customer domain name: obrien-daughters.ie"))
        #expect(lines.contains("Order ID: ORD-2026-1088 (line 0)"))
        #expect(lines.contains("Subscription ID: a9d3f1e0-0002-4c1b-9f00-000000000002"))
        #expect(lines.contains("Refund reason: The customer ordered the wrong edition"))
        #expect(lines.contains { $0.hasPrefix("Amount requested: €7,318.01 (EUR, excl. tax), the term price prorated") })
        #expect(lines.contains("Cancellation window: open until Nov 26, 2026, 14:00 UTC (tomorrow, 29 hours left)"))
        #expect(lines.suffix(4) == ["Name: Amélie Durand", "E-mail: portal@northwind-cloud.example", "Phone: +33 1 84 88 20 00", ""])
    }

    @Test("--json gives the same fields; --amount and --lang fr; the window as of --as-of, passed")
    func json() throws {
        let run = try Self.run(["--order", "ORD-2026-1088", "--line", "0", "--reason", "Erreur de commande", "--amount", "100,5",
                                "--lang", "fr", "--json", "--as-of", "2026-11-26T14:00:00Z"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["problemType"] as? String == "Achat/remboursement d'offres CSP pour le compte de clients")
        #expect(object["title"] as? String == "Demande de remboursement : SQL Server 2022 Standard Core - 2 Core License Pack pour O'Brien & Daughters Ltd")
        #expect(object["tenantId"] as? String == "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
        #expect(object["domain"] as? String == "obrien-daughters.ie")
        #expect(object["orderId"] as? String == "ORD-2026-1088")
        #expect(object["subscriptionId"] as? String == "a9d3f1e0-0002-4c1b-9f00-000000000002")
        #expect(object["reason"] as? String == "Erreur de commande")
        #expect(object["amount"] as? String == "100.50")
        #expect(object["currency"] as? String == "EUR")
        #expect(object["amountBasis"] as? String == "given")
        #expect(object["cancellationDeadline"] as? String == "2026-11-26T14:00:00Z")
        #expect(object["windowPassed"] as? Bool == true)
        #expect(object["cancellable"] as? Bool == false)
        #expect(object["neverCancellable"] as? Bool == false)
        #expect(object["asOf"] as? String == "2026-11-26T14:00:00Z")
        let contact = try #require(object["contact"] as? [String: Any])
        #expect(contact["name"] as? String == "Amélie Durand" && contact["phone"] as? String == "+33 1 84 88 20 00")
        let description = try #require(object["description"] as? String)
        #expect(description.contains("Fenêtre d'annulation : fermée le 26 nov. 2026 à 14:00 UTC ; elle est passée"))
        #expect(description.contains("Montant demandé : 100,50\u{A0}€ (EUR, HT)"))
    }

    @Test("A RedHat plan: the request is written and says it cannot be cancelled or exchanged (R5)")
    func redHat() throws {
        let run = try Self.run(["--order", "ORD-2026-1110", "--reason", "Plan no longer needed"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Cancellation window: none; this RedHat/SUSE software plan cannot be cancelled or exchanged"))
        #expect(run.standardOutput.contains("Amount requested: to be stated"))
        #expect(run.standardError.contains("note: no amount"))
    }

    @Test("A cancellation processing (R10): the credit is the amount")
    func processing() throws {
        let run = try Self.run(["--order", "ORD-2026-1120", "--reason", "Cancelled", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "cancellation_processing")
        #expect(object["amountBasis"] as? String == "credit")
        #expect(object["amount"] as? String == "6142.70")
    }

    @Test("An unknown order or line is a data error (65) with the closest ids; an order of several lines needs --line (64)", arguments: [
        (["--order", "ORD-2026-110"], Int32(65), "Closest order ids: \"ORD-2026-1101\", \"ORD-2026-1109\", \"ORD-2026-1110\"."),
        (["--order", "ord-2026-1088"], 65, "Closest order ids: \"ORD-2026-1088\""),
        (["--order", "ORD-2026-1088", "--line", "3"], 65, "order ORD-2026-1088 has no line 3; its lines: 0."),
        (["--order", "ORD-2026-1101"], 64, "order ORD-2026-1101 has lines 0, 1; say which with --line."),
        (["--order", "ORD-2026-1088", "--amount", "12.345"], 64, "--amount: expected an amount in EUR"),
        (["--order", "ORD-2026-1088", "--lang", "de"], 64, "--lang: expected en or fr"),
    ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let run = try Self.run(arguments + ["--reason", "x"])
        #expect(run.status == status, "\(run.standardError)")
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test("Data with an error is reported as a build reports it (65), and nothing is printed")
    func badData() throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Contoso,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,software_assurance\n"
                + "O1,C1,Windows Server 2025 Standard,subscription,2026-11-24,P1Y,1,10.00,EUR,maybe\n",
        ])
        let run = try Self.run(["--data", data.path, "--order", "O1", "--reason", "x"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("orders.csv:2:10: error: software_assurance: expected true, false or empty (maybe)"), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }
}
