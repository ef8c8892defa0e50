import CorpGraphTestSupport
import Testing
@testable import CorpGraph

func makeGraph(_ entities: [(String, EntityKind, String?)], _ relationships: [Relationship]) -> (Graph, [Diagnostic]) {
    var b = GraphBuilder()
    for (i, (id, kind, j)) in entities.enumerated() {
        b.add(
            Entity(id: id, kind: kind, name: id.uppercased(), jurisdiction: j),
            at: SourceLocation(file: "t.yaml", line: i + 1))
    }
    for (i, r) in relationships.enumerated() { b.add(r, at: SourceLocation(file: "t.yaml", line: 100 + i)) }
    return b.build()
}

@Suite struct GraphTests {
    @Test func csrIsSortedAndComplete() {
        let (g, d) = makeGraph(
            [("a", .company, "JP"), ("b", .company, "SG"), ("c", .company, "RU-IRK")],
            [
                Relationship(kind: .pays, source: "a", target: "c", amount: 5, currency: "USD"),
                Relationship(kind: .owns, source: "a", target: "b", share: .exact(Percent(100))),
                Relationship(kind: .pays, source: "a", target: "b", amount: 7, currency: "USDT"),
                Relationship(kind: .owns, source: "b", target: "c", share: .exact(Percent(60))),
            ])
        #expect(d.isEmpty)
        let a = g.index(of: "a")!, b = g.index(of: "b")!, c = g.index(of: "c")!
        #expect(Array(g.outNeighbours(a)).map(Int.init) == [b, b, c])
        #expect(Array(g.outRelationships(a)).map(Int.init) == [1, 2, 0])
        #expect(Array(g.inNeighbours(c)).map(Int.init) == [a, b])
        #expect(g.outNeighbours(c).isEmpty)
        #expect(g.share(3) == .exact(Percent(60)))
        #expect(g.share(0) == nil)
        #expect(g.currency(2) == "USDT")
        #expect(g.jurisdiction(c) == "RU-IRK")
        #expect(g.relationship(2).amount == 7)
        #expect(g.entity(a).name == "A")
    }

    @Test func reportsDanglingSelfLoopAndDuplicates() {
        var b = GraphBuilder()
        b.add(Entity(id: "a", kind: .company, name: "A"), at: SourceLocation(file: "x.yaml", line: 3))
        b.add(Entity(id: "a", kind: .company, name: "A"), at: SourceLocation(file: "y.yaml", line: 9))  // same: fine
        b.add(Entity(id: "a", kind: .person, name: "A"), at: SourceLocation(file: "z.yaml", line: 4))  // differs
        b.add(Entity(id: "bravo", kind: .company, name: "B"), at: SourceLocation(file: "x.yaml", line: 5))
        b.add(Relationship(kind: .owns, source: "a", target: "a"), at: SourceLocation(file: "x.yaml", line: 7))
        b.add(Relationship(kind: .owns, source: "a", target: "brav0"), at: SourceLocation(file: "x.yaml", line: 8))
        b.add(Relationship(kind: .owns, source: "a", target: "bravo"), at: SourceLocation(file: "x.yaml", line: 10))
        let (g, d) = b.build()
        #expect(g.entityCount == 2)
        #expect(g.relationshipCount == 1)
        #expect(g.kind(g.index(of: "a")!) == .company)
        let text = d.map(\.description)
        #expect(
            text.contains(
                "z.yaml:4: error: id: duplicate id 'a' with different content; first defined at x.yaml:3 (record left out); to add facts to it from this file, write 'extends: a' instead of 'id: a'"
            ))
        #expect(text.contains { $0.hasPrefix("x.yaml:7: error: target: self-loop") })
        #expect(
            text.contains(
                "x.yaml:8: error: target: unknown entity id 'brav0' (dangling reference; relationship left out); did you mean 'bravo'?"
            ))
    }

    @Test func forwardReferencesResolveAtBuild() {
        var b = GraphBuilder()
        b.add(
            Relationship(kind: .owns, source: "p", target: "q", share: .exact(Percent(30))),
            at: SourceLocation(file: "f", line: 1))
        b.add(Entity(id: "q", kind: .company, name: "Q"), at: SourceLocation(file: "f", line: 2))
        b.add(Entity(id: "p", kind: .person, name: "P"), at: SourceLocation(file: "f", line: 3))
        let (g, d) = b.build()
        #expect(d.isEmpty)
        #expect(g.source(0) == g.index(of: "p"))
        #expect(g.target(0) == g.index(of: "q"))
    }

    @Test func asOfValidity() {
        let (g, _) = makeGraph(
            [("a", .company, nil), ("b", .site, nil), ("c", .company, nil)],
            [
                Relationship(kind: .operates, source: "a", target: "b", end: CalendarDate(parsing: "2022-06-30")),
                Relationship(
                    kind: .pays, source: "a", target: "c", amount: 1, currency: "USD",
                    date: CalendarDate(parsing: "2022-05-16")),
            ])
        #expect(g.isValid(0, on: CalendarDate(parsing: "2022-06-30")!))
        #expect(!g.isValid(0, on: CalendarDate(parsing: "2022-07-01")!))
        #expect(!g.isValid(1, on: CalendarDate(parsing: "2022-05-15")!))
        #expect(g.isValid(1, on: CalendarDate(parsing: "2022-05-16")!))
    }

    @Test func overOwnershipIsFoundPerDate() {
        let d = { (s: String) in CalendarDate(parsing: s) }
        let (g, _) = makeGraph(
            [("x", .person, nil), ("y", .person, nil), ("c", .company, nil), ("ok", .company, nil)],
            [
                // Successive holdings: 60 % until 2021, then 70 %: never more than 100 together with y's 40 %? 70+40 = 110 from 2022.
                Relationship(kind: .owns, source: "x", target: "c", share: .exact(Percent(60)), end: d("2021-12-31")),
                Relationship(kind: .owns, source: "x", target: "c", share: .exact(Percent(70)), start: d("2022-01-01")),
                Relationship(kind: .owns, source: "y", target: "c", share: .exact(Percent(40)), start: d("2020-01-01")),
                // A duplicated record of the same holding is not double-counted.
                Relationship(kind: .owns, source: "x", target: "ok", share: .exact(Percent(60))),
                Relationship(kind: .owns, source: "x", target: "ok", share: .exact(Percent(60))),
                Relationship(kind: .owns, source: "y", target: "ok", share: .exact(Percent(40))),
            ])
        let problems = DatasetChecks.overOwnedCompanies(g)
        #expect(problems.count == 1)
        #expect(problems[0].severity == .warning)
        #expect(
            problems[0].message.contains(
                "owners of 'c' hold 110 % in total (holdings in force on 2022-01-01: x 70, y 40)"))
    }

    @Test func cyclesAndComponents() {
        let (g, _) = makeGraph(
            [
                ("a", .company, nil), ("b", .company, nil), ("c", .company, nil), ("d", .company, nil),
                ("e", .company, nil),
            ],
            [
                Relationship(kind: .owns, source: "a", target: "b", share: .exact(Percent(50))),
                Relationship(kind: .owns, source: "b", target: "c", share: .exact(Percent(50))),
                Relationship(kind: .owns, source: "c", target: "a", share: .exact(Percent(10))),
                Relationship(kind: .pays, source: "d", target: "a"),
            ])
        #expect(StronglyConnectedComponents.cycles(in: g) == [[0, 1, 2]])
        #expect(StronglyConnectedComponents.cycles(in: g, kinds: [RelationshipKindSet([.pays])]).isEmpty)
        let w = StronglyConnectedComponents.weakComponents(of: g)
        #expect(w.count == 2)
        #expect(w.component[3] == w.component[0])
        #expect(w.component[4] != w.component[0])
    }
}
