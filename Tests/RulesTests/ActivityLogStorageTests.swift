import PortalRecords
import Testing

/// The activity log (R12) holds a million events: what each costs once stored.
@Suite("Activity log storage")
struct ActivityLogStorageTests {
    static func event(_ index: Int, path: String?, line: Int? = nil) -> ActivityEvent {
        ActivityEvent(at: Instant(millisecondsSinceEpoch: Int64(index)), user: "a@p.example", action: "get_software_key",
                      source: SourceLocation(file: line == nil ? "activity.json" : "activity.csv", line: line, jsonPath: path))
    }

    @Test("R12 log: the events of one JSON array store the array's path once, not a text per event, as CSV lines do")
    func jsonPathsShareTheirArray() {
        var events: [ActivityEvent] = []
        for index in 0..<5_000 {
            events.append(Self.event(index, path: "$.items[\(index)]"))
            events.append(Self.event(index, path: "$[\(index % 3)].items[\(index)]"))
        }
        let log = ActivityLog(events)
        #expect(Array(log) == events)
        // a@p.example, get_software_key, succeeded, activity.json, $.items, $[0].items, $[1].items, $[2].items.
        #expect(log.distinctTextCount == 8)
    }

    @Test("R12 log: paths that do not end with an index written as a number is come back exactly as written", arguments: [
        "$.items[012]", "$.items[]", "$.items[1234567890]", "$.items[-1]", "$.items[1]x", "$", "$.items", "[7]", "$.é[3]",
        "$.items[2147483647]", "$.items[999999999]", "$.items[0]",
    ])
    func unusualPaths(path: String) {
        let events = [Self.event(0, path: path), Self.event(1, path: nil), Self.event(2, path: nil, line: 7),
                      Self.event(3, path: path)]
        #expect(Array(ActivityLog(events)) == events)
    }
}
