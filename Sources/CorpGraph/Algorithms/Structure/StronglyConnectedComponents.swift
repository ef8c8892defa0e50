/// Strongly and weakly connected components.
public enum StronglyConnectedComponents {
    /// Strongly connected components over relationships of `kinds` (iterative Tarjan, 1972).
    ///
    /// Returns components with more than one entity (cycles), each sorted by index, the list sorted by first index.
    /// - Complexity: O(V + E).
    public static func cycles(
        in graph: Graph, kinds: RelationshipKindSet = [.init(rawValue: RelationshipKind.owns.bit)]
    ) -> [[Int]] {
        let n = graph.entityCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var counter: Int32 = 0
        var result: [[Int]] = []
        let (offsets, rels, neighbours) = graph.outCSR
        let relKinds = graph.relationshipKinds
        var frames: [(v: Int32, next: Int32)] = []
        for root in 0..<n where index[root] < 0 {
            frames.append((Int32(root), offsets[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while !frames.isEmpty {
                let top = frames.count - 1
                let v = Int(frames[top].v)
                var advanced = false
                while frames[top].next < offsets[v + 1] {
                    let slot = Int(frames[top].next)
                    frames[top].next += 1
                    guard kinds.contains(relKinds[Int(rels[slot])]) else { continue }
                    let w = Int(neighbours[slot])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        frames.append((Int32(w), offsets[w]))
                        advanced = true
                        break
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                }
                if advanced { continue }
                frames.removeLast()
                if let parent = frames.last { low[Int(parent.v)] = min(low[Int(parent.v)], low[v]) }
                if low[v] == index[v] {
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[Int(w)] = false
                        component.append(Int(w))
                        if Int(w) == v { break }
                    }
                    if component.count > 1 { result.append(component.sorted()) }
                }
            }
        }
        return result.sorted { $0[0] < $1[0] }
    }

    /// Weakly connected components (union–find); returns the component id per entity and the count.
    /// - Complexity: O((V + E) α(V)).
    public static func weakComponents(of graph: Graph) -> (component: [Int32], count: Int) {
        let n = graph.entityCount
        var parent = (0..<n).map(Int32.init)
        func find(_ x: Int32) -> Int32 {
            var r = x
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var y = x
            while parent[Int(y)] != r { let next = parent[Int(y)]; parent[Int(y)] = r; y = next }
            return r
        }
        for e in 0..<graph.relationshipCount {
            let a = find(Int32(graph.source(e))), b = find(Int32(graph.target(e)))
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var ids = [Int32](repeating: -1, count: n)
        var map: [Int32: Int32] = [:]
        for v in 0..<n {
            let r = find(Int32(v))
            if let c = map[r] { ids[v] = c } else { let c = Int32(map.count); map[r] = c; ids[v] = c }
        }
        return (ids, map.count)
    }
}
