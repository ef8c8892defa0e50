// MARK: - Effective holdings

/// The `owns` relationships valid on the as-of date, one per (owner, asset) pair, with share bounds.
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
    /// Valid `owns` relationships that are not holdings of share capital (see ``notEquity(_:_:)``): rel → reason.
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
    init(graph: Graph, regime: SanctionsRegime, asOf: CalendarDate, votingRights: Bool = false) {
        let n = graph.entityCount
        outOffsets.reserveCapacity(n + 1)
        outOffsets.append(0)
        controlOffsets.reserveCapacity(n + 1)
        controlOffsets.append(0)
        var jointLookup: [String: Int32] = [:]
        let day = asOf.rawValue
        let useJoint = !regime.aggregatesAcrossPersons && !votingRights
        let splitVoting = regime.countsVotingRights
        for v in 0..<n {
            let rels = graph.outRelationships(v)
            let nbrs = graph.outNeighbours(v)
            var i = rels.startIndex
            while i < rels.endIndex {
                let w = nbrs[i]
                var best: Int32 = -1
                var valid: [Int32] = []
                var j = i
                while j < rels.endIndex && nbrs[j] == w {
                    let r = rels[j]
                    let kind = graph.kind(ofRelationship: Int(r))
                    if kind == .owns && graph.isValid(Int(r), on: asOf) {
                        let voting = EffectiveHoldings.isVotingRights(Int(r), graph)
                        if votingRights {
                            // Only voting rights; everything else is the equity side's business.
                            if !voting { j += 1; continue }
                        } else if voting && splitVoting {
                            j += 1
                            continue
                        } else if let why = EffectiveHoldings.notEquity(Int(r), graph) {
                            excluded[r] = why
                            j += 1
                            continue
                        }
                        valid.append(r)
                        if best < 0 || EffectiveHoldings.moreSpecific(Int(r), than: Int(best), graph, day) { best = r }
                    } else if kind == .controls && regime.countsControl && !votingRights && graph.isValid(Int(r), on: asOf) {
                        controlTarget.append(w)
                        controlSufficient.append(regime.isSufficientControl(graph.relExtras[r]?.controlType))
                    }
                    j += 1
                }
                if best >= 0 {
                    // Statements with the same start and end as the chosen one conflict: use their interval hull.
                    var bounds = PercentInterval(graph.share(Int(best)) ?? .unknown)
                    for r in valid where r != best {
                        superseded[r] = best
                        guard graph.start(Int(r)) == graph.start(Int(best)), graph.end(Int(r)) == graph.end(Int(best)) else { continue }
                        tied.insert(r)
                        let o = PercentInterval(graph.share(Int(r)) ?? .unknown)
                        if o.lower < bounds.lower || (o.lower == bounds.lower && !o.lowerExclusive) {
                            bounds.lower = o.lower
                            bounds.lowerExclusive = o.lowerExclusive
                        }
                        if o.upper > bounds.upper || (o.upper == bounds.upper && !o.upperExclusive) {
                            bounds.upper = o.upper
                            bounds.upperExclusive = o.upperExclusive
                        }
                    }
                    let e = Int32(source.count)
                    source.append(Int32(v))
                    target.append(w)
                    relationship.append(best)
                    lo.append(bounds.lower.units)
                    hi.append(min(bounds.upper.units, Percent.hundred.units))
                    loExclusive.append(bounds.lowerExclusive)
                    hiExclusive.append(bounds.upperExclusive)
                    var g: Int32 = -1
                    if useJoint, let name = graph.relExtras[best]?.attributes[SanctionsRegime.jointArrangementAttribute],
                       !name.isEmpty {
                        if let k = jointLookup[name] {
                            g = k
                        } else {
                            g = Int32(jointNames.count)
                            jointLookup[name] = g
                            jointNames.append(name)
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
            outOffsets.append(Int32(source.count))
            controlOffsets.append(Int32(controlTarget.count))
        }
        // In-adjacency by counting sort on target (stable: by source order).
        var counts = [Int32](repeating: 0, count: n + 1)
        for t in target { counts[Int(t) + 1] += 1 }
        for k in 0..<n { counts[k + 1] += counts[k] }
        inOffsets = counts
        inEdge = [Int32](repeating: 0, count: target.count)
        var cursor = counts
        for e in 0..<target.count {
            let t = Int(target[e])
            inEdge[Int(cursor[t])] = Int32(e)
            cursor[t] += 1
        }
    }

    /// `owns` bases that are share capital (docs/FORMATS-IMPORT.md §1.3); any other basis (voting, profit, …) is another
    /// right and is not added to the equity test.
    static let equityBases: Set<String> = ["equity", "unknown", "unpublished", "accountingConsolidation"]

    /// Why an `owns` relationship is not a direct equity holding to add up, or nil when it is one: a declared indirect
    /// interest summarises a chain already in the graph (`declaredIndirect: true`), and a non-equity `basis`.
    static func notEquity(_ r: Int, _ g: Graph) -> String? {
        // Basis and attributes live in the sparse extras: most relationships have none (no `Relationship` is built).
        guard let x = g.relExtras[Int32(r)] else { return nil }
        if x.attributes["declaredIndirect"] == "true" { return "a declared indirect interest (summarises a chain)" }
        if let b = x.basis, !equityBases.contains(b) { return "basis '\(b)' is not share capital" }
        return nil
    }

    /// Whether `r` is a direct holding of voting rights (`basis: voting`, not a declared indirect interest).
    static func isVotingRights(_ r: Int, _ g: Graph) -> Bool {
        guard let x = g.relExtras[Int32(r)], x.basis == "voting" else { return false }
        return x.attributes["declaredIndirect"] != "true"
    }

    /// Whether relationship `a` is a more specific statement for `day` than `b`: later start, then earlier end, then
    /// read later.
    static func moreSpecific(_ a: Int, than b: Int, _ g: Graph, _ day: Int32) -> Bool {
        let sa = g.start(a)?.rawValue ?? Int32.min, sb = g.start(b)?.rawValue ?? Int32.min
        if sa != sb { return sa > sb }
        let ea = g.end(a)?.rawValue ?? Int32.max, eb = g.end(b)?.rawValue ?? Int32.max
        if ea != eb { return ea < eb }
        return a > b
    }
}
