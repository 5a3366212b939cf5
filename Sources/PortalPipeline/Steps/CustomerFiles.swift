import Foundation
import PortalRecords
import PortalRules
import PortalViewModels
import PortalWrite

extension PublishingContext {
    /// `customers/<folder>/<name>`: a file beside the customer's portal.
    func customerFilePath(of customer: Customer, _ name: String) -> String {
        let portal = portalPath(of: customer)
        return String(portal[...portal.lastIndex(of: "/")!]) + name
    }

    /// How one customer's portal writes dates and amounts: its language and zone.
    func customerFormat(_ customer: Customer) -> LocaleFormat {
        LocaleFormat(catalogue: templates.catalogue(for: language(of: customer)), zone: .reading(customer: customer, site: site.site))
    }

    /// Runs `body` for every customer, in batches on every core.
    func forEachCustomer(_ body: @escaping @Sendable (EvaluatedCustomer) throws(OutputError) -> Void) async throws(OutputError) {
        let customers = site.customers
        let count = customers.count
        // A few batches per core, so that a slow batch does not leave a core idle.
        let batchSize = max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for start in stride(from: 0, to: count, by: batchSize) {
                    group.addTask {
                        for customer in customers[start..<min(start + batchSize, count)] { try body(customer) }
                    }
                }
                try await group.waitForAll()
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(description: "cannot write the site: \(error)")
        }
    }
}
