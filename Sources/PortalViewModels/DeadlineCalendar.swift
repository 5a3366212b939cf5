import Crypto
import PortalRecords
import PortalRules

/// One event of `deadlines.ics`, in the reader's language.
public struct CalendarEvent: Sendable, Equatable {
    /// When the event is: a moment (a deadline, written in UTC) or a whole day (a renewal, an end, a
    /// charge: the day the reader's zone gives it, as the portal's card does).
    public enum Start: Sendable, Equatable {
        case moment(Instant)
        case day(CivilDate)
    }

    /// Stable from one build to the next for the same purchase or device, kind and term (or
    /// billing date): importing a newer file updates the event instead of adding another.
    public let uid: String
    public let start: Start
    public let summary: String
    public let description: String
    /// How long before the start each reminder rings, in milliseconds.
    public let reminders: [Int64]
}

/// `deadlines.ics`: a customer's upcoming dates (`UpcomingDates`), or every customer's for the
/// partner, as calendar events in the reader's language and zone.
public struct DeadlineCalendar: Sendable {
    /// The calendar's name, as calendar applications show it.
    public let name: String
    /// The language of the texts (`en`, `fr`).
    public let language: String
    /// The as-of: the events' DTSTAMP, so that a build is the same bytes each time.
    public let asOf: Instant
    public let events: [CalendarEvent]

    public init(name: String, language: String, asOf: Instant, events: [CalendarEvent]) {
        self.name = name
        self.language = language
        self.asOf = asOf
        self.events = events
    }

    /// One customer's calendar, in its language and zone.
    public init(customer: EvaluatedCustomer, asOf: Instant, format: LocaleFormat) {
        self.init(customer: customer, asOf: asOf, format: format,
                  events: Self.events(of: customer, asOf: asOf, format: format, partnerFormat: nil).customer)
    }

    private init(customer: EvaluatedCustomer, asOf: Instant, format: LocaleFormat, events: [CalendarEvent]) {
        self.init(name: format.catalogue.text("calendarName", ["customer": customer.customer.name]),
                  language: format.catalogue.language.rawValue, asOf: asOf, events: events)
    }

    /// One customer's calendar, in its language and zone, and its events for the partner's
    /// calendar (`partnerCalendar`), in the partner's, made together: the customer's dates are made
    /// once for both, each subject's UID digest once, and the texts once when the partner reads the
    /// same language in the same zone. Both formats come from one build's templates.
    public static func customerAndPartner(_ customer: EvaluatedCustomer, asOf: Instant, format: LocaleFormat,
                                          partnerFormat: LocaleFormat) -> (calendar: DeadlineCalendar, partnerEvents: [CalendarEvent]) {
        let events = events(of: customer, asOf: asOf, format: format, partnerFormat: partnerFormat)
        return (DeadlineCalendar(customer: customer, asOf: asOf, format: format, events: events.customer), events.partner)
    }

    /// The name and language of the partner's calendar (`deadlines.ics` at the root), whose events
    /// are each customer's `customerAndPartner(_:asOf:format:partnerFormat:).partnerEvents`,
    /// written a customer at a time.
    public static func partnerCalendar(site: EvaluatedSite, format: LocaleFormat) -> DeadlineCalendar {
        DeadlineCalendar(name: format.catalogue.text("calendarNamePartner", ["partner": site.site.partnerName]),
                         language: format.catalogue.language.rawValue, asOf: site.asOf, events: [])
    }

    /// The events of one customer. For the partner, each summary names the customer, and the UIDs
    /// are the partner's own (the partner's calendar is not the customer's).
    public static func events(of customer: EvaluatedCustomer, asOf: Instant, format: LocaleFormat, forPartner: Bool) -> [CalendarEvent] {
        forPartner ? events(of: customer, asOf: asOf, format: format, partnerFormat: format).partner
            : events(of: customer, asOf: asOf, format: format, partnerFormat: nil).customer
    }

    /// The customer's events in `format` and, with `partnerFormat`, the partner's in it, from one
    /// list of the customer's dates.
    static func events(of customer: EvaluatedCustomer, asOf: Instant, format: LocaleFormat,
                       partnerFormat: LocaleFormat?) -> (customer: [CalendarEvent], partner: [CalendarEvent]) {
        let customerKey = CustomerIds.key(customer.customer.id)
        let customerName = customer.customer.name
        // One build's templates give one catalogue per language: the same language in the same
        // zone writes the same texts.
        let partnerTextsAreCustomers = partnerFormat.map {
            $0.catalogue.language == format.catalogue.language && $0.zone.identifier == format.zone.identifier
        } ?? false
        let dates = UpcomingDates.of(customer, asOf: asOf)
        var customerEvents: [CalendarEvent] = [], partnerEvents: [CalendarEvent] = []
        customerEvents.reserveCapacity(dates.count)
        if partnerFormat != nil { partnerEvents.reserveCapacity(dates.count) }
        // A purchase's renewals and charges share its digest: a monthly one has 26 events a year.
        var subjectDigests: [UpcomingDate.Subject: String] = [:]
        for date in dates {
            let (summary, description, subjectKey) = texts(of: date, customer: customer, format: format)
            let subjectDigest: String
            if let known = subjectDigests[date.subject] {
                subjectDigest = known
            } else {
                subjectDigest = digest(customerKey, subjectKey)
                subjectDigests[date.subject] = subjectDigest
            }
            let uid = "\(date.kind.rawValue)-\(date.sequence)-\(subjectDigest)@csp-portal"
            customerEvents.append(CalendarEvent(uid: uid, start: start(of: date, format: format), summary: summary,
                                                description: description, reminders: date.reminders))
            guard let partnerFormat else { continue }
            let (partnerSummary, partnerDescription, _) = partnerTextsAreCustomers
                ? (summary, description, subjectKey) : texts(of: date, customer: customer, format: partnerFormat)
            let c = partnerFormat.catalogue
            partnerEvents.append(CalendarEvent(uid: "partner-" + uid, start: start(of: date, format: partnerFormat),
                                               summary: c.text("eventPartner", ["customer": customerName, "text": partnerSummary]),
                                               description: c.text("eventPartner", ["customer": customerName, "text": partnerDescription]),
                                               reminders: date.reminders))
        }
        return (customerEvents, partnerEvents)
    }

    /// A deadline is a moment; a renewal, an end or a charge the day the reader's zone gives it.
    static func start(of date: UpcomingDate, format: LocaleFormat) -> CalendarEvent.Start {
        date.kind.isWholeDay ? .day(format.zone.date(of: date.at)) : .moment(date.at)
    }

    /// The summary and description of one date, and what identifies its subject for the UID.
    static func texts(of date: UpcomingDate, customer: EvaluatedCustomer, format: LocaleFormat) -> (String, String, [String]) {
        let c = format.catalogue
        let kind = date.kind.rawValue
        switch date.subject {
        case .device(let index):
            let device = customer.devices[index]
            return (c.text("event_\(kind)", ["device": device.device.name]),
                    c.text("eventDetail_\(kind)", ["device": device.device.name, "date": format.dateTime(date.at)]),
                    ["device", device.device.name])
        case .purchase(let index):
            let evaluated = customer.purchases[index]
            let purchase = evaluated.purchase
            let product = purchase.product
            let order = c.text("orderReference", ["order": purchase.orderId, "line": String(purchase.line)])
            let when = date.kind.isWholeDay ? format.civilDate(format.zone.date(of: date.at)) : format.dateTime(date.at)
            let taxLabel = c.text(customer.pricesIncludeTax ? "taxIncluded" : "taxExcluded")
            let billing = c.text("billing_\(evaluated.facts.billing.rawValue)")
            var summaryKey = "event_\(kind)", detailKey = "eventDetail_\(kind)"
            var amount = ""
            if date.kind == .charge {
                if let money = date.amount { amount = format.money(money) } else { summaryKey += "NoPrice"; detailKey += "NoPrice" }
            }
            return (c.text(summaryKey, ["product": product, "amount": amount]),
                    c.text(detailKey, ["product": product, "order": order, "date": when, "amount": amount, "tax": taxLabel, "billing": billing]),
                    ["purchase", purchase.orderId, String(purchase.line)])
        }
    }

    /// 32 hex digits of SHA-256 over the parts, each ended by a NUL: ids from the export (which may
    /// hold anything) never appear in a UID, and two subjects never share one.
    static func digest(_ customerKey: String, _ parts: [String]) -> String {
        var hash = SHA256()
        for var part in CollectionOfOne(customerKey) + parts {
            part.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            withUnsafeBytes(of: UInt8(0)) { hash.update(bufferPointer: $0) }
        }
        return ChangeHistory.hexDigits(Array(hash.finalize().prefix(16)))
    }
}
