import CorpGraph
import CorpGraphRender
import Foundation

/// Render benchmark (not a timed test): a founding-case-like ownership diagram (a holding tree across 14 countries,
/// cross payments and control edges, labels on every edge) laid out and rendered to SVG.
///
/// Targets: 300 nodes ≤ 1 s; 3000 nodes ≤ 10 s or refused with advice.
/// Run: `swift run -c release --scratch-path .build-bench corpgraph-bench render [300 3000 …] [auto|dot|sfdp]`.
enum RenderBench {
    /// Runs the benchmark for each size in `arguments` (default 300 and 3000) and prints one line per phase.
    static func main(_ arguments: [String]) {
        let sizes = arguments.compactMap { Int($0) }
        let layout = arguments.compactMap { LayoutChoice(rawValue: $0) }.first ?? .auto
        for n in sizes.isEmpty ? [300, 3000] : sizes {
            run(nodes: n, layout: layout)
        }
    }

    /// Builds the synthetic graph with `nodes` entities, then times DOT generation and layout + SVG.
    static func run(nodes: Int, layout: LayoutChoice) {
        let graph = syntheticGraph(nodes: nodes)
        let options = DiagramOptions(
            datasetName: "synthetic-\(nodes)", asOf: CalendarDate(year: 2023, month: 1, day: 1)!,
            policy: Policy.builtIn, layout: layout,
            limits: RenderLimits(
                maxDotNodes: ProcessInfo.processInfo.environment["CORPGRAPH_BENCH_NO_CAP"] == nil ? 3000 : 100_000,
                maxNodes: ProcessInfo.processInfo.environment["CORPGRAPH_BENCH_NO_CAP"] == nil ? 4000 : 100_000))
        let clock = ContinuousClock()
        var diagram: Diagram?
        let build = clock.measure {
            do { diagram = try OwnershipDiagram.make(graph, options: options) } catch { print("  refused: \(error)") }
        }
        guard let diagram else { return }
        let text = diagram.dotText
        if let dir = ProcessInfo.processInfo.environment["CORPGRAPH_BENCH_DUMP"] {
            try? Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("render-\(nodes).dot"))
        }
        var bytes = 0
        var failure: String?
        var warnings: [String] = []
        let render = clock.measure {
            do {
                let r = try GraphvizEngine.render(text, layout: diagram.engine, format: .svg)
                bytes = r.data.count
                warnings = r.warnings
            } catch {
                failure = "\(error)"
            }
        }
        print(
            "render \(nodes) nodes, \(graph.relationshipCount) relationships, layout \(layout.rawValue) → \(diagram.engine.rawValue): "
                + "DOT \(diagram.dot.nodeCount) nodes / \(diagram.dot.edgeCount) edges / \(text.utf8.count) bytes in \(seconds(build)); "
                + "layout+SVG \(seconds(render)), \(bytes) bytes, \(warnings.count) warnings"
                + (failure.map { "; FAILED: \($0)" } ?? ""))
        for w in warnings.prefix(5) { print("  warning: \(w)") }
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.3f s", s)
    }

    /// A founding-case-like graph: entity `i > 0` is owned by an earlier entity (a holding tree), plus payments
    /// (0.4 per entity, some repeated monthly) and control edges (0.27 per entity) across countries; some persons are
    /// designated. Deterministic (SplitMix64, seed 42).
    static func syntheticGraph(nodes n: Int, seed: UInt64 = 42) -> Graph {
        var rng = SplitMix64(seed: seed)
        let countries = ["JP", "SG", "HK", "RU-MOW", "RU-IRK", "KZ", "AE", "CY", "US-TX", "CN", "GB", "DE", "BY", "TR"]
        let scripts = [
            "Holdings K.K. (ホールディングス株式会社)", "Trading Pte. Ltd.", "ООО «Сибирь»", "Mining LLP",
            "投资有限公司", "Nominees Ltd", "FZE", "GmbH",
        ]
        var b = GraphBuilder()
        let loc = SourceLocation(file: "synthetic", line: nil, record: nil)
        for i in 0..<n {
            let kind: EntityKind = i % 23 == 7 ? .person : i % 17 == 3 ? .site : i % 29 == 5 ? .exchange : .company
            var designations: [Designation] = []
            if kind == .person && rng.next(below: 3) == 0 {
                designations = [
                    Designation(
                        list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: CalendarDate(year: 2022, month: 4, day: 5))
                ]
            }
            let country = countries[Int(rng.next(below: UInt64(countries.count)))]
            b.add(
                Entity(
                    id: "e\(i)", kind: kind, name: "Entity \(i) " + scripts[i % scripts.count], aliases: [],
                    jurisdiction: country, identifiers: [:], tags: [], designations: designations, sources: [],
                    attributes: [:]), at: loc)
        }
        for i in 1..<n {
            let parent = Int(rng.next(below: UInt64(i)))
            let share = Percent(Int(rng.next(below: 100)) + 1)
            b.add(Relationship(kind: .owns, source: "e\(parent)", target: "e\(i)", share: .exact(share)), at: loc)
        }
        for _ in 0..<(n * 2 / 5) {
            let s = Int(rng.next(below: UInt64(n)))
            let t = Int(rng.next(below: UInt64(n)))
            guard s != t else { continue }
            let months = rng.next(below: 4) == 0 ? 6 : 1
            for m in 0..<months {
                b.add(
                    Relationship(
                        kind: .pays, source: "e\(s)", target: "e\(t)",
                        amount: Decimal(Int(rng.next(below: 1_000_000)) + 1000),
                        currency: rng.next(below: 2) == 0 ? "USDT" : "USD",
                        date: CalendarDate(year: 2022, month: 5 + m, day: 15)), at: loc)
            }
        }
        for _ in 0..<(n * 27 / 100) {
            let s = Int(rng.next(below: UInt64(n)))
            let t = Int(rng.next(below: UInt64(n)))
            guard s != t else { continue }
            b.add(
                Relationship(kind: .controls, source: "e\(s)", target: "e\(t)", controlType: "boardAppointment"),
                at: loc)
        }
        return b.build().graph
    }
}

/// SplitMix64: a small, fast, reproducible generator.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }
}
