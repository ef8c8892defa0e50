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
    /// Per ceiling: per entity reached so far, the lower bound in the low byte and 255 − the upper bound in the high
    /// byte (absent, or 0 and 0: nothing known). Hash tables, not arrays of V: a search touches a few thousand
    /// entities of millions, and an array would take a zero-filled page per entity touched.
    private var bounds: [[Int32: UInt16]]
    /// The entities the current search reached.
    private var seen = Set<Int32>()
    private var queue: [Int32] = []
    private var levelStarts: [Int] = []

    init(targets: TargetSet, filter: TraversalFilter) {
        graph = targets.graph
        self.targets = targets
        self.filter = filter
        bounds = [[Int32: UInt16]](repeating: [:], count: Int(TargetSeverity.designated.rawValue) + 1)
    }

    @inline(__always) private static func lower(_ x: UInt16) -> Int { Int(x & 0xFF) }
    @inline(__always) private static func upper(_ x: UInt16) -> Int { 255 - Int(x >> 8) }

    /// Whether some target of severity above `ceiling` lies within `r` hops of `v` (walking with the filter).
    func reaches(_ v: Int, above ceiling: UInt8, within r: Int) -> Bool {
        if targets.severityValue(v) > ceiling { return true }
        if r <= 0 { return false }
        let known = bounds[Int(ceiling)][Int32(v)] ?? 0
        if PruningBounds.upper(known) <= r { return true }
        if PruningBounds.lower(known) > r { return false }
        return search(v, Int(ceiling), r)
    }

    private func search(_ v: Int, _ c: Int, _ r: Int) -> Bool {
        let ceiling = UInt8(c)
        queue.removeAll(keepingCapacity: true)
        levelStarts.removeAll(keepingCapacity: true)
        seen.removeAll(keepingCapacity: true)
        seen.insert(Int32(v))
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
                        if seen.contains(Int32(w)) { continue }
                        if !all && !g.allows(pass == 0 ? g.outEdge(at: i) : g.inEdge(at: i), f) { continue }
                        seen.insert(Int32(w))
                        if targets.severityValue(w) > ceiling {
                            found = next
                            break levels
                        }
                        let known = bounds[c][Int32(w)] ?? 0
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
            let known = bounds[c][Int32(v)] ?? 0
            if found < PruningBounds.upper(known) {
                bounds[c][Int32(v)] = (known & 0xFF) | UInt16(255 - found) << 8
            }
            return true
        }
        // Nothing within r: every expanded entity at level i is more than r − i hops from any target.
        levelStarts.append(queue.count)
        for k in 0..<(levelStarts.count - 1) {
            let bound = UInt16(r - k + 1)
            for qi in levelStarts[k]..<levelStarts[k + 1] {
                let u = queue[qi]
                let known = bounds[c][u] ?? 0
                if bound > known & 0xFF { bounds[c][u] = (known & 0xFF00) | bound }
            }
        }
        return false
    }
}
