// swift-tools-version: 6.0
// csp-portal: a static customer portal generator for CSP partners.
// The targets follow the build pipeline: load -> rules -> view models -> render -> write.
import PackageDescription

let package = Package(
    name: "csp-portal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "csp-portal", targets: ["CSPPortalCLI"]),
        // The stages as a library, for the separate packages Benchmarks/ (micro-benchmarks) and Fuzzing/
        // (fuzz targets): a package can use another's modules only through a library product.
        // `swift build` builds nothing more for it.
        .library(name: "CSPPortalStages", targets: [
            "PortalRecords", "PortalSupport", "PortalLoad", "PortalRules", "PortalViewModels", "PortalRender", "PortalPipeline", "PortalSample",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Test-only: the reference RFC 4180 reader our byte-level parser is property-tested against.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // Test-only: the reference Mustache renderer the compiled templates are held to, byte for byte.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Plain values shared by every stage: records, instants, money, diagnostics.
        .target(name: "PortalRecords", dependencies: ["PortalSupport"]),
        // Small tools the stages share that are not values: work on every core, byte search,
        // interned texts.
        .target(name: "PortalSupport"),
        // Stage 1: files -> records, with file:line diagnostics. libxml2 reads an SVG logo (site.json).
        .target(name: "PortalLoad", dependencies: ["PortalRecords", "PortalSupport", "CLibXML2"]),
        // Stage 2: pure rules R1-R19; records + as-of -> computed facts. No I/O, no clock.
        .target(name: "PortalRules", dependencies: ["PortalRecords", "PortalSupport"]),
        // Stage 3: computed facts -> what each page and portal.json shows.
        // Customer folders named by HMAC-SHA-256 of the id under the link secret (Crypto).
        .target(name: "PortalViewModels", dependencies: [
            "PortalRecords", "PortalRules",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Stage 4: view models -> HTML (templates from Templates/) and JSON bytes.
        .target(name: "PortalRender", dependencies: [
            "PortalViewModels", "PortalSupport",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Stage 5: bytes -> an output folder, atomically, never outside it.
        .target(name: "PortalWrite"),
        // Synthetic data sets in the input format: demo data and partner-scale benchmarks.
        .target(name: "PortalSample", dependencies: ["PortalRecords"]),
        // The named steps put together: what `csp-portal build` runs.
        .target(name: "PortalPipeline", dependencies: [
            "PortalRecords", "PortalSupport", "PortalLoad", "PortalRules", "PortalViewModels", "PortalRender", "PortalWrite",
        ]),
        .executableTarget(name: "CSPPortalCLI", dependencies: [
            "PortalPipeline", "PortalSample",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libxml2: its XML parser checks SVG logos; its HTML parser and XPath let the tests read
        // generated pages as a browser would.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // What every test target shares: scratch folders, sample builds, pages read with XPath,
        // the csp-portal command, e-mail headers read back, rule-table shorthands.
        .target(name: "PortalTestSupport", dependencies: ["PortalPipeline", "PortalRecords", "CLibXML2"],
                path: "Tests/PortalTestSupport"),

        // One test target per stage module; SiteTests builds whole sites.
        .testTarget(name: "RulesTests", dependencies: ["PortalRules", "PortalRecords", "PortalTestSupport"]),
        .testTarget(name: "LoadTests", dependencies: [
            "PortalLoad", "PortalRecords", "PortalSample", "PortalTestSupport",
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .testTarget(name: "ViewModelsTests", dependencies: ["PortalViewModels", "PortalRender", "PortalRecords", "PortalTestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["PortalRender", "PortalViewModels", "PortalRecords", "PortalTestSupport"]),
        .testTarget(name: "SiteTests", dependencies: [
            "PortalPipeline", "PortalRecords", "PortalLoad", "PortalRules", "PortalViewModels", "PortalRender", "PortalWrite", "PortalSample",
            "PortalTestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
