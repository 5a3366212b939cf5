import PortalSupport

/// The activity log: every event as read, stored by column with each distinct text kept once.
///
/// A partner's log holds a million events a quarter but only a few thousand distinct users,
/// customers and products. As `[ActivityEvent]` that is about 200 bytes an event plus a heap
/// string for every user name; here it is 48 bytes an event, so a 150 MB log takes about 50 MB.
/// Events are rebuilt on access, sharing the stored strings.
public struct ActivityLog: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    private var instants: [Int64] = []
    /// `Column.allCases.count` text numbers per event; 0 is "absent".
    private var textNumbers: [UInt32] = []
    /// The CSV line of each event; for JSON, 0, or −(n + 1) when the event's path is its stored
    /// path then `[n]`: a million elements of one array share their array's path.
    private var lines: [Int32] = []
    private var texts = InternedTexts()

    private enum Column: Int, CaseIterable {
        case user, action, status, customerId, customerName, orderId, product, file, jsonPath
    }

    public init() {}

    public init(_ events: some Sequence<ActivityEvent>) {
        for event in events { append(event) }
    }

    public init(arrayLiteral events: ActivityEvent...) {
        self.init(events)
    }

    public mutating func append(_ event: ActivityEvent) {
        instants.append(event.at.millisecondsSinceEpoch)
        let element = event.source.line == nil ? event.source.jsonPath.flatMap(Self.arrayElement) : nil
        for column in Column.allCases {
            textNumbers.append(texts.number(of: column == .jsonPath && element != nil ? element!.array : text(of: event, column)))
        }
        lines.append(element.map { -1 - $0.index } ?? event.source.line.map { Int32(clamping: $0) } ?? 0)
    }

    /// `$.items[12]` as `$.items` and 12; nil for a path that does not end with an index written
    /// as a number is (`[012]` would not come back the same).
    private static func arrayElement(_ path: String) -> (array: String, index: Int32)? {
        let bytes = path.utf8
        guard bytes.last == UInt8(ascii: "]"), let open = bytes.lastIndex(of: UInt8(ascii: "[")) else { return nil }
        let digits = bytes[bytes.index(after: open)..<bytes.index(before: bytes.endIndex)]
        guard (1...9).contains(digits.count), digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        let index = digits.reduce(Int32(0)) { $0 * 10 + Int32($1 - UInt8(ascii: "0")) }
        return (String(path[..<open]), index)
    }

    private func text(of event: ActivityEvent, _ column: Column) -> String? {
        switch column {
        case .user: event.user
        case .action: event.action
        case .status: event.status
        case .customerId: event.customerId
        case .customerName: event.customerName
        case .orderId: event.orderId
        case .product: event.product
        case .file: event.source.file
        case .jsonPath: event.source.jsonPath
        }
    }

    /// How many distinct texts the log stores (users, actions, files, paths…): what the memory a
    /// log takes grows with, beside its 48 bytes an event.
    public var distinctTextCount: Int { texts.count }

    public var startIndex: Int { 0 }
    public var endIndex: Int { instants.count }

    /// When the event at `position` happened, without rebuilding the event: a period's events are
    /// picked out of a million this way.
    public func instant(at position: Int) -> Instant {
        Instant(millisecondsSinceEpoch: instants[position])
    }

    /// The log without the events after `instant`, and the positions of those left out (docs/rules.md,
    /// "Time": the site is as of its as-of). The log itself, uncopied, when no event is later.
    public func keepingEvents(through instant: Instant) -> (log: ActivityLog, later: [Int]) {
        let limit = instant.millisecondsSinceEpoch
        guard instants.contains(where: { $0 > limit }) else { return (self, []) }
        var kept = ActivityLog()
        var later: [Int] = []
        for position in indices {
            if instants[position] > limit { later.append(position) } else { kept.append(self[position]) }
        }
        return (kept, later)
    }

    public subscript(position: Int) -> ActivityEvent {
        let base = position * Column.allCases.count
        func text(_ column: Column) -> String? { texts[textNumbers[base + column.rawValue]] }
        let line = lines[position]
        let path = line < 0 ? text(.jsonPath).map { "\($0)[\(-1 - line)]" } : text(.jsonPath)
        return ActivityEvent(
            at: Instant(millisecondsSinceEpoch: instants[position]), user: text(.user)!, action: text(.action)!,
            status: text(.status)!, customerId: text(.customerId), customerName: text(.customerName),
            orderId: text(.orderId), product: text(.product),
            source: SourceLocation(file: text(.file)!, line: line <= 0 ? nil : Int(line), jsonPath: path))
    }
}
