import Foundation
import PortalLoad
import PortalPipeline
import PortalRender
import PortalWrite
import PortalTestSupport
import Testing

@Suite("Exit codes and validate")
struct ExitStatusTests {
    @Test("Each failure maps to its sysexits code")
    func codes() {
        #expect(ExitStatus.code(for: InvalidInput(diagnostics: [])) == 65)
        #expect(ExitStatus.code(for: MissingInput(description: "x")) == 66)
        #expect(ExitStatus.code(for: OutputError(description: "x")) == 73)
    }

    @Test("validate reports load and rule problems together, sorted by file and line, and writes nothing")
    func validate() throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": """
                order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,activation,billing,publisher,cancelled_at,auto_renew
                O1,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR,KMS,,,,
                O2,C1,WS,subscription,2026-01-01,P1Y,1,10.00,EUR,,monthly,,,
                O3,C1,RHEL,software_plan,2026-01-01,P1Y,1,10.00,EUR,,,RedHat,2026-01-02,
                O4,C1,WS,subscription,2020-01-01,P1Y,1,10.00,EUR,,,,,true
                O5,C9,WS,subscription,2026-01-01,P1Y,1,10.00,EUR,,,,,

                """,
        ])
        let report = try SiteBuilder.validate(BuildOptions(dataFolder: data, outputFolder: scratch.site, templatesFolder: Repository.templates))
        #expect(report.diagnostics.map(\.description) == [
            "orders.csv:2:10: error: activation: KMS is never available in CSP; CSP purchases activate with MAK (R13) (KMS)",
            "orders.csv:3:11: error: billing: R9 offers annual for this purchase (monthly)",
            "orders.csv:4:13: error: cancelled_at: a RedHat plan can never be cancelled (R5) (2026-01-02T00:00:00Z)",
            "orders.csv:5:14: warning: auto_renew: bought before 2021-10-14, so it never renews; the input's true is ignored (R6) (true)",
            "orders.csv:6:2: error: customer_id: unknown customer: no such customer_id in customers (C9)",
        ])
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }

    @Test("A value from the input reaches the terminal with its control characters shown, never as commands to the terminal")
    func terminalEscapes() throws {
        let scratch = try Scratch()
        // Erase the error's line, go up one, and print a success instead; then ring the bell.
        let hostile = "1\u{1B}[2K\u{1B}[1A\r0 errors\u{7}\u{9B}2J"
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
                + "O1,C1,WS,subscription,2026-01-01,P1Y,\"\(hostile)\",10.00,EUR\n",
        ])
        let run = try CSPPortalCommand.run(["validate", "--data", data.path])
        #expect(run.status == 65)
        #expect(!run.standardError.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "\(run.standardError.debugDescription)")
        #expect(run.standardError.contains(#"orders.csv:2:7: error: quantity: expected a whole number from 1 to 1000000 (1\u{1B}[2K\u{1B}[1A\u{D}0 errors\u{7}\u{9B}2J)"#),
                "\(run.standardError.debugDescription)")
    }

    @Test("The sample validates clean but for R6's warning")
    func sample() throws {
        let report = try SiteBuilder.validate(BuildOptions(dataFolder: Repository.data, outputFolder: URL(fileURLWithPath: "/nonexistent"), templatesFolder: Repository.templates))
        #expect(report.diagnostics.errors.isEmpty)
        #expect(report.diagnostics.count == 1)
        #expect(report.customerCount == 11)
    }
}
