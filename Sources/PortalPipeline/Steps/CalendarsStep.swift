import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// `customers/<folder>/deadlines.ics`: each customer's upcoming dates (`UpcomingDates`) in its
/// language and zone; and `deadlines.ics` at the root, every customer's, for the partner, in the
/// site's language and zone, written a customer at a time.
struct CalendarsStep: SiteStep {
    var templates: [String] { [] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        try await context.forEachCustomer { customer throws(OutputError) in
            let calendar = DeadlineCalendar(customer: customer, asOf: site.asOf, format: context.customerFormat(customer.customer))
            try staged.write(OutputFile(path: context.customerFilePath(of: customer.customer, CustomerPortalPage.calendarFile),
                                        bytes: ICalendar.file(calendar)))
        }
        let format = context.partnerFormat
        let partner = DeadlineCalendar.partnerCalendar(site: site, format: format)
        try staged.write(path: CustomerPortalPage.calendarFile) { append throws(OutputError) in
            var bytes = ICalendar.begin(partner)
            for customer in site.customers {
                for event in DeadlineCalendar.events(of: customer, asOf: site.asOf, format: format, forPartner: true) {
                    ICalendar.append(event, of: partner, to: &bytes)
                }
                if bytes.count >= 1 << 20 {
                    try append(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            try append(bytes + ICalendar.end)
        }
        return []
    }
}
