// swift-tools-version: 6.1
// Micro-benchmarks of csp-portal's hot paths (issue #24), apart from the root package so that its
// build and CI do not pull in the benchmark harness. Run by Scripts/benchmark, or here with
// `swift package benchmark` (`thresholds check` fails on a regression past the stored figures).
import PackageDescription

let package = Package(
    name: "csp-portal-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "csp-portal", path: ".."),
        // MallocInterposer alone: allocation counts without the Linux 6.3 runtime interposer.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PortalBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CSPPortalStages", package: "csp-portal"),
            ],
            path: "Benchmarks/PortalBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
