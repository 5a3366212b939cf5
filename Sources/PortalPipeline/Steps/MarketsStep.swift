import PortalRecords
import PortalViewModels
import PortalWrite

/// `markets/`: the markets table (R16) in both languages, `index.html` in the site's and
/// `<lang>.html` in the other, each linking to the other.
struct MarketsStep: SiteStep {
    var templates: [String] { ["markets"] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        func fileName(_ language: PortalLanguage) -> String {
            language == context.siteLanguage ? "index.html" : "\(language.rawValue).html"
        }
        for language in PortalLanguage.allCases {
            let other = PortalLanguage.allCases.first { $0 != language }!
            let page = MarketsPage(context.markets, format: LocaleFormat(catalogue: context.templates.catalogue(for: language)),
                                   otherLanguage: other, otherLanguageLink: fileName(other))
            try staged.write(OutputFile(path: "markets/\(fileName(language))", bytes: context.templates.renderPage(page, template: "markets")))
        }
        return []
    }
}
