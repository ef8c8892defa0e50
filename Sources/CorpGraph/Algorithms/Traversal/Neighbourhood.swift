/// Cutting a graph down to what an analyst looks at.
extension Graph {
    /// Entities within `radius` relationships of `subject`, in either direction, over relationships `including`
    /// accepts (all by default), sorted by index.
    /// - Complexity: O(V + E) at worst; proportional to the neighbourhood in practice.
    public func neighbourhood(of subject: Int, radius: Int, including: (Int) -> Bool = { _ in true }) -> [Int] {
        var seen: Set<Int> = [subject]
        var frontier = [subject]
        for _ in 0..<max(0, radius) {
            var next: [Int] = []
            for v in frontier {
                for (e, w) in zip(outRelationships(v), outNeighbours(v))
                where including(Int(e)) && seen.insert(Int(w)).inserted {
                    next.append(Int(w))
                }
                for (e, w) in zip(inRelationships(v), inNeighbours(v))
                where including(Int(e)) && seen.insert(Int(w)).inserted {
                    next.append(Int(w))
                }
            }
            if next.isEmpty { break }
            frontier = next
        }
        return seen.sorted()
    }

    /// A new graph with only `entities` (indices into this graph) and the relationships between them; records keep
    /// their content and source locations.
    /// - Complexity: O(V + E).
    public func subgraph(keeping entities: some Sequence<Int>) -> Graph {
        var keep = [Bool](repeating: false, count: entityCount)
        for v in entities { keep[v] = true }
        var b = GraphBuilder()
        for v in 0..<entityCount where keep[v] { b.add(entity(v), at: location(ofEntity: v)) }
        for e in 0..<relationshipCount where keep[source(e)] && keep[target(e)] {
            b.add(relationship(e), at: location(ofRelationship: e))
        }
        return b.build().graph
    }
}
