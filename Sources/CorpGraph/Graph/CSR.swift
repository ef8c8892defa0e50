extension Graph {
    /// Builds CSR rows keyed by `from`, each sorted by (`to`, edge index): one counting-sort scatter by `from` (rows
    /// come out in edge order), then each row sorted by neighbour in place (rows are short; long ones use `sort`).
    /// - Complexity: O(V + E log d) for maximum out-degree d.
    package static func csr(n: Int, from: [Int32], to: [Int32]) -> ([Int32], [Int32], [Int32]) {
        let m = from.count
        var offsets = [Int32](repeating: 0, count: n + 1)
        var edges = [Int32](repeating: 0, count: m)
        var neighbours = [Int32](repeating: 0, count: m)
        from.withUnsafeBufferPointer { from in
            to.withUnsafeBufferPointer { to in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    edges.withUnsafeMutableBufferPointer { edges in
                        neighbours.withUnsafeMutableBufferPointer { neighbours in
                            for f in from { offsets[Int(f) + 1] += 1 }
                            for i in 0..<n { offsets[i + 1] += offsets[i] }
                            let cursor = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n + 1)
                            defer { cursor.deallocate() }
                            _ = cursor.initialize(from: offsets)
                            for e in 0..<m {
                                let f = Int(from[e])
                                edges[Int(cursor[f])] = Int32(e)
                                cursor[f] += 1
                            }
                            for slot in 0..<m { neighbours[slot] = to[Int(edges[slot])] }
                            var keys: [UInt64] = []
                            for v in 0..<n {
                                let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
                                if hi - lo < 2 { continue }
                                if hi - lo <= 32 {
                                    // Insertion sort by (neighbour, edge); edges are already increasing.
                                    for i in (lo + 1)..<hi {
                                        let nb = neighbours[i], ed = edges[i]
                                        var j = i - 1
                                        while j >= lo && neighbours[j] > nb {
                                            neighbours[j + 1] = neighbours[j]
                                            edges[j + 1] = edges[j]
                                            j -= 1
                                        }
                                        neighbours[j + 1] = nb
                                        edges[j + 1] = ed
                                    }
                                } else {
                                    keys.removeAll(keepingCapacity: true)
                                    for i in lo..<hi {
                                        keys.append(UInt64(UInt32(neighbours[i])) << 32 | UInt64(UInt32(edges[i])))
                                    }
                                    keys.sort()
                                    for (k, key) in keys.enumerated() {
                                        neighbours[lo + k] = Int32(truncatingIfNeeded: key >> 32)
                                        edges[lo + k] = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (offsets, edges, neighbours)
    }

}
