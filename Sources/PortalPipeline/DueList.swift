import PortalLoad
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels

/// `csp-portal due`: the call list of what falls due within a horizon, in the partner's zone.
public struct DueList: Sendable {
    public struct Row: Sendable {
        public let kind: DueEvent.Kind
        public let customerName: String
        public let customerId: String
        /// The product, or for devices how many (`3 devices`).
        public let product: String
        public let deadline: Instant
        /// The deadline on the partner's wall clock with its offset: `2026-11-27T10:00:00+01:00`.
        public let localDeadline: String
        /// The amount at stake as portal.json writes it (`1234.50`), empty without a price.
        public let amount: String
        public let currency: String
    }

    public let asOf: Instant
    /// The partner's zone the deadlines are written in (site.json's `timeZone`, else UTC).
    public let zone: DisplayZone
    /// By deadline, then customer, product and kind.
    public let rows: [Row]
    /// Data warnings of the input.
    public let warnings: [Diagnostic]

    public static let columns = ["deadline", "kind", "customer", "customerId", "product", "amount", "currency"]

    /// The CSV of the list (RFC 4180, every value quoted when it must be, a formula's first character defused).
    public var csv: String {
        var text = Self.columns.joined(separator: ",") + "\r\n"
        for row in rows {
            text += [row.localDeadline, row.kind.rawValue, row.customerName, row.customerId, row.product, row.amount, row.currency]
                .map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// JSON: `{"asOf", "timeZone", "due": [{…}]}`.
    public var json: String {
        let document = JSONValue.object([
            ("asOf", .string(asOf.iso8601)),
            ("timeZone", .string(zone.identifier)),
            ("due", .array(rows.map { row in
                .object([("deadline", .string(row.localDeadline)), ("kind", .string(row.kind.rawValue)),
                         ("customer", .string(row.customerName)), ("customerId", .string(row.customerId)),
                         ("product", .string(row.product)), ("amount", row.amount.isEmpty ? .null : .string(row.amount)),
                         ("currency", row.currency.isEmpty ? .null : .string(row.currency))])
            })),
        ])
        return JSONWriter.text(document)
    }

    /// A field quoted when it holds a comma, a quote or a line end; one that a spreadsheet would
    /// read as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'` (OWASP's CSV injection advice).
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `2026-11-27T10:00:00+01:00`: `instant` on the wall clock of `zone`.
    static func localTimestamp(_ instant: Instant, in zone: DisplayZone) -> String {
        let (date, time) = zone.wallClock(instant)
        let minutes = zone.offsetMilliseconds(at: instant) / 60_000
        let offset = minutes == 0 ? "Z"
            : (minutes < 0 ? "-" : "+") + Int(abs(minutes) / 60).zeroPadded(2) + ":" + Int(abs(minutes) % 60).zeroPadded(2)
        return "\(date.iso8601)T\(time.hhmmss)\(offset)"
    }
}

extension SiteBuilder {
    /// What falls due in (as-of, as-of + `horizon`] (devices already limited too), of `kinds`.
    /// Throws `MissingInput` (66), or `InvalidInput` (65) when the input has errors.
    public static func due(_ options: BuildOptions, within horizon: Int64, kinds: Set<DueEvent.Kind>,
                           now: @Sendable () -> Instant = Instant.now) throws -> DueList {
        let checked = try check(options, now: now)
        if !checked.diagnostics.errors.isEmpty { throw InvalidInput(diagnostics: checked.diagnostics) }
        let site = checked.site
        let zone = DisplayZone.partner(site: site.site)
        var rows: [DueList.Row] = []
        func add(_ event: DueEvent, _ customer: Customer, _ product: String) {
            guard kinds.contains(event.kind) else { return }
            rows.append(DueList.Row(kind: event.kind, customerName: customer.name, customerId: customer.id, product: product,
                                    deadline: event.deadline, localDeadline: DueList.localTimestamp(event.deadline, in: zone),
                                    amount: event.amount?.plainString ?? "", currency: event.amount?.currency.code ?? ""))
        }
        for customer in site.customers {
            for purchase in customer.purchases {
                for event in Attention.dueEvents(for: purchase.facts, asOf: site.asOf, within: horizon) {
                    add(event, customer.customer, purchase.purchase.product)
                }
            }
            if let devices = Attention.deviceDeadline(customer.devices, asOf: site.asOf, within: horizon) {
                let count = customer.devices.filter { $0.facts.status == .limited || $0.facts.status == .atRisk }.count
                add(devices, customer.customer, "\(count) device\(count == 1 ? "" : "s")")
            }
        }
        rows.sort { a, b in
            if a.deadline != b.deadline { return a.deadline < b.deadline }
            return (a.customerName, a.customerId, a.product, a.kind.rawValue) < (b.customerName, b.customerId, b.product, b.kind.rawValue)
        }
        return DueList(asOf: site.asOf, zone: zone, rows: rows, warnings: checked.diagnostics.warnings)
    }
}
