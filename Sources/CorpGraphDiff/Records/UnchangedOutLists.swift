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
        let content = SameContent(old: a, new: b, match: match)
        let aOffsets = a.storage.outOffsets, bOffsets = b.storage.outOffsets
        let newOf = match.newOf
        var same = [Bool](repeating: false, count: a.entityCount)
        for v in 0..<a.entityCount {
            let w = Int(newOf[v])
            if w < 0 { continue }
            same[v] = content.same(
                Int(aOffsets[v])..<Int(aOffsets[v + 1]), Int(bOffsets[w])..<Int(bOffsets[w + 1]))
        }
        self.same = same
    }
}

/// Whether two runs of CSR out-positions (one per side) hold the same relationships in the same order: matched
/// target, kind, share, dates, and for payments amount and currency (``RecordFields``). Allocates nothing.
struct SameContent {
    let a: Graph
    let b: Graph
    let fields: RecordFields
    let newOf: [Int32]
    // The columns as properties: the loop reads them without retaining anything.
    let aRels: Column<Int32>, aTargets: Column<Int32>, bRels: Column<Int32>, bTargets: Column<Int32>
    let aKind: Column<RelationshipKind>, bKind: Column<RelationshipKind>
    let aShare: Column<PackedShare>, bShare: Column<PackedShare>
    let aDate: Column<Int32>, bDate: Column<Int32>, aStart: Column<Int32>, bStart: Column<Int32>
    let aEnd: Column<Int32>, bEnd: Column<Int32>

    init(old: Graph, new: Graph, match: EntityMatch) {
        a = old
        b = new
        fields = RecordFields(old: old, new: new)
        newOf = match.newOf
        let sa = old.storage, sb = new.storage
        aRels = sa.outEdgeList
        aTargets = sa.outNeighbourList
        bRels = sb.outEdgeList
        bTargets = sb.outNeighbourList
        aKind = sa.relKind
        bKind = sb.relKind
        aShare = sa.relShare
        bShare = sb.relShare
        aDate = sa.relDate
        bDate = sb.relDate
        aStart = sa.relStart
        bStart = sb.relStart
        aEnd = sa.relEnd
        bEnd = sb.relEnd
    }

    @inline(__always) func same(_ r: Range<Int>, _ s: Range<Int>) -> Bool {
        guard r.count == s.count else { return false }
        var q = s.lowerBound
        for p in r {
            // The targets, read in CSR order (the neighbour column) rather than through each relationship.
            if newOf[Int(aTargets[p])] != bTargets[q] { return false }
            let e = Int(aRels[p]), f = Int(bRels[q])
            q += 1
            let kind = aKind[e]
            if kind != bKind[f] || aDate[e] != bDate[f] || aStart[e] != bStart[f] || aEnd[e] != bEnd[f]
                || (aShare[e] != bShare[f] && a.share(e) != b.share(f))
                || (kind == .pays && !fields.samePayment(e, f))
            {
                return false
            }
        }
        return true
    }
}
