import Foundation

/// `site.json`'s `logo` and `accentColor`: how the partner's pages look like the partner's.
public struct SiteBranding: Hashable, Sendable {
    public let logo: BrandLogo?
    public let accentColor: AccentColor?

    public init(logo: BrandLogo? = nil, accentColor: AccentColor? = nil) {
        self.logo = logo
        self.accentColor = accentColor
    }

    public var isEmpty: Bool { logo == nil && accentColor == nil }
}

/// A logo checked to be safe to show (a PNG, or an SVG without scripts or external references),
/// as the `data:` URI pages embed: a page stays one self-contained file that works from `file://`.
public struct BrandLogo: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case png = "image/png"
        case svg = "image/svg+xml"
    }

    /// The most a logo may weigh: it is copied into every page, 50,000 customer pages at a partner's scale.
    public static let maximumBytes = 100 * 1024

    public let format: Format
    /// `data:image/png;base64,…`, made once at load rather than once per page.
    public let dataURI: String

    public init(format: Format, bytes: [UInt8]) {
        self.format = format
        self.dataURI = "data:\(format.rawValue);base64,\(Data(bytes).base64EncodedString())"
    }
}

/// A `#rrggbb` colour for the header bar and the selected buttons, with the text colour (white or
/// black) that reads best on it.
public struct AccentColor: Hashable, Sendable {
    /// `#0f6cbd`: lower case, as written into the pages.
    public let hex: String
    /// `#ffffff` or `#000000`.
    public let textHex: String
    /// The contrast of `textHex` on `hex`.
    public let contrast: Double

    /// WCAG 2 AA for normal text.
    public static let minimumContrast = 4.5

    /// Why `text` is not an accent colour that text can be read on, or nil when it is one.
    public enum Problem: Error, Equatable, Sendable {
        case syntax
        case contrast(white: Double, black: Double)
    }

    public init(parsing text: String) throws(Problem) {
        let digits = Array(text.utf8.dropFirst())
        guard text.utf8.first == UInt8(ascii: "#"), digits.count == 6, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16),
              digits.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else {
            throw .syntax
        }
        let luminance = Self.relativeLuminance(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
        let white = Self.contrast(luminance, 1), black = Self.contrast(luminance, 0)
        // The better of the two always reaches 4.58:1 in theory (their product is 21); the check
        // stays so that the rule is the one the documentation states, whatever the candidates become.
        guard max(white, black) >= Self.minimumContrast else { throw .contrast(white: white, black: black) }
        hex = "#" + String(format: "%06x", value)
        // Ties go to white, the usual text on a coloured bar.
        (textHex, contrast) = white >= black ? ("#ffffff", white) : ("#000000", black)
    }

    /// WCAG 2's relative luminance of an sRGB colour.
    public static func relativeLuminance(red: UInt8, green: UInt8, blue: UInt8) -> Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2's contrast ratio of two relative luminances, from 1 to 21.
    public static func contrast(_ first: Double, _ second: Double) -> Double {
        (max(first, second) + 0.05) / (min(first, second) + 0.05)
    }

    /// `4.48:1`, rounded down so that a ratio shown as 4.5:1 does reach it.
    public static func ratioText(_ ratio: Double) -> String {
        String(format: "%.1f:1", (ratio * 10).rounded(.down) / 10)
    }
}
