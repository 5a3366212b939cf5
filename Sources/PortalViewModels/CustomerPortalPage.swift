import PortalRecords
import PortalRules

/// One fact shown about a product: a label and its value, optionally a link.
public struct ProductFact: Sendable {
    public let label: String
    public let value: String
    public let linkURL: String?
    public let linkText: String?
    /// Marks a fact that needs the reader's attention (a window about to close).
    public let emphasis: Bool

    init(_ label: String, _ value: String, linkURL: String? = nil, linkText: String? = nil, emphasis: Bool = false) {
        self.label = label
        self.value = value
        self.linkURL = linkURL
        self.linkText = linkText
        self.emphasis = emphasis
    }
}

/// One purchase as a card on the customer's portal.
public struct ProductCard: Sendable {
    public let anchor: String
    public let name: String
    /// `active`, `cancelled` or `expired`: the status filter's group.
    public let filterGroup: String
    public let statusLabel: String
    /// CSS class of the badge.
    public let statusClass: String
    public let summary: String
    public let facts: [ProductFact]
}

/// A choice of the status filter.
public struct FilterChoice: Sendable {
    public let value: String
    public let label: String
    public let count: Int
    public let checked: Bool
}

/// The customer's read-only portal: "Billing > Your products".
public struct CustomerPortalPage: Sendable {
    public let lang: String
    /// Every catalogue string, for the template's fixed labels: `{{t.yourProducts}}`.
    public let t: [String: String]
    public let title: String
    public let customerName: String
    public let domain: String?
    public let managedBy: String
    public let branding: PageBranding?
    /// "Market: France (FR)": the billing country, which decides R15 and R16.
    public let marketText: String
    public let asOfText: String
    public let taxNotice: String
    public let reservationsNotice: String?
    /// "Azure savings": Azure Hybrid Benefit for the customer's eligible licences (R19), with
    /// whether Azure reservations are available in its market (R16); nil without an eligible
    /// licence, when `reservationsNotice` alone says what R16 has to say.
    public let azureSavingsNotice: String?
    /// `build --keep-going` left out a purchase of this customer's for its errors.
    public let purchasesLeftOutNotice: String?
    public let filters: [FilterChoice]
    public let shownText: String
    public let shownOne: String
    public let shownOther: String
    public let products: [ProductCard]
    public let hasProducts: Bool
    public let keysHelp: String
    public let contact: String?
    /// R14: nil when the customer has no devices to move.
    public let moveToCSP: MoveToCSPSection?
    /// `deadlines.ics` beside the page, offered when it holds a date: "Add these dates to your calendar".
    public let calendarLink: String
    public let hasCalendarDates: Bool
    /// "4 dates", or that there is none to add.
    public let calendarText: String
    /// `products.csv` beside the page: the Export.
    public let exportLink: String
}

extension CustomerPortalPage {
    public init(_ evaluated: EvaluatedCustomer, site: SiteSettings, asOf: Instant, format: LocaleFormat, markets: MarketDirectory,
                purchasesLeftOut: Bool = false) {
        let c = format.catalogue
        let customer = evaluated.customer
        let cards = evaluated.purchases.enumerated().map { index, purchase in
            ProductCard(purchase, index: index, pricesIncludeTax: evaluated.pricesIncludeTax, partnerName: site.partnerName,
                        asOf: asOf, format: format)
        }
        func count(_ group: String) -> Int { cards.filter { $0.filterGroup == group }.count }
        self.lang = c.language.rawValue
        self.t = c.strings
        self.title = c.text("portalTitle", ["customer": customer.name])
        self.customerName = customer.name
        self.domain = customer.domain
        self.managedBy = c.text("managedBy", ["partner": site.partnerName])
        self.branding = PageBranding(site)
        self.asOfText = format.asOf(asOf)
        self.marketText = c.text("marketLabel", ["market": markets.name(of: customer.country, in: c.language), "code": customer.country])
        // Only what applies to this customer (R15): its own tax basis, never the list of countries.
        self.taxNotice = c.text(evaluated.pricesIncludeTax ? "taxNoticeIncluded" : "taxNoticeExcluded")
        let market = "\(markets.name(of: customer.country, in: c.language)), \(customer.country)"
        if MarketRules.isUnderEmbargo(country: customer.country) {
            self.azureSavingsNotice = nil
            self.reservationsNotice = c.text("embargoNotice", ["country": market])
        } else if evaluated.purchases.contains(where: \.facts.azureHybridBenefit) {
            let reservations = evaluated.azureReservationsAvailable
                ? c.text("azureSavingsReservationsAvailable") : c.text("azureSavingsReservationsUnavailable", ["country": market])
            self.azureSavingsNotice = c.text("azureSavingsHybridBenefit", ["percent": String(AzureHybridBenefit.maximumSavingPercent)])
                + " " + reservations
            self.reservationsNotice = nil
        } else {
            self.azureSavingsNotice = nil
            self.reservationsNotice = evaluated.azureReservationsAvailable ? nil : c.text("reservationsUnavailable", ["country": market])
        }
        self.purchasesLeftOutNotice = purchasesLeftOut ? c.text("purchasesLeftOutNotice") : nil
        self.filters = [
            FilterChoice(value: "all", label: c.text("filterAll"), count: cards.count, checked: true),
            FilterChoice(value: "active", label: c.text("filterActive"), count: count("active"), checked: false),
            FilterChoice(value: "cancelled", label: c.text("filterCancelled"), count: count("cancelled"), checked: false),
            FilterChoice(value: "expired", label: c.text("filterExpired"), count: count("expired"), checked: false),
        ]
        self.shownOne = c.text("productsShown.one")
        self.shownOther = c.text("productsShown.other")
        self.shownText = format.plural("productsShown", count: cards.count)
        self.products = cards
        self.hasProducts = !cards.isEmpty
        self.keysHelp = c.text("keysHelp")
        self.contact = site.contactEmail.map { c.text("contactPartner", ["partner": site.partnerName, "email": $0]) }
        self.moveToCSP = MoveToCSPSection(evaluated.devices, site: site, asOf: asOf, format: format)
        let dates = UpcomingDates.count(of: evaluated, asOf: asOf)
        self.calendarLink = Self.calendarFile
        self.hasCalendarDates = dates > 0
        self.calendarText = dates == 0 ? c.text("calendarEmpty")
            : format.plural("calendarDates", count: dates)
        self.exportLink = Self.exportFile
    }

    /// The files beside each customer's `index.html`.
    public static let calendarFile = "deadlines.ics"
    public static let exportFile = "products.csv"
}

extension ProductCard {
    init(_ evaluated: EvaluatedPurchase, index: Int, pricesIncludeTax: Bool, partnerName: String, asOf: Instant, format: LocaleFormat) {
        let c = format.catalogue
        let purchase = evaluated.purchase, facts = evaluated.facts
        self.anchor = "product-\(index + 1)"
        self.name = purchase.product
        switch facts.status {
        case .active: (filterGroup, statusClass) = ("active", "active")
        case .cancellationProcessing: (filterGroup, statusClass) = ("cancelled", "processing")
        case .cancelled: (filterGroup, statusClass) = ("cancelled", "cancelled")
        case .expired: (filterGroup, statusClass) = ("expired", "expired")
        }
        self.statusLabel = c.text("status_\(facts.status.rawValue)")
        self.summary = c.text("summary", ["kind": Self.kindText(purchase, c), "quantity": format.number(purchase.quantity),
                                          "publisher": purchase.publisher])
        let taxLabel = c.text(pricesIncludeTax ? "taxIncluded" : "taxExcluded")
        var list: [ProductFact] = []

        // Term and renewal (R6, R7).
        if let term = facts.term {
            let range = c.text("termRange", ["start": format.date(term.start), "end": format.date(term.end)])
            switch facts.status {
            case .active: list.append(ProductFact(c.text("labelTerm"), range))
            case .expired: list.append(ProductFact(c.text("labelLastTerm"), range))
            // The term that contains the cancellation, said as such: it is no one's current term.
            case .cancelled, .cancellationProcessing: list.append(ProductFact(c.text("labelTermCancelled"), c.text("termCancelledIn", ["range": range])))
            }
            let renewal: String
            switch facts.status {
            case .expired: renewal = c.text("expiredOn", ["date": format.date(term.end)])
            case .cancelled, .cancellationProcessing: renewal = c.text("noRenewalCancelled")
            case .active:
                renewal = facts.autoRenew
                    ? c.text("renewsOn", ["date": format.date(term.end)])
                    : c.text("expiresOn", ["date": format.date(term.end), "days": format.countdown(until: term.end, asOf: asOf)])
            }
            list.append(ProductFact(c.text("labelRenewal"), renewal))
        } else {
            list.append(ProductFact(c.text("labelPurchased"), format.date(purchase.purchasedAt)))
            list.append(ProductFact(c.text("labelRenewal"), c.text("perpetualNoRenewal")))
        }

        // Price and billing (R9, R15).
        if let termPrice = facts.termPrice {
            let priceKey = purchase.kind == .perpetual ? "pricePerpetual" : "pricePerTerm"
            list.append(ProductFact(c.text("labelPrice"), c.text(priceKey, ["amount": format.money(termPrice), "tax": taxLabel])))
        } else {
            list.append(ProductFact(c.text("labelPrice"), c.text("priceUnknown")))
        }
        var billing = c.text("billing_\(facts.billing.rawValue)")
        if let next = facts.nextChargeDate, let installment = facts.installment {
            billing += " · " + c.text("nextCharge", ["amount": format.money(installment), "date": format.date(next), "tax": taxLabel])
        } else if let next = facts.nextChargeDate {
            billing += " · " + c.text("nextChargeDateOnly", ["date": format.date(next)])
        } else if facts.billing != .oneTime {
            billing += " · " + c.text("noFurtherCharges")
        }
        list.append(ProductFact(c.text("labelBilling"), billing))

        // Cancellation (R2, R4, R5, R10) and money back (R3, R4).
        let cancellation: String
        var urgent = false
        if facts.neverCancellable {
            cancellation = c.text("neverCancellable")
        } else {
            switch facts.status {
            case .cancellationProcessing:
                cancellation = c.text("cancellationProcessing")
            case .cancelled:
                cancellation = c.text("cancelledOn", ["date": facts.cancelledAt.map(format.dateTime) ?? "—"])
            case .expired:
                cancellation = c.text("cancellationNotExpired")
            case .active:
                if facts.cancellable, let deadline = facts.cancellationDeadline {
                    cancellation = c.text("cancellableUntil", ["date": format.dateTime(deadline), "days": format.countdown(until: deadline, asOf: asOf)])
                    urgent = Attention.isClosingSoon(deadline, asOf: asOf)
                } else if let deadline = facts.cancellationDeadline {
                    cancellation = c.text("cancellationClosed", ["date": format.dateTime(deadline)])
                } else {
                    cancellation = c.text("cancellationNone")
                }
            }
        }
        list.append(ProductFact(c.text("labelCancellation"), cancellation, emphasis: urgent))
        // Each amount says how it was found and its tax basis (R15); a credit comes on the next
        // monthly invoice, whose date the documentation does not give (R4), so none is named.
        if let refund = facts.refundEstimate {
            let refundKey = purchase.kind == .perpetual ? "refundEstimatePerpetual" : "refundEstimate"
            list.append(ProductFact(c.text("labelRefund"), c.text(refundKey, ["amount": format.money(refund), "tax": taxLabel])))
        }
        if let credit = facts.credit {
            let creditKey = purchase.kind == .perpetual ? "creditPerpetual" : "creditProrated"
            list.append(ProductFact(c.text("labelCredit"), c.text(creditKey, ["amount": format.money(credit), "tax": taxLabel])))
        }
        // What the documentation leaves to the partner and the customer once keys are revoked (R11).
        if facts.status.isCancelled {
            list.append(ProductFact(c.text("labelAfterCancellation"), c.text("afterCancellationCustomer", ["partner": partnerName])))
        }

        // Keys and downloads (R11, R17, R18).
        switch facts.keyStatus {
        case .revoked:
            list.append(ProductFact(c.text("labelKeys"), c.text("keysRevoked")))
        case .notApplicable:
            if purchase.delivery == .instructions {
                let link = purchase.instructionsURL.flatMap(Self.webLink)
                list.append(ProductFact(c.text("labelKeys"), c.text("keysInstructions"),
                                        linkURL: link, linkText: link == nil ? nil : c.text("instructionsLink")))
            } else {
                list.append(ProductFact(c.text("labelKeys"), c.text("keysLicenceOnly")))
            }
        case .available:
            let key = facts.maskedKey.map { c.text("keyMasked", ["key": $0]) } ?? c.text("keysAvailable")
            list.append(ProductFact(c.text("labelKeys"), key))
        }

        // Where it is listed (R8).
        list.append(ProductFact(c.text("labelListing"), c.text(
            purchase.kind == .perpetual ? "listedSoftwareOnly"
                : facts.listedInSubscriptions ? "listedSubscriptionsAndSoftware" : "listedSoftwareOnlyOld")))
        if facts.azureHybridBenefit {
            list.append(ProductFact(c.text("labelHybridBenefit"),
                                    c.text("hybridBenefitCard", ["percent": String(AzureHybridBenefit.maximumSavingPercent)])))
        }
        list.append(ProductFact(c.text("labelOrder"), c.text("orderReference", ["order": purchase.orderId, "line": String(purchase.line)])))
        self.facts = list
    }
}

extension ProductCard {
    /// "Software subscription, 1 year", "Perpetual software" (R1).
    static func kindText(_ purchase: Purchase, _ c: Catalogue) -> String {
        if let term = purchase.term {
            return c.text("kind_\(purchase.kind.rawValue)_term", ["term": c.text("term_\(term.rawValue)")])
        }
        return c.text("kind_\(purchase.kind.rawValue)")
    }

    /// An instructions link is shown only when it is a plain web address: never `javascript:`,
    /// `data:` or a file path that an input could smuggle into a customer's page.
    static func webLink(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
              !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "\\" }) else { return nil }
        return text
    }
}
