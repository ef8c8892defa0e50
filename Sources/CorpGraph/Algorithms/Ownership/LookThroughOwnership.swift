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
/// What many holders own at once (`full`): ``holdings(index:holders:threshold:)``, one propagation per holder over
/// arrays shared by all, the same values as ``compute(index:subject:direction:options:)`` without the chains.
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
    public static func compute(
        graph: Graph, subject: Int, direction: LookThroughDirection,
        options: LookThroughOptions = LookThroughOptions()
    ) throws -> LookThroughResult {
        try compute(
            index: LookThroughIndex(graph: graph, asOf: options.asOf), subject: subject, direction: direction,
            options: options)
    }

    /// ``compute(graph:subject:direction:options:)`` over an index built once for many subjects: each call then costs
    /// only the part reachable from its subject. An index for another date than `options.asOf` is rebuilt for it.
    public static func compute(
        index: LookThroughIndex, subject: Int, direction: LookThroughDirection,
        options: LookThroughOptions = LookThroughOptions()
    ) throws -> LookThroughResult {
        guard index.asOf == options.asOf else {
            return try compute(
                index: LookThroughIndex(graph: index.graph, asOf: options.asOf), subject: subject,
                direction: direction, options: options)
        }
        let graph = index.graph
        let h = index.holdings
        let local = LocalSystem(index: index, subject: subject, direction: direction)
        var result = LookThroughResult(
            method: options.method, direction: direction, subject: graph.id(subject),
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
        for loop in lo.closedLoops + hi.closedLoops {
            let ids = loop.map { graph.id(Int(local.nodes[$0])) }.sorted()
            if !result.closedLoops.contains(ids) { result.closedLoops.append(ids) }
        }
        result.closedLoops.sort { $0.lexicographicallyPrecedes($1) }
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
            let role: LookThroughEntry.Role =
                graph.kind(v) == .person ? .person : (hasOwners ? .intermediate : .topHolder)
            let above = outcome(lower: lower[a], upper: upper[a], threshold: t)
            let personHolder = direction == .of ? graph.kind(v) == .person : subjectIsPerson
            result.entries.append(
                LookThroughEntry(
                    id: graph.id(v), name: graph.name(v), kind: graph.kind(v), role: role,
                    effectiveLower: lower[a], effectiveUpper: upper[a], aboveThreshold: above,
                    beneficialOwner: personHolder && above == .met,
                    chains: enumeration.chains[a].map { c in
                        var nodes = c.nodes.map { graph.id(Int(local.nodes[$0])) }
                        var rels = c.relationships
                        if direction == .of { nodes.reverse(); rels.reverse() }
                        return LookThroughChain(
                            entities: nodes, shares: rels.map { graph.share(Int($0)) ?? .unknown },
                            productLower: c.lower, productUpper: c.upper)
                    }))
        }
        result.entries.sort { LookThroughEntry.precedes($0, $1, direction: direction) }
        return result
    }
}

/// What look-through reads for one graph and date (the effective holdings and, per company, the sum of its holders'
/// lower share bounds), built once and shared by every subject asked about (bulk runs, a server).
public struct LookThroughIndex: Sendable {
    public let graph: Graph
    public let asOf: CalendarDate
    let holdings: EffectiveHoldings
    /// Per entity, Σ of its holders' lower share bounds (units): tightening one holder's upper bound by the others'
    /// lower bounds is then O(1).
    let lowerSums: [Int64]

    /// - Complexity: O(V + E).
    public init(graph: Graph, asOf: CalendarDate) {
        self.graph = graph
        self.asOf = asOf
        let h = EffectiveHoldings(graph: graph, regime: .ofac, asOf: asOf)
        var sums = [Int64](repeating: 0, count: graph.entityCount)
        for e in 0..<h.count { sums[Int(h.target[e])] += h.lo[e] }
        holdings = h
        lowerSums = sums
    }

    /// Holding `e`'s weight as fractions of one under the lower and the upper share bounds: the upper bound tightened
    /// to `100 − Σ the other holders' lower bounds`, never below the lower bound.
    @inline(__always)
    func weights(_ e: Int) -> (lower: Double, upper: Double) {
        let h = holdings
        let others = lowerSums[Int(h.target[e])] - h.lo[e]
        let hi = max(0, min(h.hi[e], Percent.hundred.units - others))
        let hundred = Double(Percent.hundred.units)
        return (Double(h.lo[e]) / hundred, Double(max(hi, h.lo[e])) / hundred)
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

    public init(
        method: LookThroughMethod = .full, asOf: CalendarDate = .today(), threshold: Percent = Percent(25),
        maxChains: Int = 5, pathLimit: Int = 1_000_000, chainSearchLimit: Int = 100_000
    ) {
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

    /// The order of a result's entries: `of`: persons, then top holders, then intermediate holders; then by effective
    /// share (lower bound, then upper bound, descending), then id.
    static func precedes(_ a: LookThroughEntry, _ b: LookThroughEntry, direction: LookThroughDirection) -> Bool {
        if direction == .of && a.role != b.role { return a.role < b.role }
        if a.effectiveLower != b.effectiveLower { return a.effectiveLower > b.effectiveLower }
        let (ua, ub) = (a.effectiveUpper ?? .infinity, b.effectiveUpper ?? .infinity)
        if ua != ub { return ua > ub }
        return a.id < b.id
    }
}

public struct LookThroughResult: Hashable, Sendable {
    public var method: LookThroughMethod
    public var direction: LookThroughDirection
    public var subject: String
    public var threshold: Percent
    public var asOf: CalendarDate
    /// `of`: persons, then top holders, then intermediate holders, each by effective share; `holder`: by effective share.
    public var entries: [LookThroughEntry] = []
    /// Every closed ownership loop with no outside owner that the walks from the subject reach (member ids, sorted;
    /// the loops in lexicographic order), under the lower or the upper share bounds. Under `full`, the entries whose walks go round one are unbounded
    /// (``LookThroughEntry/isUnbounded``); `paths` counts each simple chain once and still answers.
    public var closedLoops: [[String]] = []
    /// Chain listing stopped at ``LookThroughOptions/chainSearchLimit`` paths (values are unaffected for `full`).
    public var chainsTruncated = false

    init(
        method: LookThroughMethod, direction: LookThroughDirection, subject: String, threshold: Percent,
        asOf: CalendarDate
    ) {
        self.method = method
        self.direction = direction
        self.subject = subject
        self.threshold = threshold
        self.asOf = asOf
    }
}
