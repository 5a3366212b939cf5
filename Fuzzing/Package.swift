// swift-tools-version: 6.0
// The fuzz targets of csp-portal: one libFuzzer executable per parser, built only by Scripts/fuzz
// (with -sanitize=fuzzer,address and -enable-testing, which the targets' `@testable import` needs),
// never by the root package's `swift build` or `swift test`. docs/fuzzing.md says how to run them.
import Foundation
import PackageDescription

/// SwiftPM names a package found by path after its folder: `csp-portal` in a clean clone, but
/// whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().resolvingSymlinksInPath().lastPathComponent
let portal = Target.Dependency.product(name: "CSPPortalStages", package: root.lowercased())
let parsers: [Target.Dependency] = [portal, "FuzzSupport"]

let package = Package(
    name: "csp-portal-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        // The invariants every target checks, and the adapter from bytes to the loaders' entry points.
        .target(name: "FuzzSupport", dependencies: [portal]),
        .executableTarget(name: "FuzzCSVParser", dependencies: parsers),
        .executableTarget(name: "FuzzCSVStream", dependencies: parsers),
        .executableTarget(name: "FuzzJSON", dependencies: parsers),
        .executableTarget(name: "FuzzTemplate", dependencies: parsers),
        .executableTarget(name: "FuzzSite", dependencies: parsers),
        .executableTarget(name: "FuzzTimestamp", dependencies: parsers),
        .executableTarget(name: "FuzzMoney", dependencies: parsers),
        .executableTarget(name: "FuzzMarkets", dependencies: parsers),
    ],
    swiftLanguageModes: [.v6]
)
