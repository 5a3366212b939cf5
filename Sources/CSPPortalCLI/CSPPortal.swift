import ArgumentParser

@main
struct CSPPortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csp-portal",
        abstract: "Turns a CSP partner's exports into a static, read-only customer portal.",
        discussion: """
        Reads customers and orders (CSV or JSON) from a data folder, applies the Partner Center \
        rules for software subscriptions, perpetual software and software plans, and writes one \
        portal per customer, a partner overview and portal.json.

        Exit codes: 0 success, 2 build --keep-going left lines out, 64 usage error, 65 data error, 66 missing input, 73 cannot write output.
        """,
        version: CSPPortalVersion.current,
        subcommands: [Build.self, Validate.self, Init.self, Due.self, Audit.self, Markets.self, Sample.self, SupportRequestCommand.self, TemplatesCommand.self],
        defaultSubcommand: nil)
}
