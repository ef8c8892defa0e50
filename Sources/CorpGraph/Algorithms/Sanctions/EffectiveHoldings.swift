// MARK: - Effective holdings

/// The `owns` relationships valid on the as-of date, one per (owner, asset) pair, with share bounds.
///
/// Built in one pass over the out-adjacency columns (no per-pair allocation, the cold extras read only for the
/// relationships that have any), then the in-adjacency by a counting sort.
struct EffectiveHoldings: Sendable {
    var source: [Int32] = []
    var target: [Int32] = []
    var relationship: [Int32] = []
    var lo: [Int64] = []
    var hi: [Int64] = []
    var loExclusive: [Bool] = []
    var hiExclusive: [Bool] = []
    /// Joint-arrangement group, or -1.
    var joint: [Int32] = []
    var jointNames: [String] = []
    /// Sources of each group's relationships.
    var jointParties: [[Int32]] = []
    var jointEdges: [[Int32]] = []
    /// Per entity, groups it is party to.
    var jointOf: [Int32: [Int32]] = [:]
    /// Out-adjacency by source: `outOffsets[v]..<outOffsets[v+1]` index the arrays above.
    var outOffsets: [Int32] = []
    /// In-adjacency: `inOffsets[v]..<inOffsets[v+1]` index `inEdge`.
    var inOffsets: [Int32] = []
    var inEdge: [Int32] = []
    /// Valid `owns` relationships not used because a more specific one for the same pair is in force: rel → chosen rel.
    var superseded: [Int32: Int32] = [:]
    /// Superseded relationships with the same start and end as the chosen one: folded into its interval hull.
    var tied: Set<Int32> = []
    /// Valid `owns` relationships that are not holdings of share capital (see ``notEquity(_:)``): rel → reason.
    var excluded: [Int32: String] = [:]
    /// Valid `controls` relationships out of each entity: (target, sufficient).
    var controlOffsets: [Int32] = []
    var controlTarget: [Int32] = []
    var controlSufficient: [Bool] = []

    var count: Int { source.count }
    var hasJointArrangements: Bool { !jointNames.isEmpty }
    func outRange(_ v: Int) -> Range<Int> { Int(outOffsets[v])..<Int(outOffsets[v + 1]) }
    func inRange(_ v: Int) -> Range<Int> { Int(inOffsets[v])..<Int(inOffsets[v + 1]) }
    func controlRange(_ v: Int) -> Range<Int> { Int(controlOffsets[v])..<Int(controlOffsets[v + 1]) }

    /// - Parameter votingRights: `false`: the equity holdings (and control); `true`: only the voting-rights holdings
    ///   (`owns` with `basis: voting`), for ``SanctionsRegime/countsVotingRights``.
    /// - Complexity: O(V + E), plus one extras record read per valid `owns` or `controls` relationship that has one.
    init(graph: Graph, regime: SanctionsRegime, asOf: CalendarDate, votingRights: Bool = false) {
        let n = graph.entityCount
        let day = asOf.rawValue
        let useJoint = !regime.aggregatesAcrossPersons && !votingRights
        let splitVoting = regime.countsVotingRights
        let wantControl = regime.countsControl && !votingRights
        let hasExtras = graph.relationshipExtrasMask
        let (offsets, rels, nbrs) = graph.outCSR
        let kinds = graph.relationshipKinds
        let starts = graph.relStart, ends = graph.relEnd, dates = graph.relDate
        let shares = graph.relShare
        var owns = 0
        kinds.withUnsafeBufferPointer { k in for x in k where x == .owns { owns += 1 } }
        if !votingRights {
            source.reserveCapacity(owns); target.reserveCapacity(owns); relationship.reserveCapacity(owns)
            lo.reserveCapacity(owns); hi.reserveCapacity(owns)
            loExclusive.reserveCapacity(owns); hiExclusive.reserveCapacity(owns); joint.reserveCapacity(owns)
        }
        outOffsets = [Int32](repeating: 0, count: n + 1)
        controlOffsets = [Int32](repeating: 0, count: n + 1)
        @inline(__always) func isValid(_ r: Int) -> Bool {
            let s = starts[r], e = ends[r], d = dates[r]
            return !(s != 0 && day < s) && !(e != 0 && day > e) && !(d != 0 && day < d)
        }
        var jointGroups = InternTable()
        var valid: [Int32] = []
        for v in 0..<n {
            var i = Int(offsets[v])
            let end = Int(offsets[v + 1])
            while i < end {
                let w = nbrs[i]
                var best = -1
                valid.removeAll(keepingCapacity: true)
                var j = i
                while j < end && nbrs[j] == w {
                    let r = Int(rels[j])
                    j += 1
                    let kind = kinds[r]
                    if kind == .owns {
                        guard isValid(r) else { continue }
                        let x = hasExtras[r] ? graph.relExtras[Int32(r)] : nil
                        let voting = x.map(EffectiveHoldings.isVotingRights) ?? false
                        if votingRights {
                            // Only voting rights; everything else is the equity side's business.
                            if !voting { continue }
                        } else if voting && splitVoting {
                            continue
                        } else if let x, let why = EffectiveHoldings.notEquity(x) {
                            excluded[Int32(r)] = why
                            continue
                        }
                        valid.append(Int32(r))
                        if best < 0 || EffectiveHoldings.moreSpecific(r, than: best, graph) { best = r }
                    } else if kind == .controls && wantControl && isValid(r) {
                        controlTarget.append(w)
                        controlSufficient.append(
                            regime.isSufficientControl(hasExtras[r] ? graph.relExtras[Int32(r)]?.controlType : nil))
                    }
                }
                if best >= 0 {
                    var b = EffectiveHoldings.bounds(shares[best])
                    if valid.count > 1 {
                        // Statements with the same start and end as the chosen one conflict: use their interval hull.
                        for r in valid where Int(r) != best {
                            superseded[r] = Int32(best)
                            guard starts[Int(r)] == starts[best], ends[Int(r)] == ends[best] else { continue }
                            tied.insert(r)
                            let o = EffectiveHoldings.bounds(shares[Int(r)])
                            if o.lo < b.lo || (o.lo == b.lo && !o.loExclusive) {
                                b.lo = o.lo; b.loExclusive = o.loExclusive
                            }
                            if o.hi > b.hi || (o.hi == b.hi && !o.hiExclusive) {
                                b.hi = o.hi; b.hiExclusive = o.hiExclusive
                            }
                        }
                    }
                    let e = Int32(source.count)
                    source.append(Int32(v))
                    target.append(w)
                    relationship.append(Int32(best))
                    lo.append(b.lo)
                    hi.append(min(b.hi, Percent.hundred.units))
                    loExclusive.append(b.loExclusive)
                    hiExclusive.append(b.hiExclusive)
                    var g: Int32 = -1
                    if useJoint, hasExtras[best],
                        let name = graph.relExtras[Int32(best)]?.attributes[SanctionsRegime.jointArrangementAttribute],
                        !name.isEmpty
                    {
                        g = jointGroups.intern(name)
                        if Int(g) == jointParties.count {
                            jointParties.append([])
                            jointEdges.append([])
                        }
                        if !jointParties[Int(g)].contains(Int32(v)) {
                            jointParties[Int(g)].append(Int32(v))
                            jointOf[Int32(v), default: []].append(g)
                        }
                        jointEdges[Int(g)].append(e)
                    }
                    joint.append(g)
                }
                i = j
            }
            outOffsets[v + 1] = Int32(source.count)
            controlOffsets[v + 1] = Int32(controlTarget.count)
        }
        jointNames = jointGroups.values
        // In-adjacency by counting sort on target (stable: by source order).
        let m = target.count
        var counts = [Int32](repeating: 0, count: n + 1)
        var edges = [Int32](repeating: 0, count: m)
        target.withUnsafeBufferPointer { t in
            counts.withUnsafeMutableBufferPointer { c in
                for x in t { c[Int(x) + 1] += 1 }
                for k in 0..<n { c[k + 1] += c[k] }
            }
            var cursor = counts
            cursor.withUnsafeMutableBufferPointer { c in
                edges.withUnsafeMutableBufferPointer { out in
                    for e in 0..<m {
                        let x = Int(t[e])
                        out[Int(c[x])] = Int32(e)
                        c[x] += 1
                    }
                }
            }
        }
        inOffsets = counts
        inEdge = edges
    }

    /// A share's bounds as the holdings count them: `PercentInterval(share ?? .unknown)`, read from the packed column.
    @inline(__always)
    static func bounds(_ p: PackedShare) -> (lo: Int64, hi: Int64, loExclusive: Bool, hiExclusive: Bool) {
        let f = p.flags
        if f & 1 == 0 { return (0, Percent.hundred.units, false, false) }  // no share: unknown
        return (Int64(p.lo), Int64(p.hi), f & 0b0010_1000 == 0b0010_1000, f & 0b0101_0000 == 0b0101_0000)
    }

    /// `owns` bases that are share capital (docs/FORMATS-IMPORT.md §1.3); any other basis (voting, profit, …) is another
    /// right and is not added to the equity test.
    static let equityBases: Set<String> = ["equity", "unknown", "unpublished", "accountingConsolidation"]

    /// Why an `owns` relationship is not a direct equity holding to add up, or nil when it is one: a declared indirect
    /// interest summarises a chain already in the graph (`declaredIndirect: true`), and a non-equity `basis`.
    static func notEquity(_ r: Int, _ g: Graph) -> String? {
        // Basis and attributes live in the sparse extras: most relationships have none (no `Relationship` is built).
        guard let x = g.relExtras[Int32(r)] else { return nil }
        return notEquity(x)
    }

    static func notEquity(_ x: RelationshipExtras) -> String? {
        if x.attributes["declaredIndirect"] == "true" { return "a declared indirect interest (summarises a chain)" }
        if let b = x.basis, !equityBases.contains(b) { return "basis '\(b)' is not share capital" }
        return nil
    }

    /// Whether `r` is a direct holding of voting rights (`basis: voting`, not a declared indirect interest).
    static func isVotingRights(_ r: Int, _ g: Graph) -> Bool {
        guard let x = g.relExtras[Int32(r)] else { return false }
        return isVotingRights(x)
    }

    static func isVotingRights(_ x: RelationshipExtras) -> Bool {
        x.basis == "voting" && x.attributes["declaredIndirect"] != "true"
    }

    /// Whether relationship `a` is a more specific statement than `b`: later start, then earlier end, then read later.
    static func moreSpecific(_ a: Int, than b: Int, _ g: Graph) -> Bool {
        let sa = g.start(a)?.rawValue ?? Int32.min, sb = g.start(b)?.rawValue ?? Int32.min
        if sa != sb { return sa > sb }
        let ea = g.end(a)?.rawValue ?? Int32.max, eb = g.end(b)?.rawValue ?? Int32.max
        if ea != eb { return ea < eb }
        return a > b
    }
}
