import PortalRecords

/// How the as-of was chosen: a record after it means a past as-of was asked for, or, when it is
/// the clock's, that the export's dates are wrong.
public enum AsOfOrigin: Sendable {
    /// `--as-of` or `site.json`'s `asOf`.
    case given
    /// Now: nothing was given.
    case clock
}

/// The records dated after the as-of, which have not happened at it (docs/rules.md, "Time":
/// the site is as of its as-of). What is left out is said: one warning per input file and
/// kind of record, with the count and the first lines.
struct LaterRecords {
    enum Kind: CaseIterable {
        /// An order line bought later: on no page, in no count.
        case purchase
        /// A `cancelled_at` later: the purchase is shown as not cancelled.
        case cancellation
        /// A device whose last KMS activation is later: not shown.
        case device
        /// A `mak_deployed_at` later: the device is shown as still on KMS.
        case makDeployment
        /// An activity-log event later: not counted.
        case activityEvent
    }

    /// How many locations a warning lists before `…`.
    static let listedLocations = 5

    let asOf: Instant
    let origin: AsOfOrigin
    private var found: [Key: (count: Int, first: [SourceLocation])] = [:]

    private struct Key: Hashable {
        let file: String
        let kind: Kind
    }

    init(asOf: Instant, origin: AsOfOrigin) {
        self.asOf = asOf
        self.origin = origin
    }

    /// Whether `instant` is after the as-of: a record at the as-of has happened, one a millisecond
    /// later has not.
    func isLater(_ instant: Instant) -> Bool { instant > asOf }

    mutating func note(_ kind: Kind, at location: SourceLocation) {
        let key = Key(file: location.file, kind: kind)
        var entry = found[key] ?? (0, [])
        entry.count += 1
        // The first lines of the file, whatever order the records came in.
        if entry.first.count < Self.listedLocations || location < entry.first[entry.first.count - 1] {
            entry.first.insert(location, at: entry.first.firstIndex { location < $0 } ?? entry.first.count)
            if entry.first.count > Self.listedLocations { entry.first.removeLast() }
        }
        found[key] = entry
    }

    /// One warning per file and kind:
    /// `orders.csv: warning: 738 lines purchased after the as-of 2026-10-20T00:00:00Z are not shown (lines 14, 27, …)`.
    /// Sorted by file, then kind, so that the bytes never depend on a dictionary's order.
    var warnings: [Diagnostic] {
        found.sorted { a, b in
            a.key.file != b.key.file ? a.key.file.utf8.lexicographicallyPrecedes(b.key.file.utf8)
                : Kind.allCases.firstIndex(of: a.key.kind)! < Kind.allCases.firstIndex(of: b.key.kind)!
        }.map { key, entry in
            Diagnostic.warning(at: SourceLocation(file: key.file), message(key.kind, count: entry.count, first: entry.first))
        }
    }

    private func message(_ kind: Kind, count: Int, first: [SourceLocation]) -> String {
        let one = count == 1
        let when = origin == .given ? "the as-of \(asOf.iso8601)" : "now (\(asOf.iso8601))"
        var text: String
        switch kind {
        case .purchase:
            text = "\(count) \(one ? "line" : "lines") purchased after \(when) \(one ? "is" : "are") not shown"
        case .cancellation:
            text = "\(count) \(one ? "cancellation" : "cancellations") dated after \(when) \(one ? "has" : "have") not happened yet: "
                + "\(one ? "the purchase is" : "those purchases are") shown as not cancelled"
        case .device:
            text = "\(count) \(one ? "device" : "devices") last activated by KMS after \(when) \(one ? "is" : "are") not shown"
        case .makDeployment:
            text = "\(count) MAK \(one ? "deployment" : "deployments") dated after \(when) \(one ? "has" : "have") not happened yet: "
                + "\(one ? "the device is" : "those devices are") shown as still on KMS"
        case .activityEvent:
            text = "\(count) \(one ? "event" : "events") after \(when) \(one ? "is" : "are") not counted"
        }
        text += " (\(Self.describe(first, more: count > first.count)))"
        if origin == .clock {
            text += ": a date in the future points at a wrong clock or time zone in the export "
                + "(timestamps without an offset are read in --timezone, UTC by default)"
        }
        return text
    }

    /// `lines 14, 27, …`, `line 14`, `$[3], $[7]`.
    static func describe(_ locations: [SourceLocation], more: Bool) -> String {
        let lines = locations.compactMap(\.line)
        var items: [String]
        if lines.count == locations.count {
            items = lines.map(String.init)
            if let first = items.first { items[0] = (lines.count == 1 && !more ? "line " : "lines ") + first }
        } else {
            items = locations.map { $0.jsonPath ?? $0.line.map(String.init) ?? "?" }
        }
        if more { items.append("…") }
        return items.joined(separator: ", ")
    }
}
