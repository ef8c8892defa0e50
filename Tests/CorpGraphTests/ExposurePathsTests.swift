import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraph

// MARK: - Small graph factories for the exposure tests

/// An entity for ``exposureGraph``: id, jurisdiction, designations.
struct E {
    var id: String
    var jurisdiction: String?
    var designations: [Designation] = []
    var kind: EntityKind = .company
    init(_ id: String, _ jurisdiction: String? = "JP", _ designations: [Designation] = [], kind: EntityKind = .company)
    {
        self.id = id
        self.jurisdiction = jurisdiction
        self.designations = designations
        self.kind = kind
    }
}

// `day(_:)` and `SplitMix64` come from OwnershipTestSupport.swift.

func owns(
    _ a: String, _ b: String, _ share: Share = .exact(Percent(100)), start: String? = nil, end: String? = nil,
    id: String? = nil
) -> Relationship {
    Relationship(id: id, kind: .owns, source: a, target: b, share: share, start: start.map(day), end: end.map(day))
}

func pays(
    _ a: String, _ b: String, _ amount: Decimal = 100, _ currency: String? = "USD", on date: String? = nil,
    id: String? = nil
) -> Relationship {
    Relationship(id: id, kind: .pays, source: a, target: b, amount: amount, currency: currency, date: date.map(day))
}

func rel(_ kind: RelationshipKind, _ a: String, _ b: String, start: String? = nil, end: String? = nil) -> Relationship {
    Relationship(kind: kind, source: a, target: b, start: start.map(day), end: end.map(day))
}

func exposureGraph(_ entities: [E], _ relationships: [Relationship]) -> Graph {
    var b = GraphBuilder()
    for (i, e) in entities.enumerated() {
        b.add(
            Entity(
                id: e.id, kind: e.kind, name: e.id.uppercased(), jurisdiction: e.jurisdiction,
                designations: e.designations), at: SourceLocation(file: "t.yaml", line: i + 1))
    }
    for (i, r) in relationships.enumerated() { b.add(r, at: SourceLocation(file: "t.yaml", line: 100 + i)) }
    let (g, d) = b.build()
    precondition(d.isEmpty, "test graph has problems: \(d)")
    return g
}

let russia = Policy(jurisdictions: ["RU"])

func search(
    _ g: Graph, policy: Policy = russia, asOf: CalendarDate? = nil, depth: Int = 6,
    kinds: RelationshipKindSet = .all, direction: WalkDirection = .down, timeRespecting: Bool = false,
    limit: Int = 1000, prune: Bool = true
) -> ExposureSearch {
    ExposureSearch(
        targets: TargetSet(graph: g, policy: policy, asOf: asOf),
        options: ExposureOptions(
            maxDepth: depth, filter: TraversalFilter(kinds: kinds, direction: direction, asOf: asOf),
            timeRespecting: timeRespecting, limit: limit, prune: prune))
}

/// Node-id sequences of the ranked exposure of `subject`.
func pathIDs(_ s: ExposureSearch, _ subject: String) -> [[String]] {
    let g = s.graph
    return s.exposure(of: g.index(of: subject)!).paths.map { $0.nodes.map { g.id($0) } }
}

// MARK: - Tests

@Suite struct ExposurePathsTests {
    @Test func directionDownUpBoth() {
        // owner-ru owns s, s owns sub-ru; s pays payee-ru; payer-ru pays s.
        let g = exposureGraph(
            [E("s"), E("owner-ru", "RU"), E("sub-ru", "RU"), E("payee-ru", "RU"), E("payer-ru", "RU")],
            [
                owns("owner-ru", "s"), owns("s", "sub-ru"), pays("s", "payee-ru"), pays("payer-ru", "s"),
            ])
        #expect(pathIDs(search(g, direction: .down), "s") == [["s", "payee-ru"], ["s", "sub-ru"]])
        #expect(pathIDs(search(g, direction: .up), "s") == [["s", "owner-ru"], ["s", "payer-ru"]])
        #expect(pathIDs(search(g, direction: .both), "s").count == 4)
        let up = search(g, direction: .up).exposure(of: g.index(of: "s")!).paths[0]
        #expect(up.hops[0].relationships.map(\.direction) == [.up])
        #expect(up.hops[0].primaryKind(in: g) == .owns)
    }

    @Test func bothDirectionsListAPairOnce() {
        // a owns b and b pays a: walking both ways, a→b is one hop with both relationships.
        let g = exposureGraph(
            [E("a"), E("b", "RU")], [owns("a", "b", .exact(Percent(40))), pays("b", "a", on: "2022-01-01")])
        let s = search(g, direction: .both)
        let r = s.exposure(of: g.index(of: "a")!)
        #expect(r.paths.count == 1)
        let hop = r.paths[0].hops[0]
        #expect(hop.relationships.map(\.direction) == [.down])
        #expect(hop.payments.map(\.direction) == [.up])
        #expect(
            r.paths[0].strength
                == PathStrength(minimum: Decimal(string: "0.4")!, maximum: Decimal(string: "0.4")!, isExact: true))
    }

    @Test func maxDepth() {
        let g = exposureGraph(
            [E("a"), E("b"), E("c"), E("d", "RU")], [owns("a", "b"), owns("b", "c"), owns("c", "d")])
        #expect(pathIDs(search(g, depth: 2), "a").isEmpty)
        #expect(pathIDs(search(g, depth: 3), "a") == [["a", "b", "c", "d"]])
        #expect(pathIDs(search(g, depth: 3, prune: false), "a") == [["a", "b", "c", "d"]])
    }

    @Test func stopsAtFirstTargetButReachDoesNot() {
        let g = exposureGraph(
            [E("a"), E("b", "RU-IRK"), E("c", "RU-IRK")],
            [owns("a", "b", .exact(Percent(60))), rel(.operates, "b", "c")])
        let s = search(g)
        #expect(pathIDs(s, "a") == [["a", "b"]])
        var bfs = Reachability(graph: g, filter: TraversalFilter())
        let reached = bfs.targets(from: g.index(of: "a")!, maxDepth: 6, in: s.targets)
        #expect(reached.map { "\(g.id($0.entity))@\($0.distance)" } == ["b@1", "c@2"])
        let batch = g.targetsWithin(6, of: [g.index(of: "a")!], targets: s.targets, walking: TraversalFilter())
        #expect(batch[0].map { "\(g.id($0.entity))@\($0.distance)" } == ["b@1", "c@2"])
    }

    @Test func subjectThatIsATargetStillStartsPaths() {
        let g = exposureGraph([E("s", "RU"), E("b"), E("c", "BY")], [owns("s", "b"), owns("b", "c"), owns("b", "s")])
        let s = search(g, policy: Policy(jurisdictions: ["RU", "BY"]))
        let r = s.exposure(of: g.index(of: "s")!)
        #expect(r.subjectReasons == [.jurisdiction(entry: "RU", via: nil)])
        #expect(r.paths.map { $0.nodes.map { g.id($0) } } == [["s", "b", "c"]])
    }

    @Test("a jurisdiction target never hides a designated party behind it (DESIGN §4 severity rule)")
    func severityRule() {
        // exchange-a → shell → backoffice (RU-MOW, jurisdiction) → x (SDN) → y (RU, jurisdiction), and x → z (SDN).
        let sdn = Designation(list: "OFAC-SDN", listed: day("2022-04-05"))
        let g = exposureGraph(
            [
                E("a", "JP"), E("shell", "SG"), E("backoffice", "RU-MOW"), E("x", "RU", [sdn]),
                E("y", "RU"), E("z", "AE", [sdn]),
            ],
            [
                owns("a", "shell"), pays("shell", "backoffice", on: "2022-05-16"),
                pays("backoffice", "x", on: "2022-06-20"),
                pays("x", "y", on: "2022-07-01"), pays("x", "z", on: "2022-07-01"),
            ])
        let s = search(g, asOf: day("2022-12-01"))
        // The designated x ranks first though it is one hop further; nothing continues past x (designated is the
        // highest severity): neither y nor z is reached through it.
        #expect(pathIDs(s, "a") == [["a", "shell", "backoffice", "x"], ["a", "shell", "backoffice"]])
        let ranked = s.exposure(of: g.index(of: "a")!)
        #expect(ranked.paths.map(\.severity) == [.designated, .jurisdiction])
        #expect(s.countPaths(from: g.index(of: "a")!) == 2)
        // Derived and possible sit between: a derived target hides a possible one, not a designated one.
        let t = TargetSet(
            graph: g, policy: Policy(jurisdictions: []), asOf: day("2022-12-01"),
            extra: [
                g.index(of: "shell")!: [.derived(regime: "eu", status: .blocked, basis: nil, by: [])],
                g.index(of: "backoffice")!: [.derived(regime: "eu", status: .undetermined, basis: nil, by: [])],
            ],
            extraSeverity: [g.index(of: "shell")!: .derived, g.index(of: "backoffice")!: .possible])
        let d = ExposureSearch(
            targets: t, options: ExposureOptions(maxDepth: 6, filter: TraversalFilter(asOf: day("2022-12-01"))))
        let paths = d.exposure(of: g.index(of: "a")!).paths
        #expect(paths.map { $0.nodes.map { g.id($0) } } == [["a", "shell", "backoffice", "x"], ["a", "shell"]])
        #expect(paths.map(\.severity) == [.designated, .derived])
    }

    @Test func asOfDatesRelationshipsPaymentsAndDesignations() {
        let sdn = Designation(
            list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: day("2022-04-05"), delisted: day("2023-01-01"))
        let g = exposureGraph(
            [E("s"), E("old-ru", "RU"), E("new-kz", "KZ"), E("x", "AE", [sdn]), E("p", "RU")],
            [
                owns("s", "old-ru", end: "2022-04-30"), owns("s", "new-kz", start: "2022-05-01"),
                rel(.controls, "s", "x"),
                pays("s", "p", on: "2022-06-15"),
            ])
        #expect(pathIDs(search(g, asOf: day("2022-04-01")), "s") == [["s", "old-ru"]])
        #expect(pathIDs(search(g, asOf: day("2022-06-01")), "s") == [["s", "x"]])
        // Designated targets rank first (severity), then hops, strength, ids.
        #expect(pathIDs(search(g, asOf: day("2022-06-15")), "s") == [["s", "x"], ["s", "p"]])
        #expect(pathIDs(search(g, asOf: day("2023-01-01")), "s") == [["s", "p"]])
        let t = TargetSet(graph: g, policy: russia, asOf: day("2022-06-01"))
        #expect(
            t.reasons(for: g.index(of: "x")!) == [
                .list(code: "OFAC-SDN", since: day("2022-04-05"), until: day("2023-01-01"), dateUnknown: false)
            ])
        #expect(t.reasons(for: g.index(of: "x")!).map(\.code) == ["list:OFAC-SDN since 2022-04-05"])
        #expect(TargetSet(graph: g, policy: russia, asOf: nil).contains(g.index(of: "x")!))
    }

    @Test func timeRespectingDown() {
        // Money reaches b on 05-01 and 07-01; b pays the Russian c on 06-01: the 05-01 payment makes it possible.
        let g = exposureGraph(
            [E("a"), E("b"), E("c", "RU"), E("d"), E("e", "RU")],
            [
                pays("a", "b", on: "2022-05-01"), pays("a", "b", on: "2022-07-01"), pays("b", "c", on: "2022-06-01"),
                pays("a", "d", on: "2022-07-01"), pays("d", "e", on: "2022-06-01"),
            ])
        #expect(pathIDs(search(g, timeRespecting: false), "a") == [["a", "b", "c"], ["a", "d", "e"]])
        #expect(pathIDs(search(g, timeRespecting: true), "a") == [["a", "b", "c"]])
    }

    @Test func timeRespectingUpAndDirectionChange() {
        // Walking up from s: s was paid by y on 04-01; y was paid by the Russian x on 05-01 — after y paid s, so the
        // money s got cannot have come from x.
        let g = exposureGraph(
            [E("s"), E("y"), E("x", "RU"), E("z"), E("w", "RU")],
            [
                pays("y", "s", on: "2022-04-01"), pays("x", "y", on: "2022-05-01"),
                pays("z", "s", on: "2022-06-01"), pays("w", "z", on: "2022-05-01"),
            ])
        #expect(pathIDs(search(g, direction: .up, timeRespecting: true), "s") == [["s", "z", "w"]])
        #expect(pathIDs(search(g, direction: .up, timeRespecting: false), "s").count == 2)
        // A change of direction sets no constraint: a pays b on 06-01 (down), c paid b on 01-01 (walked up), c pays
        // the Russian r on 02-01 — and a walk b→c→r mixes up then down.
        let h = exposureGraph(
            [E("a"), E("b"), E("c"), E("r", "RU")],
            [
                pays("a", "b", on: "2022-06-01"), pays("c", "b", on: "2022-01-01"), pays("c", "r", on: "2022-02-01"),
            ])
        #expect(pathIDs(search(h, direction: .both, timeRespecting: true), "a") == [["a", "b", "c", "r"]])
    }

    @Test func timeRespectingIgnoresNonPaymentHopsAndUndatedPayments() {
        // b→c is both an ownership and a payment: walked as ownership, it sets no date. The undated payment fits anywhere.
        let g = exposureGraph(
            [E("a"), E("b"), E("c"), E("d", "RU"), E("u"), E("v", "RU")],
            [
                pays("a", "b", on: "2022-09-01"), owns("b", "c"), pays("b", "c", on: "2022-01-01"),
                pays("c", "d", on: "2022-10-01"),
                pays("a", "u", on: "2022-09-01"), pays("u", "v", on: nil),
            ])
        #expect(pathIDs(search(g, timeRespecting: true), "a") == [["a", "u", "v"], ["a", "b", "c", "d"]])
        let late = exposureGraph(
            [E("a"), E("b"), E("c"), E("d", "RU")],
            [
                pays("a", "b", on: "2022-09-01"), owns("b", "c"), pays("c", "d", on: "2022-08-01"),
            ])
        // Consecutive payment hops a→b and c→d, ownership in between ignored: 08-01 is before 09-01.
        #expect(pathIDs(search(late, timeRespecting: true), "a").isEmpty)
    }

    @Test func timeRespectingListsOnlyPaymentsThatFitTheOrder() {
        // a pays b on 01-10 and 09-01; b pays the Russian c on 03-01, 06-01 and 08-01; c is reached through a→b→c.
        // Only a's 01-10 payment can precede one of b's, and every b payment after 01-10 fits: 09-01 is left out on
        // the first hop; on the second, all three fit.
        let g = exposureGraph(
            [E("a"), E("b"), E("c", "RU")],
            [
                pays("a", "b", 10, on: "2022-01-10", id: "ab1"), pays("a", "b", 20, on: "2022-09-01", id: "ab2"),
                pays("b", "c", 1, on: "2022-03-01", id: "bc1"), pays("b", "c", 2, on: "2022-06-01", id: "bc2"),
                pays("b", "c", 3, on: "2022-08-01", id: "bc3"),
            ])
        func hopIDs(_ timeRespecting: Bool) -> [[String]] {
            let s = search(g, timeRespecting: timeRespecting)
            let path = s.exposure(of: g.index(of: "a")!).paths[0]
            return path.hops.map { $0.payments.flatMap(\.relationships).map { g.relationshipID($0)! } }
        }
        #expect(hopIDs(false) == [["ab1", "ab2"], ["bc1", "bc2", "bc3"]])
        #expect(hopIDs(true) == [["ab1"], ["bc1", "bc2", "bc3"]])
        let s = search(g, timeRespecting: true)
        let hops = s.exposure(of: g.index(of: "a")!).paths[0].hops
        #expect(hops.map(\.paymentsOutOfTimeOrder) == [1, 0])
        #expect(hops[0].payments[0].totals.map(\.amount) == [10])
        // The later hop is cut too: when b's last payment is 03-01, only a's 01-10 payment and b's 03-01 remain.
        let h = exposureGraph(
            [E("a"), E("b"), E("c", "RU")],
            [
                pays("a", "b", on: "2022-01-10", id: "ab1"), pays("a", "b", on: "2022-04-01", id: "ab2"),
                pays("b", "c", on: "2022-03-01", id: "bc1"), pays("b", "c", on: "2022-02-01", id: "bc0"),
            ])
        let th = search(h, timeRespecting: true).exposure(of: h.index(of: "a")!).paths[0].hops
        #expect(
            th.map { $0.payments.flatMap(\.relationships).map { h.relationshipID($0)! } } == [["ab1"], ["bc0", "bc1"]])
        #expect(th.map(\.paymentsOutOfTimeOrder) == [1, 0])
    }

    @Test func repeatedPaymentsFoldIntoOneHop() {
        let g = exposureGraph(
            [E("a"), E("b", "RU")],
            [
                pays("a", "b", 150_000, "USDT", on: "2022-05-16", id: "p1"),
                pays("a", "b", 150_000, "USDT", on: "2022-06-15", id: "p2"),
                pays("a", "b", 20, "EUR", on: "2022-03-01", id: "p3"), owns("a", "b", .exact(Percent(100)), id: "o1"),
                pays("a", "b", 5, nil, on: nil, id: "p4"),
            ])
        let s = search(g)
        #expect(s.countPaths(from: g.index(of: "a")!) == 1)
        let hop = s.exposure(of: g.index(of: "a")!).paths[0].hops[0]
        #expect(hop.relationships.map { g.relationshipID($0.relationship) } == ["o1"])
        #expect(hop.payments.count == 1)
        let fold = hop.payments[0]
        #expect(fold.count == 4)
        #expect(fold.relationships.map { g.relationshipID($0) } == ["p4", "p3", "p1", "p2"])
        #expect(
            fold.totals == [
                .init(currency: "EUR", amount: 20), .init(currency: "USDT", amount: 300_000),
                .init(currency: nil, amount: 5),
            ])
        #expect(fold.first == day("2022-03-01"))
        #expect(fold.last == day("2022-06-15"))
        // As of 2022-06-01 the June payment does not count yet.
        let early = search(g, asOf: day("2022-06-01")).exposure(of: g.index(of: "a")!).paths[0].hops[0].payments[0]
        #expect(early.count == 3)
        #expect(early.last == day("2022-05-16"))
    }

    @Test func rankingHopsThenStrengthThenIds() {
        let g = exposureGraph(
            [E("s"), E("a"), E("b"), E("c"), E("t1", "RU"), E("t2", "RU"), E("t3", "RU"), E("t0", "RU")],
            [
                owns("s", "a", .exact(Percent(60))), owns("a", "t1"),
                owns("s", "b", .exact(Percent(80))), owns("b", "t2"),
                owns("s", "c", .exact(Percent(80))), owns("c", "t3"),
                rel(.controls, "s", "t0"),
            ])
        let paths = search(g).exposure(of: g.index(of: "s")!).paths
        #expect(
            paths.map { $0.nodes.map { g.id($0) } } == [
                ["s", "t0"], ["s", "b", "t2"], ["s", "c", "t3"], ["s", "a", "t1"],
            ])
        #expect(paths.map(\.strength.description) == ["1", "0.8", "0.8", "0.6"])
    }

    @Test func strengthBoundsForRangesAndUnknownShares() {
        let g = exposureGraph(
            [E("s"), E("a"), E("t", "RU"), E("u", "RU")],
            [
                owns("s", "a", .exact(Percent(90))),
                owns("a", "t", .range(ShareRange(min: Percent(50), max: Percent(75)))),
                owns("a", "u", .unknown),
            ])
        let paths = search(g).exposure(of: g.index(of: "s")!).paths
        #expect(paths.map { g.id($0.target) } == ["t", "u"])
        #expect(
            paths[0].strength
                == PathStrength(minimum: Decimal(string: "0.45")!, maximum: Decimal(string: "0.675")!, isExact: false))
        #expect(paths[1].strength == PathStrength(minimum: 0, maximum: Decimal(string: "0.9")!, isExact: false))
        #expect(paths[0].strength.description == "0.45–0.675")
    }

    @Test func limitKeepsTheShortestAndSaysItTruncated() {
        var entities = [E("s"), E("t0", "RU")]
        var rels = [owns("s", "t0")]
        for i in 1...5 {
            entities += [E("m\(i)"), E("t\(i)", "RU")]
            rels += [owns("s", "m\(i)"), owns("m\(i)", "t\(i)")]
        }
        let g = exposureGraph(entities, rels)
        let r = search(g, limit: 3).exposure(of: g.index(of: "s")!)
        #expect(r.truncated)
        #expect(r.paths.count == 3)
        #expect(r.paths[0].nodes.map { g.id($0) } == ["s", "t0"])
        #expect(r.paths.dropFirst().allSatisfy { $0.hops.count == 2 })
        let full = search(g, limit: 6).exposure(of: g.index(of: "s")!)
        #expect(!full.truncated)
        #expect(full.paths.count == 6)
        #expect(search(g).countPaths(from: g.index(of: "s")!, cap: 4) == 4)
    }

    @Test func kindMask() {
        let g = exposureGraph([E("s"), E("a"), E("t", "RU")], [owns("s", "a"), pays("a", "t", on: "2022-01-01")])
        #expect(pathIDs(search(g, kinds: RelationshipKindSet([.owns])), "s").isEmpty)
        #expect(pathIDs(search(g, kinds: RelationshipKindSet([.owns, .pays])), "s") == [["s", "a", "t"]])
    }

    @Test func lazySequenceYieldsByLength() {
        let g = exposureGraph(
            [E("s"), E("a"), E("b"), E("t", "RU"), E("u", "RU")],
            [
                owns("s", "a"), owns("a", "b"), owns("b", "t"), owns("s", "u"),
            ])
        let s = search(g)
        let seq = s.paths(from: g.index(of: "s")!)
        #expect(seq.map { $0.count - 1 } == [1, 3])
        var it = s.paths(from: g.index(of: "s")!).makeIterator()
        #expect(it.next().map { $0.map { g.id(Int($0)) } } == ["s", "u"])
    }
}

@Suite struct TargetsTests {
    @Test func jurisdictionReasonsAndSubdivisionEntries() {
        let g = exposureGraph(
            [
                E("irk", "RU-IRK"), E("ru", "RU"), E("crimea", "UA-43"), E("donetsk", "UA-14"), E("kyiv", "UA-30"),
                E("none", nil),
            ], [])
        let t = TargetSet(graph: g, policy: Policy(jurisdictions: ["RU", "UA-43"]), asOf: nil)
        #expect(t.reasons(for: g.index(of: "irk")!).map(\.code) == ["jurisdiction:RU via RU-IRK"])
        #expect(t.reasons(for: g.index(of: "ru")!).map(\.code) == ["jurisdiction:RU"])
        #expect(t.reasons(for: g.index(of: "crimea")!).map(\.code) == ["jurisdiction:UA-43"])
        #expect(!t.contains(g.index(of: "donetsk")!))
        #expect(!t.contains(g.index(of: "kyiv")!))
        #expect(!t.contains(g.index(of: "none")!))
        #expect(t.count == 3)
        #expect(t.members.map { g.id($0) } == ["irk", "ru", "crimea"])
    }

    @Test func listsThePolicyCountsAndExtraTargets() {
        let g = exposureGraph(
            [
                E(
                    "p", "RU",
                    [
                        Designation(list: "OFAC-SDN", listed: day("2022-04-05")),
                        Designation(list: "EU-FSF", listed: day("2022-04-08")),
                    ]),
                E("q", "AE", [Designation(list: "UK-HMT")]), E("r", "AE"),
            ], [])
        let t = TargetSet(
            graph: g, policy: Policy(jurisdictions: ["RU"], lists: ["OFAC-SDN", "EU-FSF"]), asOf: day("2022-04-06"),
            extra: [g.index(of: "r")!: [.derived(regime: "ofac", status: .blocked, basis: .ownership, by: ["p"])]])
        #expect(t.reasons(for: g.index(of: "p")!).map(\.code) == ["jurisdiction:RU", "list:OFAC-SDN since 2022-04-05"])
        #expect(!t.contains(g.index(of: "q")!))
        #expect(t.reasons(for: g.index(of: "r")!).map(\.code) == ["derived:ofac ownership by p"])
        #expect(t.severity(of: g.index(of: "r")!) == .derived)
        let everyList = TargetSet(graph: g, policy: Policy(jurisdictions: []), asOf: nil)
        #expect(everyList.reasons(for: g.index(of: "q")!).map(\.code) == ["list:UK-HMT (listing date unknown)"])
        #expect(
            everyList.reasons(for: g.index(of: "q")!) == [
                .list(code: "UK-HMT", since: nil, until: nil, dateUnknown: true)
            ])
        #expect(
            everyList.reasons(for: g.index(of: "p")!).map(\.code) == [
                "list:EU-FSF since 2022-04-08", "list:OFAC-SDN since 2022-04-05",
            ])
    }
}
