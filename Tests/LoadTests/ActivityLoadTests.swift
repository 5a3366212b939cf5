import Foundation
import PortalRecords
import Testing
@testable import PortalLoad

@Suite("Activity log")
struct ActivityLoadTests {
    @Test("Partner Center's spellings of the R12 operation types read as one; other actions stay as written", arguments: [
        ("get_software_key", "get_software_key"),
        ("getSoftwareKey", "get_software_key"),
        ("GET_SOFTWARE_KEY", "get_software_key"),
        ("Get Software Key", "get_software_key"),
        ("get-software-download-link", "get_software_download_link"),
        ("GetSoftwareDownloadLink", "get_software_download_link"),
        ("get_software_keys", "get_software_keys"),
        ("UpdateSubscription", "UpdateSubscription"),
        ("Clé logicielle", "Clé logicielle"),
    ])
    func actionSpellings(text: String, expected: String) {
        #expect(ActivityLoader.normalizedAction(text) == expected)
    }

    @Test("A long CSV log is streamed into the log: every event kept, errors at their line")
    func streamedLog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("activity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "customer_id,name,country\nc1,Contoso,FR\n".write(to: folder.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        try "order_id,customer_id,product,kind,purchased_at,quantity,unit_price,currency\n".write(
            to: folder.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
        // Over two chunks, so that records cross a chunk boundary; one bad timestamp near the end.
        let count = 40_000
        var text = "at,user,action,status,customer_id\n"
        for index in 0..<count {
            let minute = index % 60, hour = (index / 60) % 24
            let at = index == count - 2 ? "2026-13-01T00:00:00Z" : "2026-11-0\(1 + index % 9)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z"
            text += "\(at),user\(index % 7)@partner.example,\(index % 2 == 0 ? "getSoftwareKey" : "\"Update, Subscription\""),succeeded,c1\n"
        }
        #expect(text.utf8.count > CSVStream.chunkSize)
        try text.write(to: folder.appendingPathComponent("activity.csv"), atomically: true, encoding: .utf8)

        let (input, diagnostics) = try DataFolder(url: folder).read()
        #expect(input.activity.count == count - 1)
        #expect(diagnostics.errors.map(\.location.description) == ["activity.csv:\(count):1"])
        let last = try #require(input.activity.last)
        #expect(last.source.line == count + 1)
        #expect(last.action == "Update, Subscription")
        #expect(input.activity[0].action == ActivityEvent.keyAction)
        #expect(input.activity[0].user == "user0@partner.example")
    }
}
