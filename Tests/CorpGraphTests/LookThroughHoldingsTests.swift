import CorpGraphTestSupport
import Testing
@testable import CorpGraph

/// A random ownership graph: 2–12 entities (some persons), 0–30 `owns` relationships with exact, interval and unknown
/// shares (so cross-holdings, several statements per pair, ended ones), and with `closedLoop` a
/// 100 % cross-holding (inside holders hold all of each member) that an entity holds into and that holds loop-c.
func randomOwnershipGraph(seed: UInt64, closedLoop: Bool = false) -> Graph {
    var rng = SplitMix64(seed: seed)
    var t = TestGraph()
    let n = Int.random(in: 2...12, using: &rng)
    let ids = (0..<n).map { "e\($0)" }
    for id in ids {
        if Int.random(in: 0..<3, using: &rng) == 0 { t.person(id, list: nil) } else { t.company(id) }
    }
    func share(_ rng: inout SplitMix64) -> Share {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .unknown
        case 1:
            let a = Int.random(in: 0...60, using: &rng)
            return range("\(a)", "\(a + Int.random(in: 0...40, using: &rng))")
        case 2: return range("\(Int.random(in: 10...50, using: &rng))", nil, minExclusive: true)
        default: return .exact(Percent(Int.random(in: 1...100, using: &rng)))
        }
    }
    for _ in 0..<Int.random(in: 0...30, using: &rng) {
        let a = ids.randomElement(using: &rng)!
        let b = ids.filter { $0 != a }.randomElement(using: &rng)!  // the builder refuses self-holdings
        let ended = Int.random(in: 0..<8, using: &rng) == 0
        t.owns(a, b, share: share(&rng), start: nil, end: ended ? "2020-01-01" : nil)
    }
    if closedLoop {
        t.owns("loop-a", "loop-b", "100")
        t.owns("loop-b", "loop-a", "100")
        t.owns("loop-b", "loop-c", "40")
        t.owns("loop-c", "leaf", share: share(&rng))
        t.owns(ids.randomElement(using: &rng)!, "loop-a", share: share(&rng))
    }
    return t.graph()
}

@Suite("Look-through holdings in bulk")
struct LookThroughHoldingsTests {
    let date = day("2025-01-01")

    /// Bulk and per-subject agree: the same entries (less those certainly below the threshold), values within 1e-9
    /// (the sweeps inside a cross-holding visit its members in another order), outcomes and closed loops.
    func expectAgreement(_ g: Graph, threshold: Percent, seed: UInt64) throws {
        let index = LookThroughIndex(graph: g, asOf: date)
        let holders = (0..<g.entityCount).map(Int32.init)
        let bulk = LookThroughOwnership.holdings(index: index, holders: holders, threshold: threshold)
        #expect(bulk.holders == holders)
        let options = LookThroughOptions(method: .full, asOf: date, threshold: threshold, maxChains: 0)
        for i in holders.indices {
            let one = try LookThroughOwnership.compute(
                index: index, subject: Int(holders[i]), direction: .holder, options: options)
            let many = bulk.result(ofHolderAt: i)
            let expected = one.entries.filter { $0.aboveThreshold != .notMet }
            #expect(many.subject == one.subject && many.method == .full && many.direction == .holder)
            #expect(many.closedLoops == one.closedLoops, "seed \(seed), holder \(one.subject)")
            #expect(
                many.entries.map(\.id).sorted() == expected.map(\.id).sorted(), "seed \(seed), holder \(one.subject)")
            let byID = Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0) })
            for e in many.entries {
                guard let x = byID[e.id] else { continue }
                #expect(close(e.effectiveLower, x.effectiveLower), "seed \(seed) \(one.subject) → \(e.id)")
                #expect(
                    e.effectiveUpper.map { u in x.effectiveUpper.map { close(u, $0) } ?? false }
                        ?? (x.effectiveUpper == nil), "seed \(seed) \(one.subject) → \(e.id)")
                #expect(e.aboveThreshold == x.aboveThreshold && e.beneficialOwner == x.beneficialOwner)
                #expect(e.role == x.role && e.kind == x.kind && e.name == x.name && e.chains.isEmpty)
            }
            // The raw columns say the same as the result built from them.
            let range = bulk.entries(ofHolderAt: i)
            #expect(range.count == many.entries.count)
            for k in range { #expect(bulk.aboveThreshold(k) != .notMet) }
        }
    }

    func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    @Test("bulk equals per-subject on random graphs (cross-holdings, intervals, unknown shares, ended holdings)")
    func randomGraphs() throws {
        for seed in UInt64(1)...100 {
            let g = randomOwnershipGraph(seed: seed)
            for threshold in [Percent.zero, Percent(25), Percent(50)] {
                try expectAgreement(g, threshold: threshold, seed: seed)
            }
        }
    }

    @Test("bulk equals per-subject with closed loops: unbounded entries and the loops reported")
    func closedLoops() throws {
        var sawLoop = false
        for seed in UInt64(1)...40 {
            let g = randomOwnershipGraph(seed: seed, closedLoop: true)
            try expectAgreement(g, threshold: Percent(25), seed: seed)
            let index = LookThroughIndex(graph: g, asOf: date)
            let bulk = LookThroughOwnership.holdings(index: index, holders: [Int32(g.index(of: "loop-a")!)])
            let r = bulk.result(ofHolderAt: 0)
            #expect(r.closedLoops.contains(["loop-a", "loop-b"]))
            #expect(r.entries.first { $0.id == "loop-c" }?.isUnbounded == true)
            sawLoop = sawLoop || r.entries.contains { $0.isUnbounded && $0.id == "leaf" }
        }
        #expect(sawLoop)
    }

    @Test("N2 cross-holding in bulk: P holds 85.11 % of A and 25.53 % of B, beneficial owner of both")
    func crossHolding() {
        let g = TestGraph.crossHoldingN2()
        let bulk = LookThroughOwnership.holdings(index: LookThroughIndex(graph: g, asOf: date))
        #expect(bulk.holders.map { g.id(Int($0)) } == ["P"])  // default: persons with holdings
        let r = bulk.result(ofHolderAt: 0)
        #expect(r.entries.map(\.id) == ["A", "B"])
        #expect(abs(r.entries[0].effectiveLower - 0.8 / 0.94) < 1e-13)
        #expect(abs(r.entries[1].effectiveLower - 0.8 / 0.94 * 0.3) < 1e-13)
        #expect(r.entries.allSatisfy { $0.beneficialOwner && $0.isExact })
        // At 30 %, B (25.53 %) is certainly below and left out.
        let above30 = LookThroughOwnership.holdings(
            index: LookThroughIndex(graph: g, asOf: date), threshold: Percent(30))
        #expect(above30.result(ofHolderAt: 0).entries.map(\.id) == ["A"])
        #expect(above30.entryCount == 1 && g.id(Int(above30.entity[0])) == "A")
    }

    @Test("holders with nothing, and no holders at all")
    func empty() {
        var t = TestGraph()
        t.person("P", list: nil)
        t.company("C")
        let g = t.graph()
        let index = LookThroughIndex(graph: g, asOf: date)
        #expect(LookThroughOwnership.holdings(index: index).holders.isEmpty)
        let bulk = LookThroughOwnership.holdings(index: index, holders: [0, 1])
        #expect(bulk.entries(ofHolderAt: 0).isEmpty && bulk.entries(ofHolderAt: 1).isEmpty && bulk.entryCount == 0)
    }
}
