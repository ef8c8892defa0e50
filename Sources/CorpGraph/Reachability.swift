/// Which way a walk follows relationships: `down` from source to target (what an entity owns, controls, directs,
/// operates and pays), `up` from target to source (its owners, controllers, directors, operators and payers), `both`
/// either way at every hop.
public enum WalkDirection: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case down, up, both

    /// The direction that undoes this one: `down` ↔ `up`, `both` stays.
    public var reversed: WalkDirection {
        switch self {
        case .down: .up
        case .up: .down
        case .both: .both
        }
    }

    public var description: String { rawValue }
}

/// The direction one relationship was walked on a hop: `down` source → target, `up` target → source.
public enum HopDirection: String, Sendable, Hashable, CustomStringConvertible {
    case down, up
    public var description: String { rawValue }
}

/// Which relationships a traversal may use: kinds, direction, and the day they must be valid on.
public struct TraversalFilter: Sendable, Hashable {
    /// Relationship kinds that may be walked.
    public var kinds: RelationshipKindSet
    /// Direction of the walk.
    public var direction: WalkDirection
    /// Only relationships valid on this day count (``Graph/isValid(_:on:)``); `nil` ignores dates.
    public var asOf: CalendarDate?

    public init(kinds: RelationshipKindSet = .all, direction: WalkDirection = .down, asOf: CalendarDate? = nil) {
        self.kinds = kinds
        self.direction = direction
        self.asOf = asOf
    }

    /// Every relationship counts: the traversal loops skip the per-relationship test.
    @inlinable public var acceptsEverything: Bool { kinds == .all && asOf == nil }

    /// The same filter walking the other way (for distance-to-target searches).
    public var reversed: TraversalFilter {
        TraversalFilter(kinds: kinds, direction: direction.reversed, asOf: asOf)
    }
}

extension Graph {
    /// Whether relationship `e` passes `filter`'s kind and date tests (direction is the caller's business).
    @inlinable public func allows(_ e: Int, _ filter: TraversalFilter) -> Bool {
        guard filter.kinds.contains(relKind[e]) else { return false }
        if let day = filter.asOf { return isValid(e, on: day) }
        return true
    }
}

/// An entity reached by a breadth-first search, with its shortest distance in hops.
public struct ReachedEntity: Hashable, Sendable {
    public var entity: Int
    public var distance: Int
    public init(entity: Int, distance: Int) {
        self.entity = entity
        self.distance = distance
    }
}

/// Depth-limited breadth-first search over the kinds, direction and date of a ``TraversalFilter``.
///
/// The value keeps its scratch arrays between searches (a distance byte per entity and a queue), so running it for
/// many subjects allocates nothing per subject and resets only what the last search touched.
///
/// - Complexity: O(V' + E') per search, where V' and E' are the entities and relationships within the depth.
public struct Reachability {
    public let graph: Graph
    public let filter: TraversalFilter
    /// 255 = not reached; reset after each search through `queue`.
    var distance: [UInt8]
    var queue: [Int32]

    public init(graph: Graph, filter: TraversalFilter) {
        self.graph = graph
        self.filter = filter
        distance = [UInt8](repeating: .max, count: graph.entityCount)
        queue = []
    }

    /// Every entity within `maxDepth` hops of `source` (the source excluded, even on a cycle), with its shortest
    /// distance, in breadth-first order (by distance, then discovery order).
    public mutating func reached(from source: Int, maxDepth: Int) -> [ReachedEntity] {
        var out: [ReachedEntity] = []
        forEachReached(from: source, maxDepth: maxDepth) { out.append(ReachedEntity(entity: $0, distance: $1)) }
        return out
    }

    /// Calls `body(entity, distance)` for every entity within `maxDepth` hops of `source`, source excluded, in
    /// breadth-first order.
    public mutating func forEachReached(from source: Int, maxDepth: Int, _ body: (Int, Int) -> Void) {
        let depth = min(max(maxDepth, 0), 254)
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(source))
        let g = graph
        let f = filter
        let trivial = f.acceptsEverything
        let down = f.direction != .up
        let up = f.direction != .down
        distance.withUnsafeMutableBufferPointer { dist in
            dist[source] = 0
            var head = 0
            while head < queue.count {
                let v = Int(queue[head])
                head += 1
                let d = dist[v]
                if v != source { body(v, Int(d)) }
                if Int(d) >= depth { continue }
                let next = d + 1
                if down {
                    let lo = Int(g.outOffsets[v]), hi = Int(g.outOffsets[v + 1])
                    for i in lo..<hi {
                        let w = Int(g.outNeighbourList[i])
                        if dist[w] != .max { continue }
                        if !trivial && !g.allows(Int(g.outEdgeList[i]), f) { continue }
                        dist[w] = next
                        queue.append(Int32(w))
                    }
                }
                if up {
                    let lo = Int(g.inOffsets[v]), hi = Int(g.inOffsets[v + 1])
                    for i in lo..<hi {
                        let w = Int(g.inNeighbourList[i])
                        if dist[w] != .max { continue }
                        if !trivial && !g.allows(Int(g.inEdgeList[i]), f) { continue }
                        dist[w] = next
                        queue.append(Int32(w))
                    }
                }
            }
            for v in queue { dist[Int(v)] = .max }
        }
    }

    /// The targets within `maxDepth` hops of `source` (source excluded), sorted by distance then id — the
    /// `--reach` summary. Traversal does not stop at targets.
    public mutating func targets(from source: Int, maxDepth: Int, in targets: TargetSet) -> [ReachedEntity] {
        var out: [ReachedEntity] = []
        forEachReached(from: source, maxDepth: maxDepth) { v, d in
            if targets.contains(v) { out.append(ReachedEntity(entity: v, distance: d)) }
        }
        let g = graph
        out.sort { $0.distance != $1.distance ? $0.distance < $1.distance : g.id($0.entity) < g.id($1.entity) }
        return out
    }
}

extension Graph {
    /// For every entity, the fewest hops from it to the nearest target when walking with `filter`, or 255 when no
    /// target is within `maxDepth` hops. Targets are at distance 0.
    ///
    /// One reverse multi-source breadth-first search from all targets over the allowed kinds and dates. Intermediate
    /// entities on the counted walks are never targets (a target keeps distance 0), which matches exposure paths that
    /// stop at the first target; ignoring simplicity and payment timing makes the value a lower bound, so pruning with
    /// it never loses a path.
    /// - Complexity: O(V + E) time, V bytes plus a queue of up to V indices.
    public func distancesToNearest(_ targets: TargetSet, within maxDepth: Int, walking filter: TraversalFilter)
        -> [UInt8]
    {
        let depth = UInt8(min(max(maxDepth, 0), 254))
        let n = entityCount
        var dist = [UInt8](repeating: .max, count: n)
        var queue = [Int32]()
        queue.reserveCapacity(targets.count * 2)
        for v in targets.members {
            dist[v] = 0
            queue.append(Int32(v))
        }
        let trivial = filter.acceptsEverything
        // Walking `down` to a target means stepping back along in-edges from the target, and vice versa.
        let followIn = filter.direction != .up
        let followOut = filter.direction != .down
        dist.withUnsafeMutableBufferPointer { dist in
            var head = 0
            while head < queue.count {
                let v = Int(queue[head])
                head += 1
                let d = dist[v]
                if d >= depth { continue }
                let next = d + 1
                if followIn {
                    for i in Int(inOffsets[v])..<Int(inOffsets[v + 1]) {
                        let w = Int(inNeighbourList[i])
                        if dist[w] != .max { continue }
                        if !trivial && !allows(Int(inEdgeList[i]), filter) { continue }
                        dist[w] = next
                        queue.append(Int32(w))
                    }
                }
                if followOut {
                    for i in Int(outOffsets[v])..<Int(outOffsets[v + 1]) {
                        let w = Int(outNeighbourList[i])
                        if dist[w] != .max { continue }
                        if !trivial && !allows(Int(outEdgeList[i]), filter) { continue }
                        dist[w] = next
                        queue.append(Int32(w))
                    }
                }
            }
        }
        return dist
    }
}
