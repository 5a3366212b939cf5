import Foundation
import PortalRecords
import Synchronization
import PortalRules
import PortalViewModels
import PortalWrite

extension PublishingContext {
    /// `customers/<folder>/<name>`: a file beside the customer's portal.
    func customerFilePath(of customer: Customer, _ name: String) -> String {
        let portal = portalPath(of: customer)
        return String(portal[...portal.lastIndex(of: "/")!]) + name
    }

    /// How one customer's portal writes dates and amounts: its language and zone. Made once per
    /// language and zone for the whole build (the portal, the calendar and the export of 50,000
    /// customers share a few dozen), not once per file.
    func customerFormat(_ customer: Customer) -> LocaleFormat {
        let language = language(of: customer)
        let zone = DisplayZone.reading(customer: customer, site: site.site)
        return customerFormats.format(language: language, zone: zone) {
            LocaleFormat(catalogue: templates.catalogue(for: language), zone: zone)
        }
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

/// The customers' `LocaleFormat`s, by language and zone, made as the steps first need them.
final class CustomerFormats: Sendable {
    private struct Key: Hashable {
        let language: PortalLanguage
        /// A zone is known by its IANA name (`DisplayZone(identifier:)` makes one per name).
        let zone: String
    }

    private let formats = Mutex([Key: LocaleFormat]())

    func format(language: PortalLanguage, zone: DisplayZone, make: () -> LocaleFormat) -> LocaleFormat {
        let key = Key(language: language, zone: zone.identifier)
        if let known = formats.withLock({ $0[key] }) { return known }
        let made = make()
        formats.withLock { $0[key] = made }
        return made
    }
}
