import Foundation

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
    let targets: TargetSet
    let targetBits: [UInt64]
    /// Target severities (``TargetSet/severities``; empty when the targets are classified on demand) and the highest
    /// one.
    let severity: [UInt8]
    let onDemandTargets: Bool
    let maxSeverity: UInt8
    let distances: [[UInt8]]
    /// The pruning distances found on demand (a search prepared for a few subjects), else nil.
    let bounds: PruningBounds?
    let pruning: Bool
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
    /// Per frame: the highest target severity among the path's interior nodes up to and including `nodes[k]` (the
    /// subject excluded); the path can only end at a target of higher severity.
    var ceiling: [UInt8]
    /// A target just returned as a path's end that may also lead on to targets of higher severity: pushed as an
    /// interior node at the start of the next ``advance()``.
    var pending: (v: Int, depth: Int, down: Int32, up: Int32, ceiling: UInt8)?
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
        targets = search.targets
        targetBits = search.targets.bits
        severity = search.targets.severities
        onDemandTargets = search.targets.classifiesOnDemand
        maxSeverity = search.targets.maxSeverity
        distances = search.distances
        bounds =
            search.onDemand && search.options.prune
            ? PruningBounds(targets: search.targets, filter: search.options.filter) : nil
        pruning = !search.distances.isEmpty || bounds != nil
        filter = search.options.filter
        maxDepth = max(0, min(search.options.maxDepth, 254))
        self.order = order
        timeRespecting = search.options.timeRespecting
        plain = search.options.filter.acceptsEverything && !search.options.timeRespecting
        let slots = maxDepth + 1
        nodes = [Int32](repeating: 0, count: slots)
        outPos = nodes; outEnd = nodes; inPos = nodes; inEnd = nodes
        downMin = nodes; upMax = nodes
        ceiling = [UInt8](repeating: 0, count: slots)
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
        push(s, depth: 0, down: 0, up: Int32.max, ceiling: 0)
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

    /// The paths that end one hop after `v` (an interior node at depth `length - 1` whose path has `ceiling`): its
    /// distinct neighbours that are targets above the ceiling, other than the subject. Remembered per entity for
    /// ceiling 0 (no target inside the path: the common case).
    mutating func lastHopCount(_ v: Int, ceiling c: UInt8) -> Int {
        var n: Int
        if c == 0 {
            n = Int(targetNeighbours[v])
            if n < 0 {
                n = 0
                forEachNeighbour(of: v) { w in if isTarget(w) { n += 1 } }
                targetNeighbours[v] = Int32(n)
            }
        } else {
            n = 0
            forEachNeighbour(of: v) { w in if severityOf(w) > c { n += 1 } }
        }
        if n > 0 && severityOf(subject) > c {
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
            for i in g.outRange(v) {
                let w = g.outNeighbour(at: i)
                if w == last || w == v { continue }
                if !all && !g.allows(g.outEdge(at: i), f) { continue }
                last = w
                body(w)
            }
        }
        guard f.direction != .down else { return }
        last = -1
        for i in g.inRange(v) {
            let w = g.inNeighbour(at: i)
            if w == last || w == v { continue }
            if !all && !g.allows(g.inEdge(at: i), f) { continue }
            last = w
            // Walking both ways, a neighbour joined both ways counts once.
            if f.direction == .both && isOutNeighbour(w, of: v) { continue }
            body(w)
        }
    }

    /// Whether an allowed relationship runs from `v` to `w` (binary search: the CSR rows are sorted by neighbour).
    func isOutNeighbour(_ w: Int, of v: Int) -> Bool {
        let g = graph
        let row = g.outRange(v)
        var lo = row.lowerBound, hi = row.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if g.outNeighbour(at: mid) < w { lo = mid + 1 } else { hi = mid }
        }
        while lo < row.upperBound && g.outNeighbour(at: lo) == w {
            if filter.acceptsEverything || g.allows(g.outEdge(at: lo), filter) { return true }
            lo += 1
        }
        return false
    }

    /// Abandons the current subject, leaving the on-path bitset clear for the next one.
    public mutating func finish() {
        pending = nil
        if top >= 0 { for k in 0...top { clearOnPath(Int(nodes[k])) } }
        top = -1
        subject = -1
    }

    @inline(__always) func isOnPath(_ v: Int) -> Bool { onPath[v >> 6] & (1 << UInt64(v & 63)) != 0 }
    @inline(__always) mutating func clearOnPath(_ v: Int) { onPath[v >> 6] &= ~(1 << UInt64(v & 63)) }
    @inline(__always) func isTarget(_ v: Int) -> Bool {
        onDemandTargets ? targets.severityValue(v) != 0 : targetBits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }
    @inline(__always) func severityOf(_ v: Int) -> UInt8 {
        onDemandTargets ? targets.severityValue(v) : severity[v]
    }

    /// Whether a target above `ceiling` can be within `r` hops of `v` (false: the branch is cut).
    @inline(__always) func mayReach(_ v: Int, above ceiling: UInt8, within r: Int) -> Bool {
        if let bounds { return bounds.reaches(v, above: ceiling, within: r) }
        return Int(distances[Int(ceiling)][v]) <= r
    }

    @inline(__always) mutating func push(_ v: Int, depth k: Int, down: Int32, up: Int32, ceiling c: UInt8) {
        nodes[k] = Int32(v)
        ceiling[k] = c
        if filter.direction != .up {
            let r = graph.outRange(v)
            outPos[k] = Int32(r.lowerBound); outEnd[k] = Int32(r.upperBound)
        } else {
            outPos[k] = 0; outEnd[k] = 0
        }
        if filter.direction != .down {
            let r = graph.inRange(v)
            inPos[k] = Int32(r.lowerBound); inEnd[k] = Int32(r.upperBound)
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
        // (The heads are read checked, since they index; the runs after them are only compared.)
        let outNeighbours = graph.outNeighboursUnchecked, inNeighbours = graph.inNeighboursUnchecked
        let store = graph.store
        if let p = pending {
            pending = nil
            push(p.v, depth: p.depth, down: p.down, up: p.up, ceiling: p.ceiling)
        }
        while true {
            if top < 0 {
                guard order == .byLength, length < maxDepth, subject >= 0 else { return false }
                length += 1
                push(subject, depth: 0, down: 0, up: Int32.max, ceiling: 0)
                continue
            }
            let k = top
            // Next neighbour: the smaller of the out- and in-cursor heads, so each neighbour comes once.
            var op = Int(outPos[k]), ip = Int(inPos[k])
            let oe = Int(outEnd[k]), ie = Int(inEnd[k])
            var w = Int32.max
            if op < oe { w = store.outNeighbour(op) }
            if ip < ie { w = min(w, store.inNeighbour(ip)) }
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
            // The severity rule (DESIGN §4): `v` ends a path when its severity is above every target inside the
            // path; it leads on when targets above the new ceiling exist within reach.
            let c = ceiling[k]
            let s = severityOf(v)
            let hit = s > c && (order != .byLength || depth == length)
            let through = max(c, s)
            var onward = through < maxSeverity && depth < length
            if onward && pruning && !mayReach(v, above: through, within: length - depth) { onward = false }
            if !hit && !onward { continue }
            var down = downMin[k], up = upMax[k]
            if !plain {
                guard hop(outStart..<op, inStart..<ip, &down, &up) else { continue }
            }
            if hit {
                found = w
                if onward { pending = (v, depth, down, up, through) }
                return true
            }
            if collapsingLastHop && depth == length - 1 {
                counted += lastHopCount(v, ceiling: through)
                if counted >= countCap { return false }
                continue
            }
            push(v, depth: depth, down: down, up: up, ceiling: through)
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
            let e = g.outEdge(at: i)
            guard g.allows(e, filter) else { continue }
            if !timeRespecting || g.kind(ofRelationship: e) != .pays { nonPayment = true; break }
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
                let e = g.inEdge(at: i)
                guard g.allows(e, filter) else { continue }
                if !timeRespecting || g.kind(ofRelationship: e) != .pays { nonPayment = true; break }
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
