import Foundation
import PortalPipeline
import PortalRecords
import PortalTestSupport
import Testing

/// An amount or a date that cannot be shown stops the build with its line and field (exit 65)
/// instead of a clamped 92,233,720,368,547,758.07 or a year 10000 on every page (#17).
@Suite("Amounts and dates that do not fit, whole builds")
struct SiteLimitsTests {
    static let data = [
        "customers.csv": "customer_id,name,country\nC1,Alpha,FR\n",
        "orders.csv": """
            order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency
            O1,C1,Windows Server 2025 Standard,subscription,2026-11-20,P1Y,1000000,999999999999999,EUR
            O2,C1,SQL Server 2022 Standard,subscription,9999-06-01,P1Y,1,10.00,EUR
            O3,C1,SQL Server 2022 Standard,subscription,2026-11-20,P1Y,92,999999999999999,EUR

            """,
    ]

    @Test("validate names the line and field of each")
    func validate() throws {
        let scratch = try Scratch()
        let report = try SiteBuilder.validate(BuildOptions(dataFolder: try scratch.dataFolder(Self.data), outputFolder: scratch.site,
                                                           templatesFolder: Repository.templates,
                                                           asOf: Instant(CivilDate(year: 2026, month: 11, day: 25)!)))
        // O2, bought after the as-of, has not happened (R7's year-10000 check is in RulesTests/LimitsTests).
        #expect(report.diagnostics.map(\.description) == [
            "orders.csv: warning: 1 line purchased after the as-of 2026-11-25T00:00:00Z is not shown (line 3)",
            "orders.csv:2:8: error: unit_price: unit_price x quantity (1000000) is more than the largest amount csp-portal can show, 92233720368547758.07 EUR (999999999999999)",
        ])
    }

    @Test("build exits 65 and writes nothing")
    func build() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder(Self.data)
        await #expect {
            try await scratch.build(data: data, asOf: Instant(CivilDate(year: 2026, month: 11, day: 25)!))
        } throws: { error in
            ExitStatus.code(for: error) == 65
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.site.path))
    }
}
