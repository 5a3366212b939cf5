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
    /// The CSV line of each event, 0 for JSON.
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
        for column in Column.allCases {
            textNumbers.append(texts.number(of: text(of: event, column)))
        }
        lines.append(event.source.line.map { Int32(clamping: $0) } ?? 0)
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
        return ActivityEvent(
            at: Instant(millisecondsSinceEpoch: instants[position]), user: text(.user)!, action: text(.action)!,
            status: text(.status)!, customerId: text(.customerId), customerName: text(.customerName),
            orderId: text(.orderId), product: text(.product),
            source: SourceLocation(file: text(.file)!, line: line == 0 ? nil : Int(line), jsonPath: text(.jsonPath)))
    }
}
