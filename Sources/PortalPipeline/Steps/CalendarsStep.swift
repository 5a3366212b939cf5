import PortalRecords
import PortalRender
import PortalRules
import PortalSupport
import PortalViewModels
import PortalWrite

/// `customers/<folder>/deadlines.ics`: each customer's upcoming dates (`UpcomingDates`) in its
/// language and zone; and `deadlines.ics` at the root, every customer's, for the partner, in the
/// site's language and zone. Each customer's dates are made once for both calendars.
struct CalendarsStep: SiteStep {
    var templates: [String] { [] }

    /// The customers whose events for the partner's calendar are held at once, to be written in
    /// the customers' order: about 8 KB each in the generated sets, 4 MB a window.
    static let window = 512

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        let partnerFormat = context.partnerFormat
        let partner = DeadlineCalendar.partnerCalendar(site: site, format: partnerFormat)
        try staged.write(path: CustomerPortalPage.calendarFile) { append throws(OutputError) in
            var bytes = ICalendar.begin(partner)
            // A window of customers at a time on every core: each writes its own calendar and
            // gives back its events for the partner's, which are appended in the customers' order.
            for start in stride(from: 0, to: site.customers.count, by: Self.window) {
                let window = Array(site.customers[start..<min(start + Self.window, site.customers.count)])
                let partnerEvents = window.concurrentMap { customer -> Result<[UInt8], OutputError> in
                    let (calendar, events) = DeadlineCalendar.customerAndPartner(customer, asOf: site.asOf, format: context.customerFormat(customer.customer),
                                                                                 partnerFormat: partnerFormat)
                    do throws(OutputError) {
                        try staged.write(OutputFile(path: context.customerFilePath(of: customer.customer, CustomerPortalPage.calendarFile),
                                                    bytes: ICalendar.file(calendar)))
                    } catch {
                        return .failure(error)
                    }
                    var eventBytes: [UInt8] = []
                    for event in events { ICalendar.append(event, of: partner, to: &eventBytes) }
                    return .success(eventBytes)
                }
                for customerEvents in partnerEvents {
                    bytes += try customerEvents.get()
                    if bytes.count >= 1 << 20 {
                        try append(bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
            }
            try append(bytes + ICalendar.end)
        }
        return []
    }
}
