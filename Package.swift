// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "corpgraph",
    products: [
        .library(name: "CorpGraph", targets: ["CorpGraph"]),
        .library(name: "CorpGraphSnapshot", targets: ["CorpGraphSnapshot"]),
        .library(name: "CorpGraphIO", targets: ["CorpGraphIO"]),
        .library(name: "CorpGraphRender", targets: ["CorpGraphRender"]),
        .library(name: "CorpGraphDiff", targets: ["CorpGraphDiff"]),
        .library(name: "CorpGraphMatch", targets: ["CorpGraphMatch"]),
        .library(name: "CorpGraphPDF", targets: ["CorpGraphPDF"]),
        .library(name: "CorpGraphReport", targets: ["CorpGraphReport"]),
        .library(name: "CorpGraphServer", targets: ["CorpGraphServer"]),
        .executable(name: "corpgraph", targets: ["corpgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // File I/O (open, read, write, mapped files, atomic replacement) through FileDescriptor.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // The server (corpgraph serve). No swift-configuration: the CLI parses its own flags.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(name: "CorpGraph"),
        // Files: mapped reads, piecewise reads, atomic writes (swift-system).
        .target(name: "CorpGraphFiles", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .target(
            name: "CorpGraphSnapshot",
            dependencies: [
                "CorpGraph", "CorpGraphFiles", .product(name: "SystemPackage", package: "swift-system"),
                "CCrypto",
            ]),
        // libcrypto (Debian libssl-dev) for the SHA-256 of snapshot inputs (the CPU's SHA extensions).
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", providers: [.apt(["libssl-dev"])]),
        .target(
            name: "CorpGraphIO",
            dependencies: [
                "CorpGraph", "CorpGraphFiles", "CorpGraphSnapshot", "Yams", "CZlib",
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        // zlib (Debian zlib1g-dev) for .gz and .zip inputs.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "CorpGraphRender", dependencies: ["CorpGraph", "CGraphviz"]),
        .target(name: "CorpGraphDiff", dependencies: ["CorpGraph", "CorpGraphIO"]),
        .target(name: "CorpGraphMatch", dependencies: ["CorpGraph"]),
        .target(name: "CorpGraphReport", dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphMatch"]),
        .target(
            name: "CorpGraphServer",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphRender", "CorpGraphReport", "CorpGraphMatch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // cairo + pango for PDF pages (Debian libcairo2-dev, libpango1.0-dev), beside CGraphviz.
        .systemLibrary(
            name: "CCairo",
            path: "Sources/CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .target(name: "CorpGraphPDF", dependencies: ["CorpGraphRender", "CCairo"]),
        // Case reports (DESIGN §12): one evidence model, encoded as JSON, HTML (Mustache template) and PDF.
        .target(
            name: "CorpGraphCaseFile",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphSnapshot", "CorpGraphRender", "CorpGraphPDF",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .executableTarget(
            name: "corpgraph",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphRender", "CorpGraphDiff", "CorpGraphReport", "CorpGraphMatch",
                "CorpGraphServer", "CorpGraphPDF", "CorpGraphCaseFile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "corpgraph-bench",
            dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphRender", "CorpGraphDiff", "CorpGraphMatch"],
            path: "Benchmarks/corpgraph-bench"
        ),
        .executableTarget(
            name: "corpgraph-conformance",
            dependencies: ["CorpGraph", "CorpGraphIO"],
            path: "Conformance"
        ),
        // Shared by every test target: generators, the CLI runner, golden helpers (not a product).
        .target(name: "CorpGraphTestSupport", dependencies: ["CorpGraph"], path: "Tests/CorpGraphTestSupport"),
        .testTarget(name: "CorpGraphTests", dependencies: ["CorpGraph", "CorpGraphTestSupport"]),
        .testTarget(name: "CorpGraphIOTests", dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphTestSupport"]),
        .testTarget(
            name: "CorpGraphSnapshotTests",
            dependencies: ["CorpGraph", "CorpGraphSnapshot", "CorpGraphIO", "CorpGraphTestSupport"]),
        .testTarget(
            name: "CorpGraphRenderTests",
            dependencies: ["CorpGraph", "CorpGraphRender", "CorpGraphIO", "CorpGraphTestSupport"], exclude: ["Fixtures"]
        ),
        .testTarget(name: "CorpGraphPDFTests", dependencies: ["CorpGraphPDF", "CorpGraphTestSupport"]),
        .testTarget(
            name: "CorpGraphDiffTests",
            dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphDiff", "CorpGraphTestSupport"]),
        .testTarget(
            name: "CorpGraphReportTests",
            dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphReport", "CorpGraphTestSupport"]),
        .testTarget(
            name: "CorpGraphMatchTests", dependencies: ["CorpGraph", "CorpGraphMatch", "CorpGraphTestSupport"]),
        .testTarget(
            name: "CorpGraphCaseFileTests",
            dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphPDF", "CorpGraphCaseFile", "CorpGraphTestSupport"],
            exclude: ["Goldens"]),
        .testTarget(name: "CLITests", dependencies: ["corpgraph", "CorpGraphTestSupport"]),

        .testTarget(
            name: "CorpGraphServerTests",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphReport", "CorpGraphMatch", "CorpGraphServer",
                "CorpGraphTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
