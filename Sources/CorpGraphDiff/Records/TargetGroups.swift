import CorpGraph

/// The out-lists of a matched pair split into runs by target and paired by target in new-index space, without a
/// dictionary: both lists are in target order (CSR), and the match usually keeps that order.
enum TargetGroups {
    /// Calls `body` with the CSR positions of each target's run on the old side and on the new side (an empty range
    /// when the target is on one side only) and the target's key (its new index, or `-1 - old index` when it has no
    /// new counterpart): old runs in old-list order, new runs in new-list order. Returns `false`, calling nothing,
    /// when the old side's matched targets are not in new-index order (the caller compares the whole lists).
    static func pair(
        old a: Graph, _ v: Int, new b: Graph, _ w: Int, match: EntityMatch,
        _ body: (Range<Int>, Range<Int>, Int64) -> Void
    ) -> Bool {
        let aOffsets = a.storage.outOffsets, aTargets = a.storage.outNeighbourList
        let bOffsets = b.storage.outOffsets, bTargets = b.storage.outNeighbourList
        let newOf = match.newOf
        let p1 = Int(aOffsets[v + 1]), q1 = Int(bOffsets[w + 1])
        var p = Int(aOffsets[v]), q = Int(bOffsets[w])
        // Parallel relationships repeat a target; two old targets never share a new index (the match is one to one).
        var last: Int32 = -1
        for i in p..<p1 {
            let m = newOf[Int(aTargets[i])]
            if m < 0 { continue }
            if m < last { return false }
            last = m
        }
        while p < p1 || q < q1 {
            var pe = p, m = Int64.max
            if p < p1 {
                let t = aTargets[p]
                pe = p + 1
                while pe < p1 && aTargets[pe] == t { pe += 1 }
                m = newOf[Int(t)] >= 0 ? Int64(newOf[Int(t)]) : -1 - Int64(t)
            }
            var qe = q, u = Int64.max
            if q < q1 {
                let t = bTargets[q]
                qe = q + 1
                while qe < q1 && bTargets[qe] == t { qe += 1 }
                u = Int64(t)
            }
            if m == u {
                body(p..<pe, q..<qe, u)
                p = pe
                q = qe
            } else if m < u {
                body(p..<pe, q..<q, m)
                p = pe
            } else {
                body(p..<p, q..<qe, u)
                q = qe
            }
        }
        return true
    }
}
