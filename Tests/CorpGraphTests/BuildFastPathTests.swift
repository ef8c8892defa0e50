import CorpGraphTestSupport
import Foundation
import Testing

@testable import CorpGraph

/// The shortcuts `corpgraph build` takes at scale give what the plain paths give.
@Suite("Build fast paths")
struct BuildFastPathTests {
    /// A random graph dense in `owns` (exact, interval and unknown shares, dated and undated, repeated pairs), so
    /// over-owned companies and disagreeing holdings occur.
    static func ownershipGraph(seed: UInt64, entities: Int = 30, relationships: Int = 160) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        for i in 0..<entities {
            b.add(
                Entity(id: "E\(i)", kind: i % 3 == 0 ? .person : .company, name: "n\(i)"),
                at: SourceLocation(file: "t.yaml", line: i + 1))
        }
        let dates = [nil, "2020-01-01", "2021-06-30", "2022-01-01"].map { $0.map(day) }
        for i in 0..<relationships {
            let s = Int.random(in: 0..<entities, using: &rng)
            var t = Int.random(in: 0..<(entities / 3), using: &rng)  // few targets: many holders each
            if t == s { t = (t + 1) % entities }
            let share: Share? =
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: nil
                case 1: .range(ShareRange(min: Percent(10), max: Percent(60)))
                default: .exact(Percent(Int.random(in: 1...9, using: &rng) * 10))
                }
            let kind: RelationshipKind = Int.random(in: 0..<5, using: &rng) == 0 ? .controls : .owns
            let start = dates[Int.random(in: 0..<dates.count, using: &rng)]
            let end = Bool.random(using: &rng) ? nil : day("2021-12-31")
            _ = b.add(
                Relationship(
                    kind: kind, source: "E\(s)", target: "E\(t)", share: share,
                    start: start.flatMap { e in end.map { e > $0 } ?? false ? nil : e }, end: end),
                at: SourceLocation(file: "t.yaml", line: 100 + i))
        }
        return b.build().graph
    }

    @Test("the per-company checks skip only companies they cannot report", arguments: Array(UInt64(1)...30))
    func checksFilterIsExact(seed: UInt64) {
        let g = Self.ownershipGraph(seed: seed)
        let n = g.entityCount
        // Counts that let every company through: the walk over every company, as before the filter.
        let everyone = DatasetChecks.IncomingOwns(
            count: Array(repeating: .max, count: n), exactCount: Array(repeating: .max, count: n),
            exactSum: Array(repeating: .max, count: n))
        // (The walk sums the same shares the counts do, so the filter may only drop companies it cannot report.)
        let filtered = DatasetChecks.IncomingOwns(g)
        let over = DatasetChecks.overOwnedCompanies(g, filtered)
        let disagreeing = DatasetChecks.disagreeingHoldings(g, filtered)
        #expect(over.map(\.description) == DatasetChecks.overOwnedCompanies(g, everyone).map(\.description))
        #expect(disagreeing.map(\.description) == DatasetChecks.disagreeingHoldings(g, everyone).map(\.description))
        #expect(DatasetChecks.overOwnedCompanies(g).map(\.description) == over.map(\.description))
        if seed == 1 { #expect(!over.isEmpty && !disagreeing.isEmpty) }  // the generator makes both
    }

    @Test("a batch lookup gives what one lookup per key gives", arguments: [0, 1, 2, 3])
    func batchLookup(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var table = StringTable()
        var present: [String] = []
        for i in 0..<5_000 {
            // Short (kept whole in the slot), 9-byte (the bench's ids) and long keys, some non-ASCII.
            let id =
                switch i % 4 {
                case 0: "s\(i)"
                case 1: String(format: "C%08d", i)
                case 2: "long-identifier-\(i)-" + String(repeating: "x", count: i % 40)
                default: "Bé-\(i)"
                }
            table.insert(id)
            present.append(id)
        }
        var queries = present.shuffled(using: &rng)
        queries += (0..<2_000).map { i in i % 2 == 0 ? String(format: "C%08d", 900_000 + i) : "missing-\(i)-key" }
        queries.append("")
        queries.shuffle(using: &rng)
        let bytes = queries.map { Array($0.utf8) }
        var batched: [Int32] = []
        var single: [Int32] = []
        table.withReader { reader in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 1...32, using: &rng))
                defer { start = end }
                let chunk = bytes[start..<end]
                // Copies that live for the call: each key a buffer of its own.
                let owned = chunk.map { b -> UnsafeMutableBufferPointer<UInt8> in
                    let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, b.count))
                    _ = p.initialize(from: b)
                    return p
                }
                defer { owned.forEach { $0.deallocate() } }
                let keys = owned.enumerated().map { i, p in
                    UnsafeBufferPointer(rebasing: UnsafeBufferPointer(p)[0..<chunk[chunk.startIndex + i].count])
                }
                let out = UnsafeMutablePointer<Int32>.allocate(capacity: keys.count)
                defer { out.deallocate() }
                _ = keys.withUnsafeBufferPointer { reader.lookup(batch: $0, into: out) }
                batched += (0..<keys.count).map { out[$0] }
                single += keys.map { reader.lookup(utf8: $0) }
            }
        }
        #expect(batched.count == queries.count && batched == single)
        for (q, i) in zip(queries, single) where i >= 0 { #expect(table[Int(i)] == q) }
    }
}
