import Foundation
import PortalViewModels
import PortalWrite

/// `customers/<folder>/index.html`: each customer's portal, in its language and time zone,
/// rendered in batches on every core and written as soon as it is made.
struct CustomerPortalsStep: SiteStep {
    var templates: [String] { ["portal"] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let site = context.site
        let count = site.customers.count
        // A few batches per core, so that a slow batch does not leave a core idle.
        let batchSize = max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for start in stride(from: 0, to: count, by: batchSize) {
                    group.addTask {
                        for customer in site.customers[start..<min(start + batchSize, count)] {
                            let format = context.customerFormat(customer.customer)
                            let page = CustomerPortalPage(customer, site: site.site, asOf: site.asOf, format: format, markets: context.markets,
                                                          purchasesLeftOut: context.customersMissingPurchases.contains(customer.customer.id))
                            try staged.write(OutputFile(path: context.portalPath(of: customer.customer),
                                                        bytes: context.templates.renderPage(page, template: "portal")))
                            context.progress.advance()
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(description: "cannot write the site: \(error)")
        }
        return []
    }
}
