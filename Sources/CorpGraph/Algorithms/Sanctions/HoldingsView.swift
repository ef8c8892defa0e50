// MARK: - Holdings read on demand

/// One effective holding: the `owns` relationship in force for one (owner, asset) pair on the as-of date (see
/// ``EffectiveHoldings``), with its share bounds in ``Percent`` units.
struct Holding {
    var source: Int32
    var target: Int32
    var relationship: Int32
    var lo: Int64
    var hi: Int64
    var loExclusive: Bool
    var hiExclusive: Bool
}

/// The rule that picks a pair's holding, shared by ``EffectiveHoldings`` (all pairs at once) and ``HoldingsView``
/// (the pairs of one entity, when asked).
enum HoldingRule {
    /// What one relationship is to the holdings of a side (equity or voting rights).
    enum Role: Equatable {
        /// Not an `owns` relationship valid on the date, or one for the other side.
        case skip
        /// Competes for its pair's holding.
        case candidate
        /// Valid `owns`, but not a holding of share capital (the reason): reported, never added.
        case excluded(String)
    }

    /// Whether relationship `r` counts on day `day` (`start ≤ D ≤ end`, and `date ≤ D`).
    @inline(__always)
    static func isValid(_ r: Int, _ g: Graph, day: Int32) -> Bool {
        let s = g.relStart[r], e = g.relEnd[r], d = g.relDate[r]
        return !(s != 0 && day < s) && !(e != 0 && day > e) && !(d != 0 && day < d)
    }

    /// The role of `r` for the equity holdings (`votingRights` false; `splitVoting`: voting-rights holdings are
    /// counted apart, so they are skipped here) or for the voting-rights holdings.
    @inline(__always)
    static func role(_ r: Int, _ g: Graph, day: Int32, votingRights: Bool, splitVoting: Bool) -> Role {
        guard g.relKind[r] == .owns, isValid(r, g, day: day) else { return .skip }
        let x = g.relExtras[Int32(r)]
        let voting = x.map(EffectiveHoldings.isVotingRights) ?? false
        if votingRights { return voting ? .candidate : .skip }
        if voting && splitVoting { return .skip }
        if let x, let why = EffectiveHoldings.notEquity(x) { return .excluded(why) }
        return .candidate
    }

    /// The holding of one pair from the relationships of that pair (`rels`, ascending), or nil when none competes:
    /// the most specific candidate (``EffectiveHoldings/moreSpecific(_:than:_:)``); candidates with its start and end
    /// count as their interval hull.
    @inline(__always)
    static func choose(
        _ rels: some Collection<Int32>, source: Int32, target: Int32, _ g: Graph, day: Int32, votingRights: Bool,
        splitVoting: Bool
    ) -> Holding? {
        var best = -1
        var candidates = 0
        for r in rels
        where role(Int(r), g, day: day, votingRights: votingRights, splitVoting: splitVoting) == .candidate {
            candidates += 1
            if best < 0 || EffectiveHoldings.moreSpecific(Int(r), than: best, g) { best = Int(r) }
        }
        guard best >= 0 else { return nil }
        var b = EffectiveHoldings.bounds(g.relShare[best])
        if candidates > 1 {
            for r in rels
            where Int(r) != best && g.relStart[Int(r)] == g.relStart[best]
                && g.relEnd[Int(r)] == g.relEnd[best]
                && role(Int(r), g, day: day, votingRights: votingRights, splitVoting: splitVoting) == .candidate
            {
                let o = EffectiveHoldings.bounds(g.relShare[Int(r)])
                if o.lo < b.lo || (o.lo == b.lo && !o.loExclusive) { b.lo = o.lo; b.loExclusive = o.loExclusive }
                if o.hi > b.hi || (o.hi == b.hi && !o.hiExclusive) { b.hi = o.hi; b.hiExclusive = o.hiExclusive }
            }
        }
        return Holding(
            source: source, target: target, relationship: Int32(best), lo: b.lo, hi: min(b.hi, Percent.hundred.units),
            loExclusive: b.loExclusive, hiExclusive: b.hiExclusive)
    }
}

/// The effective holdings of one side (equity or voting rights) on one date, read from the graph's adjacency when
/// asked: the holdings out of an entity (what the fixed point spreads along) or into it (what a tally adds up). Costs
/// only what is asked for: an analysis touches the out-holdings of its members and the in-holdings of the entities it
/// reports, never the whole graph.
struct HoldingsView: Sendable {
    let graph: Graph
    let day: Int32
    let votingRights: Bool
    let splitVoting: Bool
    /// Joint arrangements of the equity holdings (empty for voting rights).
    let joint: JointArrangements

    /// The holdings out of `v`, in target order.
    @inline(__always)
    func forEachOut(_ v: Int, _ body: (Holding) -> Void) {
        let (offsets, rels, nbrs) = graph.outCSR
        var i = Int(offsets[v])
        let end = Int(offsets[v + 1])
        while i < end {
            let w = nbrs[i]
            var j = i + 1
            while j < end && nbrs[j] == w { j += 1 }
            if let h = HoldingRule.choose(
                rels[i..<j], source: Int32(v), target: w, graph, day: day, votingRights: votingRights,
                splitVoting: splitVoting)
            {
                body(h)
            }
            i = j
        }
    }

    /// The holdings into `v`, in source order.
    @inline(__always)
    func forEachIn(_ v: Int, _ body: (Holding) -> Void) {
        let (offsets, rels, nbrs) = graph.inCSR
        var i = Int(offsets[v])
        let end = Int(offsets[v + 1])
        while i < end {
            let s = nbrs[i]
            var j = i + 1
            while j < end && nbrs[j] == s { j += 1 }
            if let h = HoldingRule.choose(
                rels[i..<j], source: s, target: Int32(v), graph, day: day, votingRights: votingRights,
                splitVoting: splitVoting)
            {
                body(h)
            }
            i = j
        }
    }

    /// The holdings into `v`, in source order.
    func into(_ v: Int) -> [Holding] {
        var out: [Holding] = []
        forEachIn(v) { out.append($0) }
        return out
    }

    /// The holding of the pair `owner → asset`, when there is one.
    func holding(owner: Int, asset: Int) -> Holding? {
        let (offsets, rels, nbrs) = graph.outCSR
        var lo = Int(offsets[owner]), hi = Int(offsets[owner + 1])
        let end = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if nbrs[mid] < Int32(asset) { lo = mid + 1 } else { hi = mid }
        }
        var j = lo
        while j < end && nbrs[j] == Int32(asset) { j += 1 }
        return HoldingRule.choose(
            rels[lo..<j], source: Int32(owner), target: Int32(asset), graph, day: day, votingRights: votingRights,
            splitVoting: splitVoting)
    }

    /// Why the valid `owns` relationship `r` into an entity does not count as it stands, for the explanation: not
    /// share capital, superseded by a more specific statement for its pair, or tied with it (interval hull).
    func ignoredReason(_ r: Int) -> (excluded: String?, chosen: Int32?, tied: Bool) {
        switch HoldingRule.role(r, graph, day: day, votingRights: votingRights, splitVoting: splitVoting) {
        case .skip: return (nil, nil, false)
        case .excluded(let why): return (why, nil, false)
        case .candidate:
            guard let h = holding(owner: graph.source(r), asset: graph.target(r)), Int(h.relationship) != r else {
                return (nil, nil, false)
            }
            let b = Int(h.relationship)
            return (nil, h.relationship, graph.relStart[r] == graph.relStart[b] && graph.relEnd[r] == graph.relEnd[b])
        }
    }
}

/// Joint arrangements among the equity holdings (``SanctionsRegime/jointArrangementAttribute``): holdings whose chosen
/// relationship carries the same group name form one arrangement. Found from the relationships that have cold
/// attributes only (a sparse table), never a pass over every relationship.
struct JointArrangements: Sendable {
    var names: [String] = []
    /// Sources of each group's holdings.
    var parties: [[Int32]] = []
    var holdings: [[Holding]] = []
    /// Per entity, the groups it is party to.
    var groupsOf: [Int32: [Int32]] = [:]
    /// Per chosen relationship, its group.
    var groupOf: [Int32: Int32] = [:]

    var isEmpty: Bool { names.isEmpty }

    static let none = JointArrangements()

    init() {}

    init(graph g: Graph, day: Int32, splitVoting: Bool) {
        var groups = InternTable()
        let view = HoldingsView(graph: g, day: day, votingRights: false, splitVoting: splitVoting, joint: .none)
        var found: [Int32] = []
        g.relExtras.forEachKey { r in
            if r >= 0 && Int(r) < g.relationshipCount && g.relKind[Int(r)] == .owns
                && HoldingRule.isValid(Int(r), g, day: day)
            {
                found.append(r)
            }
        }
        found.sort()
        for r in found {
            guard let name = g.relExtras[r]?.attributes[SanctionsRegime.jointArrangementAttribute], !name.isEmpty,
                let h = view.holding(owner: g.source(Int(r)), asset: g.target(Int(r))), h.relationship == r
            else { continue }
            let k = groups.intern(name)
            if Int(k) == parties.count {
                parties.append([])
                holdings.append([])
            }
            if !parties[Int(k)].contains(h.source) {
                parties[Int(k)].append(h.source)
                groupsOf[h.source, default: []].append(k)
            }
            holdings[Int(k)].append(h)
            groupOf[r] = k
        }
        names = groups.values
    }

    /// The group of the holding whose chosen relationship is `r`, or -1.
    @inline(__always)
    func group(_ r: Int32) -> Int32 { groupOf.isEmpty ? -1 : groupOf[r] ?? -1 }
}
