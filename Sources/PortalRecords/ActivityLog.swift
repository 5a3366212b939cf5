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
    private var texts = TextTable()

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

/// Distinct texts, each stored once and named by a number; 0 names no text.
private struct TextTable: Sendable {
    private var texts: [String] = [""]
    private var numbers: [String: UInt32] = [:]

    mutating func number(of text: String?) -> UInt32 {
        guard let text else { return 0 }
        if let number = numbers[text] { return number }
        let number = UInt32(texts.count)
        texts.append(text)
        numbers[text] = number
        return number
    }

    subscript(number: UInt32) -> String? {
        number == 0 ? nil : texts[Int(number)]
    }
}
