import PortalRecords

/// What a page shows of `site.json`'s branding: the logo (a `data:` URI, with the partner's name
/// for its text alternative) and the accent colour with the text colour that reads on it. Absent
/// (nil on the page) when `site.json` sets neither, so that an unbranded page is unchanged.
public struct PageBranding: Sendable {
    public let partnerName: String
    public let logo: String?
    public let accentColor: String?
    public let accentTextColor: String?

    public init?(_ site: SiteSettings) {
        guard !site.branding.isEmpty else { return nil }
        partnerName = site.partnerName
        logo = site.branding.logo?.dataURI
        accentColor = site.branding.accentColor?.hex
        accentTextColor = site.branding.accentColor?.textHex
    }
}
