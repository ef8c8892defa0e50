// An exposure search prepared for a few subjects: pruning distances over their neighbourhood only.

/// A set of entities (a flag per entity and the members in the order found).
struct EntityRegion {
    var mask: [Bool]
    var members: [Int32]
}

extension ExposureSearch {
    /// Prepared for `subjects` only (a single-subject query): the pruning distances are computed over the entities
    /// within ``ExposureOptions/maxDepth`` hops of the subjects (walking with the filter), the only ones their paths
    /// can visit, so the preparation costs that neighbourhood instead of the whole graph. When the neighbourhood holds
    /// more than an eighth of the graph (and more than 65 536 entities), the whole-graph distances are computed instead.
    ///
    /// For these subjects the results equal those of ``init(targets:options:)``: an entity `u` that a path reaches
    /// with `r` hops to spare lies within `maxDepth − r` hops of a subject, so every entity on a shortest walk from `u`
    /// to a target within `r` hops is in the neighbourhood and the restricted distance is exact; beyond `r` both
    /// distances are too far and the branch is cut either way. Ask such a search about other subjects and it may miss
    /// paths: use ``init(targets:options:)`` for those.
    /// - Complexity: O(V) to clear the arrays, plus O(V_s + E_s) for the V_s entities and E_s relationships of the
    ///   neighbourhood.
    public init(targets: TargetSet, options: ExposureOptions, subjects: [Int]) {
        let g = targets.graph
        let region =
            options.prune
            ? g.neighbourhood(
                of: subjects, within: options.maxDepth, walking: options.filter,
                limit: max(g.entityCount / 8, 65_536))
            : nil
        self.init(targets: targets, options: options, region: region)
    }
}

extension Graph {
    /// The entities within `maxDepth` hops of `sources` walking with `filter` (the sources included), or `nil` as soon
    /// as there are more than `limit`.
    func neighbourhood(of sources: [Int], within maxDepth: Int, walking filter: TraversalFilter, limit: Int)
        -> EntityRegion?
    {
        let n = entityCount
        var mask = [Bool](repeating: false, count: n)
        var members: [Int32] = []
        for s in sources where s >= 0 && s < n && !mask[s] {
            mask[s] = true
            members.append(Int32(s))
        }
        let trivial = filter.acceptsEverything
        let followOut = filter.direction != .up
        let followIn = filter.direction != .down
        var overflow = false
        withAdjacency { adj in
            var head = 0
            var level = 0
            var levelEnd = members.count
            while head < members.count && level < maxDepth && !overflow {
                let v = Int(members[head])
                for pass in 0..<2 {
                    let (offsets, neighbours, edges) =
                        pass == 0
                        ? (adj.outOffsets, adj.outNeighbours, adj.outEdges)
                        : (adj.inOffsets, adj.inNeighbours, adj.inEdges)
                    guard pass == 0 ? followOut : followIn else { continue }
                    for i in Int(offsets[v])..<Int(offsets[v + 1]) {
                        let w = Int(neighbours[i])
                        if mask[w] { continue }
                        if !trivial && !allows(Int(edges[i]), filter) { continue }
                        mask[w] = true
                        members.append(Int32(w))
                    }
                }
                if members.count > limit { overflow = true }
                head += 1
                if head == levelEnd {
                    level += 1
                    levelEnd = members.count
                }
            }
        }
        return overflow ? nil : EntityRegion(mask: mask, members: members)
    }
}
