import CorpGraphTestSupport
import Foundation
import Testing
@testable import CorpGraph

/// A random graph of 20–90 entities with chains and a few payment hubs (so searches at depth 6 meet large
/// neighbourhoods and many dead ends): some Russian, some designated, some accounts.
func randomHubGraph(seed: UInt64) -> Graph {
    var rng = SplitMix64(seed: seed)
    let n = Int.random(in: 20...90, using: &rng)
    var entities: [E] = []
    for i in 0..<n {
        let roll = Int.random(in: 0..<40, using: &rng)
        let j = roll < 2 ? "RU-IRK" : roll < 4 ? "RU" : "JP"
        let designations =
            roll >= 37
            ? [Designation(list: "OFAC-SDN", listed: day("2022-0\(Int.random(in: 1...9, using: &rng))-01"))] : []
        var e = E("e\(i)", j, designations)
        if Int.random(in: 0..<12, using: &rng) == 0 { e.kind = .account }
        entities.append(e)
    }
    let hubs = (0..<Int.random(in: 1...3, using: &rng)).map { _ in Int.random(in: 0..<n, using: &rng) }
    var rels: [Relationship] = []
    for _ in 0..<Int.random(in: n...(3 * n), using: &rng) {
        let hub = Int.random(in: 0..<4, using: &rng) == 0
        let a = hub ? hubs.randomElement(using: &rng)! : Int.random(in: 0..<n, using: &rng)
        var b = Int.random(in: 0..<(n - 1), using: &rng)
        if b >= a { b += 1 }
        let kind: RelationshipKind = hub ? .pays : RelationshipKind.allCases.randomElement(using: &rng)!
        var r = Relationship(kind: kind, source: "e\(a)", target: "e\(b)")
        if kind == .pays {
            r.amount = Decimal(Int.random(in: 1...1000, using: &rng))
            r.currency = "USD"
            r.date = day("2022-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))")
        } else if kind == .owns {
            r.share = .exact(Percent(Int.random(in: 1...100, using: &rng)))
        }
        if kind != .pays && Int.random(in: 0..<5, using: &rng) == 0 {
            r.start = day("2022-06-01")
        }
        rels.append(r)
    }
    return exposureGraph(entities, rels)
}

/// The on-demand search (targets classified when asked, pruning distances found by bounded searches) gives exactly
/// the whole-graph search's results: same paths, same order, same reasons, same truncation.
@Suite struct ExposureOnDemandTests {
    static let seeds: [UInt64] = Array(1...60)

    func targetSets(_ g: Graph, seed: UInt64, asOf: CalendarDate?) -> (eager: TargetSet, onDemand: TargetSet) {
        var rng = SplitMix64(seed: seed &* 31)
        var extra: [Int: [TargetReason]] = [:]
        var extraSeverity: [Int: TargetSeverity] = [:]
        if Bool.random(using: &rng) {
            for v in 0..<g.entityCount where Int.random(in: 0..<15, using: &rng) == 0 {
                let status: SanctionsStatus = Bool.random(using: &rng) ? .blocked : .undetermined
                extra[v] = [.derived(regime: "test", status: status, basis: nil, by: [])]
                extraSeverity[v] = status == .blocked ? .derived : .possible
            }
        }
        return (
            TargetSet(graph: g, policy: russia, asOf: asOf, extra: extra, extraSeverity: extraSeverity),
            TargetSet(graph: g, policy: russia, asOf: asOf, extra: extra, extraSeverity: extraSeverity, onDemand: true)
        )
    }

    @Test(arguments: seeds) func onDemandTargetsClassifyAsTheWholeGraphPass(seed: UInt64) {
        let g = randomHubGraph(seed: seed)
        for asOf in [nil, day("2022-05-15")] {
            let (eager, lazy) = targetSets(g, seed: seed, asOf: asOf)
            #expect(lazy.classifiesOnDemand && !eager.classifiesOnDemand)
            for v in 0..<g.entityCount {
                #expect(lazy.contains(v) == eager.contains(v), "seed \(seed) e\(v)")
                #expect(lazy.severity(of: v) == eager.severity(of: v), "seed \(seed) e\(v)")
                #expect(lazy.reasons(for: v) == eager.reasons(for: v), "seed \(seed) e\(v)")
            }
            #expect(lazy.members == eager.members)
            #expect(lazy.count == eager.count)
            // On demand the highest severity is an upper bound found without visiting every entity.
            #expect(lazy.maxSeverity >= eager.maxSeverity)
        }
    }

    @Test(arguments: seeds) func onDemandSearchEqualsWholeGraphSearch(seed: UInt64) {
        let g = randomHubGraph(seed: seed)
        var rng = SplitMix64(seed: seed &* 7919)
        let asOf: CalendarDate? = [nil, day("2022-05-15"), day("2022-09-30")].randomElement(using: &rng)!
        let (eager, lazy) = targetSets(g, seed: seed, asOf: asOf)
        for direction in WalkDirection.allCases {
            let kinds: RelationshipKindSet =
                [.all, RelationshipKindSet([.owns, .pays]), RelationshipKindSet([.controls, .pays])]
                .randomElement(using: &rng)!
            let options = ExposureOptions(
                maxDepth: Int.random(in: 2...6, using: &rng),
                filter: TraversalFilter(kinds: kinds, direction: direction, asOf: asOf),
                timeRespecting: Bool.random(using: &rng), limit: [3, 50, 100_000].randomElement(using: &rng)!)
            let whole = ExposureSearch(targets: eager, options: options)
            // One enumerator for every subject: the bounds it learns are shared across subjects.
            let shared = ExposureSearch(targets: lazy, options: options, subjects: [0])
            var enumerator = shared.makeEnumerator(order: .byLength)
            for s in (0..<g.entityCount).shuffled(using: &rng) {
                let expected = whole.exposure(of: s)
                let context = "seed \(seed) subject e\(s) \(direction) depth \(options.maxDepth)"
                #expect(shared.exposure(of: s, using: &enumerator) == expected, "shared: \(context)")
                // Fresh, prepared for this subject alone, on either kind of target set.
                #expect(
                    ExposureSearch(targets: lazy, options: options, subjects: [s]).exposure(of: s) == expected,
                    "\(context)")
                #expect(
                    ExposureSearch(targets: eager, options: options, subjects: [s]).exposure(of: s) == expected,
                    "eager targets: \(context)")
                #expect(shared.countPaths(from: s) == whole.countPaths(from: s), "\(context)")
            }
        }
    }

    /// Not vacuous: the hub graphs have long paths, dead ends and truncated results.
    @Test func hubGraphsHaveLongPathsAndDeadEnds() {
        var longest = 0, clear = 0, truncated = 0
        for seed in Self.seeds.prefix(20) {
            let g = randomHubGraph(seed: seed)
            let t = TargetSet(graph: g, policy: russia, asOf: nil)
            let search = ExposureSearch(
                targets: t, options: ExposureOptions(maxDepth: 6, filter: TraversalFilter(direction: .down), limit: 50))
            for s in 0..<g.entityCount {
                let r = search.exposure(of: s)
                longest = max(longest, r.paths.map(\.hops.count).max() ?? 0)
                if r.verdict == .clear { clear += 1 }
                if r.truncated { truncated += 1 }
            }
        }
        #expect(longest >= 5, "longest \(longest)")
        #expect(clear >= 20, "clear \(clear)")
        #expect(truncated >= 5, "truncated \(truncated)")
    }
}
