import CorpGraphTestSupport
import Testing
@testable import CorpGraph

// MARK: - DOMAIN §1.4 worked examples, data-driven

/// One row of DOMAIN.md §1.4: holdings among X, Y (designated), Z (not designated) and companies A, B, C, and the
/// derived (not listed) entities expected BLOCKED under each regime.
struct WorkedExample: CustomTestStringConvertible, Sendable {
    var id: String
    var holdings: [(String, String, String)]
    var ofac: Set<String>
    var eu: Set<String>
    var euBefore2024: Set<String>
    var uk: Set<String>
    var testDescription: String { id }

    var graph: Graph {
        var t = TestGraph()
        t.person("X")
        t.person("Y")
        t.person("Z", list: nil)
        for (a, b, s) in holdings { t.owns(a, b, s) }
        return t.graph()
    }
}

let workedExamples: [WorkedExample] = [
    .init(id: "C01 X 50 % A", holdings: [("X", "A", "50")], ofac: ["A"], eu: ["A"], euBefore2024: [], uk: []),
    .init(id: "C02 X 51 % A", holdings: [("X", "A", "51")], ofac: ["A"], eu: ["A"], euBefore2024: ["A"], uk: ["A"]),
    .init(id: "C03 X 49 % A", holdings: [("X", "A", "49")], ofac: [], eu: [], euBefore2024: [], uk: []),
    .init(
        id: "C04 X 25 % + Y 25 % A", holdings: [("X", "A", "25"), ("Y", "A", "25")],
        ofac: ["A"], eu: ["A"], euBefore2024: [], uk: []),
    .init(
        id: "C05 X 30 % + Y 25 % A", holdings: [("X", "A", "30"), ("Y", "A", "25")],
        ofac: ["A"], eu: ["A"], euBefore2024: ["A"], uk: []),
    .init(
        id: "C06 X 30 % + Z 30 % A", holdings: [("X", "A", "30"), ("Z", "A", "30")],
        ofac: [], eu: [], euBefore2024: [], uk: []),
    .init(
        id: "C07 X 50 % A; A 50 % B", holdings: [("X", "A", "50"), ("A", "B", "50")],
        ofac: ["A", "B"], eu: ["A", "B"], euBefore2024: [], uk: []),
    .init(
        id: "C08 X 50 % A, 50 % B; A 25 % C; B 25 % C",
        holdings: [("X", "A", "50"), ("X", "B", "50"), ("A", "C", "25"), ("B", "C", "25")],
        ofac: ["A", "B", "C"], eu: ["A", "B", "C"], euBefore2024: [], uk: []),
    .init(
        id: "C09 X 50 % A, 10 % B; A 40 % B", holdings: [("X", "A", "50"), ("X", "B", "10"), ("A", "B", "40")],
        ofac: ["A", "B"], eu: ["A", "B"], euBefore2024: [], uk: []),
    // Beyond the table: majority chains that do pass the UK test, and N4's cascade.
    .init(
        id: "UK chain X 51 % A; A 51 % B", holdings: [("X", "A", "51"), ("A", "B", "51")],
        ofac: ["A", "B"], eu: ["A", "B"], euBefore2024: ["A", "B"], uk: ["A", "B"]),
    .init(
        id: "UK direct + indirect X 51 % A, 30 % B; A 25 % B",
        holdings: [("X", "A", "51"), ("X", "B", "30"), ("A", "B", "25")],
        ofac: ["A", "B"], eu: ["A", "B"], euBefore2024: ["A", "B"], uk: ["A", "B"]),
    .init(
        id: "UK no aggregation: X 51 % A; A 30 % B; Y 30 % B",
        holdings: [("X", "A", "51"), ("A", "B", "30"), ("Y", "B", "30")],
        ofac: ["A", "B"], eu: ["A", "B"], euBefore2024: ["A", "B"], uk: ["A"]),
    .init(
        id: "N4 cascade X 50 % A; A 50 % B; B 50 % C",
        holdings: [("X", "A", "50"), ("A", "B", "50"), ("B", "C", "50")],
        ofac: ["A", "B", "C"], eu: ["A", "B", "C"], euBefore2024: [], uk: []),
]

func derivedBlocked(_ a: SanctionsAnalysis, _ g: Graph) -> Set<String> {
    Set((0..<g.entityCount).filter { a.status($0) == .blocked }.map { g.id($0) })
}

@Suite("Sanctions ownership: DOMAIN §1.4 worked examples")
struct WorkedExampleTests {
    @Test("OFAC", arguments: workedExamples)
    func ofac(_ x: WorkedExample) throws {
        let g = x.graph
        let a = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        #expect(derivedBlocked(a, g) == x.ofac)
    }

    @Test("EU from 3 July 2024 (50 % or more)", arguments: workedExamples)
    func euAfter(_ x: WorkedExample) throws {
        let g = x.graph
        let a = try SanctionsAnalysis(graph: g, regime: .eu, asOf: day("2024-07-03"))
        #expect(derivedBlocked(a, g) == x.eu)
    }

    @Test("EU before 3 July 2024 (more than 50 %)", arguments: workedExamples)
    func euBefore(_ x: WorkedExample) throws {
        let g = x.graph
        let a = try SanctionsAnalysis(graph: g, regime: .eu, asOf: day("2024-07-02"))
        #expect(derivedBlocked(a, g) == x.euBefore2024)
    }

    @Test("UK", arguments: workedExamples)
    func uk(_ x: WorkedExample) throws {
        let g = x.graph
        let a = try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01"))
        #expect(derivedBlocked(a, g) == x.uk)
        // Nothing is merely undetermined with exact shares.
        #expect((0..<g.entityCount).allSatisfy { a.status($0) != .undetermined })
    }
}

// MARK: - Intervals, unknown shares, dates, duplicates

@Suite("Sanctions ownership: three values, dates, duplicates")
struct SanctionsSemanticsTests {
    func status(_ g: Graph, _ regime: SanctionsRegime, _ id: String, on date: String = "2025-01-01") throws
        -> SanctionsStatus
    {
        let a = try SanctionsAnalysis(graph: g, regime: regime, asOf: day(date))
        return a.status(g.index(of: id)!)
    }

    func single(_ share: Share) -> Graph {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", share: share)
        return t.graph()
    }

    @Test("X [25, 50) % of A: OFAC certainly not blocked")
    func rangeBelow() throws {
        let g = single(range("25", "50", maxExclusive: true))
        #expect(try status(g, .ofac, "A") == .notBlocked)
        #expect(try status(g, .uk, "A") == .notBlocked)
    }

    @Test("X [25, 50] % of A: OFAC undetermined (could be exactly 50)")
    func rangeTouching() throws {
        let g = single(range("25", "50"))
        #expect(try status(g, .ofac, "A") == .undetermined)
        #expect(try status(g, .uk, "A") == .notBlocked)
    }

    @Test("X [50, 75] % of A: OFAC blocked, UK undetermined")
    func rangeFiftyToSeventyFive() throws {
        let g = single(range("50", "75"))
        #expect(try status(g, .ofac, "A") == .blocked)
        #expect(try status(g, .eu, "A") == .blocked)
        #expect(try status(g, .eu, "A", on: "2024-01-01") == .undetermined)
        #expect(try status(g, .uk, "A") == .undetermined)
    }

    @Test("X (50, 100] % of A (exclusive minimum): UK owned")
    func exclusiveMinimum() throws {
        let g = single(range("50", nil, minExclusive: true))
        #expect(try status(g, .uk, "A") == .blocked)
        #expect(try status(g, .eu, "A", on: "2024-01-01") == .blocked)
    }

    @Test("Unknown share: UNDETERMINED, never a guess; propagates down")
    func unknownShare() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", nil)
        t.owns("A", "B", "60")
        t.owns("Q", "B", "40")
        let g = t.graph()
        for r in [SanctionsRegime.ofac, .eu, .uk] {
            #expect(try status(g, r, "A") == .undetermined)
            #expect(try status(g, r, "B") == .undetermined)
            #expect(try status(g, r, "Q") == .notBlocked)
        }
    }

    @Test("Unknown share beside a known majority: blocked")
    func unknownBesideKnown() throws {
        var t = TestGraph()
        t.person("X")
        t.person("Y")
        t.owns("X", "A", "50")
        t.owns("Y", "A", nil)
        let g = t.graph()
        #expect(try status(g, .ofac, "A") == .blocked)
        #expect(try status(g, .uk, "A") == .undetermined)
    }

    @Test("Interval sums: [20, 30] + [20, 30] against 50 % is undetermined, + exact 10 is blocked")
    func intervalSum() throws {
        var t = TestGraph()
        t.person("X")
        t.person("Y")
        t.person("W")
        t.owns("X", "A", share: range("20", "30"))
        t.owns("Y", "A", share: range("20", "30"))
        t.owns("X", "B", share: range("20", "30"))
        t.owns("Y", "B", share: range("20", "30"))
        t.owns("W", "B", "10")
        let g = t.graph()
        let a = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        #expect(a.status(g.index(of: "A")!) == .undetermined)
        #expect(a.status(g.index(of: "B")!) == .blocked)
        let e = a.entry(g.index(of: "A")!)
        #expect(e.ownership == PercentInterval(lower: Percent(40), upper: Percent(60)))
        #expect(e.basis == .ownership)
    }

    @Test("Designations count only while in force, and only on counted lists")
    func designationDates() throws {
        var t = TestGraph()
        t.person("X", listed: "2022-04-05", delisted: "2023-01-01")
        t.owns("X", "A", "60")
        let g = t.graph()
        #expect(try status(g, .ofac, "A", on: "2022-04-04") == .notBlocked)
        #expect(try status(g, .ofac, "X", on: "2022-04-04") == .notBlocked)
        #expect(try status(g, .ofac, "A", on: "2022-04-05") == .blocked)
        #expect(try status(g, .ofac, "X", on: "2022-12-31") == .listed)
        #expect(try status(g, .ofac, "A", on: "2023-01-01") == .notBlocked)

        // A regime that names no lists counts the policy's; --lists overrides both.
        var ofacNoLists = SanctionsRegime.ofac
        ofacNoLists.lists = nil
        let onlyUN = Policy(jurisdictions: [], lists: ["UN-SC"])
        let a = try SanctionsAnalysis(graph: g, regime: ofacNoLists, policy: onlyUN, asOf: day("2022-06-01"))
        #expect(a.status(g.index(of: "A")!) == .notBlocked)
        #expect(a.listsOrigin == .policy)
        let b = try SanctionsAnalysis(
            graph: g, regime: ofacNoLists, policy: onlyUN, asOf: day("2022-06-01"), lists: ["OFAC-SDN"])
        #expect(b.status(g.index(of: "A")!) == .blocked)
        #expect(b.listsOrigin == .option)
    }

    @Test("Ended relationships do not count")
    func endedRelationship() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "60", end: "2022-04-30")
        t.owns("X", "B", "60", start: "2022-05-01")
        t.controls("X", "C", type: "boardAppointment", end: "2022-04-30")
        let g = t.graph()
        #expect(try status(g, .ofac, "A", on: "2022-04-30") == .blocked)
        #expect(try status(g, .ofac, "A", on: "2022-05-01") == .notBlocked)
        #expect(try status(g, .ofac, "B", on: "2022-04-30") == .notBlocked)
        #expect(try status(g, .ofac, "B", on: "2022-05-01") == .blocked)
        #expect(try status(g, .eu, "C", on: "2022-04-30") == .blocked)
        #expect(try status(g, .eu, "C", on: "2022-05-01") == .notBlocked)
    }

    @Test("Duplicate owns for one pair are never summed: the most specific statement in force (Zala pattern)")
    func duplicates() throws {
        var t = TestGraph()
        t.person("Zakharov")
        t.owns("Zakharov", "CST", "50", end: "2023-03-02", id: "o1")
        t.owns("Zakharov", "CST", "48", end: "2023-12-21", id: "o2")
        t.owns("Zakharov", "CST", "51", id: "o3")
        let g = t.graph()
        #expect(try status(g, .ofac, "CST", on: "2023-01-01") == .blocked)  // 50 % (o1) applies
        #expect(try status(g, .ofac, "CST", on: "2023-06-01") == .notBlocked)  // 48 %, not 48 + 51
        #expect(try status(g, .ofac, "CST", on: "2024-01-01") == .blocked)  // 51 %
        let a = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2023-06-01"))
        let x = a.explain(id: "CST")!
        #expect(x.holdings.map(\.relationshipID) == ["o2"])
        #expect(
            x.total == PercentInterval(exactly: Percent(0))
                || x.holdings[0].counted == PercentInterval(exactly: Percent(48)))
        #expect(x.ignored.map(\.relationshipID) == ["o1", "o3"])
        #expect(x.ignored[1].reason.hasPrefix("superseded by o2"))
        #expect(x.ignored[0].reason.hasPrefix("not in force on 2023-06-01"))
    }

    @Test("Start dates: the latest start in force wins")
    func duplicatesByStart() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "60", start: "2020-01-01")
        t.owns("X", "A", "40", start: "2022-01-01")
        let g = t.graph()
        #expect(try status(g, .ofac, "A", on: "2021-01-01") == .blocked)
        #expect(try status(g, .ofac, "A", on: "2022-06-01") == .notBlocked)
    }
}

// MARK: - Control, joint arrangements, cycles

@Suite("Sanctions ownership: control, joint arrangements, cycles")
struct SanctionsStructureTests {
    @Test("Control: EU and UK count the listed control types; OFAC ignores control")
    func control() throws {
        var t = TestGraph()
        t.person("X")
        t.controls("X", "A", type: "boardAppointment")
        t.controls("X", "B", type: "largestShareholder")
        t.controls("X", "C", type: nil)
        t.owns("A", "D", "60")
        let g = t.graph()
        let date = day("2025-01-01")
        let ofac = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: date)
        let eu = try SanctionsAnalysis(graph: g, regime: .eu, asOf: date)
        let uk = try SanctionsAnalysis(graph: g, regime: .uk, asOf: date)
        for id in ["A", "B", "C", "D"] { #expect(ofac.status(g.index(of: id)!) == .notBlocked) }
        #expect(eu.status(g.index(of: "A")!) == .blocked)
        #expect(eu.entry(g.index(of: "A")!).basis == .control)
        #expect(eu.entry(g.index(of: "A")!).controllers == ["X"])
        #expect(eu.status(g.index(of: "D")!) == .blocked)
        #expect(eu.entry(g.index(of: "D")!).basis == .ownership)
        #expect(eu.status(g.index(of: "B")!) == .undetermined)
        #expect(eu.status(g.index(of: "C")!) == .undetermined)
        #expect(uk.status(g.index(of: "A")!) == .blocked)
        #expect(uk.status(g.index(of: "D")!) == .blocked)
        #expect(uk.entry(g.index(of: "D")!).person == "X")
        // OFAC's explanation names the ignored control.
        let x = ofac.explain(id: "A")!
        #expect(x.controls.count == 1 && x.controls[0].effect == .notMet)
        #expect(x.textLines().contains { $0.contains("ignored (this regime does not count control)") })
    }

    @Test("UK joint arrangement: the parties' shares combine; without it they do not")
    func jointArrangement() throws {
        var t = TestGraph()
        t.person("X")
        t.person("Y")
        t.person("Z", list: nil)
        t.owns("X", "A", "30", joint: "pact")
        t.owns("Y", "A", "25", joint: "pact")
        t.owns("X", "B", "30")
        t.owns("Y", "B", "25")
        t.owns("X", "C", "30", joint: "deal")
        t.owns("Z", "C", "25", joint: "deal")
        let g = t.graph()
        let uk = try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01"))
        #expect(uk.status(g.index(of: "A")!) == .blocked)
        #expect(uk.status(g.index(of: "B")!) == .notBlocked)
        #expect(uk.status(g.index(of: "C")!) == .blocked)
        let ofac = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        #expect(ofac.status(g.index(of: "C")!) == .notBlocked)
        let x = uk.explain(id: "C")!
        #expect(x.perPerson.map(\.person) == ["X"])
        #expect(x.perPerson[0].total == PercentInterval(exactly: Percent(55)))
        #expect(x.perPerson[0].holdings.allSatisfy { $0.jointArrangement == "deal" })
    }

    @Test("Cycles terminate; the least fixed point does not block a self-supporting cycle")
    func cycles() throws {
        var t = TestGraph()
        t.person("X")
        // X 50 % A; A 50 % B; B 50 % A: both blocked through the cycle.
        t.owns("X", "A", "50")
        t.owns("A", "B", "50")
        t.owns("B", "A", "50")
        // X 30 % C; D 30 % C; C 60 % D: blocking C needs D and D needs C: neither (least fixed point).
        t.owns("X", "C", "30")
        t.owns("D", "C", "30")
        t.owns("C", "D", "60")
        // A closed 100 % loop with no designated person.
        t.owns("E", "F", "100")
        t.owns("F", "E", "100")
        let g = t.graph()
        for r in [SanctionsRegime.ofac, .eu] {
            let a = try SanctionsAnalysis(graph: g, regime: r, asOf: day("2025-01-01"))
            #expect(derivedBlocked(a, g) == ["A", "B"])
            let x = a.explain(id: "A")!
            #expect(x.status == .blocked)
            // The cycle appears once; B's own explanation refers back to A.
            let b = x.holdings.first { $0.owner == "B" }!.detail[0]
            #expect(b.holdings[0].detail[0].seeAbove)
        }
        let uk = try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01"))
        #expect(derivedBlocked(uk, g).isEmpty)
    }

    @Test("Persons cannot become blocked by ownership")
    func persons() throws {
        var t = TestGraph()
        t.person("X")
        t.person("P", list: nil)
        t.owns("X", "P", "100")
        let g = t.graph()
        let a = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        #expect(a.status(g.index(of: "P")!) == .notBlocked)
    }

    @Test("A policy-defined regime: OFAC Directive 4 style 33 % aggregated")
    func customRegime() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "33")
        t.owns("X", "B", "32.9999")
        let g = t.graph()
        let d4 = SanctionsRegime(
            name: "ofac-d4", tests: [.init(threshold: Percent(33), inclusive: true)],
            aggregatesAcrossPersons: true, countsControl: false, indirect: .holdingsOfBlockedCountInFull,
            citation: "OFAC FAQ 538")
        let policy = Policy(jurisdictions: [], regimes: [d4])
        let a = try SanctionsAnalysis(graph: g, regimeNamed: "OFAC-D4", policy: policy, asOf: day("2025-01-01"))
        #expect(derivedBlocked(a, g) == ["A"])
        #expect(throws: SanctionsAnalysis.UnknownRegime.self) {
            try SanctionsAnalysis(graph: g, regimeNamed: "ofca", policy: policy, asOf: day("2025-01-01"))
        }
    }
}

// MARK: - Explanations

@Suite("Sanctions ownership: explanations")
struct SanctionsExplanationTests {
    @Test("30 % + 25 %: blocked in aggregate under OFAC and EU, not under UK, each with its derivation")
    func thirtyPlusTwentyFive() throws {
        var t = TestGraph()
        t.person("person-s", listed: "2022-04-05")
        t.person("person-t")
        t.company("target")
        t.owns("person-s", "target", "30")
        t.owns("person-t", "target", "25")
        t.owns("other", "target", "45")
        let g = t.graph()
        let ofac = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        let x = ofac.explain(id: "target")!
        #expect(x.status == .blocked && x.basis == .ownership)
        #expect(x.total == PercentInterval(exactly: Percent(55)))
        #expect(x.ownershipTest == .met)
        #expect(x.holdings.map(\.owner) == ["person-s", "person-t", "other"])
        #expect(x.holdings.map(\.counted.lower) == [Percent(30), Percent(25), Percent(0)])
        #expect(x.holdings[0].detail[0].designations.map(\.list) == ["OFAC-SDN"])
        let text = x.textLines()
        #expect(text[0] == "target: BLOCKED by ownership")
        #expect(text.contains("  owner person-s (listed) holds 30 %, counts 30 %"))
        #expect(text.contains("  sum counted 55 % vs threshold ≥ 50 %: met"))
        #expect(text.contains("    person-s: LISTED"))
        #expect(text.contains("      designated: OFAC-SDN since 2022-04-05"))

        let uk = try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01"))
        let y = uk.explain(id: "target")!
        #expect(y.status == .notBlocked)
        #expect(y.perPerson.map(\.person) == ["person-s", "person-t"])
        #expect(
            y.perPerson.map { $0.total } == [
                PercentInterval(exactly: Percent(30)), PercentInterval(exactly: Percent(25)),
            ])
        #expect(y.perPerson.allSatisfy { $0.ownershipTest == .notMet })
        #expect(y.textLines().contains("    sum counted 30 % vs threshold > 50 %: not met"))
    }

    @Test("Why not: a chain through a non-blocked holder counts zero")
    func whyNot() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "49")
        t.owns("A", "B", "60")
        let g = t.graph()
        let a = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        let x = a.explain(id: "B")!
        #expect(x.status == .notBlocked)
        #expect(x.holdings.count == 1 && x.holdings[0].counted == .zero)
        #expect(x.holdings[0].detail[0].total == PercentInterval(exactly: Percent(49)))
        #expect(x.holdings[0].detail[0].ownershipTest == .notMet)
        #expect(a.entries.map(\.id) == ["X"])
    }

    @Test("UK explanation follows the majority chain down to the designated person")
    func ukChain() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "51")
        t.owns("X", "B", "30")
        t.owns("A", "B", "25")
        let g = t.graph()
        let uk = try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01"))
        let x = uk.explain(id: "B")!
        #expect(x.status == .blocked)
        let p = x.perPerson[0]
        #expect(p.person == "X" && p.total == PercentInterval(exactly: Percent(55)) && p.ownershipTest == .met)
        let viaA = p.holdings.first { $0.owner == "A" }!
        #expect(viaA.detail[0].total == PercentInterval(exactly: Percent(51)))
        #expect(uk.entry(g.index(of: "B")!).person == "X")
    }
}

// MARK: - Property: worklist fixed point equals naive iteration

@Suite("Sanctions ownership: properties")
struct SanctionsPropertyTests {
    /// Naive semantics: repeat over all entities (in a shuffled order) until nothing changes.
    static func naive(
        _ g: Graph, _ regime: SanctionsRegime, _ date: CalendarDate, upper: Bool,
        seeds: [Int], rng: inout SplitMix64
    ) -> Set<Int> {
        let test = regime.test(on: date)
        var set = Set(seeds)
        var changed = true
        while changed {
            changed = false
            for c in (0..<g.entityCount).shuffled(using: &rng) where !set.contains(c) && g.kind(c) != .person {
                var units: Int64 = 0
                var strict = false
                var controlled = false
                for r in g.inRelationships(c) where g.isValid(Int(r), on: date) && set.contains(g.source(Int(r))) {
                    let s = g.share(Int(r))
                    switch g.kind(ofRelationship: Int(r)) {
                    case .owns:
                        units += upper ? min(s!.upperBound.units, Percent.hundred.units) : s!.lowerBound.units
                        strict = strict || (upper ? s!.upperExclusive : s!.lowerExclusive)
                    case .controls:
                        if regime.countsControl
                            && (upper || regime.isSufficientControl(g.relationship(Int(r)).controlType))
                        {
                            controlled = true
                        }
                    default: break
                    }
                }
                let t = test.threshold.units
                let passes: Bool
                if upper {
                    let u = min(units, Percent.hundred.units)
                    let st = strict && units <= Percent.hundred.units
                    passes = test.inclusive ? (u > t || (u == t && !st)) : u > t
                } else {
                    passes = test.inclusive ? units >= t : (units > t || (units == t && strict))
                }
                if passes || controlled {
                    set.insert(c)
                    changed = true
                }
            }
        }
        return set
    }

    static func randomGraph(seed: UInt64) -> Graph {
        var rng = SplitMix64(seed: seed)
        var t = TestGraph()
        let n = 14
        for i in 0..<n {
            if i < 3 {
                t.person("P\(i)", list: Int.random(in: 0..<3, using: &rng) == 0 ? nil : "*")
            } else {
                t.company("C\(i)", list: Int.random(in: 0..<10, using: &rng) == 0 ? "EU-FSF" : nil)
            }
        }
        let steps = [0, 10, 20, 25, 30, 40, 49, 50, 51, 60, 100]
        var pairs = Set<[Int]>()
        for _ in 0..<30 {
            let a = Int.random(in: 0..<n, using: &rng)
            let b = Int.random(in: 3..<n, using: &rng)
            guard a != b, pairs.insert([a, b]).inserted else { continue }
            let name = { (i: Int) in i < 3 ? "P\(i)" : "C\(i)" }
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: t.owns(name(a), name(b), nil)
            case 1:
                let lo = steps.randomElement(using: &rng)!
                t.owns(
                    name(a), name(b),
                    share: range(
                        String(lo), String(min(100, lo + 25)),
                        minExclusive: Bool.random(using: &rng),
                        maxExclusive: Bool.random(using: &rng)))
            case 2:
                t.controls(name(a), name(b), type: ["boardAppointment", "nominee", nil].randomElement(using: &rng)!)
            case 3: t.owns(name(a), name(b), String(steps.randomElement(using: &rng)!), end: "2020-01-01")
            default: t.owns(name(a), name(b), String(steps.randomElement(using: &rng)!))
            }
        }
        return t.graph()
    }

    @Test("Aggregating regimes: fixed point = naive repeat-until-no-change, any order", arguments: 0..<60)
    func aggregating(seed: Int) throws {
        let g = Self.randomGraph(seed: UInt64(seed))
        var rng = SplitMix64(seed: UInt64(seed) &* 31)
        for (regime, date) in [(SanctionsRegime.ofac, "2025-01-01"), (.eu, "2024-01-01"), (.eu, "2025-01-01")] {
            let a = try SanctionsAnalysis(graph: g, regime: regime, asOf: day(date))
            let seeds = (0..<g.entityCount).filter { a.status($0) == .listed }
            let certain = Self.naive(g, regime, day(date), upper: false, seeds: seeds, rng: &rng)
            let possible = Self.naive(g, regime, day(date), upper: true, seeds: seeds, rng: &rng)
            for v in 0..<g.entityCount {
                let expected: SanctionsStatus =
                    seeds.contains(v)
                    ? .listed
                    : certain.contains(v) ? .blocked : possible.contains(v) ? .undetermined : .notBlocked
                #expect(a.status(v) == expected, "\(regime.name) \(date) \(g.id(v))")
            }
        }
    }

    @Test("The random graphs exercise every status under every regime")
    func nonVacuous() throws {
        for regime in [SanctionsRegime.ofac, .eu, .uk] {
            var seen: [SanctionsStatus: Int] = [:]
            for seed in 0..<60 {
                let g = Self.randomGraph(seed: UInt64(seed))
                let a = try SanctionsAnalysis(graph: g, regime: regime, asOf: day("2025-01-01"))
                for v in 0..<g.entityCount { seen[a.status(v), default: 0] += 1 }
            }
            #expect(SanctionsStatus.allCases.allSatisfy { (seen[$0] ?? 0) > 10 }, "\(regime.name): \(seen)")
        }
    }

    @Test("UK: fixed point = union over designated persons of the naive per-person iteration", arguments: 0..<40)
    func perPerson(seed: Int) throws {
        let g = Self.randomGraph(seed: UInt64(seed) + 1000)
        var rng = SplitMix64(seed: UInt64(seed))
        let date = day("2025-01-01")
        let a = try SanctionsAnalysis(graph: g, regime: .uk, asOf: date)
        let seeds = (0..<g.entityCount).filter { a.status($0) == .listed }
        var certain = Set<Int>(), possible = Set<Int>()
        for s in seeds {
            certain.formUnion(Self.naive(g, .uk, date, upper: false, seeds: [s], rng: &rng))
            possible.formUnion(Self.naive(g, .uk, date, upper: true, seeds: [s], rng: &rng))
        }
        for v in 0..<g.entityCount {
            let expected: SanctionsStatus =
                seeds.contains(v)
                ? .listed
                : certain.contains(v) ? .blocked : possible.contains(v) ? .undetermined : .notBlocked
            #expect(a.status(v) == expected, "\(g.id(v))")
        }
    }

    @Test("Every non-clear entity explains itself consistently with its status", arguments: 0..<20)
    func explanationsAgree(seed: Int) throws {
        let g = Self.randomGraph(seed: UInt64(seed) + 5000)
        for regime in [SanctionsRegime.ofac, .eu] {
            let a = try SanctionsAnalysis(graph: g, regime: regime, asOf: day("2025-01-01"))
            for v in 0..<g.entityCount where a.status(v) != .listed && g.kind(v) != .person {
                let x = a.explain(v)
                let control = x.controls.map(\.effect)
                switch a.status(v) {
                case .blocked: #expect(x.ownershipTest == .met || control.contains(.met))
                case .undetermined:
                    #expect(x.ownershipTest != .met && !control.contains(.met))
                    #expect(x.ownershipTest == .undetermined || control.contains(.undetermined))
                case .notBlocked: #expect(x.ownershipTest == .notMet && control.allSatisfy { $0 == .notMet })
                case .listed: break
                }
            }
        }
    }
}

@Suite("Sanctions ownership: import contract for parallel statements")
struct ParallelStatementTests {
    @Test(
        "Conflicting statements with the same dates count as their interval hull; non-equity and declared indirect are not added"
    )
    func hullAndExclusions() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "60", id: "a1")
        t.owns("X", "A", "40", id: "a2")
        t.builder.add(
            Relationship(id: "v", kind: .owns, source: "X", target: "B", share: .exact(Percent(80)), basis: "voting"),
            at: SourceLocation(file: "t"))
        t.builder.add(
            Relationship(
                id: "d", kind: .owns, source: "X", target: "C", share: .exact(Percent(60)),
                attributes: ["declaredIndirect": "true"]), at: SourceLocation(file: "t"))
        t.company("B")
        t.company("C")
        let g = t.graph()
        let a = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        #expect(a.status(g.index(of: "A")!) == .undetermined)
        #expect(a.entry(g.index(of: "A")!).ownership == PercentInterval(lower: Percent(40), upper: Percent(60)))
        #expect(a.status(g.index(of: "B")!) == .notBlocked)
        #expect(a.status(g.index(of: "C")!) == .notBlocked)
        #expect(
            a.explain(id: "A")!.ignored.map(\.reason) == [
                "conflicts with a2 (same dates); counted as their interval hull"
            ])
        #expect(a.explain(id: "B")!.ignored.map(\.reason) == ["not added: basis 'voting' is not share capital"])
    }
}
