import ArgumentParser
import PortalPipeline
import PortalRecords

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the data folder and print every problem, without writing anything.",
        discussion: "Also checks the data folder's templates folder, when there is one (docs/customizing.md). Exit codes: 0 no errors (warnings allowed), 65 at least one error (a template error too), 66 a required file is missing.")

    @OptionGroup var input: DataOptions

    func run() throws {
        let options = try input.buildOptions()
        let report: ValidationReport
        do {
            // The data folder's templates are part of it: their errors and typos are found here too.
            let templates = try options.templates()
            Terminal.print(templateWarnings: templates.warnings)
            report = try SiteBuilder.validate(options)
        } catch let failure {
            throw Terminal.report(failure)
        }
        Terminal.print(report.diagnostics)
        let errors = report.diagnostics.errors.count, warnings = report.diagnostics.warnings.count
        let summary = "\(options.dataFolder.relativePath): \(Terminal.plural(errors, "error")), \(Terminal.plural(warnings, "warning")); \(Terminal.plural(report.customerCount, "customer")) and \(Terminal.plural(report.purchaseCount, "order line")) read without error."
        if errors > 0 {
            Terminal.error(summary)
            throw ExitCode(65)
        }
        print(summary)
    }
}
