import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraph

/// A random small graph: 3–9 entities, some Russian or designated, 0–20 relationships of every kind with random
/// dates, validity windows and parallel repeats (no self-loops).
func randomGraph(seed: UInt64) -> Graph {
    var rng = SplitMix64(seed: seed)
    let n = Int.random(in: 3...9, using: &rng)
    var entities: [E] = []
    for i in 0..<n {
        let roll = Int.random(in: 0..<10, using: &rng)
        let j = roll < 2 || roll == 8 ? "RU-IRK" : roll < 3 ? "RU" : "JP"
        // Designated parties, some of them inside a sanctioned jurisdiction (two severities on one entity).
        let designations =
            roll >= 8
            ? [Designation(list: "OFAC-SDN", listed: day("2022-0\(Int.random(in: 1...9, using: &rng))-01"))] : []
        entities.append(E("e\(i)", j, designations))
    }
    // Accounts (a separate stream, so the graphs of every seed stay as they were): held by a designated party, they
    // are designated targets.
    var accounts = SplitMix64(seed: seed &+ 0x5eed)
    for i in entities.indices where Int.random(in: 0..<4, using: &accounts) == 0 { entities[i].kind = .account }
    func date(_ rng: inout SplitMix64) -> String {
        "2022-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))"
    }
    var rels: [Relationship] = []
    for _ in 0..<Int.random(in: 0...20, using: &rng) {
        let a = Int.random(in: 0..<n, using: &rng)
        var b = Int.random(in: 0..<(n - 1), using: &rng)
        if b >= a { b += 1 }
        let kind = RelationshipKind.allCases.randomElement(using: &rng)!
        var r = Relationship(kind: kind, source: "e\(a)", target: "e\(b)")
        switch kind {
        case .owns:
            r.share = [
                Share.exact(Percent(Int.random(in: 1...100, using: &rng))), .unknown,
                .range(ShareRange(min: Percent(25), max: Percent(50))),
            ].randomElement(using: &rng)!
        case .pays:
            r.amount = Decimal(Int.random(in: 1...1000, using: &rng))
            r.currency = ["USD", "USDT"].randomElement(using: &rng)!
            r.date = Int.random(in: 0..<8, using: &rng) == 0 ? nil : day(date(&rng))
        default: break
        }
        if kind != .pays && Int.random(in: 0..<4, using: &rng) == 0 {
            let x = date(&rng), y = date(&rng)
            r.start = day(min(x, y))
            r.end = day(max(x, y))
        }
        rels.append(r)
    }
    return exposureGraph(entities, rels)
}

/// Allowed relationships between u and w under `f`, with the direction walked.
func allowedHop(_ g: Graph, _ f: TraversalFilter, _ u: Int, _ w: Int) -> [(e: Int, dir: HopDirection)] {
    var out: [(Int, HopDirection)] = []
    for e in 0..<g.relationshipCount where g.allows(e, f) {
        if f.direction != .up && g.source(e) == u && g.target(e) == w { out.append((e, .down)) }
        if f.direction != .down && g.target(e) == u && g.source(e) == w { out.append((e, .up)) }
    }
    return out
}

/// The definition of DESIGN §4, literally: every simple path, every choice of payment per payment hop.
func bruteForcePaths(_ g: Graph, targets: TargetSet, from s: Int, options o: ExposureOptions) -> Set<[Int]> {
    func hop(_ u: Int, _ w: Int) -> [(e: Int, dir: HopDirection)] { allowedHop(g, o.filter, u, w) }
    func timely(_ path: [Int]) -> Bool {
        // Payment hops (every allowed relationship is a payment) and their candidate payments.
        var choices: [[(date: Int32, dir: HopDirection)]] = []
        for i in 1..<path.count {
            let rels = hop(path[i - 1], path[i])
            if rels.allSatisfy({ g.kind(ofRelationship: $0.e) == .pays }) {
                choices.append(rels.map { (g.date($0.e)?.rawValue ?? 0, $0.dir) })
            }
        }
        func search(_ k: Int, _ previous: (date: Int32, dir: HopDirection)?) -> Bool {
            if k == choices.count { return true }
            for c in choices[k] {
                if let p = previous, p.date != 0, c.date != 0, p.dir == c.dir {
                    if c.dir == .down && c.date < p.date { continue }
                    if c.dir == .up && c.date > p.date { continue }
                }
                if search(k + 1, c) { return true }
            }
            return false
        }
        return search(0, nil)
    }
    // The severity rule, literally: a path ends at a target of higher severity than every target strictly inside it
    // (the subject excluded); every simple path is walked to the depth, targets inside included.
    func severity(_ v: Int) -> Int { Int(targets.severity(of: v)?.rawValue ?? 0) }
    var result = Set<[Int]>()
    var path = [s]
    func extend() {
        let u = path[path.count - 1]
        for w in 0..<g.entityCount where !path.contains(w) && !hop(u, w).isEmpty {
            path.append(w)
            let inside = path.dropFirst().dropLast().map(severity).max() ?? 0
            if severity(w) > inside && (!o.timeRespecting || timely(path)) { result.insert(path) }
            if path.count - 1 < o.maxDepth { extend() }
            path.removeLast()
        }
    }
    if o.maxDepth > 0 { extend() }
    return result
}

/// For a time-respecting path, per hop: the payments that are part of at least one valid choice of one payment per
/// payment hop (every choice enumerated), as relationship indices, sorted; and how many allowed payments are not.
/// Hops walked as another relationship keep every payment.
func bruteForceTimelyPayments(_ g: Graph, path: [Int], filter f: TraversalFilter) -> [(kept: [Int], left: Int)] {
    let hops = (1..<path.count).map { allowedHop(g, f, path[$0 - 1], path[$0]) }
    let layers = hops.indices.filter { i in hops[i].allSatisfy { g.kind(ofRelationship: $0.e) == .pays } }
    var used = Set<Int>()
    var choice: [(e: Int, dir: HopDirection)] = []
    func walk(_ k: Int) {
        if k == layers.count { used.formUnion(choice.map(\.e)); return }
        for c in hops[layers[k]] {
            if let p = choice.last, let pd = g.date(p.e), let cd = g.date(c.e), p.dir == c.dir {
                if c.dir == .down && cd < pd { continue }
                if c.dir == .up && cd > pd { continue }
            }
            choice.append(c)
            walk(k + 1)
            choice.removeLast()
        }
    }
    walk(0)
    return hops.indices.map { i in
        let pays = hops[i].filter { g.kind(ofRelationship: $0.e) == .pays }.map(\.e)
        guard layers.contains(i) else { return (pays.sorted(), 0) }
        let kept = pays.filter { used.contains($0) }.sorted()
        return (kept, pays.count - kept.count)
    }
}

/// Breadth-first distances by the definition: fewest hops over allowed relationships.
func bruteForceDistances(_ g: Graph, from s: Int, filter f: TraversalFilter, maxDepth: Int) -> [Int: Int] {
    var dist = [s: 0]
    var frontier = [s]
    var d = 0
    while !frontier.isEmpty && d < maxDepth {
        d += 1
        var next: [Int] = []
        for u in frontier {
            for e in 0..<g.relationshipCount where g.allows(e, f) {
                var ws: [Int] = []
                if f.direction != .up && g.source(e) == u { ws.append(g.target(e)) }
                if f.direction != .down && g.target(e) == u { ws.append(g.source(e)) }
                for w in ws where dist[w] == nil {
                    dist[w] = d
                    next.append(w)
                }
            }
        }
        frontier = next
    }
    dist[s] = nil
    return dist
}

@Suite struct ExposurePropertyTests {
    static let seeds: [UInt64] = Array(1...120)

    /// The random graphs do meet the held-by rule (the property below is not vacuous for it).
    @Test func randomGraphsHaveHeldAccounts() {
        var held = 0
        for seed in Self.seeds {
            let g = randomGraph(seed: seed)
            let t = TargetSet(graph: g, policy: russia, asOf: nil)
            for v in 0..<g.entityCount
            where t.reasons(for: v).contains(where: { if case .heldBy = $0 { true } else { false } }) {
                held += 1
            }
        }
        #expect(held >= 5, "\(held) held accounts")  // 9 over the 120 seeds
    }

    @Test(arguments: seeds) func pathsEqualBruteForce(seed: UInt64) {
        let g = randomGraph(seed: seed)
        var rng = SplitMix64(seed: seed &* 7919)
        let asOf: CalendarDate? = [nil, day("2022-05-15"), day("2022-09-30")].randomElement(using: &rng)!
        let kinds: RelationshipKindSet = [
            .all, RelationshipKindSet([.owns, .pays]), RelationshipKindSet([.pays, .operates, .controls]),
        ]
        .randomElement(using: &rng)!
        // Derived and possible targets too, so paths meet all four severities.
        var extra: [Int: [TargetReason]] = [:]
        var extraSeverity: [Int: TargetSeverity] = [:]
        for v in 0..<g.entityCount where Int.random(in: 0..<6, using: &rng) == 0 {
            let status: SanctionsStatus = Bool.random(using: &rng) ? .blocked : .undetermined
            extra[v] = [.derived(regime: "test", status: status, basis: nil, by: [])]
            extraSeverity[v] = status == .blocked ? .derived : .possible
        }
        let targets = TargetSet(graph: g, policy: russia, asOf: asOf, extra: extra, extraSeverity: extraSeverity)
        // Held-by targets, by definition: an account with an owns/controls relationship in force from a party with a
        // counted designation in force.
        for v in 0..<g.entityCount where g.kind(v) == .account {
            let held = (0..<g.relationshipCount).contains { e in
                let r = g.relationship(e)
                guard r.target == g.id(v), r.kind == .owns || r.kind == .controls, r.source != r.target,
                    asOf.map({ g.isValid(e, on: $0) }) ?? true
                else { return false }
                return g.designations(g.index(of: r.source)!).contains { d in
                    (russia.lists?.contains(d.list) ?? true) && (asOf.map { d.isInForce(on: $0) } ?? true)
                }
            }
            #expect(
                targets.reasons(for: v).contains { if case .heldBy = $0 { true } else { false } } == held,
                "seed \(seed) \(g.id(v))")
            if held { #expect(targets.severity(of: v) == .designated) }
        }
        for direction in WalkDirection.allCases {
            for timeRespecting in [false, true] {
                let depth = Int.random(in: 1...5, using: &rng)
                let options = ExposureOptions(
                    maxDepth: depth, filter: TraversalFilter(kinds: kinds, direction: direction, asOf: asOf),
                    timeRespecting: timeRespecting, limit: 100_000)
                let pruned = ExposureSearch(targets: targets, options: options)
                var unprunedOptions = options
                unprunedOptions.prune = false
                let unpruned = ExposureSearch(targets: targets, options: unprunedOptions)
                // One enumerator counting every subject in turn (its per-entity last-hop counts are shared).
                var shared = pruned.makeEnumerator(order: .depthFirst)
                for s in (0..<g.entityCount).reversed() {
                    let expected = bruteForcePaths(g, targets: targets, from: s, options: options)
                    #expect(shared.count(from: s, cap: .max) == expected.count, "seed \(seed) subject e\(s) shared")
                }
                for s in 0..<g.entityCount {
                    let expected = bruteForcePaths(g, targets: targets, from: s, options: options)
                    let context =
                        "seed \(seed) subject e\(s) direction \(direction) depth \(depth) time \(timeRespecting)"
                    for order in [PathOrder.byLength, .depthFirst] {
                        let got = pruned.paths(from: s, order: order).map { $0.map(Int.init) }
                        #expect(Set(got) == expected, "\(context) order \(order)")
                        #expect(got.count == expected.count, "no duplicates: \(context)")
                        if order == .byLength {
                            #expect(got.map(\.count) == got.map(\.count).sorted(), "by length: \(context)")
                        }
                    }
                    #expect(Set(unpruned.paths(from: s).map { $0.map(Int.init) }) == expected, "\(context)")
                    // Prepared for this subject only (distances found on demand): the same paths, same order.
                    let local = ExposureSearch(targets: targets, options: options, subjects: [s])
                    #expect(Set(local.paths(from: s).map { $0.map(Int.init) }) == expected, "local: \(context)")
                    #expect(
                        local.exposure(of: s).paths.map(\.nodes) == pruned.exposure(of: s).paths.map(\.nodes),
                        "local: \(context)")
                    #expect(pruned.countPaths(from: s) == expected.count, "\(context)")
                    #expect(unpruned.countPaths(from: s) == expected.count, "\(context)")
                    #expect(pruned.countPaths(from: s, cap: 3) == min(expected.count, 3), "\(context)")
                    let ranked = pruned.exposure(of: s)
                    #expect(Set(ranked.paths.map(\.nodes)) == expected, "\(context)")
                    #expect(!ranked.truncated)
                    for p in ranked.paths where timeRespecting {
                        // The payments listed are exactly those on some time-respecting choice along the path.
                        let expected = bruteForceTimelyPayments(g, path: p.nodes, filter: options.filter)
                        let got = p.hops.map { hop in
                            (hop.payments.flatMap(\.relationships).sorted(), hop.paymentsOutOfTimeOrder)
                        }
                        #expect(got.map(\.0) == expected.map(\.kept), "\(context) path \(p.nodes)")
                        #expect(got.map(\.1) == expected.map(\.left), "\(context) path \(p.nodes)")
                    }
                    for p in ranked.paths {
                        // Every hop lists at least one relationship, and all of them join the hop's two entities.
                        for hop in p.hops {
                            let rels = hop.relationships.map(\.relationship) + hop.payments.flatMap(\.relationships)
                            #expect(!rels.isEmpty)
                            #expect(rels.allSatisfy { Set([g.source($0), g.target($0)]) == Set([hop.from, hop.to]) })
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: seeds) func reachEqualsBruteForce(seed: UInt64) {
        let g = randomGraph(seed: seed)
        let targets = TargetSet(graph: g, policy: russia, asOf: nil)
        var rng = SplitMix64(seed: seed &+ 17)
        let asOf: CalendarDate? = [nil, day("2022-05-15")].randomElement(using: &rng)!
        for direction in WalkDirection.allCases {
            let f = TraversalFilter(kinds: .all, direction: direction, asOf: asOf)
            let depth = Int.random(in: 1...6, using: &rng)
            var subjects = Array(0..<g.entityCount)
            subjects.append(0)  // a repeated subject gets the same answer
            let batch = g.targetsWithin(depth, of: subjects, targets: targets, walking: f)
            var bfs = Reachability(graph: g, filter: f)
            for (i, s) in subjects.enumerated() {
                let all = bruteForceDistances(g, from: s, filter: f, maxDepth: depth)
                let expected = Dictionary(
                    uniqueKeysWithValues: all.filter { targets.contains($0.key) }.map { ($0.key, $0.value) })
                let got = Dictionary(uniqueKeysWithValues: batch[i].map { ($0.entity, $0.distance) })
                #expect(got == expected, "seed \(seed) subject \(s) direction \(direction)")
                #expect(batch[i].map(\.distance) == batch[i].map(\.distance).sorted())
                let single = Dictionary(
                    uniqueKeysWithValues: bfs.reached(from: s, maxDepth: depth).map { ($0.entity, $0.distance) })
                #expect(single == all, "seed \(seed) subject \(s)")
            }
            // Distance to the nearest target, walking the same way, is the minimum over the targets reached.
            let dist = g.distancesToNearest(targets, within: depth, walking: f)
            for v in 0..<g.entityCount {
                let expected: Int
                if targets.contains(v) {
                    expected = 0
                } else {
                    // Walks may not pass through a target: search with targets as dead ends.
                    var best = Int.max
                    var frontier = [v], seen: Set<Int> = [v], d = 0
                    while !frontier.isEmpty && d < depth && best == Int.max {
                        d += 1
                        var next: [Int] = []
                        for u in frontier {
                            for (w, _) in bruteForceDistances(g, from: u, filter: f, maxDepth: 1)
                            where !seen.contains(w) {
                                seen.insert(w)
                                if targets.contains(w) { best = d } else { next.append(w) }
                            }
                        }
                        frontier = next
                    }
                    expected = best == Int.max ? 255 : best
                }
                #expect(Int(dist[v]) == expected, "seed \(seed) entity \(v) direction \(direction)")
            }
        }
    }
}
