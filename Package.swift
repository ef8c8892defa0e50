// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "corpgraph",
    products: [
        .library(name: "CorpGraph", targets: ["CorpGraph"]),
        .library(name: "CorpGraphSnapshot", targets: ["CorpGraphSnapshot"]),
        .library(name: "CorpGraphIO", targets: ["CorpGraphIO"]),
        .library(name: "CorpGraphRender", targets: ["CorpGraphRender"]),
        .library(name: "CorpGraphPDF", targets: ["CorpGraphPDF"]),
        .executable(name: "corpgraph", targets: ["corpgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "CorpGraph"),
        .target(name: "CorpGraphSnapshot", dependencies: ["CorpGraph"]),
        .target(name: "CorpGraphIO", dependencies: ["CorpGraph", "CorpGraphSnapshot", "Yams"]),
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "CorpGraphRender", dependencies: ["CorpGraph", "CGraphviz"]),
        // cairo + pango for PDF pages (Debian libcairo2-dev, libpango1.0-dev), beside CGraphviz.
        .systemLibrary(
            name: "CCairo",
            path: "Sources/CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .target(name: "CorpGraphPDF", dependencies: ["CorpGraphRender", "CCairo"]),
        .executableTarget(
            name: "corpgraph",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "corpgraph-bench",
            dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphRender"],
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
        .testTarget(name: "CorpGraphSnapshotTests", dependencies: ["CorpGraph", "CorpGraphSnapshot", "CorpGraphIO", "CorpGraphTestSupport"]),
        .testTarget(name: "CorpGraphRenderTests", dependencies: ["CorpGraph", "CorpGraphRender", "CorpGraphIO", "CorpGraphTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CorpGraphPDFTests", dependencies: ["CorpGraphPDF", "CorpGraphTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["corpgraph", "CorpGraphTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
