import PortalRecords

/// `orders` -> `Purchase` records, a line at a time, so that a large CSV file is never held whole.
/// Field-level checks only; the rules add R5, R6, R9 and R13.
struct OrderLoader {
    /// nil: the customers file could not be read, so customers are not checked.
    let customerIds: CustomerIds?
    let timestamps: TimestampParser
    private(set) var purchases: [Purchase] = []
    private var firstSeen = FirstOccurrences()
    /// A CSV file's columns are shared by its lines; a JSON or enriched line has its own paths.
    private var csvLayout: FieldLayout?
    /// The layouts of JSON lines by their fields' places relative to the line: one per shape,
    /// shared by its lines, rather than a dictionary of paths per line (a partner has 225,000).
    private var jsonLayouts: [[FieldSource]: FieldLayout] = [:]

    init(customerIds: CustomerIds?, timestamps: TimestampParser) {
        self.customerIds = customerIds
        self.timestamps = timestamps
    }

    static func load(_ records: [RawRecord<OrderField>], customerIds: CustomerIds?, timestamps: TimestampParser,
                     diagnostics: inout [Diagnostic]) -> [Purchase] {
        var loader = OrderLoader(customerIds: customerIds, timestamps: timestamps)
        for record in records { loader.add(record, diagnostics: &diagnostics) }
        return loader.purchases
    }

    /// Reads one order line: a purchase when it has no error, diagnostics either way.
    mutating func add(_ record: RawRecord<OrderField>, diagnostics: inout [Diagnostic]) {
        let layout: FieldLayout
        if record.isLocatedByColumns, let csvLayout {
            layout = csvLayout
        } else if !record.isLocatedByColumns, let shared = jsonLayouts[record.fieldSources] {
            layout = shared
        } else {
            layout = record.layout
            if record.isLocatedByColumns {
                csvLayout = layout
            } else if layout.sources.isEmpty, jsonLayouts.count < FieldSourceShapes.maximumCount {
                jsonLayouts[record.fieldSources] = layout
            }
        }
        var fields = FieldReader(record, timestamps: timestamps)
        let orderId = fields.required(.orderId)
        let line = fields.integer(.line, range: 0...Int(Int32.max), meaning: "a line number, a whole number of at least 0") ?? 0
        var customerId = fields.required(.customerId)
        if let id = customerId, let customerIds {
            // Found ignoring case, the line takes the customers file's spelling of the id.
            customerId = customerIds.spelling(of: id)
            if customerId == nil { fields.fail(.customerId, "unknown customer: no such customer_id in customers", value: id) }
        }
        let product = fields.required(.product)
        let kind = fields.choice(.kind, as: PurchaseKind.self, required: true)
        let purchasedAt = fields.instant(.purchasedAt, required: true)
        let term = fields.choice(.term, as: Term.self)
        if kind == .perpetual, let term {
            fields.fail(.term, "perpetual software has no term; leave it empty", value: term.rawValue)
        } else if let kind, kind != .perpetual, term == nil, fields.optional(.term) == nil {
            fields.fail(.term, "a \(kind.rawValue) needs a term: P1M, P1Y or P3Y", value: nil)
        }
        let billing = fields.choice(.billing, as: BillingPlan.self)
        let reportedStatus = Self.status(&fields)
        // A cancelled line may keep 0 units: Partner Center's way of cancelling one line of an order.
        let quantity = fields.integer(.quantity, required: true, range: (reportedStatus == .cancelled ? 0 : 1)...1_000_000,
                                      meaning: "a whole number from 1 to 1000000")
        // The API's Subscription has no price: one without its order is shown without one.
        let unitPrice = fields.decimal(.unitPrice, required: !record.isSubscriptionWithoutOrder)
        if let unitPrice, unitPrice.isNegative {
            fields.fail(.unitPrice, "a price cannot be negative", value: fields.optional(.unitPrice))
        }
        var currency: Currency?
        if let code = unitPrice == nil ? fields.optional(.currency) : fields.required(.currency) {
            currency = Currency(code: code)
            if currency == nil { fields.fail(.currency, "expected an ISO 4217 code such as EUR", value: code) }
        }
        let autoRenew = fields.boolean(.autoRenew)
        let commitmentEnd = fields.instant(.commitmentEnd)
        let cancellableUntil = fields.instant(.cancellableUntil)
        let cancelledAt = fields.instant(.cancelledAt)
        let activation = fields.choice(.activation, as: Activation.self) ?? .mak
        let delivery = fields.choice(.delivery, as: Delivery.self) ?? .keyAndDownload
        let softwareAssurance = fields.boolean(.softwareAssurance) ?? false
        var instructionsURL = fields.optional(.instructionsURL)
        if let url = instructionsURL, !(url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")) {
            fields.warn(.instructionsURL, "only http(s) addresses are linked; this one is left out", value: url)
            instructionsURL = nil
        }
        if let orderId, let previous = firstSeen.previous(of: "\(orderId)\u{0}\(line)", at: record.location) {
            fields.fail(.orderId, "duplicate order line (order_id \(orderId), line \(line)), first seen at \(previous)", value: orderId)
        }
        // A line of a known customer is that customer's: its portal says when one is left out.
        diagnostics += fields.diagnostics.map { $0.concerning(customer: customerId) }
        guard !fields.hasErrors, let orderId, let customerId, let product, let kind, let purchasedAt,
              let quantity, unitPrice == nil || currency != nil else { return }
        purchases.append(Purchase(
            orderId: orderId, line: line, customerId: customerId, subscriptionId: fields.optional(.subscriptionId),
            product: product, sku: fields.optional(.sku), publisher: fields.optional(.publisher) ?? "Microsoft",
            kind: kind, purchasedAt: purchasedAt, term: kind == .perpetual ? nil : term, billing: billing,
            quantity: quantity, unitPrice: unitPrice, currency: currency, autoRenew: autoRenew,
            commitmentEnd: commitmentEnd, cancellableUntil: cancellableUntil, cancelledAt: cancelledAt,
            reportedStatus: reportedStatus, activation: activation, delivery: delivery, instructionsURL: instructionsURL,
            productKey: fields.optional(.productKey), softwareAssurance: softwareAssurance,
            source: record.location, layout: layout))
    }

    /// The `status` column (or Partner Center's order or subscription status): `cancelled` and
    /// `deleted` are cancelled, `expired` and `disabled` expired; the others leave the status to
    /// the dates. An unknown value is kept out of the rules with a warning, never an error.
    static func status(_ fields: inout FieldReader<OrderField>) -> ReportedStatus? {
        guard let text = fields.optional(.status) else { return nil }
        switch text.lowercased() {
        case "cancelled", "canceled", "deleted": return .cancelled
        case "expired", "disabled": return .expired
        case "active", "suspended", "pending", "none", "completed", "processing": return nil
        default:
            fields.warn(.status, "an unknown status; the status is computed from the dates", value: text)
            return nil
        }
    }
}
