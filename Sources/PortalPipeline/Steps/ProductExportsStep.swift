import PortalRender
import PortalViewModels
import PortalWrite

/// `customers/<folder>/products.csv`: each customer's products as a spreadsheet, the portal's
/// Export, in its language and zone.
struct ProductExportsStep: SiteStep {
    var templates: [String] { [] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let asOf = context.site.asOf
        try await context.forEachCustomer { customer throws(OutputError) in
            let export = ProductsExport(customer, asOf: asOf, format: context.customerFormat(customer.customer))
            try staged.write(OutputFile(path: context.customerFilePath(of: customer.customer, CustomerPortalPage.exportFile),
                                        bytes: SpreadsheetCSV.file(export)))
        }
        return []
    }
}
