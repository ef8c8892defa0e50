import Foundation

// Pruning distances found on demand, for an exposure search about a few subjects.
//
// The whole-graph search (``ExposureSearch/init(targets:options:)``) computes, before any path is enumerated, every
// entity's distance to the nearest target (one reverse BFS per severity). A query about one subject needs those
// distances only at the entities its enumeration reaches, and only the answer to "is a target above this ceiling
// within r hops?". ``PruningBounds`` answers that question when the enumerator asks it, with a bounded forward BFS
// from the entity that stops at the first target found, and remembers what every search learnt as bounds on the
// true distance d(u) (walking with the query's filter, ignoring simplicity and payment timing, as the whole-graph
// distances do):
// - found a target (or an entity with a known upper bound) j hops from v: d(v) ≤ j (upper bound of v);
// - found none within r hops of v: every entity u the search reached i hops from v has d(u) > r − i (lower bound),
//   since a shorter walk from u would have been followed.
// A later search skips an entity whose lower bound already rules it out and stops at one whose upper bound fits, so
// overlapping searches share their work; the entities deeper in a path that failed are answered from the bounds
// alone. The bounds depend on the graph, targets and filter only, never on the subject.
//
// Pruning only cuts branches that cannot end at a target, so the paths and their order do not depend on how the
// distances were found: the results equal the whole-graph search's (property-tested in ExposureOnDemandTests).

/// Bounds on the distance from entities to the nearest target above a severity ceiling, found on demand.
final class PruningBounds {
    let graph: Graph
    let targets: TargetSet
    let filter: TraversalFilter
    let count: Int
    /// Per ceiling: per entity, the lower bound in the low byte and 255 − the upper bound in the high byte (0 and 0:
    /// nothing known). Zeroed pages from `calloc`: memory is touched only where a search went.
    private var bounds: [UnsafeMutablePointer<UInt16>?]
    /// Per entity: the search that last reached it (`generation`).
    private let stamp: UnsafeMutablePointer<UInt32>
    private var generation: UInt32 = 0
    private var queue: [Int32] = []
    private var levelStarts: [Int] = []

    init(targets: TargetSet, filter: TraversalFilter) {
        graph = targets.graph
        self.targets = targets
        self.filter = filter
        count = targets.graph.entityCount
        bounds = [UnsafeMutablePointer<UInt16>?](repeating: nil, count: Int(TargetSeverity.designated.rawValue) + 1)
        stamp = PruningBounds.zeroed(max(count, 1), UInt32.self)
    }

    deinit {
        for b in bounds { free(b) }
        free(stamp)
    }

    private static func zeroed<T>(_ n: Int, _: T.Type) -> UnsafeMutablePointer<T> {
        guard let p = calloc(n, MemoryLayout<T>.stride) else { fatalError("out of memory for \(n) search bounds") }
        return p.bindMemory(to: T.self, capacity: n)
    }

    private func table(_ c: Int) -> UnsafeMutablePointer<UInt16> {
        if let t = bounds[c] { return t }
        let t = PruningBounds.zeroed(max(count, 1), UInt16.self)
        bounds[c] = t
        return t
    }

    @inline(__always) private static func lower(_ x: UInt16) -> Int { Int(x & 0xFF) }
    @inline(__always) private static func upper(_ x: UInt16) -> Int { 255 - Int(x >> 8) }

    /// Whether some target of severity above `ceiling` lies within `r` hops of `v` (walking with the filter).
    func reaches(_ v: Int, above ceiling: UInt8, within r: Int) -> Bool {
        if targets.severityValue(v) > ceiling { return true }
        if r <= 0 { return false }
        let t = table(Int(ceiling))
        let known = t[v]
        if PruningBounds.upper(known) <= r { return true }
        if PruningBounds.lower(known) > r { return false }
        return search(v, ceiling, r, t)
    }

    private func search(_ v: Int, _ ceiling: UInt8, _ r: Int, _ t: UnsafeMutablePointer<UInt16>) -> Bool {
        generation &+= 1
        if generation == 0 {
            stamp.update(repeating: 0, count: max(count, 1))
            generation = 1
        }
        let gen = generation
        queue.removeAll(keepingCapacity: true)
        levelStarts.removeAll(keepingCapacity: true)
        stamp[v] = gen
        queue.append(Int32(v))
        let g = graph, f = filter
        let all = f.acceptsEverything
        let followOut = f.direction != .up, followIn = f.direction != .down
        var found = -1
        var start = 0
        var level = 0
        // Level by level; entities at level r are only looked at (are they targets?), never expanded.
        levels: while level < r && start < queue.count {
            let end = queue.count
            levelStarts.append(start)
            let next = level + 1
            for qi in start..<end {
                let u = Int(queue[qi])
                for pass in 0..<2 {
                    guard pass == 0 ? followOut : followIn else { continue }
                    let row = pass == 0 ? g.outRange(u) : g.inRange(u)
                    for i in row {
                        let w = pass == 0 ? g.outNeighbour(at: i) : g.inNeighbour(at: i)
                        if stamp[w] == gen { continue }
                        if !all && !g.allows(pass == 0 ? g.outEdge(at: i) : g.inEdge(at: i), f) { continue }
                        stamp[w] = gen
                        if targets.severityValue(w) > ceiling {
                            found = next
                            break levels
                        }
                        let known = t[w]
                        let up = PruningBounds.upper(known)
                        if up < 255 && next + up <= r {
                            found = next + up
                            break levels
                        }
                        // Entities that cannot lead to a target within the hops left are not expanded.
                        if next + PruningBounds.lower(known) > r || next == r { continue }
                        queue.append(Int32(w))
                    }
                }
            }
            start = end
            level = next
        }
        if found >= 0 {
            let known = t[v]
            if found < PruningBounds.upper(known) {
                t[v] = (known & 0xFF) | UInt16(255 - found) << 8
            }
            return true
        }
        // Nothing within r: every expanded entity at level i is more than r − i hops from any target.
        levelStarts.append(queue.count)
        for k in 0..<(levelStarts.count - 1) {
            let bound = UInt16(r - k + 1)
            for qi in levelStarts[k]..<levelStarts[k + 1] {
                let u = Int(queue[qi])
                let known = t[u]
                if bound > known & 0xFF { t[u] = (known & 0xFF00) | bound }
            }
        }
        return false
    }
}
