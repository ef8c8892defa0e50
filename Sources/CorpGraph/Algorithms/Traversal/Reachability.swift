import Foundation
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
        // Every kind allowed: the kind is not read (a cold query on a mapped graph saves a page per relationship).
        if filter.kinds != .all && !filter.kinds.contains(kind(ofRelationship: e)) { return false }
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
        return graph.sortedByDistanceThenID(out)
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
        distancesToNearest(targets.members, within: maxDepth, walking: filter)
    }

    /// ``distancesToNearest(_:within:walking:)`` from any set of entities (e.g. the targets of one severity or higher).
    public func distancesToNearest(_ members: [Int], within maxDepth: Int, walking filter: TraversalFilter) -> [UInt8] {
        let depth = UInt8(min(max(maxDepth, 0), 254))
        let n = entityCount
        var dist = [UInt8](repeating: .max, count: n)
        var queue = [Int32]()
        queue.reserveCapacity(members.count * 2)
        for v in members {
            dist[v] = 0
            queue.append(Int32(v))
        }
        let trivial = filter.acceptsEverything
        // Walking `down` to a target means stepping back along in-edges from the target, and vice versa.
        let followIn = filter.direction != .up
        let followOut = filter.direction != .down
        queue.reserveCapacity(n)
        withAdjacency { adj in
            dist.withUnsafeMutableBufferPointer { dist in
                var head = 0
                while head < queue.count {
                    let v = Int(queue[head])
                    head += 1
                    let d = dist[v]
                    if d >= depth { continue }
                    let next = d + 1
                    for pass in 0..<2 {
                        let (offsets, neighbours, edges):
                            (
                                UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>,
                                UnsafeBufferPointer<Int32>
                            )
                        if pass == 0 {
                            guard followIn else { continue }
                            (offsets, neighbours, edges) = (adj.inOffsets, adj.inNeighbours, adj.inEdges)
                        } else {
                            guard followOut else { continue }
                            (offsets, neighbours, edges) = (adj.outOffsets, adj.outNeighbours, adj.outEdges)
                        }
                        for i in Int(offsets[v])..<Int(offsets[v + 1]) {
                            let w = Int(neighbours[i])
                            if dist[w] != .max { continue }
                            if !trivial && !allows(Int(edges[i]), filter) { continue }
                            dist[w] = next
                            queue.append(Int32(w))
                        }
                    }
                }
            }
        }
        return dist
    }
}

extension Graph {
    /// For each subject, the targets within `maxDepth` hops walking with `filter` (the subject itself excluded;
    /// targets do not stop the search), with their shortest distance, by distance then entity index. The `--reach`
    /// summary and bench T2.
    ///
    /// A multi-source bit-parallel BFS (Then et al., "The More the Merrier: Efficient Multi-Source Graph Traversal",
    /// VLDB 2015): up to 256 subjects walk together, one bit each in a per-entity mask, so an entity reached by many
    /// subjects at one depth has its relationships scanned once for all of them. Each level's new entities are kept
    /// in a bitmap and committed in index order, so the next level reads the CSR arrays front to back; the per-entity
    /// "seen" and "next" masks share a cache line, and the inner loop has no data-dependent branch.
    /// - Complexity: O(Σ_levels (active entities · degree · ⌈k/64⌉)) per batch of k ≤ 256 subjects; 2·V·⌈k/64⌉ words
    ///   of scratch.
    public func targetsWithin(_ maxDepth: Int, of subjects: [Int], targets: TargetSet, walking filter: TraversalFilter)
        -> [[ReachedEntity]]
    {
        var result = [[ReachedEntity]](repeating: [], count: subjects.count)
        let depth = min(max(maxDepth, 0), 254)
        // One batch on a large graph: two half-width searches on two cores. The halves reach much the same entities,
        // so each does close to the whole scan, but with half the mask width each, and both at once.
        if subjects.count > 64, subjects.count <= 256, entityCount >= 100_000 {
            let half = subjects.count / 2
            let halves = [Array(subjects[..<half]), Array(subjects[half...])]
            let box = ReachBox(count: subjects.count)
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                let part = halves[k]
                let lists = msbfs(part, words: (part.count + 63) / 64, depth: depth, targets: targets, filter: filter)
                box.store(lists, at: k == 0 ? 0 : half)
            }
            return box.lists
        }
        var first = 0
        while first < subjects.count {
            let count = min(256, subjects.count - first)
            let words = (count + 63) / 64
            let batch = msbfs(
                Array(subjects[first..<(first + count)]), words: words, depth: depth, targets: targets,
                filter: filter)
            for (i, list) in batch.enumerated() { result[first + i] = list }
            first += count
        }
        return result
    }

    private func msbfs(_ subjects: [Int], words W: Int, depth: Int, targets: TargetSet, filter: TraversalFilter)
        -> [[ReachedEntity]]
    {
        var lists = [[ReachedEntity]](repeating: [], count: subjects.count)
        let n = entityCount
        // Per entity, interleaved so one cache line serves both: W words of "seen" bits, then W of "next" bits.
        let state = UnsafeMutablePointer<UInt64>.allocate(capacity: n * 2 * W)
        let seen = state
        let next = state + W
        let S = 2 * W
        let frontier = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        // Entities reached in the current level, as a bitmap: committed in index order, so the next level walks the
        // CSR arrays forward instead of jumping around.
        let words = (n + 63) / 64
        let nextBits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        nextBits.initialize(repeating: 0, count: words)
        let masks = UnsafeMutablePointer<UInt64>.allocate(capacity: n * W)
        state.initialize(repeating: 0, count: n * S)
        defer {
            state.deallocate(); frontier.deallocate(); nextBits.deallocate(); masks.deallocate()
        }
        let trivial = filter.acceptsEverything
        let down = filter.direction != .up
        let up = filter.direction != .down
        // Level 0: each subject's own bit (a subject listed twice has two bits in one entity slot).
        var frontierCount = 0
        for (i, s) in subjects.enumerated() {
            var empty = true
            for j in 0..<W where seen[s * S + j] != 0 { empty = false }
            if empty {
                frontier[frontierCount] = Int32(s)
                frontierCount += 1
            }
            seen[s * S + i >> 6] |= 1 << UInt64(i & 63)
        }
        for f in 0..<frontierCount {
            let s = Int(frontier[f])
            for j in 0..<W { masks[f * W + j] = seen[s * S + j] }
        }
        withAdjacency { adj in
            var level = 0
            while level < depth && frontierCount > 0 {
                level += 1
                for f in 0..<frontierCount {
                    let v = Int(frontier[f])
                    let fm = masks + f * W
                    for pass in 0..<2 {
                        let (offsets, neighbours, edges):
                            (
                                UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>,
                                UnsafeBufferPointer<Int32>
                            )
                        if pass == 0 {
                            guard down else { continue }
                            (offsets, neighbours, edges) = (adj.outOffsets, adj.outNeighbours, adj.outEdges)
                        } else {
                            guard up else { continue }
                            (offsets, neighbours, edges) = (adj.inOffsets, adj.inNeighbours, adj.inEdges)
                        }
                        for i in Int(offsets[v])..<Int(offsets[v + 1]) {
                            if !trivial && !allows(Int(edges[i]), filter) { continue }
                            let base = Int(neighbours[i]) * S
                            // Branch-free: a branch would depend on a likely cache miss and serialise them.
                            var added: UInt64 = 0
                            for j in 0..<W {
                                let nb = fm[j] & ~seen[base + j]
                                added |= nb
                                next[base + j] |= nb
                            }
                            let w = Int(neighbours[i])
                            nextBits[w >> 6] |= (added != 0 ? 1 : 0) << UInt64(w & 63)
                        }
                    }
                }
                // Commit the level in index order: new bits become seen and the next frontier; targets are recorded.
                var nextCount = 0
                for word in 0..<words where nextBits[word] != 0 {
                    var bits = nextBits[word]
                    nextBits[word] = 0
                    while bits != 0 {
                        let w = word << 6 | bits.trailingZeroBitCount
                        bits &= bits - 1
                        let f = nextCount
                        nextCount += 1
                        frontier[f] = Int32(w)
                        let base = w * S
                        let isTarget = targets.contains(w)
                        for j in 0..<W {
                            let nb = next[base + j]
                            next[base + j] = 0
                            seen[base + j] |= nb
                            masks[f * W + j] = nb
                            if isTarget {
                                var x = nb
                                while x != 0 {
                                    lists[j << 6 | x.trailingZeroBitCount].append(
                                        ReachedEntity(entity: w, distance: level))
                                    x &= x - 1
                                }
                            }
                        }
                    }
                }
                frontierCount = nextCount
            }
        }
        return lists
    }

    /// Unsafe views of the CSR arrays, for the tight traversal loops.
    struct Adjacency {
        var outOffsets, outNeighbours, outEdges, inOffsets, inNeighbours, inEdges: UnsafeBufferPointer<Int32>
    }

    func withAdjacency<R>(_ body: (Adjacency) throws -> R) rethrows -> R {
        try outOffsets.withUnsafeBufferPointer { oo in
            try outNeighbourList.withUnsafeBufferPointer { on in
                try outEdgeList.withUnsafeBufferPointer { oe in
                    try inOffsets.withUnsafeBufferPointer { io in
                        try inNeighbourList.withUnsafeBufferPointer { inn in
                            try inEdgeList.withUnsafeBufferPointer { ie in
                                try body(
                                    Adjacency(
                                        outOffsets: oo, outNeighbours: on, outEdges: oe, inOffsets: io,
                                        inNeighbours: inn, inEdges: ie))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Collects the halves of a two-thread reach search.
private final class ReachBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var lists: [[ReachedEntity]]
    init(count: Int) { lists = [[ReachedEntity]](repeating: [], count: count) }
    func store(_ part: [[ReachedEntity]], at offset: Int) {
        lock.lock()
        defer { lock.unlock() }
        for (i, l) in part.enumerated() { lists[offset + i] = l }
    }
}
