import CorpGraphTestSupport
import Testing
@testable import CorpGraph

/// `targetsWithin` splits one batch of 65–256 subjects over two threads on graphs of 100 000+ entities: the result
/// must equal one single-source search per subject.
@Suite struct ParallelReachTests {
    @Test func twoThreadSearchEqualsSingleSourceSearches() {
        var rng = SplitMix64(seed: 20261129)
        let n = 100_000
        var b = GraphBuilder()
        b.reserve(entities: n, relationships: 2 * n)
        let countries = ["JP", "SG", "RU-IRK", "KZ", "AE", "US", "CY"]
        for v in 0..<n {
            b.add(
                Entity(id: "e\(v)", kind: .company, name: "E\(v)", jurisdiction: countries[Int(rng.next() % 7)]),
                at: SourceLocation(file: "gen"))
        }
        for _ in 0..<(2 * n) {
            let s = Int(rng.next() % UInt64(n)), t = Int(rng.next() % UInt64(n))
            if s != t {
                b.add(Relationship(kind: .owns, source: "e\(s)", target: "e\(t)"), at: SourceLocation(file: "gen"))
            }
        }
        let (g, _) = b.build()
        let targets = TargetSet(graph: g, policy: Policy(jurisdictions: ["RU"]), asOf: nil)
        let subjects = (0..<100).map { _ in Int(rng.next() % UInt64(n)) }
        let filter = TraversalFilter(kinds: .all, direction: .down, asOf: nil)
        let together = g.targetsWithin(4, of: subjects, targets: targets, walking: filter)
        var single = Reachability(graph: g, filter: filter)
        #expect(together.count == 100)
        var nonEmpty = 0
        for (i, s) in subjects.enumerated() {
            let expected = single.targets(from: s, maxDepth: 4, in: targets)
            #expect(Set(together[i]) == Set(expected), "subject \(s)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 50)
    }
}
