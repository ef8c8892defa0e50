import CorpGraphTestSupport
import Testing
@testable import CorpGraph

/// Tarjan's components (with entities on no cycle skipped) against mutual reachability, on random graphs.
@Suite struct CyclesPropertyTests {
    /// Components of two or more entities that reach each other over relationships of `kinds`, found the slow way.
    static func oracle(_ g: Graph, kinds: RelationshipKindSet) -> [[Int]] {
        let n = g.entityCount
        var reach = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        for s in 0..<n {
            var queue = [s]
            reach[s][s] = true
            while let v = queue.popLast() {
                for (e, w) in zip(g.outRelationships(v), g.outNeighbours(v))
                where kinds.contains(g.kind(ofRelationship: Int(e))) && !reach[s][Int(w)] {
                    reach[s][Int(w)] = true
                    queue.append(Int(w))
                }
            }
        }
        var seen = [Bool](repeating: false, count: n)
        var out: [[Int]] = []
        for v in 0..<n where !seen[v] {
            let component = (0..<n).filter { reach[v][$0] && reach[$0][v] }
            for w in component { seen[w] = true }
            if component.count > 1 { out.append(component) }
        }
        return out
    }

    @Test func ownershipCyclesEqualMutualReachability() {
        let owns = RelationshipKindSet([.owns])
        var withCycles = 0
        for seed in 0..<150 as Range<UInt64> {
            let g = randomOwnershipGraph(seed: seed, closedLoop: seed % 3 == 0)
            let expected = Self.oracle(g, kinds: owns)
            #expect(StronglyConnectedComponents.cycles(in: g) == expected, "seed \(seed)")
            if !expected.isEmpty { withCycles += 1 }
        }
        #expect(withCycles > 50)  // the property is exercised, not vacuous
    }

    @Test func mixedKindCyclesEqualMutualReachability() {
        let all = RelationshipKindSet(RelationshipKind.allCases)
        for seed in 0..<60 as Range<UInt64> {
            let g = randomGraph(seed: seed)
            #expect(StronglyConnectedComponents.cycles(in: g, kinds: all) == Self.oracle(g, kinds: all), "seed \(seed)")
            let owns = RelationshipKindSet([.owns])
            #expect(StronglyConnectedComponents.cycles(in: g) == Self.oracle(g, kinds: owns), "seed \(seed)")
        }
    }

    @Test func weakComponentsAreNumberedByFirstEntity() {
        for seed in 0..<60 as Range<UInt64> {
            let g = randomGraph(seed: seed)
            let n = g.entityCount
            // Undirected breadth-first search from each unnumbered entity in index order.
            var expected = [Int32](repeating: -1, count: n)
            var count: Int32 = 0
            for s in 0..<n where expected[s] < 0 {
                expected[s] = count
                var queue = [s]
                while let v = queue.popLast() {
                    for w in Array(g.outNeighbours(v)) + Array(g.inNeighbours(v)) where expected[Int(w)] < 0 {
                        expected[Int(w)] = count
                        queue.append(Int(w))
                    }
                }
                count += 1
            }
            let weak = StronglyConnectedComponents.weakComponents(of: g)
            #expect(weak.component == expected, "seed \(seed)")
            #expect(weak.count == Int(count), "seed \(seed)")
        }
    }
}
