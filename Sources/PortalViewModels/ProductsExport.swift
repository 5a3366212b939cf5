import PortalRecords
import PortalRules

/// `products.csv`: the portal's products as a spreadsheet, like the admin center's Export, in the
/// customer's language. Cells are plain text here; `SpreadsheetCSV` quotes and neutralises them.
///
/// Dates are ISO (`2026-12-01`, and `2026-12-01 11:00` for a moment) in the customer's zone, named
/// in the column's header, so that a spreadsheet reads them as dates whatever its locale; amounts
/// are plain numbers with the language's decimal separator, their currency and tax basis in their
/// own columns, so that they can be summed.
public struct ProductsExport: Sendable {
    /// `,` in English; `;` in French, as a French spreadsheet expects (its decimal separator is `,`).
    public let separator: String
    public let header: [String]
    public let rows: [[String]]

    public init(_ customer: EvaluatedCustomer, asOf: Instant, format: LocaleFormat) {
        let c = format.catalogue
        self.separator = c.text("csvSeparator")
        let zone = format.zoneName ?? format.zone.identifier
        self.header = [
            c.text("csvProduct"), c.text("csvKind"), c.text("csvStatus"), c.text("csvQuantity"),
            c.text("csvTermStart", ["zone": zone]), c.text("csvTermEnd", ["zone": zone]), c.text("csvRenewal"),
            c.text("csvPrice"), c.text("csvCurrency"), c.text("csvTax"), c.text("csvBilling"),
            c.text("csvNextCharge", ["zone": zone]), c.text("csvInstallment"),
            c.text("csvCancellationDeadline", ["zone": zone]), c.text("csvKeys"), c.text("csvOrder"), c.text("csvLine"),
        ]
        let taxLabel = c.text(customer.pricesIncludeTax ? "taxIncluded" : "taxExcluded")
        self.rows = customer.purchases.map { evaluated in
            let purchase = evaluated.purchase, facts = evaluated.facts
            let kind = purchase.term.map { c.text("kind_\(purchase.kind.rawValue)_term", ["term": c.text("term_\($0.rawValue)")]) }
                ?? c.text("kind_\(purchase.kind.rawValue)")
            let renewal: String
            if let term = facts.term {
                switch facts.status {
                case .expired: renewal = c.text("expiredOn", ["date": Self.day(term.end, format)])
                case .cancelled, .cancellationProcessing: renewal = c.text("noRenewalCancelled")
                case .active: renewal = c.text(facts.autoRenew ? "csvRenews" : "csvEnds", ["date": Self.day(term.end, format)])
                }
            } else {
                renewal = c.text("perpetualNoRenewal")
            }
            let keys: String
            switch facts.keyStatus {
            case .revoked: keys = c.text("keysRevoked")
            case .notApplicable: keys = c.text(purchase.delivery == .instructions ? "keysInstructions" : "keysLicenceOnly")
            case .available: keys = facts.maskedKey.map { c.text("keyMasked", ["key": $0]) } ?? c.text("keysAvailable")
            }
            return [
                purchase.product, kind, c.text("status_\(facts.status.rawValue)"), String(purchase.quantity),
                facts.term.map { Self.day($0.start, format) } ?? "",
                facts.term.map { Self.day($0.end, format) } ?? "",
                renewal,
                facts.termPrice.map { Self.amount($0, format) } ?? "",
                facts.termPrice?.currency.code ?? purchase.currency?.code ?? "",
                facts.termPrice == nil ? "" : taxLabel,
                c.text("billing_\(facts.billing.rawValue)"),
                facts.nextChargeDate.map { Self.day($0, format) } ?? "",
                facts.installment.map { Self.amount($0, format) } ?? "",
                facts.cancellationDeadline.map { Self.moment($0, format) } ?? "",
                keys, purchase.orderId, String(purchase.line),
            ]
        }
    }

    /// `2026-12-01`: the day in the reader's zone.
    static func day(_ instant: Instant, _ format: LocaleFormat) -> String {
        format.zone.date(of: instant).iso8601
    }

    /// `2026-12-01 11:00`: the wall-clock time in the reader's zone.
    static func moment(_ instant: Instant, _ format: LocaleFormat) -> String {
        let (date, time) = format.zone.wallClock(instant)
        return "\(date.iso8601) \(time.hhmm)"
    }

    /// `2138.40`, `2138,40`: the amount without grouping or symbol, with the language's decimal separator.
    static func amount(_ money: Money, _ format: LocaleFormat) -> String {
        money.plainString.split(separator: ".", omittingEmptySubsequences: false).joined(separator: format.decimalSeparator)
    }
}
