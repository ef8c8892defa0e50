// `corpgraph-bench match DATA [--queries 2000] [--counterparties 10000] [--csv FILE]`: search and screening on the
// shipped CorpGraphMatch path (MatchIndex, MatchIndex.search, CounterpartyFile, Screener) over a generated data/N.
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import Foundation

enum MatchBench {
    /// A deterministic generator (64-bit LCG), so queries and counterparties are the same on every run.
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// A name as an analyst might type it: one of exact, lower-cased, legal form dropped, a letter dropped.
    static func variant(_ name: String, _ rng: inout LCG) -> String {
        var words = name.split(separator: " ").map(String.init)
        switch rng.next(4) {
        case 0: return name
        case 1: return name.lowercased()
        case 2:
            if words.count > 2 { words.remove(at: words.count - 2) }
            return words.joined(separator: " ")
        default:
            if let i = words.indices.first(where: { words[$0].count >= 6 }) {
                var w = Array(words[i]); w.remove(at: 2); words[i] = String(w)
            }
            return words.joined(separator: " ")
        }
    }

    static let invented = ["Zephyr", "Quantum", "Marigold", "Obsidian", "Tundra", "Velvet", "Kestrel", "Juniper"]

    /// The counterparty CSV: 40 % names from the graph, 30 % variants of them, 30 % invented names.
    static func counterpartyCSV(_ g: Graph, count: Int) -> String {
        var rng = LCG(state: 7)
        var out = "ref,name,kind,country,identifiers,birthDate,desk\n"
        for i in 0..<count {
            let v = rng.next(g.entityCount)
            let name: String
            switch rng.next(10) {
            case 0..<4: name = g.name(v)
            case 4..<7: name = variant(g.name(v), &rng)
            default: name = "\(invented[rng.next(8)]) \(invented[rng.next(8)]) Trading Ltd \(rng.next(100_000))"
            }
            let kind = g.kind(v) == .person ? "person" : "company"
            out += OutputSafety.csvLine(["cp\(i)", name, kind, "", "", "", "desk\(i % 7)"])
        }
        return out
    }

    static func main(_ arguments: [String]) {
        var rest = arguments[...]
        guard let data = rest.popFirst() else {
            fail("usage: corpgraph-bench match DATA [--queries N] [--counterparties N] [--csv FILE]")
        }
        var queries = 2000, counterparties = 10_000
        var csvPath = "/tmp/cgbench-counterparties-\(counterparties).csv"
        while let a = rest.popFirst() {
            switch a {
            case "--queries": queries = Int(rest.popFirst() ?? "") ?? queries
            case "--counterparties": counterparties = Int(rest.popFirst() ?? "") ?? counterparties
            case "--csv": csvPath = rest.popFirst() ?? csvPath
            default: fail("unknown argument \(a)")
            }
        }
        let clock = ContinuousClock()
        let t0 = clock.now
        let dataset: LoadedDataset
        do { dataset = try DatasetLoader.load([data]) } catch { fail("load failed: \(error)") }
        let g = dataset.graph
        let t1 = clock.now
        let index = MatchIndex(graph: g)
        let t2 = clock.now
        print(
            "match bench  data=\(data)  entities=\(g.entityCount)  name records=\(index.recordCount)  vocabulary=\(index.vocabularySize)"
        )
        print("  load        \(seconds(t1 - t0)) s")
        print("  index build \(seconds(t2 - t1)) s")

        // Query latency: names from the graph, typed as an analyst might, one query at a time.
        var rng = LCG(state: 42)
        let texts = (0..<queries).map { _ in variant(g.name(rng.next(g.entityCount)), &rng) }
        var latencies: [Double] = []
        var top1 = 0
        for (i, q) in texts.enumerated() {
            let s = clock.now
            let r = (try? index.search(q)) ?? []
            latencies.append(seconds(clock.now - s))
            if i < 3 { _ = r }
            if let best = r.first,
                NameNormaliser.normalise(best.name).tokens == NameNormaliser.normalise(q).tokens || best.match
            {
                top1 += 1
            }
        }
        if ProcessInfo.processInfo.environment["CGBENCH_SLOW"] != nil {
            for (t, q) in zip(latencies, texts).sorted(by: { $0.0 > $1.0 }).prefix(8) {
                print("    slow \(t * 1000) ms  \(q)")
            }
        }
        latencies.sort()
        func ms(_ x: Double) -> String { String(format: "%.3f ms", x * 1000) }
        print(
            "  search      \(queries) queries: median \(ms(latencies[latencies.count / 2])), p95 \(ms(latencies[latencies.count * 95 / 100])), max \(ms(latencies.last!)); best result a match for \(top1)"
        )

        // Screening: the counterparty file is written, read back and screened as the CLI does.
        let csv = counterpartyCSV(g, count: counterparties)
        try? csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        let s0 = clock.now
        let list: CounterpartyList
        do { list = try CounterpartyFile.parse(csv, file: csvPath) } catch { fail("\(error)") }
        let screener: Screener
        do {
            screener = try Screener(
                index: index,
                options: ScreeningOptions(asOf: CalendarDate(parsing: "2026-01-01")!, policy: dataset.policy))
        } catch { fail("\(error)") }
        let s1 = clock.now
        let rows = screener.screen(list.rows)
        let s2 = clock.now
        var counts: [String: Int] = [:]
        for r in rows {
            counts[r.decision.rawValue, default: 0] += 1; if let v = r.verdict { counts[v.rawValue, default: 0] += 1 }
        }
        print(
            "  screen      \(rows.count) counterparties: parse + regimes + exposure prep \(seconds(s1 - s0)) s, matching + status + exposure \(seconds(s2 - s1)) s"
        )
        print(
            "              " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        )
        print("  counterparty file for the CLI: \(csvPath)")
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
