import CorpGraph

/// Per matched old entity, whether its out-relationships hold the same content in the same order as those of its new
/// counterpart (the common case under a small update: nothing changed and the match keeps index order).
///
/// Computed once per comparison and read by the record comparison (which skips those pairs) and the ownership
/// comparison (whose direct holdings of such a pair are equal when both sides are read on the same day). Content is
/// what ``RecordChanges`` compares: matched target, kind, share, dates, and for payments amount and currency.
struct UnchangedOutLists: Sendable {
    /// Old index → the pair's out-lists are equal (false for an unmatched old entity).
    let same: [Bool]

    /// - Complexity: O(V + E), one pass over each side's out-adjacency in CSR order.
    init(old a: Graph, new b: Graph, match: EntityMatch) {
        let fields = RecordFields(old: a, new: b)
        let sa = a.storage, sb = b.storage
        // The columns as locals: the loop below reads them without retaining anything.
        let aOffsets = sa.outOffsets, aRels = sa.outEdgeList, aTargets = sa.outNeighbourList
        let bOffsets = sb.outOffsets, bRels = sb.outEdgeList, bTargets = sb.outNeighbourList
        let aKind = sa.relKind, bKind = sb.relKind
        let aShare = sa.relShare, bShare = sb.relShare
        let aDate = sa.relDate, bDate = sb.relDate
        let aStart = sa.relStart, bStart = sb.relStart
        let aEnd = sa.relEnd, bEnd = sb.relEnd
        let newOf = match.newOf
        var same = [Bool](repeating: false, count: a.entityCount)
        for v in 0..<a.entityCount {
            let w = Int(newOf[v])
            if w < 0 { continue }
            let p0 = Int(aOffsets[v]), p1 = Int(aOffsets[v + 1])
            let q0 = Int(bOffsets[w]), q1 = Int(bOffsets[w + 1])
            guard p1 - p0 == q1 - q0 else { continue }
            var equal = true
            var q = q0
            for p in p0..<p1 {
                // The targets, read in CSR order (the neighbour column) rather than through each relationship.
                if newOf[Int(aTargets[p])] != bTargets[q] {
                    equal = false
                    break
                }
                let e = Int(aRels[p]), f = Int(bRels[q])
                q += 1
                let kind = aKind[e]
                if kind != bKind[f] || aDate[e] != bDate[f] || aStart[e] != bStart[f] || aEnd[e] != bEnd[f]
                    || (aShare[e] != bShare[f] && a.share(e) != b.share(f))
                    || (kind == .pays && !fields.samePayment(e, f))
                {
                    equal = false
                    break
                }
            }
            same[v] = equal
        }
        self.same = same
    }
}
