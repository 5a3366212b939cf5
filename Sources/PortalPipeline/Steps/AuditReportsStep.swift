import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels
import PortalWrite

/// `audit/<from>_<to>/`: the R12 report of each audit period, as a page (`report.html`) and, when it
/// has a sender and recipients, as an e-mail ready for `sendmail -t` (`report.eml`).
struct AuditReportsStep: SiteStep {
    var templates: [String] { ["audit-report", "audit-report-text"] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        let format = context.partnerFormat
        let recipients = AuditRules.reportRecipients(site.users)
        var notes: [String] = []
        for period in context.auditPeriods {
            let report = AuditReport(site, from: period.from, to: period.to, folderName: period.name, format: format)
            let html = context.templates.render(report, template: "audit-report")
            try staged.write(OutputFile(path: period.reportPath, text: html))
            let messagePath = "\(period.folder)/report.eml"
            guard let contactEmail = site.site.contactEmail else {
                notes.append("\(messagePath) not written: site.json has no contactEmail to send it from")
                continue
            }
            guard !recipients.isEmpty else {
                notes.append("\(messagePath) not written: no partner user holds Global admin, Account admin, Referral admin or Marketing content admin (R12)")
                continue
            }
            // The loaders refuse a bad address (a data error); an unchecked one never reaches a header.
            let mailboxes = recipients.compactMap { user in EmailAddress(user.user).map { Mailbox(name: user.name, address: $0) } }
            guard let sender = EmailAddress(contactEmail), mailboxes.count == recipients.count else {
                notes.append("\(messagePath) not written: an address is not a valid e-mail address")
                continue
            }
            let message = MailMessage(
                from: Mailbox(name: site.site.partnerName, address: sender),
                to: mailboxes,
                subject: format.catalogue.text("auditSubject", ["from": format.date(period.from), "to": format.date(period.to.adding(milliseconds: -1))]),
                date: site.asOf,
                text: context.templates.renderText(report, template: "audit-report-text"),
                html: html)
            try staged.write(OutputFile(path: messagePath, text: message.render()))
        }
        return notes
    }
}
