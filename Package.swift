// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "corpgraph",
    products: [
        .library(name: "CorpGraph", targets: ["CorpGraph"]),
        .library(name: "CorpGraphIO", targets: ["CorpGraphIO"]),
        .library(name: "CorpGraphRender", targets: ["CorpGraphRender"]),
        .library(name: "CorpGraphReport", targets: ["CorpGraphReport"]),
        .library(name: "CorpGraphServer", targets: ["CorpGraphServer"]),
        .executable(name: "corpgraph", targets: ["corpgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The server (corpgraph serve). No swift-configuration: the CLI parses its own flags.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already a dependency of Hummingbird; named for the route tests' in-process channel (NIOEmbedded).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "CorpGraph"),
        .target(name: "CorpGraphIO", dependencies: ["CorpGraph", "Yams"]),
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "CorpGraphRender", dependencies: ["CorpGraph", "CGraphviz"]),
        .target(name: "CorpGraphReport", dependencies: ["CorpGraph", "CorpGraphIO"]),
        .target(
            name: "CorpGraphServer",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphRender", "CorpGraphReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "corpgraph",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphRender", "CorpGraphReport", "CorpGraphServer",
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
        .testTarget(name: "CorpGraphTests", dependencies: ["CorpGraph"]),
        .testTarget(name: "CorpGraphIOTests", dependencies: ["CorpGraph", "CorpGraphIO"]),
        .testTarget(name: "CorpGraphRenderTests", dependencies: ["CorpGraph", "CorpGraphRender", "CorpGraphIO"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["corpgraph"]),
        .testTarget(name: "CorpGraphReportTests", dependencies: ["CorpGraph", "CorpGraphIO", "CorpGraphReport"]),
        .testTarget(
            name: "CorpGraphServerTests",
            dependencies: [
                "CorpGraph", "CorpGraphIO", "CorpGraphReport", "CorpGraphServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
