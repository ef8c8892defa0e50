extension Graph {
    /// A copy of the graph whose entities are renumbered so that related entities get nearby indices: breadth-first
    /// down the relationships from every entity nothing points to (persons, top holding companies), in index order,
    /// then whatever is left (pure cycles) in index order.
    ///
    /// Traversals are bound by memory latency once a graph outgrows the CPU caches; in this order an entity's
    /// subsidiaries, sites and payees sit next to each other, so one cache line serves several of them. On the
    /// 1M-entity bench graph this makes the multi-source reach (T2) about three times faster.
    ///
    /// Ids, attributes and relationship indices are unchanged; only entity indices move (``index(of:)`` gives the new
    /// ones). Apply it once, right after loading, before computing anything that stores entity indices.
    /// - Complexity: O(V + E) time and one extra copy of the entity arrays.
    public func reorderedForLocality() -> Graph {
        let n = entityCount
        var order = [Int32](repeating: 0, count: n)
        var placed = [Bool](repeating: false, count: n)
        var count = 0
        order.withUnsafeMutableBufferPointer { order in
            placed.withUnsafeMutableBufferPointer { placed in
                outOffsets.withUnsafeBufferPointer { offsets in
                    outNeighbourList.withUnsafeBufferPointer { neighbours in
                        // Roots first (nothing points to them), then whatever cycles are left.
                        for pass in 0..<2 {
                            for root in 0..<n where !placed[root] {
                                if pass == 0 && inOffsets[root] != inOffsets[root + 1] { continue }
                                placed[root] = true
                                var head = count
                                order[count] = Int32(root)
                                count += 1
                                while head < count {
                                    let v = Int(order[head])
                                    head += 1
                                    for i in Int(offsets[v])..<Int(offsets[v + 1]) {
                                        let w = Int(neighbours[i])
                                        if !placed[w] {
                                            placed[w] = true
                                            order[count] = Int32(w)
                                            count += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return permuted(newToOld: order)
    }

    /// The same graph with entity `newToOld[i]` at index `i`.
    func permuted(newToOld order: [Int32]) -> Graph {
        precondition(order.count == entityCount, "a permutation must list every entity once")
        return Graph(permuting: self, newToOld: order)
    }

    /// Permutes every entity array and the CSR rows directly (no re-sort of the whole edge list: each row is mapped,
    /// then re-sorted by its new neighbour indices, which for the usual short rows is an insertion sort).
    init(permuting g: Graph, newToOld order: [Int32]) {
        let n = g.entityCount
        var oldToNew = [Int32](repeating: 0, count: n)
        for (new, old) in order.enumerated() { oldToNew[Int(old)] = Int32(new) }
        func gather<T>(_ a: [T]) -> [T] { order.map { a[Int($0)] } }
        ids = gather(g.ids)
        idIndex = g.idIndex.mapValues { oldToNew[Int($0)] }
        kinds = gather(g.kinds)
        names = gather(g.names)
        jurisdictionOf = gather(g.jurisdictionOf)
        jurisdictionCodes = g.jurisdictionCodes
        tagNames = g.tagNames
        (tagOffsets, tagIDs) = Graph.gatherRows(g.tagOffsets, g.tagIDs, order)
        (designationOffsets, designationStore) = Graph.gatherRows(g.designationOffsets, g.designationStore, order)
        var extras: [Int32: EntityExtras] = [:]
        for (old, x) in g.entityExtras { extras[oldToNew[Int(old)]] = x }
        entityExtras = extras
        entityFile = gather(g.entityFile)
        entityLine = gather(g.entityLine)
        relSource = g.relSource.map { oldToNew[Int($0)] }
        relTarget = g.relTarget.map { oldToNew[Int($0)] }
        relKind = g.relKind; relShare = g.relShare; relDate = g.relDate; relStart = g.relStart; relEnd = g.relEnd
        relPayment = g.relPayment; paymentAmounts = g.paymentAmounts; paymentCurrency = g.paymentCurrency
        currencyCodes = g.currencyCodes; relExtras = g.relExtras; relFile = g.relFile; relLine = g.relLine
        files = g.files
        (outOffsets, outEdgeList, outNeighbourList) =
            Graph.permutedCSR(g.outOffsets, g.outEdgeList, g.outNeighbourList, order, oldToNew)
        (inOffsets, inEdgeList, inNeighbourList) =
            Graph.permutedCSR(g.inOffsets, g.inEdgeList, g.inNeighbourList, order, oldToNew)
    }

    /// Rows of a CSR-like (offsets, values) pair, taken in `order`.
    static func gatherRows<T>(_ offsets: [Int32], _ values: [T], _ order: [Int32]) -> ([Int32], [T]) {
        var newOffsets = [Int32](repeating: 0, count: order.count + 1)
        for (i, v) in order.enumerated() {
            newOffsets[i + 1] = newOffsets[i] + offsets[Int(v) + 1] - offsets[Int(v)]
        }
        if values.isEmpty { return (newOffsets, values) }
        var out: [T] = []
        out.reserveCapacity(values.count)
        for v in order where offsets[Int(v)] != offsets[Int(v) + 1] {
            out.append(contentsOf: values[Int(offsets[Int(v)])..<Int(offsets[Int(v) + 1])])
        }
        return (newOffsets, out)
    }

    /// CSR rows in `order`, neighbours renumbered, each row re-sorted by (neighbour, relationship index).
    static func permutedCSR(_ offsets: [Int32], _ edges: [Int32], _ neighbours: [Int32], _ order: [Int32],
                            _ oldToNew: [Int32]) -> ([Int32], [Int32], [Int32])
    {
        let n = order.count
        let m = edges.count
        var newOffsets = [Int32](repeating: 0, count: n + 1)
        var newEdges = [Int32](repeating: 0, count: m)
        var newNeighbours = [Int32](repeating: 0, count: m)
        newOffsets.withUnsafeMutableBufferPointer { no in
            newEdges.withUnsafeMutableBufferPointer { ne in
                newNeighbours.withUnsafeMutableBufferPointer { nn in
                    var k = 0
                    var long: [UInt64] = []
                    for i in 0..<n {
                        let v = Int(order[i])
                        let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
                        if hi - lo > 16 {
                            // Long rows: sort packed (neighbour, relationship) keys.
                            long.removeAll(keepingCapacity: true)
                            for j in lo..<hi {
                                long.append(UInt64(UInt32(oldToNew[Int(neighbours[j])])) << 32 | UInt64(UInt32(edges[j])))
                            }
                            long.sort()
                            for key in long {
                                nn[k] = Int32(truncatingIfNeeded: key >> 32)
                                ne[k] = Int32(truncatingIfNeeded: key)
                                k += 1
                            }
                        } else {
                            let start = k
                            for j in lo..<hi {
                                let w = oldToNew[Int(neighbours[j])]
                                let e = edges[j]
                                // Insertion into the sorted prefix of this row.
                                var p = k
                                while p > start && (nn[p - 1] > w || (nn[p - 1] == w && ne[p - 1] > e)) {
                                    nn[p] = nn[p - 1]
                                    ne[p] = ne[p - 1]
                                    p -= 1
                                }
                                nn[p] = w
                                ne[p] = e
                                k += 1
                            }
                        }
                        no[i + 1] = Int32(k)
                    }
                }
            }
        }
        return (newOffsets, newEdges, newNeighbours)
    }
}
