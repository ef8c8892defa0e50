import CorpGraphTestSupport
import Testing
@testable import CorpGraph

/// A random graph with every feature the regimes read: dated and parallel `owns` (exact, ranges, unknown), joint
/// arrangements, voting-rights holdings, declared indirect interests, control of several types, dated designations.
func randomSanctionsGraph(seed: UInt64, entities: Int = 60, relationships: Int = 150) -> Graph {
    var rng = SplitMix64(seed: seed)
    func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    var b = GraphBuilder()
    var line = 0
    func here() -> CorpGraph.SourceLocation {
        line += 1
        return CorpGraph.SourceLocation(file: "random", line: line)
    }
    let dates = ["2020-01-01", "2023-06-01", "2024-07-03", "2025-01-01", "2026-01-01"]
    func date() -> CalendarDate? { pick(3) == 0 ? CalendarDate(parsing: dates[pick(dates.count)]) : nil }
    for i in 0..<entities {
        let person = i % 4 == 0
        var d: [Designation] = []
        if pick(5) == 0 {
            let lists = ["OFAC-SDN", "EU-FSF", "UK-FCDO", "UN-SC"]
            d.append(Designation(list: lists[pick(lists.count)], listed: date(), delisted: pick(6) == 0 ? date() : nil))
        }
        b.add(
            Entity(id: "E\(i)", kind: person ? .person : .company, name: "E\(i)", designations: d), at: here())
    }
    let controlTypes = ["boardAppointment", "votingMajority", "other", "dominantInfluence"]
    for k in 0..<relationships {
        let a = pick(entities), t = pick(entities)
        let share: Share
        switch pick(6) {
        case 0: share = .unknown
        case 1:
            share = .range(
                ShareRange(
                    min: Percent(pick(60)), max: Percent(40 + pick(61)),
                    minExclusive: pick(2) == 0, maxExclusive: pick(2) == 0))
        default: share = .exact(Percent(10 * (1 + pick(10))))
        }
        var start = date(), end = date()
        if let s = start, let e = end, e < s { swap(&start, &end) }
        switch pick(10) {
        case 0:
            b.add(
                Relationship(
                    kind: .controls, source: "E\(a)", target: "E\(t)",
                    controlType: pick(4) == 0 ? nil : controlTypes[pick(controlTypes.count)], start: start, end: end),
                at: here())
        case 1:
            b.add(
                Relationship(
                    kind: .owns, source: "E\(a)", target: "E\(t)", share: share, basis: "voting", start: start,
                    end: end), at: here())
        default:
            var attributes: [String: String] = [:]
            if pick(8) == 0 { attributes[SanctionsRegime.jointArrangementAttribute] = "J\(pick(3))" }
            if pick(20) == 0 { attributes["declaredIndirect"] = "true" }
            b.add(
                Relationship(
                    id: "R\(k)", kind: .owns, source: "E\(a)", target: "E\(t)", share: share,
                    basis: pick(15) == 0 ? "profitOrIncome" : nil, start: start, end: end, attributes: attributes),
                at: here())
        }
    }
    return b.build().0
}

@Suite("Shared sanctions preparation")
struct SanctionsPreparationTests {
    @Test("Analyses over one preparation equal standalone analyses (entries and every explanation)", arguments: 0..<12)
    func sameResults(_ seed: Int) throws {
        let g = randomSanctionsGraph(seed: UInt64(seed))
        for text in ["2023-06-01", "2025-01-01"] {
            let prepared = SanctionsPreparation(graph: g, asOf: day(text))
            for regime in SanctionsRegime.builtIns {
                let alone = try SanctionsAnalysis(graph: g, regime: regime, asOf: day(text))
                let shared = try SanctionsAnalysis(preparation: prepared, regime: regime)
                #expect(shared.entries == alone.entries)
                for v in 0..<g.entityCount {
                    #expect(shared.status(v) == alone.status(v))
                    #expect(shared.explain(v).textLines() == alone.explain(v).textLines())
                }
            }
        }
    }

    @Test("The named-regime convenience resolves through the policy and rejects unknown names")
    func named() throws {
        let g = randomSanctionsGraph(seed: 7)
        let prepared = SanctionsPreparation(graph: g, asOf: day("2025-01-01"))
        let a = try SanctionsAnalysis(preparation: prepared, regimeNamed: "uk")
        #expect(a.regime == .uk)
        #expect(a.asOf == day("2025-01-01"))
        #expect(throws: SanctionsAnalysis.UnknownRegime.self) {
            try SanctionsAnalysis(preparation: prepared, regimeNamed: "nope")
        }
    }
}

@Suite("Holdings read on demand")
struct HoldingsViewTests {
    /// The on-demand holdings equal the whole-graph table (``EffectiveHoldings``) pair by pair, in both directions,
    /// with the same joint arrangements, control links and reasons for the relationships not counted.
    @Test("HoldingsView equals EffectiveHoldings", arguments: 0..<16)
    func equalsTable(_ seed: Int) {
        let g = randomSanctionsGraph(seed: UInt64(100 + seed))
        for text in ["2023-06-01", "2025-01-01"] {
            let d = day(text)
            for regime in SanctionsRegime.builtIns {
                for votingRights in [false, true] {
                    let table = EffectiveHoldings(graph: g, regime: regime, asOf: d, votingRights: votingRights)
                    let split = regime.countsVotingRights
                    let joint =
                        votingRights || regime.aggregatesAcrossPersons
                        ? JointArrangements.none
                        : JointArrangements(graph: g, day: d.rawValue, splitVoting: split)
                    let view = HoldingsView(
                        graph: g, day: d.rawValue, votingRights: votingRights, splitVoting: split, joint: joint)
                    func row(_ h: Holding) -> [Int64] {
                        [
                            Int64(h.source), Int64(h.target), Int64(h.relationship), h.lo, h.hi,
                            h.loExclusive ? 1 : 0, h.hiExclusive ? 1 : 0,
                        ]
                    }
                    func row(_ e: Int) -> [Int64] {
                        [
                            Int64(table.source[e]), Int64(table.target[e]), Int64(table.relationship[e]), table.lo[e],
                            table.hi[e], table.loExclusive[e] ? 1 : 0, table.hiExclusive[e] ? 1 : 0,
                        ]
                    }
                    for v in 0..<g.entityCount {
                        var out: [[Int64]] = []
                        view.forEachOut(v) { out.append(row($0)) }
                        #expect(out == table.outRange(v).map(row), "out of \(v), \(regime.name) \(text)")
                        #expect(
                            view.into(v).map(row) == table.inRange(v).map { row(Int(table.inEdge[$0])) },
                            "into \(v), \(regime.name) \(text)")
                        for e in table.inRange(v).map({ Int(table.inEdge[$0]) }) {
                            let g1 = table.joint[e]
                            let g2 = joint.group(table.relationship[e])
                            #expect((g1 < 0) == (g2 < 0))
                            if g1 >= 0 && g2 >= 0 {
                                #expect(table.jointNames[Int(g1)] == joint.names[Int(g2)])
                                #expect(Set(table.jointParties[Int(g1)]) == Set(joint.parties[Int(g2)]))
                            }
                        }
                    }
                    guard !votingRights else { continue }
                    for r in 0..<g.relationshipCount where g.isValid(r, on: d) {
                        let why = view.ignoredReason(r)
                        #expect(why.excluded == table.excluded[Int32(r)], "excluded \(r)")
                        #expect(why.chosen == table.superseded[Int32(r)], "superseded \(r)")
                        #expect(why.tied == table.tied.contains(Int32(r)), "tied \(r)")
                    }
                }
            }
        }
    }
}
