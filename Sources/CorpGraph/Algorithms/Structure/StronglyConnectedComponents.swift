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
        let (offsets, rels, neighbours) = graph.outCSR
        let relKinds = graph.relationshipKinds
        // An entity with no walked relationship in or out lies on no cycle, and leaving it out changes no other
        // component: such entities (most of a corporate graph: people, leaf companies) are never visited.
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var result: [[Int]] = []
        index.withUnsafeMutableBufferPointer { index in
            low.withUnsafeMutableBufferPointer { low in
                onStack.withUnsafeMutableBufferPointer { onStack in
                    offsets.withUnsafeBufferPointer { offsets in
                        rels.withUnsafeBufferPointer { rels in
                            neighbours.withUnsafeBufferPointer { neighbours in
                                relKinds.withUnsafeBufferPointer { relKinds in
                                    let csr = CSRView(
                                        offsets: offsets, rels: rels, neighbours: neighbours, kinds: relKinds,
                                        walked: kinds)
                                    tarjan(
                                        csr, n: n, index: index, low: low, onStack: onStack, into: &result)
                                }
                            }
                        }
                    }
                }
            }
        }
        return result.sorted { $0[0] < $1[0] }
    }

    /// The out-adjacency and relationship kinds as buffers, for ``tarjan(_:n:index:low:onStack:into:)``.
    private struct CSRView {
        let offsets: UnsafeBufferPointer<Int32>
        let rels: UnsafeBufferPointer<Int32>
        let neighbours: UnsafeBufferPointer<Int32>
        let kinds: UnsafeBufferPointer<RelationshipKind>
        let walked: RelationshipKindSet

        /// Marks (in `mark`, from -1 to -2) every entity with no walked relationship entering or leaving it.
        func markTrivial(_ mark: UnsafeMutableBufferPointer<Int32>, n: Int) {
            var hasIn = [Bool](repeating: false, count: n)
            var hasOut = [Bool](repeating: false, count: n)
            for v in 0..<n {
                for slot in Int(offsets[v])..<Int(offsets[v + 1]) where walked.contains(kinds[Int(rels[slot])]) {
                    let w = Int(neighbours[slot])
                    guard w != v else { continue }
                    hasOut[v] = true
                    hasIn[w] = true
                }
            }
            for v in 0..<n where !(hasIn[v] && hasOut[v]) { mark[v] = -2 }
        }
    }

    private static func tarjan(
        _ csr: CSRView, n: Int, index: UnsafeMutableBufferPointer<Int32>, low: UnsafeMutableBufferPointer<Int32>,
        onStack: UnsafeMutableBufferPointer<Bool>, into result: inout [[Int]]
    ) {
        csr.markTrivial(index, n: n)
        var stack: [Int32] = []
        var counter: Int32 = 0
        var frames: [(v: Int32, next: Int32)] = []
        for root in 0..<n where index[root] == -1 {
            frames.append((Int32(root), csr.offsets[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while let frame = frames.last {
                let v = Int(frame.v)
                var next = frame.next
                let end = csr.offsets[v + 1]
                var pushed: Int32 = -1
                while next < end {
                    let slot = Int(next)
                    next += 1
                    guard csr.walked.contains(csr.kinds[Int(csr.rels[slot])]) else { continue }
                    let w = Int(csr.neighbours[slot])
                    if index[w] == -1 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        pushed = Int32(w)
                        break
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                }
                frames[frames.count - 1].next = next
                if pushed >= 0 {
                    frames.append((pushed, csr.offsets[Int(pushed)]))
                    continue
                }
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
        let sources = graph.relSource, targets = graph.relTarget
        for e in 0..<graph.relationshipCount {
            let a = find(sources[e]), b = find(targets[e])
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        // Components numbered in order of their first entity; a root's number is kept at the root's own index.
        var ids = [Int32](repeating: -1, count: n)
        var count: Int32 = 0
        for v in 0..<n {
            let r = Int(find(Int32(v)))
            if ids[r] < 0 {
                ids[r] = count
                count += 1
            }
            ids[v] = ids[r]
        }
        return (ids, Int(count))
    }
}
