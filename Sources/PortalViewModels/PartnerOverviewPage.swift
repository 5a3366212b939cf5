import PortalRecords
import PortalRules

/// One customer row of the partner overview.
public struct CustomerRow: Sendable {
    public let name: String
    public let customerId: String
    public let country: String
    public let portalPath: String
    public let active: Int
    public let processing: Int
    public let cancelled: Int
    public let expired: Int
    public let total: Int
    /// R16, R15: short market notes ("No Azure reservations", "Prices incl. tax").
    public let notes: [String]
}

/// Something the partner should look at soon.
public struct ActionItem: Sendable {
    /// `window`, `processing`, `limited`, `devices`, `ending`, `expired` (pressing), `renewal`,
    /// `charge` (routine): a CSS class and a sort group.
    public let kind: String
    public let kindLabel: String
    public let customerName: String
    public let product: String
    public let detail: String
    /// What is at stake, with its currency (`1,234.00 EUR`); empty when there is no price.
    public let amount: String
    public let link: String
    let sortInstant: Instant

    init(kind: String, kindLabel: String, customerName: String, product: String, detail: String, amount: Money? = nil,
         format: LocaleFormat, link: String, sortInstant: Instant) {
        self.kind = kind
        self.kindLabel = kindLabel
        self.customerName = customerName
        self.product = product
        self.detail = detail
        self.amount = amount.map(format.money) ?? ""
        self.link = link
        self.sortInstant = sortInstant
    }

    /// The pressing kinds, most urgent first: windows closing, cancellations processing, devices
    /// limited or due; then terms ending without renewal and recent expiries. Renewals and
    /// charges are routine.
    static let urgency = ["window", "processing", "limited", "devices", "ending", "expired"]

    var isRoutine: Bool { !Self.urgency.contains(kind) }
}

/// `Site/index.html`: every customer with counts by status, what needs acting on now, data warnings.
public struct PartnerOverviewPage: Sendable {
    public let lang: String
    public let t: [String: String]
    public let title: String
    public let partnerName: String
    public let branding: PageBranding?
    public let asOfText: String
    public let customers: [CustomerRow]
    public let hasCustomers: Bool
    /// What needs acting on, most urgent kind first, then by date.
    public let actions: [ActionItem]
    public let hasActions: Bool
    /// Renewals and charges within 30 days: every billing event, in date order, shown collapsed.
    public let routineActions: [ActionItem]
    public let hasRoutineActions: Bool
    public let routineSummary: String
    public let warnings: [String]
    public let hasWarnings: Bool
    /// `build --keep-going`: the lines left out for their errors, each with its file and line.
    public let leftOut: [String]
    public let hasLeftOut: Bool
    public let totals: String
    public let marketsLink: String
    /// The latest audit report (R12) and its findings, when there is an activity log.
    public let auditLink: String?
    public let auditText: String?
    /// The partner's cancellation desk and how many windows are open on it.
    public let deskLink: String
    public let deskText: String
    /// R19: how many customers hold a licence that can be used with Azure Hybrid Benefit.
    public let hybridBenefitText: String
}

extension PartnerOverviewPage {
    public init(_ site: EvaluatedSite, slugs: [String: String], warnings: [Diagnostic], leftOut: [Diagnostic] = [], format: LocaleFormat,
                markets: MarketDirectory, audit: (link: String, findings: Int)? = nil) {
        self.auditLink = audit?.link
        self.auditText = audit.map { format.plural("auditFindingsCount", count: $0.findings) }
        let c = format.catalogue
        let asOf = site.asOf
        self.lang = c.language.rawValue
        self.t = c.strings
        self.partnerName = site.site.partnerName
        self.branding = PageBranding(site.site)
        self.title = c.text("overviewTitle", ["partner": site.site.partnerName])
        self.asOfText = format.asOf(asOf)

        var rows: [CustomerRow] = []
        var actions: [ActionItem] = []
        var openWindows = 0, hybridBenefitCustomers = 0
        for customer in site.customers {
            let path = PortalDocument.portalPath(slug: slugs[customer.customer.id] ?? "")
            func count(_ status: ProductStatus) -> Int { customer.purchases.filter { $0.facts.status == status }.count }
            var notes: [String] = []
            if MarketRules.isUnderEmbargo(country: customer.customer.country) {
                notes.append(c.text("noteEmbargo"))
            } else if !customer.azureReservationsAvailable {
                notes.append(c.text("noteNoReservations"))
            }
            if customer.pricesIncludeTax { notes.append(c.text("notePricesIncludeTax")) }
            if customer.purchases.contains(where: \.facts.azureHybridBenefit) {
                notes.append(c.text("noteHybridBenefit"))
                hybridBenefitCustomers += 1
            }
            openWindows += customer.purchases.filter(\.facts.cancellable).count
            rows.append(CustomerRow(
                name: customer.customer.name, customerId: customer.customer.id,
                country: "\(markets.name(of: customer.customer.country, in: c.language)) (\(customer.customer.country))",
                portalPath: path, active: count(.active), processing: count(.cancellationProcessing),
                cancelled: count(.cancelled), expired: count(.expired), total: customer.purchases.count, notes: notes))
            actions += Self.deviceActions(customer, link: "\(path)#move-to-csp", asOf: asOf, format: format)
            for (index, purchase) in customer.purchases.enumerated() {
                let link = "\(path)#product-\(index + 1)"
                if let item = Self.action(for: purchase, customer: customer.customer, link: link, asOf: asOf, format: format) {
                    actions.append(item)
                }
                // R9: every charge within the horizon, the annual ones of a three-year term among them.
                for charge in Attention.dueEvents(for: purchase.facts, asOf: asOf, within: Attention.termHorizon) where charge.kind == .charge {
                    actions.append(ActionItem(kind: "charge", kindLabel: c.text("action_charge"), customerName: customer.customer.name,
                                              product: purchase.purchase.product, detail: c.text("chargeOn", ["date": format.date(charge.deadline)]),
                                              amount: charge.amount, format: format, link: link, sortInstant: charge.deadline))
                }
            }
        }
        self.customers = rows.sorted { ($0.name, $0.customerId) < ($1.name, $1.customerId) }
        self.hasCustomers = !rows.isEmpty
        func byDate(_ a: ActionItem, _ b: ActionItem) -> Bool {
            if a.sortInstant != b.sortInstant { return a.sortInstant < b.sortInstant }
            return (a.customerName, a.product, a.link, a.kind) < (b.customerName, b.product, b.link, b.kind)
        }
        self.actions = actions.filter { !$0.isRoutine }.sorted { a, b in
            let (rankA, rankB) = (ActionItem.urgency.firstIndex(of: a.kind)!, ActionItem.urgency.firstIndex(of: b.kind)!)
            return rankA != rankB ? rankA < rankB : byDate(a, b)
        }
        self.hasActions = !self.actions.isEmpty
        self.routineActions = actions.filter(\.isRoutine).sorted(by: byDate)
        self.hasRoutineActions = !routineActions.isEmpty
        self.routineSummary = format.plural("routineActions", count: routineActions.count)
        self.warnings = warnings.map(\.description)
        self.hasWarnings = !warnings.isEmpty
        self.leftOut = leftOut.map(\.description)
        self.hasLeftOut = !leftOut.isEmpty
        let products = site.customers.reduce(0) { $0 + $1.purchases.count }
        self.marketsLink = "markets/index.html"
        self.totals = c.text("overviewTotals", ["customers": format.plural("countCustomers", count: site.customers.count),
                                                "products": format.plural("countProducts", count: products)])
        self.deskLink = CancellationDeskPage.path
        self.deskText = format.plural("deskLink", count: openWindows)
        self.hybridBenefitText = format.plural("hybridBenefitCustomers", count: hybridBenefitCustomers,
                                               ["percent": String(AzureHybridBenefit.maximumSavingPercent)])
    }

    /// R14: devices that must get a MAK within 30 days, and devices already limited, one line each per customer.
    static func deviceActions(_ customer: EvaluatedCustomer, link: String, asOf: Instant, format: LocaleFormat) -> [ActionItem] {
        let c = format.catalogue
        let soon = Attention.devicesDueSoon(customer.devices, asOf: asOf)
        let limited = customer.devices.filter { $0.facts.status == .limited }
        var items: [ActionItem] = []
        if let first = soon.map(\.facts.deadline).min() {
            items.append(ActionItem(kind: "devices", kindLabel: c.text("action_devices"), customerName: customer.customer.name,
                                    product: format.plural("countDevices", count: soon.count),
                                    detail: c.text("devicesDeadline", ["date": format.dateTime(first), "days": format.countdown(until: first, asOf: asOf)]),
                                    format: format, link: link, sortInstant: first))
        }
        if let first = limited.map(\.facts.deadline).min() {
            items.append(ActionItem(kind: "limited", kindLabel: c.text("action_limited"), customerName: customer.customer.name,
                                    product: format.plural("countDevices", count: limited.count),
                                    detail: c.text("devicesLimited", ["date": format.dateTime(first)]),
                                    format: format, link: link, sortInstant: first))
        }
        return items
    }

    /// The most pressing thing about one purchase, if any: a cancellation window closing within
    /// 72 hours, a cancellation still processing (R10), a renewal or an end of term within 30
    /// days, or an expiry within the last 30 days. A window or a cancellation links to its entry
    /// on the cancellation desk, where the partner acts on it; the rest to the customer's card.
    static func action(for evaluated: EvaluatedPurchase, customer: Customer, link: String, asOf: Instant, format: LocaleFormat) -> ActionItem? {
        let c = format.catalogue
        let facts = evaluated.facts
        func item(_ kind: String, _ detail: String, _ at: Instant, link: String = link) -> ActionItem {
            // What is at stake: the refund a cancellation would give, the credit of one processing,
            // else the term's price.
            let amount = kind == "window" ? facts.refundEstimate ?? facts.termPrice
                : kind == "processing" ? facts.credit ?? facts.termPrice : facts.termPrice
            return ActionItem(kind: kind, kindLabel: c.text("action_\(kind)"), customerName: customer.name,
                              product: evaluated.purchase.product, detail: detail, amount: amount, format: format,
                              link: link, sortInstant: at)
        }
        let deskLink = CancellationDeskPage.link(to: evaluated.purchase)
        switch Attention.action(for: facts, asOf: asOf) {
        case .windowClosing(let deadline):
            return item("window", c.text("cancellableUntil", ["date": format.dateTime(deadline), "days": format.countdown(until: deadline, asOf: asOf)]),
                        deadline, link: deskLink)
        case .processing(let since):
            return item("processing", c.text("cancellationProcessing"), since, link: deskLink)
        case .renewal(let end):
            return item("renewal", c.text("renewsOn", ["date": format.date(end)]), end)
        case .ending(let end):
            return item("ending", c.text("expiresOn", ["date": format.date(end), "days": format.countdown(until: end, asOf: asOf)]), end)
        case .expired(let end):
            return item("expired", c.text("expiredOn", ["date": format.date(end)]), end)
        case nil:
            return nil
        }
    }
}
