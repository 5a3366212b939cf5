import ArgumentParser
import Foundation
import PortalPipeline
import PortalRecords
import PortalRender
import PortalRules
import PortalViewModels

struct SupportRequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "support-request",
        abstract: "Write a refund support request for one purchase, ready to paste into Partner Center.",
        discussion: """
        When cancelling a purchase in Partner Center asks for more information, the partner files \
        a support request ("CSP offers purchase/refund on behalf of customers"). This prints its \
        problem type, title and description (the customer's tenant ID and domain, the order and \
        subscription IDs, the reason, the amount requested, the cancellation window and whether \
        it has passed) and the contact (contactName, contactEmail and contactPhone in site.json), \
        computed as of --as-of like a build. Without --amount, the amount is the rules' refund \
        estimate, or the credit of a cancellation. \
        Exit codes: 0 written, 64 usage error (an order with several lines and no --line), \
        65 data error or an unknown order or line (the closest ids are suggested), 66 missing input.
        """)

    @OptionGroup var input: DataOptions

    @Option(name: .long, help: ArgumentHelp("The order ID, as in the orders file.", valueName: "id"))
    var order: String

    @Option(name: .long, help: ArgumentHelp("The line of the order; needed when the order has several.", valueName: "n"))
    var line: Int?

    @Option(name: .long, help: ArgumentHelp("Why the refund is asked for.", valueName: "text"))
    var reason: String

    @Option(name: .long, help: ArgumentHelp("The amount requested, in the purchase's currency (1234.56). Default: the refund estimate at the as-of, or the credit of a cancellation.", valueName: "amount"))
    var amount: String?

    @Option(name: .long, help: ArgumentHelp("The language of the request: en or fr. Default: site.json's defaultLanguage.", valueName: "language"))
    var lang: String?

    @Flag(name: .long, help: "Print the same fields as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("A folder whose catalogues (locales/*.json) replace built-in strings key by key. Default: the data folder's templates folder when there is one, else the built-in strings.", valueName: "folder"))
    var templates: String?

    func validate() throws {
        guard !reason.allSatisfy(\.isWhitespace) else { throw ValidationError("--reason: say why the refund is asked for") }
        if let lang, PortalLanguage(rawValue: lang.lowercased()) == nil {
            throw ValidationError("--lang: expected en or fr, got \(lang.debugDescription)")
        }
    }

    func run() async throws {
        let options = try input.buildOptions(templates: templates)
        let site: EvaluatedSite
        let templateSet: TemplateSet
        do {
            site = try SiteBuilder.evaluate(options)
            templateSet = try options.templates()
            Terminal.print(templateWarnings: templateSet.warnings)
        } catch let failure {
            throw Terminal.report(failure)
        }
        let (customer, purchase) = try Self.find(order: order, line: line, in: site)
        var given: Money?
        if let amount {
            guard let currency = purchase.purchase.currency else {
                throw ValidationError("--amount: the export gives no currency for \(order) line \(purchase.purchase.line); write the amount in the description yourself")
            }
            guard let money = SupportRequest.amount(amount, currency: currency) else {
                throw ValidationError("--amount: expected an amount in \(currency.code) such as \(currency.minorDigits == 0 ? "1234" : "1234.56") (at most \(currency.minorDigits) decimals), got \(amount.debugDescription)")
            }
            given = money
        }
        let language = lang.flatMap { PortalLanguage(rawValue: $0.lowercased()) } ?? site.site.defaultLanguage
        let format = LocaleFormat(catalogue: templateSet.catalogue(for: language), zone: .partner(site: site.site))
        let request = SupportRequest(customer: customer, purchase: purchase, reason: reason, amount: given,
                                     site: site.site, asOf: site.asOf, format: format)
        print(json ? JSONWriter.text(request.json) : request.text, terminator: "")
        if request.amountBasis == .none {
            Terminal.error("note: no amount: nothing is due by the rules as of \(site.asOf.iso8601) (the window is closed and nothing was cancelled); give one with --amount")
        }
    }

    /// The purchase `--order` and `--line` name, or the exit status that says why there is none.
    static func find(order: String, line: Int?, in site: EvaluatedSite) throws -> (EvaluatedCustomer, EvaluatedPurchase) {
        switch SupportRequest.find(orderId: order, line: line, in: site) {
        case .found(let customer, let purchase):
            return (customer, purchase)
        case .unknownOrder(let suggestions):
            Terminal.error("csp-portal: no order \(order.debugDescription) in the data as of \(site.asOf.iso8601)."
                           + (suggestions.isEmpty ? "" : " Closest order ids: \(suggestions.map(\.debugDescription).joined(separator: ", ")).")
                           + " Order ids are compared exactly, case included.")
            throw ExitCode(ExitStatus.dataError)
        case .unknownLine(let lines):
            Terminal.error("csp-portal: order \(order) has no line \(line.map(String.init) ?? "?"); its lines: \(lines.map(String.init).joined(separator: ", ")).")
            throw ExitCode(ExitStatus.dataError)
        case .lineNeeded(let lines):
            Terminal.error("csp-portal: order \(order) has lines \(lines.map(String.init).joined(separator: ", ")); say which with --line.")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
