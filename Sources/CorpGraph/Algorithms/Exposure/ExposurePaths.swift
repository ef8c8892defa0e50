import Foundation

// Exposure paths (DESIGN §4): simple paths from a subject to the first target they meet, at most `maxDepth` hops,
// over the chosen relationship kinds, direction and as-of date, optionally time-respecting for payments.
//
// Paths are node sequences. The enumeration is an iterative depth-first search with an explicit stack, an on-path
// bitset and per-depth cursors into the CSR adjacency: nothing is copied per step, and a path is materialised only
// when it is yielded. Branches that cannot reach a target within the remaining hops are cut with the
// distance-to-nearest-target array (one reverse multi-source BFS per query, ``Graph/distancesToNearest(_:within:walking:)``).

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

    public init(maxDepth: Int = 6, filter: TraversalFilter = TraversalFilter(), timeRespecting: Bool = false,
                limit: Int = 1000, prune: Bool = true) {
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
/// Build one per query (it runs one reverse BFS over the graph), then ask it for as many subjects as needed.
public struct ExposureSearch: Sendable {
    public let targets: TargetSet
    public let options: ExposureOptions
    /// Distance to the nearest target per entity (255 = beyond `maxDepth - 1`); empty when pruning is off.
    let distance: [UInt8]

    public var graph: Graph { targets.graph }

    /// Prepares the query.
    /// - Complexity: O(V + E) for the distance search when ``ExposureOptions/prune`` is on.
    public init(targets: TargetSet, options: ExposureOptions) {
        self.targets = targets
        self.options = options
        // A non-target entity is only ever an intermediate, at least one hop from the subject, so distances beyond
        // maxDepth - 1 can never let it through: the search stops there.
        distance = options.prune
            ? targets.graph.distancesToNearest(targets, within: options.maxDepth - 1, walking: options.filter) : []
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
    /// are more), ranked by hops, then strength (highest first), then the ids along the path.
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
            if a.hops.count != b.hops.count { return a.hops.count < b.hops.count }
            if a.strength.minimum != b.strength.minimum { return a.strength.minimum > b.strength.minimum }
            if a.strength.maximum != b.strength.maximum { return a.strength.maximum > b.strength.maximum }
            for (x, y) in zip(a.nodes, b.nodes) where x != y { return g.idPrecedes(x, y) }
            return a.nodes.count < b.nodes.count
        }
        return SubjectExposure(subject: subject, subjectReasons: targets.reasons(for: subject), paths: paths,
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
        return ExposurePath(nodes: nodes.map(Int.init), hops: hops,
                            strength: PathStrength(minimum: minimum, maximum: maximum, isExact: exact),
                            reasons: targets.reasons(for: target))
    }
}

// MARK: - Time-respecting payments

extension ExposureSearch {
    /// Leaves on each payment hop only the payments that are part of at least one time-respecting choice along the
    /// whole path, and counts the others in ``ExposureHop/paymentsOutOfTimeOrder``.
    ///
    /// The rule is the enumerator's: a hop with a non-payment relationship is walked as that relationship (its
    /// payments set no order and are all kept); between consecutive payment hops, two payments walked down must be
    /// dated in non-decreasing order, two walked up in non-increasing order, a change of direction or an undated
    /// payment sets no constraint. The constraint joins consecutive payment hops only, so a payment is on a valid choice
    /// iff some valid choice reaches it from the start (forward pass) and some valid choice continues from it to the
    /// end (backward pass). Each pass keeps, per hop, the least constraining options: earliest down date, latest up
    /// date, whether an undated payment or one in each direction is among them.
    func keepPaymentsInTimeOrder(_ hops: inout [ExposureHop]) {
        let g = graph
        let layers = hops.indices.filter { hops[$0].relationships.isEmpty && !hops[$0].payments.isEmpty }
        guard layers.count > 1 else { return }
        typealias Payment = (rel: Int, down: Bool, date: Int32)
        let payments: [[Payment]] = layers.map { i in
            hops[i].payments.flatMap { fold in
                fold.relationships.map { (rel: $0, down: fold.direction == .down, date: g.date($0)?.rawValue ?? 0) }
            }
        }
        /// Summary of the options kept on one hop, as the next (or previous) hop sees them.
        struct Options {
            var undated = false, anyDown = false, anyUp = false
            var earliestDown = Int32.max, latestDown = Int32.min, earliestUp = Int32.max, latestUp = Int32.min
            mutating func add(_ p: Payment) {
                if p.date == 0 { undated = true }
                if p.down {
                    anyDown = true; earliestDown = min(earliestDown, p.date); latestDown = max(latestDown, p.date)
                } else {
                    anyUp = true; earliestUp = min(earliestUp, p.date); latestUp = max(latestUp, p.date)
                }
            }
        }
        // Forward: p can follow the previous hop's options.
        var forward = payments.map { [Bool](repeating: false, count: $0.count) }
        var previous: Options?
        for (k, layer) in payments.enumerated() {
            var kept = Options()
            for (j, p) in layer.enumerated() {
                let fits: Bool
                if let o = previous, p.date != 0, !o.undated {
                    fits = p.down ? (o.anyUp || (o.anyDown && o.earliestDown <= p.date))
                                  : (o.anyDown || (o.anyUp && o.latestUp >= p.date))
                } else {
                    fits = true
                }
                if fits { forward[k][j] = true; kept.add(p) }
            }
            previous = kept
        }
        // Backward: p can be followed by the next hop's options (among those that fit going forward).
        var next: Options?
        var keep = forward
        for k in payments.indices.reversed() {
            var kept = Options()
            for (j, p) in payments[k].enumerated() where forward[k][j] {
                let continues: Bool
                if let o = next, p.date != 0, !o.undated {
                    continues = p.down ? (o.anyUp || (o.anyDown && o.latestDown >= p.date))
                                       : (o.anyDown || (o.anyUp && o.earliestUp <= p.date))
                } else {
                    continues = next.map { $0.anyDown || $0.anyUp } ?? true
                }
                keep[k][j] = continues
                if continues { kept.add(p) }
            }
            next = kept
        }
        for (k, i) in layers.enumerated() {
            let left = payments[k].indices.filter { !keep[k][$0] }
            guard !left.isEmpty else { continue }
            let dropped = Set(left.map { payments[k][$0].rel })
            hops[i].payments = hops[i].payments.compactMap { fold in
                let rels = fold.relationships.filter { !dropped.contains($0) }
                return rels.isEmpty ? nil : PaymentFold(graph: g, direction: fold.direction, relationships: rels)
            }
            hops[i].paymentsOutOfTimeOrder = left.count
        }
    }
}

// MARK: - Results

/// The exposure of one subject.
public struct SubjectExposure: Sendable, Hashable {
    public var subject: Int
    /// Why the subject itself is a target (empty when it is not); paths still start from it.
    public var subjectReasons: [String]
    /// Ranked paths.
    public var paths: [ExposurePath]
    /// More paths exist than ``ExposureOptions/limit``; the ones kept are the shortest (within the longest hop count
    /// kept, a subset).
    public var truncated: Bool
}

/// One exposure path: entity indices from subject to target, the hops between them, strength and target reasons.
public struct ExposurePath: Sendable, Hashable {
    public var nodes: [Int]
    public var hops: [ExposureHop]
    public var strength: PathStrength
    /// Why the last entity is a target.
    public var reasons: [String]
    public var subject: Int { nodes[0] }
    public var target: Int { nodes[nodes.count - 1] }
}

/// Product of the ownership fractions along a path (non-ownership hops count 1), as exact bounds.
///
/// Exact shares give `minimum == maximum` and `isExact`; ranges multiply their bounds; an unknown share contributes
/// [0, 1]. Exclusive range bounds are reported as their bound values.
public struct PathStrength: Sendable, Hashable, CustomStringConvertible {
    public var minimum: Decimal
    public var maximum: Decimal
    /// Every ownership hop had an exact share.
    public var isExact: Bool

    public var description: String {
        isExact ? "\(minimum)" : "\(minimum)–\(maximum)"
    }
}

/// A relationship walked on a hop, with the direction it was walked in.
public struct WalkedRelationship: Sendable, Hashable {
    /// Relationship index in the graph.
    public var relationship: Int
    public var direction: HopDirection
}

/// Repeated payments on one hop in one direction, folded.
public struct PaymentFold: Sendable, Hashable {
    public struct Total: Sendable, Hashable {
        /// ISO 4217 code or crypto ticker; `nil` when the payments gave none.
        public var currency: String?
        public var amount: Decimal
    }

    public var direction: HopDirection
    /// Payment relationship indices, by date then index.
    public var relationships: [Int]
    public var count: Int { relationships.count }
    /// Sum per currency, sorted by currency (payments without an amount are counted but not summed).
    public var totals: [Total]
    /// Earliest and latest payment dates (undated payments are left out of both).
    public var first: CalendarDate?
    public var last: CalendarDate?
}

/// One step of a path: every allowed relationship between the two entities (non-payments listed one by one, in kind
/// order then index; payments folded per direction).
public struct ExposureHop: Sendable, Hashable {
    /// Where the walk stands.
    public var from: Int
    /// Where it goes.
    public var to: Int
    /// Non-payment relationships: owns, controls, directs, operates, in that order, then by index.
    public var relationships: [WalkedRelationship]
    /// Payments, folded per direction (`down` first).
    public var payments: [PaymentFold]
    /// With ``ExposureOptions/timeRespecting``: payments on this hop that the filter allows but that fit no time
    /// order along the path, left out of ``payments``.
    public var paymentsOutOfTimeOrder = 0

    init(graph g: Graph, from: Int, to: Int, filter: TraversalFilter) {
        self.from = from
        self.to = to
        var walked: [WalkedRelationship] = []
        var paid: [HopDirection: [Int]] = [:]
        func collect(_ rels: Slice<Column<Int32>>, _ neighbours: Slice<Column<Int32>>, _ dir: HopDirection) {
            // Neighbour lists are sorted by neighbour: binary search the run for `to`.
            var lo = neighbours.startIndex, hi = neighbours.endIndex
            while lo < hi {
                let mid = (lo + hi) / 2
                if neighbours[mid] < Int32(to) { lo = mid + 1 } else { hi = mid }
            }
            var i = lo
            while i < neighbours.endIndex && neighbours[i] == Int32(to) {
                let e = Int(rels[i])
                if g.allows(e, filter) {
                    if g.kind(ofRelationship: e) == .pays {
                        paid[dir, default: []].append(e)
                    } else {
                        walked.append(WalkedRelationship(relationship: e, direction: dir))
                    }
                }
                i += 1
            }
        }
        if filter.direction != .up { collect(g.outRelationships(from), g.outNeighbours(from), .down) }
        if filter.direction != .down { collect(g.inRelationships(from), g.inNeighbours(from), .up) }
        walked.sort {
            let (a, b) = (g.kind(ofRelationship: $0.relationship), g.kind(ofRelationship: $1.relationship))
            return a != b ? a.rawValue < b.rawValue : $0.relationship < $1.relationship
        }
        relationships = walked
        payments = [HopDirection.down, .up].compactMap { dir in
            guard let rels = paid[dir], !rels.isEmpty else { return nil }
            return PaymentFold(graph: g, direction: dir, relationships: rels)
        }
    }

    /// The kind of the hop's leading relationship (see ``primary``).
    public func primaryKind(in g: Graph) -> RelationshipKind {
        relationships.first.map { g.kind(ofRelationship: $0.relationship) } ?? .pays
    }

    /// The direction of the hop's leading relationship.
    public var primaryDirection: HopDirection {
        relationships.first?.direction ?? payments.first?.direction ?? .down
    }

    /// The ownership fraction of this hop as exact bounds in [0, 1], when it has `owns` relationships: the shares in
    /// the leading ownership direction are summed (several share classes between one pair), capped at 100 %.
    public func ownershipBounds(in g: Graph) -> (minimum: Decimal, maximum: Decimal, isExact: Bool)? {
        let owns = relationships.filter { g.kind(ofRelationship: $0.relationship) == .owns }
        guard let first = owns.first else { return nil }
        var lo: Int64 = 0, hi: Int64 = 0
        var exact = true
        for r in owns where r.direction == first.direction {
            let b = g.shareBounds(r.relationship)
            lo += b.lo
            hi += b.hi
            exact = exact && b.exact
        }
        let cap = Percent.hundred.units
        return (fraction(min(lo, cap)), fraction(min(hi, cap)), exact)
    }

    /// `units` (ten-thousandths of a percent, ``Percent/units``: 100 % is 10⁶ units) as an exact fraction of one,
    /// without a `Decimal` division.
    private func fraction(_ units: Int64) -> Decimal {
        Decimal(sign: .plus, exponent: -6, significand: Decimal(units))
    }
}

extension PaymentFold {
    init(graph g: Graph, direction: HopDirection, relationships rels: [Int]) {
        self.direction = direction
        let sorted = rels.sorted {
            let (a, b) = (g.date($0)?.rawValue ?? 0, g.date($1)?.rawValue ?? 0)
            return a != b ? a < b : $0 < $1
        }
        relationships = sorted
        var sums: [String: Decimal] = [:]
        var hasNil = false
        var nilSum = Decimal(0)
        var first: CalendarDate?, last: CalendarDate?
        for e in sorted {
            if let d = g.date(e) {
                if first == nil || d < first! { first = d }
                if last == nil || d > last! { last = d }
            }
            guard let amount = g.amount(e) else { continue }
            if let c = g.currency(e) {
                sums[c, default: 0] += amount
            } else {
                hasNil = true
                nilSum += amount
            }
        }
        var totals = sums.keys.sorted().map { Total(currency: $0, amount: sums[$0]!) }
        if hasNil { totals.append(Total(currency: nil, amount: nilSum)) }
        self.totals = totals
        self.first = first
        self.last = last
    }
}

// MARK: - Enumeration

/// Lazy sequence of exposure paths as node sequences (`[Int32]`, subject first, target last).
public struct ExposurePathSequence: Sequence {
    let search: ExposureSearch
    let subject: Int
    let order: PathOrder

    public func makeIterator() -> Iterator {
        var e = PathEnumerator(search: search, order: order)
        e.reset(subject: subject)
        return Iterator(enumerator: e)
    }

    public struct Iterator: IteratorProtocol {
        var enumerator: PathEnumerator
        public mutating func next() -> [Int32]? {
            enumerator.advance() ? enumerator.currentPath : nil
        }
    }
}

/// The depth-first engine behind ``ExposurePathSequence``: an explicit stack of adjacency cursors, an on-path bitset,
/// and per-depth payment-time state. Reusable across subjects (``reset(subject:)``), so a query over many subjects
/// allocates its V/8-byte bitset once.
///
/// - Complexity: per path yielded, O(maxDepth · d) where d bounds the degree, after pruning; the number of paths can
///   be exponential in `maxDepth`. Space O(V/64 + maxDepth).
public struct PathEnumerator {
    let graph: Graph
    let targetBits: [UInt64]
    let distance: [UInt8]
    let filter: TraversalFilter
    let maxDepth: Int
    let order: PathOrder
    let timeRespecting: Bool
    /// Every relationship passes the filter and no timing applies: hops need no per-relationship test.
    let plain: Bool

    var subject: Int = -1
    /// Current round's path length (byLength: exactly this many hops; depthFirst: at most).
    var length = 0
    /// Depth of the top frame (hops from the subject to `nodes[top]`); -1 when the subject is exhausted.
    var top = -1
    var nodes: [Int32]
    var outPos: [Int32], outEnd: [Int32], inPos: [Int32], inEnd: [Int32]
    /// Time-respecting state after reaching `nodes[k]`: the earliest usable date of a `down` payment option
    /// (`Int32.max`: no down option) and the latest of an `up` option (`Int32.min`: none). Fresh: (0, Int32.max).
    var downMin: [Int32], upMax: [Int32]
    var onPath: [UInt64]
    /// The target found by the last successful ``advance()``.
    var found: Int32 = -1
    /// While ``count(from:cap:)`` runs (never with time-respecting payments): a non-target one hop short of the path
    /// length is not pushed; its target neighbours are added to `counted` at once.
    var collapsingLastHop = false
    var counted = 0
    var countCap = Int.max
    /// Per entity, its distinct target neighbours over the filter's kinds, dates and direction (the subject included),
    /// or -1 while unknown. Filled lazily by ``count(from:cap:)`` and kept across subjects: it depends only on the
    /// query. Empty until the first count.
    var targetNeighbours: [Int32] = []

    static let noDown = Int32.max
    static let noUp = Int32.min

    init(search: ExposureSearch, order: PathOrder) {
        let g = search.graph
        graph = g
        targetBits = search.targets.bits
        distance = search.distance
        filter = search.options.filter
        maxDepth = max(0, min(search.options.maxDepth, 254))
        self.order = order
        timeRespecting = search.options.timeRespecting
        plain = search.options.filter.acceptsEverything && !search.options.timeRespecting
        let slots = maxDepth + 1
        nodes = [Int32](repeating: 0, count: slots)
        outPos = nodes; outEnd = nodes; inPos = nodes; inEnd = nodes
        downMin = nodes; upMax = nodes
        onPath = [UInt64](repeating: 0, count: (g.entityCount + 63) / 64)
    }

    /// Starts over from `subject` (an entity index of the search's graph).
    public mutating func reset(subject s: Int) {
        precondition(s >= 0 && s < graph.entityCount, "subject index \(s) out of range 0..<\(graph.entityCount)")
        finish()
        subject = s
        length = order == .byLength ? 1 : maxDepth
        found = -1
        if maxDepth == 0 { top = -1; return }
        push(s, depth: 0, down: 0, up: Int32.max)
    }

    /// The path found by the last successful ``advance()``: subject … target.
    public var currentPath: [Int32] {
        var p = Array(nodes[0...top])
        p.append(found)
        return p
    }

    /// Number of paths from `subject`, stopping at `cap`.
    ///
    /// Without time-respecting payments the last hop is not walked path by path: a non-target entity one hop short of
    /// the length adds its number of distinct target neighbours (remembered per entity for the enumerator's lifetime),
    /// less one when the subject is itself a target next to it. The subject is the only target a path can hold
    /// before its end, so that is the count of paths through it. On the 1M-entity bench graph (T3) this halves the
    /// time.
    public mutating func count(from s: Int, cap: Int) -> Int {
        reset(subject: s)
        counted = 0
        countCap = cap
        collapsingLastHop = !timeRespecting
        if collapsingLastHop && targetNeighbours.isEmpty {
            targetNeighbours = [Int32](repeating: -1, count: graph.entityCount)
        }
        while counted < cap && advance() { counted += 1 }
        collapsingLastHop = false
        finish()
        return min(counted, cap)
    }

    /// The paths that end one hop after `v` (a non-target at depth `length - 1`): its distinct target neighbours
    /// other than the subject.
    mutating func lastHopCount(_ v: Int) -> Int {
        var n = Int(targetNeighbours[v])
        if n < 0 {
            n = 0
            forEachNeighbour(of: v) { w in if isTarget(w) { n += 1 } }
            targetNeighbours[v] = Int32(n)
        }
        if n > 0 && isTarget(subject) {
            var adjacent = false
            forEachNeighbour(of: v) { w in if w == subject { adjacent = true } }
            if adjacent { n -= 1 }
        }
        return n
    }

    /// Calls `body` once per distinct neighbour of `v` (itself excluded) joined by a relationship the filter allows,
    /// in the filter's direction.
    func forEachNeighbour(of v: Int, _ body: (Int) -> Void) {
        let g = graph
        let f = filter
        let all = f.acceptsEverything
        var last = -1
        if f.direction != .up {
            for i in Int(g.outOffsets[v])..<Int(g.outOffsets[v + 1]) {
                let w = Int(g.outNeighbourList[i])
                if w == last || w == v { continue }
                if !all && !g.allows(Int(g.outEdgeList[i]), f) { continue }
                last = w
                body(w)
            }
        }
        guard f.direction != .down else { return }
        last = -1
        for i in Int(g.inOffsets[v])..<Int(g.inOffsets[v + 1]) {
            let w = Int(g.inNeighbourList[i])
            if w == last || w == v { continue }
            if !all && !g.allows(Int(g.inEdgeList[i]), f) { continue }
            last = w
            // Walking both ways, a neighbour joined both ways counts once.
            if f.direction == .both && isOutNeighbour(w, of: v) { continue }
            body(w)
        }
    }

    /// Whether an allowed relationship runs from `v` to `w` (binary search: the CSR rows are sorted by neighbour).
    func isOutNeighbour(_ w: Int, of v: Int) -> Bool {
        let g = graph
        var lo = Int(g.outOffsets[v]), hi = Int(g.outOffsets[v + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(g.outNeighbourList[mid]) < w { lo = mid + 1 } else { hi = mid }
        }
        while lo < Int(g.outOffsets[v + 1]) && Int(g.outNeighbourList[lo]) == w {
            if filter.acceptsEverything || g.allows(Int(g.outEdgeList[lo]), filter) { return true }
            lo += 1
        }
        return false
    }

    /// Abandons the current subject, leaving the on-path bitset clear for the next one.
    public mutating func finish() {
        if top >= 0 { for k in 0...top { clearOnPath(Int(nodes[k])) } }
        top = -1
        subject = -1
    }

    @inline(__always) func isOnPath(_ v: Int) -> Bool { onPath[v >> 6] & (1 << UInt64(v & 63)) != 0 }
    @inline(__always) mutating func clearOnPath(_ v: Int) { onPath[v >> 6] &= ~(1 << UInt64(v & 63)) }
    @inline(__always) func isTarget(_ v: Int) -> Bool { targetBits[v >> 6] & (1 << UInt64(v & 63)) != 0 }

    @inline(__always) mutating func push(_ v: Int, depth k: Int, down: Int32, up: Int32) {
        nodes[k] = Int32(v)
        if filter.direction != .up {
            outPos[k] = graph.outOffsets[v]; outEnd[k] = graph.outOffsets[v + 1]
        } else {
            outPos[k] = 0; outEnd[k] = 0
        }
        if filter.direction != .down {
            inPos[k] = graph.inOffsets[v]; inEnd[k] = graph.inOffsets[v + 1]
        } else {
            inPos[k] = 0; inEnd[k] = 0
        }
        downMin[k] = down
        upMax[k] = up
        onPath[v >> 6] |= 1 << UInt64(v & 63)
        top = k
    }

    /// Moves to the next path; `false` when there are no more. The path is ``currentPath``.
    public mutating func advance() -> Bool {
        // Local copies of the few arrays the loop reads: one retain each per call, and their buffers stay in
        // registers (a copy of the whole `Graph` would retain all of its arrays).
        let outNeighbours = graph.outNeighbourList, inNeighbours = graph.inNeighbourList
        while true {
            if top < 0 {
                guard order == .byLength, length < maxDepth, subject >= 0 else { return false }
                length += 1
                push(subject, depth: 0, down: 0, up: Int32.max)
                continue
            }
            let k = top
            // Next neighbour: the smaller of the out- and in-cursor heads, so each neighbour comes once.
            var op = Int(outPos[k]), ip = Int(inPos[k])
            let oe = Int(outEnd[k]), ie = Int(inEnd[k])
            var w = Int32.max
            if op < oe { w = outNeighbours[op] }
            if ip < ie { w = min(w, inNeighbours[ip]) }
            if w == Int32.max {
                clearOnPath(Int(nodes[k]))
                top = k - 1
                continue
            }
            let outStart = op, inStart = ip
            while op < oe && outNeighbours[op] == w { op += 1 }
            while ip < ie && inNeighbours[ip] == w { ip += 1 }
            outPos[k] = Int32(op)
            inPos[k] = Int32(ip)
            let v = Int(w)
            if isOnPath(v) { continue }
            let depth = k + 1
            let hit = isTarget(v)
            if hit {
                if order == .byLength && depth != length { continue }
            } else {
                if depth >= length { continue }
                if !distance.isEmpty && Int(distance[v]) > length - depth { continue }
            }
            var down = downMin[k], up = upMax[k]
            if !plain {
                guard hop(outStart..<op, inStart..<ip, &down, &up) else { continue }
            }
            if hit {
                found = w
                return true
            }
            if collapsingLastHop && depth == length - 1 {
                counted += lastHopCount(v)
                if counted >= countCap { return false }
                continue
            }
            push(v, depth: depth, down: down, up: up)
        }
    }

    /// Whether the hop over these adjacency positions is allowed, updating the payment-time state.
    @inline(__always)
    func hop(_ outRange: Range<Int>, _ inRange: Range<Int>, _ down: inout Int32, _ up: inout Int32) -> Bool {
        let g = graph
        var nonPayment = false
        var newDown = PathEnumerator.noDown, newUp = PathEnumerator.noUp
        let prevDown = down, prevUp = up
        for i in outRange {
            let e = Int(g.outEdgeList[i])
            guard g.allows(e, filter) else { continue }
            if !timeRespecting || g.relKind[e] != .pays { nonPayment = true; break }
            let d = g.relDate[e]
            // A down payment fits after an up option (direction change), after a down option dated on or before it,
            // or when it has no date (undated facts always count, and constrain nothing after them).
            if d == 0 {
                newDown = 0
            } else if prevUp != PathEnumerator.noUp || (prevDown != PathEnumerator.noDown && d >= prevDown) {
                newDown = min(newDown, d)
            }
        }
        if !nonPayment {
            for i in inRange {
                let e = Int(g.inEdgeList[i])
                guard g.allows(e, filter) else { continue }
                if !timeRespecting || g.relKind[e] != .pays { nonPayment = true; break }
                let d = g.relDate[e]
                if d == 0 {
                    newUp = Int32.max
                } else if prevDown != PathEnumerator.noDown || (prevUp != PathEnumerator.noUp && d <= prevUp) {
                    newUp = max(newUp, d)
                }
            }
        }
        if nonPayment { return true }  // walk it as the non-payment relationship: timing state unchanged
        if newDown == PathEnumerator.noDown && newUp == PathEnumerator.noUp { return false }
        down = newDown
        up = newUp
        return true
    }
}
