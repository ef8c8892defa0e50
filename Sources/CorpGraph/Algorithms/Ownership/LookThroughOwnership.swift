import Foundation

/// Look-through (integrated) ownership over `owns` relationships: how much of a company a holder owns once every
/// chain of holdings is multiplied out and the chains are added (EU AMLR Art. 52(1); DOMAIN.md §2).
///
/// With W[i][j] the fraction of j held directly by i:
/// - ``LookThroughMethod/full``: E = W + W² + … = W(I − W)⁻¹, the sum over **all walks**; cross-holdings contribute as a
///   convergent geometric series (Brioschi, Buzzacchi & Colombo 1989; Vitali, Glattfelder & Battiston 2011).
///   Computed by sparse propagation from the one subject over its reachable part, strongly connected components in
///   topological order, each cycle iterated until the change is below 1e-15. A **closed loop** (a cycle whose members
///   have no outside owner: spectral radius ≥ 1, so I − W is singular) is detected and reported, never divided by.
/// - ``LookThroughMethod/paths``: the sum over **simple paths** only (each entity at most once per chain).
///
/// The two differ with cross-holdings (DOMAIN §2 N2: 25.53 % vs 24 %, on either side of the 25 % AMLR threshold), so
/// results always name their method. This is a different measure from the sanctions regimes of ``SanctionsAnalysis``,
/// which never multiply down a chain; never mix the two.
///
/// Relationships: `owns` valid on the as-of date, one per (holder, held) pair (the most specific statement in force,
/// as in ``SanctionsAnalysis``). Share intervals give an effective interval: the lower bound uses every share's lower
/// bound, the upper bound every share's upper bound tightened to `100 − Σ lower bounds of the other holders`; an
/// unknown share is `[0, 100]` so tightened.
public enum LookThroughOwnership {
    /// Who ultimately owns `subject` (``LookThroughDirection/of``) or what it ultimately owns (``LookThroughDirection/holder``).
    ///
    /// A closed loop reachable from the subject is reported in ``LookThroughResult/closedLoops``; under `full` the
    /// entries it feeds are unbounded.
    /// - Throws: ``LookThroughError/tooManyPaths(limit:)`` when `paths` would enumerate more than
    ///   ``LookThroughOptions/pathLimit`` simple paths.
    /// - Complexity: `full`: O((V_r + E_r) · k) for the V_r entities and E_r relationships reachable from the subject, k
    ///   the iterations inside cycles (1 on acyclic parts). `paths`: proportional to the number of simple paths.
    public static func compute(graph: Graph, subject: Int, direction: LookThroughDirection,
                               options: LookThroughOptions = LookThroughOptions()) throws -> LookThroughResult {
        let h = EffectiveHoldings(graph: graph, regime: .ofac, asOf: options.asOf)
        let local = LocalSystem(graph: graph, holdings: h, subject: subject, direction: direction)
        var result = LookThroughResult(method: options.method, direction: direction, subject: graph.id(subject),
                                       threshold: options.threshold, asOf: options.asOf)
        let m = local.nodes.count
        var lower = [Double](repeating: 0, count: m)
        var upper = [Double?](repeating: 0, count: m)
        let enumeration = try local.enumeratePaths(
            limit: options.method == .paths ? options.pathLimit : options.chainSearchLimit,
            failOnLimit: options.method == .paths, maxChains: options.maxChains)
        // Closed loops are found by the all-walks solution under both share bounds, whichever method answers: the
        // lower bounds first (a loop certainly closed), then the upper ones (closed only if the shares are at the top
        // of their ranges).
        let lo = local.solve(weights: local.lowerWeights)
        let hi = local.solve(weights: local.upperWeights)
        for loop in [lo.closedLoop, hi.closedLoop].compactMap({ $0 }) {
            let ids = loop.map { graph.id(Int(local.nodes[$0])) }.sorted()
            if !result.closedLoops.contains(ids) { result.closedLoops.append(ids) }
        }
        switch options.method {
        case .full:
            // Walks round a closed loop add up without end: those entries are unbounded (lower bound infinite, no
            // upper bound), never a number computed by dividing by zero.
            lower = lo.values
            for a in 0..<m { upper[a] = hi.unbounded[a] ? nil : hi.values[a] }
        case .paths:
            lower = enumeration.lower
            for a in 0..<m { upper[a] = enumeration.upper[a] }
        }
        result.chainsTruncated = enumeration.truncated
        let t = options.threshold.fraction
        let subjectIsPerson = graph.kind(subject) == .person
        for a in 1..<max(m, 1) where lower[a] > 0 || (upper[a] ?? 1) > 0 {
            let v = Int(local.nodes[a])
            let hasOwners = !h.inRange(v).isEmpty
            let role: LookThroughEntry.Role = graph.kind(v) == .person ? .person : (hasOwners ? .intermediate : .topHolder)
            let above: TestOutcome = lower[a].isInfinite ? .undetermined
                : lower[a] >= t - 1e-9 ? .met : ((upper[a].map { $0 < t - 1e-9 } ?? false) ? .notMet : .undetermined)
            let personHolder = direction == .of ? graph.kind(v) == .person : subjectIsPerson
            result.entries.append(LookThroughEntry(
                id: graph.id(v), name: graph.name(v), kind: graph.kind(v), role: role,
                effectiveLower: lower[a], effectiveUpper: upper[a], aboveThreshold: above,
                beneficialOwner: personHolder && above == .met,
                chains: enumeration.chains[a].map { c in
                    var nodes = c.nodes.map { graph.id(Int(local.nodes[$0])) }
                    var rels = c.relationships
                    if direction == .of { nodes.reverse(); rels.reverse() }
                    return LookThroughChain(entities: nodes, shares: rels.map { graph.share(Int($0)) ?? .unknown },
                                            productLower: c.lower, productUpper: c.upper)
                }))
        }
        result.entries.sort { a, b in
            if direction == .of && a.role != b.role { return a.role < b.role }
            if a.effectiveLower != b.effectiveLower { return a.effectiveLower > b.effectiveLower }
            let (ua, ub) = (a.effectiveUpper ?? .infinity, b.effectiveUpper ?? .infinity)
            if ua != ub { return ua > ub }
            return a.id < b.id
        }
        return result
    }
}

/// Which way to look from the subject.
public enum LookThroughDirection: String, Sendable, Hashable, CaseIterable {
    /// Who ultimately owns the subject.
    case of
    /// What the subject ultimately owns.
    case holder
}

/// Walks (all, geometric series) or simple paths only.
public enum LookThroughMethod: String, Sendable, Hashable, CaseIterable {
    case full, paths
}

public struct LookThroughOptions: Sendable, Hashable {
    public var method: LookThroughMethod
    public var asOf: CalendarDate
    /// Beneficial-owner threshold (EU AMLR Art. 52(1): 25 % or more).
    public var threshold: Percent
    /// Chains listed per entry, strongest first.
    public var maxChains: Int
    /// `paths`: the most simple paths enumerated before giving up with an error.
    public var pathLimit: Int
    /// `full`: the most simple paths enumerated to list chains (the effective values do not depend on it).
    public var chainSearchLimit: Int

    public init(method: LookThroughMethod = .full, asOf: CalendarDate = .today(), threshold: Percent = Percent(25),
                maxChains: Int = 5, pathLimit: Int = 1_000_000, chainSearchLimit: Int = 100_000) {
        self.method = method
        self.asOf = asOf
        self.threshold = threshold
        self.maxChains = maxChains
        self.pathLimit = pathLimit
        self.chainSearchLimit = chainSearchLimit
    }
}

public enum LookThroughError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    case tooManyPaths(limit: Int)

    public var description: String {
        switch self {
        case .tooManyPaths(let l):
            "more than \(l) simple ownership paths; the 'full' method (all walks, one linear system) answers instead"
        }
    }

    public var errorDescription: String? { description }
}

/// One chain of holdings from holder to held, in ownership direction.
public struct LookThroughChain: Hashable, Sendable {
    public var entities: [String]
    public var shares: [Share]
    /// Product of the shares' bounds, as fractions of one.
    public var productLower: Double
    public var productUpper: Double
}

public struct LookThroughEntry: Hashable, Sendable {
    public enum Role: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
        case person, topHolder, intermediate
        public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
        public var description: String {
            switch self {
            case .person: "person"
            case .topHolder: "topHolder"
            case .intermediate: "intermediate"
            }
        }
    }

    public var id: String
    public var name: String
    public var kind: EntityKind
    public var role: Role
    /// Effective ownership as a fraction of one: lower bound (infinite when walks round a closed loop make it
    /// unbounded, `full` only), and upper bound (nil: unbounded, a closed loop under the upper share bounds).
    public var effectiveLower: Double
    public var effectiveUpper: Double?
    /// The all-walks sum diverges for this entry (a closed loop feeds it): no value, threshold undetermined.
    public var isUnbounded: Bool { effectiveLower.isInfinite }
    /// Effective ownership against the threshold.
    public var aboveThreshold: TestOutcome
    /// The holder is a natural person and certainly at or above the threshold.
    public var beneficialOwner: Bool
    /// The strongest simple chains behind the value (holder first).
    public var chains: [LookThroughChain]

    public var isExact: Bool { effectiveUpper == effectiveLower }
}

public struct LookThroughResult: Hashable, Sendable {
    public var method: LookThroughMethod
    public var direction: LookThroughDirection
    public var subject: String
    public var threshold: Percent
    public var asOf: CalendarDate
    /// `of`: persons, then top holders, then intermediate holders, each by effective share; `holder`: by effective share.
    public var entries: [LookThroughEntry] = []
    /// Closed ownership loops with no outside owner reachable from the subject (member ids, sorted), under the lower
    /// or the upper share bounds. Under `full`, the entries whose walks go round one are unbounded
    /// (``LookThroughEntry/isUnbounded``); `paths` counts each simple chain once and still answers.
    public var closedLoops: [[String]] = []
    /// Chain listing stopped at ``LookThroughOptions/chainSearchLimit`` paths (values are unaffected for `full`).
    public var chainsTruncated = false

    init(method: LookThroughMethod, direction: LookThroughDirection, subject: String, threshold: Percent,
         asOf: CalendarDate) {
        self.method = method
        self.direction = direction
        self.subject = subject
        self.threshold = threshold
        self.asOf = asOf
    }
}

// MARK: - The local linear system

/// The part of the graph reachable from the subject, with local indices (subject = 0), and for each local node the
/// terms it depends on: y[a] = [a = subject] + Σ w · y[b].
struct LocalSystem {
    var nodes: [Int32] = []
    var localOf: [Int32: Int32] = [:]
    /// Walk adjacency: `walk[b]` lists (a, term) where a's value receives y[b] · weight(term).
    var walkOffsets: [Int32] = []
    var walkTarget: [Int32] = []
    var walkRel: [Int32] = []
    var lowerWeights: [Double] = []
    var upperWeights: [Double] = []

    init(graph: Graph, holdings h: EffectiveHoldings, subject: Int, direction: LookThroughDirection) {
        nodes = [Int32(subject)]
        localOf = [Int32(subject): 0]
        var edgesOut: [[(Int32, Int32, Double, Double)]] = [[]]
        var queue = 0
        let hundred = Double(Percent.hundred.units)
        // Σ lower bounds of every holder of a company, once per company: tightening each holder's upper bound by
        // the others' lower bounds is then O(1) per holding (a company with n holders was O(n²)).
        var lowerSums: [Int: Int64] = [:]
        func weights(_ e: Int) -> (Double, Double) {
            let c = Int(h.target[e])
            let total: Int64
            if let known = lowerSums[c] {
                total = known
            } else {
                var sum: Int64 = 0
                for k in h.inRange(c) { sum += h.lo[Int(h.inEdge[k])] }
                lowerSums[c] = sum
                total = sum
            }
            let others = total - h.lo[e]
            let hi = max(0, min(h.hi[e], Percent.hundred.units - others))
            return (Double(h.lo[e]) / hundred, Double(max(hi, h.lo[e])) / hundred)
        }
        while queue < nodes.count {
            let b = Int(nodes[queue])
            let range: [Int] = direction == .holder ? Array(h.outRange(b)) : h.inRange(b).map { Int(h.inEdge[$0]) }
            for e in range {
                let next = direction == .holder ? h.target[e] : h.source[e]
                let a: Int32
                if let known = localOf[next] {
                    a = known
                } else {
                    a = Int32(nodes.count)
                    localOf[next] = a
                    nodes.append(next)
                    edgesOut.append([])
                }
                let (lo, hi) = weights(e)
                edgesOut[queue].append((a, h.relationship[e], lo, hi))
            }
            queue += 1
        }
        walkOffsets = [0]
        for list in edgesOut {
            for (a, r, lo, hi) in list {
                walkTarget.append(a)
                walkRel.append(r)
                lowerWeights.append(lo)
                upperWeights.append(hi)
            }
            walkOffsets.append(Int32(walkTarget.count))
        }
    }

    func walkRange(_ b: Int) -> Range<Int> { Int(walkOffsets[b])..<Int(walkOffsets[b + 1]) }

    /// Strongly connected components of the walk graph, in topological order (the subject's first).
    func components() -> [[Int]] {
        let m = nodes.count
        var index = [Int](repeating: -1, count: m)
        var low = [Int](repeating: 0, count: m)
        var onStack = [Bool](repeating: false, count: m)
        var stack: [Int] = []
        var out: [[Int]] = []
        var counter = 0
        var call: [(node: Int, edge: Int)] = []
        for root in 0..<m where index[root] < 0 {
            call.append((root, Int(walkOffsets[root])))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !call.isEmpty {
                let (v, ei) = call[call.count - 1]
                if ei < Int(walkOffsets[v + 1]) {
                    call[call.count - 1].edge += 1
                    let w = Int(walkTarget[ei])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        call.append((w, Int(walkOffsets[w])))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    call.removeLast()
                    if let parent = call.last { low[parent.node] = min(low[parent.node], low[v]) }
                    if low[v] == index[v] {
                        var comp: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            comp.append(w)
                            if w == v { break }
                        }
                        out.append(comp)
                    }
                }
            }
        }
        return out.reversed()
    }

    struct Solution {
        var values: [Double]
        var unbounded: [Bool]
        var closedLoop: [Int]?
    }

    /// E (as y − e_subject) for one set of weights. Components in topological order; inside a cycle, Gauss–Seidel
    /// sweeps until the largest change is below 1e-15 (relative to the value when above one).
    func solve(weights: [Double]) -> Solution {
        let m = nodes.count
        var y = [Double](repeating: 0, count: m)
        var unbounded = [Bool](repeating: false, count: m)
        var loop: [Int]?
        // Incoming terms per node, for the pull form y[a] = [a = 0] + Σ w · y[b].
        var inOffsets = [Int](repeating: 0, count: m + 1)
        for t in walkTarget { inOffsets[Int(t) + 1] += 1 }
        for a in 0..<m { inOffsets[a + 1] += inOffsets[a] }
        var inSource = [Int](repeating: 0, count: walkTarget.count)
        var inWeight = [Double](repeating: 0, count: walkTarget.count)
        var cursor = inOffsets
        for b in 0..<m {
            for k in walkRange(b) {
                let a = Int(walkTarget[k])
                inSource[cursor[a]] = b
                inWeight[cursor[a]] = weights[k]
                cursor[a] += 1
            }
        }
        var componentOf = [Int](repeating: -1, count: m)
        let comps = components()
        for (ci, comp) in comps.enumerated() { for a in comp { componentOf[a] = ci } }
        for (ci, comp) in comps.enumerated() {
            if comp.count == 1 {
                let a = comp[0]
                var s = a == 0 ? 1.0 : 0.0
                var inf = false
                for k in inOffsets[a]..<inOffsets[a + 1] {
                    s += inWeight[k] * y[inSource[k]]
                    if unbounded[inSource[k]] && inWeight[k] > 0 { inf = true }
                }
                y[a] = s
                unbounded[a] = inf
                continue
            }
            // A cycle. Fed by an unbounded holder: unbounded too.
            var fedUnbounded = false
            var inflow = comp.contains(0)
            for a in comp {
                for k in inOffsets[a]..<inOffsets[a + 1] where componentOf[inSource[k]] != ci && inWeight[k] > 0 {
                    if unbounded[inSource[k]] { fedUnbounded = true }
                    if y[inSource[k]] > 0 { inflow = true }
                }
            }
            if fedUnbounded {
                for a in comp { unbounded[a] = true }
                continue
            }
            if !inflow { continue }  // nothing reaches it: y = 0 there
            // Closed when every member's holders inside the cycle hold all of it (column sums ≥ 1: spectral radius ≥ 1).
            var minColumn = Double.infinity
            for a in comp {
                var col = 0.0
                for k in inOffsets[a]..<inOffsets[a + 1] where componentOf[inSource[k]] == ci { col += inWeight[k] }
                minColumn = min(minColumn, col)
            }
            var diverges = minColumn >= 1 - 1e-12
            var sweeps = 0
            while !diverges {
                var change = 0.0
                for a in comp {
                    var s = a == 0 ? 1.0 : 0.0
                    for k in inOffsets[a]..<inOffsets[a + 1] { s += inWeight[k] * y[inSource[k]] }
                    change = max(change, abs(s - y[a]) / max(1, abs(s)))
                    y[a] = s
                }
                sweeps += 1
                if change < 1e-15 { break }
                if !change.isFinite || sweeps >= 100_000 || comp.contains(where: { y[$0] > 1e12 }) { diverges = true }
            }
            if diverges {
                if loop == nil { loop = comp }
                for a in comp { unbounded[a] = true }
            }
        }
        var values = y
        values[0] -= 1
        for a in 0..<m where unbounded[a] { values[a] = .infinity }
        return Solution(values: values, unbounded: unbounded, closedLoop: loop)
    }

    struct Chain {
        var nodes: [Int]
        var relationships: [Int32]
        var lower: Double
        var upper: Double
    }

    struct Enumeration {
        var lower: [Double]
        var upper: [Double]
        var chains: [[Chain]]
        var truncated: Bool
    }

    /// Every simple path from the subject (depth-first), summing products per end and keeping the strongest chains.
    func enumeratePaths(limit: Int, failOnLimit: Bool, maxChains: Int) throws -> Enumeration {
        let m = nodes.count
        var lower = [Double](repeating: 0, count: m)
        var upper = [Double](repeating: 0, count: m)
        var chains = [[Chain]](repeating: [], count: m)
        var onPath = [Bool](repeating: false, count: m)
        var path: [Int] = [0]
        var rels: [Int32] = []
        var prodLo: [Double] = [1]
        var prodHi: [Double] = [1]
        var cursor: [Int] = [Int(walkOffsets[0])]
        onPath[0] = true
        var count = 0
        var truncated = false
        outer: while !path.isEmpty {
            let b = path[path.count - 1]
            let k = cursor[cursor.count - 1]
            if k >= Int(walkOffsets[b + 1]) {
                onPath[b] = false
                path.removeLast(); cursor.removeLast(); prodLo.removeLast(); prodHi.removeLast()
                if !rels.isEmpty { rels.removeLast() }
                continue
            }
            cursor[cursor.count - 1] += 1
            let a = Int(walkTarget[k])
            if onPath[a] { continue }
            let lo = prodLo[prodLo.count - 1] * lowerWeights[k]
            let hi = prodHi[prodHi.count - 1] * upperWeights[k]
            count += 1
            if count > limit {
                if failOnLimit { throw LookThroughError.tooManyPaths(limit: limit) }
                truncated = true
                break outer
            }
            lower[a] += lo
            upper[a] += hi
            if maxChains > 0 {
                let chain = Chain(nodes: path + [a], relationships: rels + [walkRel[k]], lower: lo, upper: hi)
                var list = chains[a]
                if list.count < maxChains || (list.last.map { ($0.lower, $0.upper) < (lo, hi) } ?? true) {
                    let at = list.firstIndex { ($0.lower, $0.upper) < (lo, hi) } ?? list.count
                    list.insert(chain, at: at)
                    if list.count > maxChains { list.removeLast() }
                    chains[a] = list
                }
            }
            path.append(a); cursor.append(Int(walkOffsets[a])); prodLo.append(lo); prodHi.append(hi)
            rels.append(walkRel[k])
            onPath[a] = true
        }
        return Enumeration(lower: lower, upper: upper, chains: chains, truncated: truncated)
    }
}
