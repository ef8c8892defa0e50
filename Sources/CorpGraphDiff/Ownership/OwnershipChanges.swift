import CorpGraph

/// One change of a direct holding (an `owns` relationship in force on its side's day), with the relationships as
/// evidence.
public struct OwnershipChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The holder holds the asset on the new side only.
        case new
        /// On the old side only (sold, ended, or an entity gone).
        case ended
        /// Both sides; a share bound moved by at least the minimum change.
        case share
    }

    public var kind: Kind
    public var holder: String
    public var asset: String
    /// The share in force on each side (the interval hull when several statements of the pair are in force).
    public var oldShare: PercentInterval?
    public var newShare: PercentInterval?
    /// The holder reaches the significant-holder share (10 % by default) and did not before.
    public var newSignificantHolder: Bool
    /// The relationships behind each side's share.
    public var oldRelationships: [RelationshipRecord]
    public var newRelationships: [RelationshipRecord]

    /// Change in percentage points of the lower bound (nil unless both sides hold).
    public var pointsChange: Percent? {
        guard let o = oldShare, let n = newShare else { return nil }
        return n.lower - o.lower
    }
}

/// Direct-holding changes, sorted by asset, holder.
public enum OwnershipChanges {
    /// Holdings of one holder: asset (new-index space, negative for an unmatched old asset) → relationships in force.
    typealias Holdings = [Int64: [Int]]

    public static func compare(
        old: DiffSide, new: DiffSide, match: EntityMatch, minimum: Percent,
        significant: Percent
    ) -> [OwnershipChange] {
        compare(old: old, new: new, match: match, minimum: minimum, significant: significant, unchanged: nil)
    }

    /// With `unchanged` (the record comparison's equal out-lists), a pair whose out-lists are equal holds the same
    /// assets with the same shares when both sides are read on one day, and is skipped unread.
    static func compare(
        old: DiffSide, new: DiffSide, match: EntityMatch, minimum: Percent,
        significant: Percent, unchanged: UnchangedOutLists?
    ) -> [OwnershipChange] {
        let skip = old.asOf == new.asOf ? unchanged?.same : nil
        // Equal runs of one target hold the same on one day.
        let content = old.asOf == new.asOf ? SameContent(old: old.graph, new: new.graph, match: match) : nil
        let a = old.graph, b = new.graph
        var out: [OwnershipChange] = []
        func holdings(_ g: Graph, _ v: Int, day: CalendarDate, map: (Int) -> Int64) -> Holdings {
            var h: Holdings = [:]
            for e in g.outRelationships(v) where g.kind(ofRelationship: Int(e)) == .owns && g.isValid(Int(e), on: day) {
                h[map(g.target(Int(e))), default: []].append(Int(e))
            }
            return h
        }
        let mapOld = { (t: Int) -> Int64 in match.newOf[t] >= 0 ? Int64(match.newOf[t]) : -1 - Int64(t) }
        let mapNew = { (t: Int) -> Int64 in Int64(t) }
        for v in 0..<a.entityCount {
            if let skip, skip[v] { continue }
            let w = match.new(v)
            if let w, sameHoldings(a, v, old.asOf, b, w, new.asOf, match) { continue }
            // Target by target, without a dictionary of holdings (the order of `out` is settled by the sort below).
            if let w {
                let aRels = a.storage.outEdgeList, bRels = b.storage.outEdgeList
                let holder = b.id(w)
                func held(_ g: Graph, _ rels: Column<Int32>, _ r: Range<Int>, _ day: CalendarDate) -> [Int] {
                    r.lazy.map { Int(rels[$0]) }.filter {
                        g.kind(ofRelationship: $0) == .owns && g.isValid($0, on: day)
                    }
                }
                let grouped = TargetGroups.pair(old: a, v, new: b, w, match: match) { r, s, key in
                    if let content, content.same(r, s) { return }
                    let olds = held(a, aRels, r, old.asOf), news = held(b, bRels, s, new.asOf)
                    if olds.isEmpty && news.isEmpty { return }
                    let asset = key >= 0 ? b.id(Int(key)) : a.id(Int(-1 - key))
                    if let c = change(
                        holder: holder, asset: asset, a: a, olds, b: b, news, minimum: minimum,
                        significant: significant)
                    {
                        out.append(c)
                    }
                }
                if grouped { continue }
            }
            let ho = holdings(a, v, day: old.asOf, map: mapOld)
            let hn = w.map { holdings(b, $0, day: new.asOf, map: mapNew) } ?? [:]
            if ho.isEmpty && hn.isEmpty { continue }
            let holder = w.map { b.id($0) } ?? a.id(v)
            for key in Set(ho.keys).union(hn.keys) {
                let asset = key >= 0 ? b.id(Int(key)) : a.id(Int(-1 - key))
                if let c = change(
                    holder: holder, asset: asset, a: a, ho[key] ?? [], b: b, hn[key] ?? [],
                    minimum: minimum, significant: significant)
                {
                    out.append(c)
                }
            }
        }
        for w in 0..<b.entityCount where match.oldOf[w] < 0 {
            for (key, rels) in holdings(b, w, day: new.asOf, map: mapNew) {
                if let c = change(
                    holder: b.id(w), asset: b.id(Int(key)), a: a, [], b: b, rels,
                    minimum: minimum, significant: significant)
                {
                    out.append(c)
                }
            }
        }
        return out.sorted { ($0.asset, $0.holder) < ($1.asset, $1.holder) }
    }

    /// Whether `v` (old) and `w` (new) hold the same assets with the same shares, in the same order, compared
    /// without allocating (the common case).
    static func sameHoldings(
        _ a: Graph, _ v: Int, _ dayA: CalendarDate, _ b: Graph, _ w: Int, _ dayB: CalendarDate,
        _ match: EntityMatch
    ) -> Bool {
        var i = a.outRelationships(v).makeIterator(), j = b.outRelationships(w).makeIterator()
        func next(_ it: inout IndexingIterator<Slice<Column<Int32>>>, _ g: Graph, _ day: CalendarDate) -> Int? {
            while let e = it.next() {
                if g.kind(ofRelationship: Int(e)) == .owns && g.isValid(Int(e), on: day) { return Int(e) }
            }
            return nil
        }
        while true {
            let e = next(&i, a, dayA), f = next(&j, b, dayB)
            guard let e, let f else { return e == nil && f == nil }
            if match.newOf[a.target(e)] != Int32(b.target(f)) { return false }
            if a.share(e) != b.share(f) { return false }
        }
    }

    static func hull(_ g: Graph, _ rels: [Int]) -> PercentInterval? {
        var result: PercentInterval?
        for e in rels {
            let s = PercentInterval(g.share(e) ?? .unknown)
            guard let r = result else { result = s; continue }
            let lower = min(r.lower, s.lower), upper = max(r.upper, s.upper)
            result = PercentInterval(
                lower: lower, upper: upper,
                lowerExclusive: (r.lower == lower ? r.lowerExclusive : true)
                    && (s.lower == lower ? s.lowerExclusive : true),
                upperExclusive: (r.upper == upper ? r.upperExclusive : true)
                    && (s.upper == upper ? s.upperExclusive : true))
        }
        return result
    }

    static func change(
        holder: String, asset: String, a: Graph, _ olds: [Int], b: Graph, _ news: [Int],
        minimum: Percent, significant: Percent
    ) -> OwnershipChange? {
        let o = hull(a, olds), n = hull(b, news)
        let reaches = n.map { $0.lower >= significant } ?? false
        let before = o.map { $0.lower >= significant } ?? false
        let kind: OwnershipChange.Kind
        switch (o, n) {
        case (nil, nil): return nil
        case (nil, _?): kind = .new
        case (_?, nil): kind = .ended
        case let (x?, y?):
            if x == y { return nil }
            let moved = { (p: Percent, q: Percent) in (p > q ? p - q : q - p) >= minimum }
            // A holder crossing the significant share is reported even when it moved less than the minimum.
            guard moved(x.lower, y.lower) || moved(x.upper, y.upper) || (reaches && !before) else { return nil }
            kind = .share
        }
        return OwnershipChange(
            kind: kind, holder: holder, asset: asset, oldShare: o, newShare: n,
            newSignificantHolder: reaches && !before,
            oldRelationships: olds.map { RelationshipRecord(a, $0) }.sorted(),
            newRelationships: news.map { RelationshipRecord(b, $0) }.sorted())
    }
}
