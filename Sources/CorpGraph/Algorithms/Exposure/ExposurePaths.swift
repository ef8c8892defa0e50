import Foundation

// Exposure paths (DESIGN §4): simple paths from a subject to the first target they meet of the target's severity or
// higher (``TargetSeverity``), at most `maxDepth` hops,
// over the chosen relationship kinds, direction and as-of date, optionally time-respecting for payments.
//
// Paths are node sequences. The enumeration is an iterative depth-first search with an explicit stack, an on-path
// bitset and per-depth cursors into the CSR adjacency: nothing is copied per step, and a path is materialised only
// when it is yielded. Branches that cannot reach a target within the remaining hops are cut with the
// distance-to-nearest-target arrays (one reverse multi-source BFS per distinct target severity and query,
// ``Graph/distancesToNearest(_:within:walking:)``). Parts: this file (options, the prepared search, ranking,
// materialising), ExposurePaths+Timing.swift, ExposureResults.swift, PathEnumerator.swift.

/// Options of an exposure query.
public struct ExposureOptions: Sendable, Hashable {
    /// Longest path, in hops (relationships walked). Default 6.
    public var maxDepth: Int
    /// Kinds, direction (default `down`) and as-of date of the relationships walked.
    public var filter: TraversalFilter
    /// Payment hops must be in time order: between two consecutive `pays` hops walked `down`, the later one's date is on
    /// or after the earlier one's; walked `up`, on or before; a change of direction sets no constraint.
    public var timeRespecting: Bool
    /// Paths kept per subject by ``ExposureSearch/exposure(of:)`` (default 1000); more makes the result `truncated`.
    public var limit: Int
    /// Cut branches with the distance-to-nearest-target bound (on by default; off only to cross-check).
    public var prune: Bool

    public init(
        maxDepth: Int = 6, filter: TraversalFilter = TraversalFilter(), timeRespecting: Bool = false,
        limit: Int = 1000, prune: Bool = true
    ) {
        self.maxDepth = maxDepth
        self.filter = filter
        self.timeRespecting = timeRespecting
        self.limit = limit
        self.prune = prune
    }
}

/// In which order ``PathEnumerator`` yields paths.
public enum PathOrder: Sendable, Hashable {
    /// All 1-hop paths, then all 2-hop paths, … (iterative deepening). A limit then keeps the shortest paths.
    case byLength
    /// One depth-first pass, in adjacency order. Cheapest when every path is wanted (counting).
    case depthFirst
}

/// A prepared exposure query: targets, options and the pruning distances, shared by every subject.
///
/// Build one per query (it runs one reverse BFS over the graph), then ask it for as many subjects as needed; for a few
/// subjects, ``init(targets:options:subjects:)`` finds the distances on demand instead.
public struct ExposureSearch: Sendable {
    public let targets: TargetSet
    public let options: ExposureOptions
    /// Per ceiling c (0 ..< the highest target severity): the distance from each entity to the nearest target of
    /// severity above c (255 = beyond `maxDepth - 1`). A path whose interior already holds a target of severity c
    /// can only end at such a target. Empty when pruning is off.
    let distances: [[UInt8]]

    public var graph: Graph { targets.graph }

    /// The pruning distances are found on demand, per entity the enumeration reaches (``PruningBounds``), instead
    /// of for every entity up front (``distances`` is then empty).
    let onDemand: Bool

    /// Prepares the query.
    /// - Complexity: O(V + E) for the distance search when ``ExposureOptions/prune`` is on.
    public init(targets: TargetSet, options: ExposureOptions) {
        self.targets = targets
        self.options = options
        onDemand = false
        // A non-target entity is only ever an intermediate, at least one hop from the subject, so distances beyond
        // maxDepth - 1 can never let it through: the search stops there.
        // One search per distinct severity: a ceiling with no target of exactly its severity shares the array below it.
        var ds: [[UInt8]] = []
        if options.prune {
            let members = targets.members
            var present = Set<UInt8>()
            for v in members { present.insert(targets.severityValue(v)) }
            for c in 0..<Int(targets.maxSeverity) {
                if c > 0 && !present.contains(UInt8(c)) {
                    ds.append(ds[c - 1])
                    continue
                }
                let above = c == 0 ? members : members.filter { Int(targets.severityValue($0)) > c }
                ds.append(
                    targets.graph.distancesToNearest(above, within: options.maxDepth - 1, walking: options.filter))
            }
        }
        distances = ds
    }

    /// Prepared with the pruning distances found on demand (``init(targets:options:subjects:)``).
    init(onDemand targets: TargetSet, options: ExposureOptions) {
        self.targets = targets
        self.options = options
        onDemand = true
        distances = []
    }

    /// A reusable enumerator (its on-path bitset is allocated once); call ``PathEnumerator/reset(subject:)`` per subject.
    public func makeEnumerator(order: PathOrder = .byLength) -> PathEnumerator {
        PathEnumerator(search: self, order: order)
    }

    /// The exposure paths of `subject` as node sequences (subject first, target last), lazily.
    ///
    /// The number of simple paths can grow exponentially with the depth; iterate only as far as needed.
    public func paths(from subject: Int, order: PathOrder = .byLength) -> ExposurePathSequence {
        ExposurePathSequence(search: self, subject: subject, order: order)
    }

    /// Number of exposure paths of `subject`, stopping at `cap`. Allocates nothing per path.
    public func countPaths(from subject: Int, cap: Int = .max) -> Int {
        var e = makeEnumerator(order: .depthFirst)
        return e.count(from: subject, cap: cap)
    }

    /// The ranked, folded exposure of `subject`: up to ``ExposureOptions/limit`` paths (the shortest ones when there
    /// are more), ranked by target severity (designated first), then hops, then strength (highest first), then the ids along the path.
    public func exposure(of subject: Int) -> SubjectExposure {
        var e = makeEnumerator(order: .byLength)
        return exposure(of: subject, using: &e)
    }

    /// ``exposure(of:)`` reusing an enumerator, for many subjects.
    public func exposure(of subject: Int, using e: inout PathEnumerator) -> SubjectExposure {
        e.reset(subject: subject)
        var raw: [[Int32]] = []
        var truncated = false
        let limit = max(options.limit, 0)
        while e.advance() {
            if raw.count == limit {
                truncated = true
                break
            }
            raw.append(e.currentPath)
        }
        e.finish()
        var paths = raw.map { materialise($0) }
        let g = graph
        paths.sort { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.hops.count != b.hops.count { return a.hops.count < b.hops.count }
            if a.strength.minimum != b.strength.minimum { return a.strength.minimum > b.strength.minimum }
            if a.strength.maximum != b.strength.maximum { return a.strength.maximum > b.strength.maximum }
            for (x, y) in zip(a.nodes, b.nodes) where x != y { return g.idPrecedes(x, y) }
            return a.nodes.count < b.nodes.count
        }
        return SubjectExposure(
            subject: subject, subjectReasons: targets.reasons(for: subject), paths: paths,
            truncated: truncated)
    }

    /// Builds the full path record (hops with their relationships, folded payments, strength) from a node sequence.
    public func materialise(_ nodes: [Int32]) -> ExposurePath {
        let g = graph
        let f = options.filter
        var hops: [ExposureHop] = []
        hops.reserveCapacity(nodes.count - 1)
        var minimum = Decimal(1), maximum = Decimal(1)
        var exact = true
        for i in 1..<nodes.count {
            let hop = ExposureHop(graph: g, from: Int(nodes[i - 1]), to: Int(nodes[i]), filter: f)
            if let (lo, hi, isExact) = hop.ownershipBounds(in: g) {
                minimum *= lo
                maximum *= hi
                exact = exact && isExact
            }
            hops.append(hop)
        }
        if options.timeRespecting { keepPaymentsInTimeOrder(&hops) }
        let target = Int(nodes[nodes.count - 1])
        return ExposurePath(
            nodes: nodes.map(Int.init), hops: hops,
            strength: PathStrength(minimum: minimum, maximum: maximum, isExact: exact),
            reasons: targets.reasons(for: target),
            severity: targets.severity(of: target) ?? .jurisdiction)
    }
}
