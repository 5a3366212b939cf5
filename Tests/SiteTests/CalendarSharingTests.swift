import Foundation
import PortalLoad
import PortalRecords
import PortalRender
import PortalRules
import PortalTestSupport
import Testing
@testable import PortalViewModels

/// Each customer's upcoming dates made once for its portal, its calendar and the partner's
/// calendar (issue 24): they were made three times per customer, and each event's texts twice.
/// The output is held byte for byte by the golden manifest; this holds what the shared
/// computation gives for the partner, whether the partner reads the customer's language and
/// zone (the texts shared) or not (made again in the partner's).
@Suite("Upcoming dates made once per customer")
struct CalendarSharingTests {
    @Test("The partner's events are the customer's dates in the partner's words and zone, with the partner's UIDs; the texts shared only when they are the same")
    func partnerEvents() async throws {
        let templates = try await TemplateSet.load(from: Repository.templates)
        let (input, _) = try DataFolder(url: Repository.data).read()
        let site = SiteEvaluation.evaluate(input, asOf: input.site.asOf!)
        let english = LocaleFormat(catalogue: templates.catalogue(for: .en), zone: .utc)
        let french = LocaleFormat(catalogue: templates.catalogue(for: .fr), zone: DisplayZone(identifier: "Europe/Paris")!)
        var checked = (shared: 0, apart: 0)
        for customer in site.customers {
            let format = LocaleFormat(catalogue: templates.catalogue(for: customer.customer.language),
                                      zone: .reading(customer: customer.customer, site: site.site))
            let dates = UpcomingDates.of(customer, asOf: site.asOf)
            // The portal counts the dates the calendar holds without making them.
            #expect(UpcomingDates.count(of: customer, asOf: site.asOf) == dates.count)
            for partnerFormat in [format, english, french] {
                let (calendar, partnerEvents) = DeadlineCalendar.customerAndPartner(customer, asOf: site.asOf, format: format,
                                                                                    partnerFormat: partnerFormat)
                #expect(calendar.events == DeadlineCalendar(customer: customer, asOf: site.asOf, format: format).events)
                #expect(calendar.events.count == dates.count && partnerEvents.count == dates.count)
                let c = partnerFormat.catalogue
                for ((date, own), partner) in zip(zip(dates, calendar.events), partnerEvents) {
                    #expect(partner.uid == "partner-" + own.uid)
                    #expect(partner.reminders == date.reminders)
                    let texts = DeadlineCalendar.texts(of: date, customer: customer, format: partnerFormat)
                    #expect(partner.summary == c.text("eventPartner", ["customer": customer.customer.name, "text": texts.0]))
                    #expect(partner.description == c.text("eventPartner", ["customer": customer.customer.name, "text": texts.1]))
                    #expect(partner.start == DeadlineCalendar.start(of: date, format: partnerFormat))
                    if partnerFormat.catalogue.language == format.catalogue.language && partnerFormat.zone.identifier == format.zone.identifier {
                        checked.shared += 1
                    } else {
                        checked.apart += 1
                    }
                }
            }
        }
        #expect(checked.shared > 10 && checked.apart > 10, "both ways are exercised: \(checked)")
    }
}
