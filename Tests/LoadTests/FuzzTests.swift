import Foundation
import PortalRecords
import PortalSample
import Testing
@testable import PortalLoad

/// Random and mutated input never crashes nor hangs the readers, and always ends in records or
/// diagnostics (issue #6). Seeded, so that a failure replays; `FUZZ_RUNS` raises the count.
@Suite("Readers under random input")
struct FuzzTests {
    static let runs = Int(ProcessInfo.processInfo.environment["FUZZ_RUNS"] ?? "") ?? 1_500

    static let validCSV = Array(#"""
        order_id,line,customer_id,product,kind,purchased_at,term,billing,quantity,unit_price,currency,auto_renew
        O1,0,C1,"Windows Server, ""2025""",subscription,2026-11-20T10:00:00+01:00,P1Y,annual,2,1069.20,EUR,true
        O2,1,C1,SQL Server,perpetual,2026-11-05,,,1,4157,EUR,
        O3,0,C1,"RHEL
        plan",software_plan,2026-01-01,P3Y,triennial,1,"1 000,50",JPY,false

        """#.utf8)

    static let validJSON = Array(#"""
        {"totalCount": 2, "items": [
          {"orderId": "O1", "customerId": "C1", "product": "WS \"2025\"", "kind": "subscription", "purchasedAt": "2026-11-20T10:00:00.1234567Z", "term": "P1Y", "quantity": 2, "unitPrice": 1069.2, "currency": "EUR", "autoRenew": true},
          {"orderId": "O2", "customerId": "C1", "product": "SQL", "kind": "perpetual", "purchasedAt": "2026-11-05", "quantity": "1", "unitPrice": "4157", "currency": "EUR", "autoRenew": null}
        ]}
        """#.utf8)

    static let interesting: [UInt8] = Array(",;\"\n\r\t {}[]:\\0-.Z+eE".utf8) + [0x00, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xC3, 0xA9]

    static func mutate(_ input: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] = interesting.randomElement(using: &random)!
            case 1: bytes.insert(interesting.randomElement(using: &random)!, at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
            default:
                let end = min(bytes.count, position + Int.random(in: 0...40, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }

    func readOrders(_ bytes: [UInt8], format: InputFormat) -> (records: Int, diagnostics: Int) {
        var diagnostics: [Diagnostic] = []
        let records = InputFile(schema: Schemas.orders, format: format).records(in: bytes, diagnostics: &diagnostics)
        let purchases = OrderLoader.load(records, customerIds: CustomerIds(["C1"]), timestamps: TimestampParser(), diagnostics: &diagnostics)
        return (purchases.count, diagnostics.count)
    }

    @Test("Mutated CSV and JSON", arguments: [(InputFormat.csv, UInt64(11)), (.csv, 12), (.json, 21), (.json, 22)])
    func mutated(format: InputFormat, seed: UInt64) {
        let valid = format == .csv ? Self.validCSV : Self.validJSON
        var random = SeededGenerator(state: seed)
        for _ in 0..<Self.runs {
            let input = Self.mutate(valid, &random)
            let (records, diagnostics) = readOrders(input, format: format)
            #expect(records + diagnostics > 0, "\(input)")
        }
    }

    @Test("Random bytes")
    func randomBytes() {
        var random = SeededGenerator(state: 31)
        for _ in 0..<Self.runs {
            let input = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                Bool.random(using: &random) ? Self.interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            for format in InputFormat.allCases {
                let (records, diagnostics) = readOrders(input, format: format)
                #expect(records + diagnostics > 0, "\(format): \(input)")
            }
        }
    }
}
