import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphMatch

@Suite struct MergeTests {
    func graph() -> Graph {
        var b = GraphBuilder()
        b.add(
            Entity(
                id: "baltic", kind: .company, name: "Baltic Trading Ltd", jurisdiction: "GB",
                identifiers: ["LEI": "529900T8BM49AURSDO55"], tags: ["counterparty"]),
            at: SourceLocation(file: "a.yaml", line: 1))
        b.add(Entity(id: "owner", kind: .person, name: "Olga Ivanova"), at: SourceLocation(file: "a.yaml", line: 2))
        b.add(
            Entity(
                id: "529900T8BM49AURSDO55", kind: .company, name: "BALTIC TRADING LIMITED", jurisdiction: "GB",
                identifiers: ["LEI": "529900t8bm49aursdo55"]), at: SourceLocation(file: "b.json", line: 1))
        b.add(
            Entity(
                id: "os-baltic", kind: .company, name: "Baltic Trading Ltd.", aliases: ["Балтик Трейдинг"],
                jurisdiction: "CY",
                identifiers: ["LEI": "529900T8BM49AURSDO55", "RU-INN": "7707083893"],
                designations: [Designation(list: "OFAC-SDN")]), at: SourceLocation(file: "c.json", line: 1))
        // Same LEI within one file: not merged (only records of different inputs are).
        b.add(
            Entity(id: "dup", kind: .company, name: "Other", identifiers: ["LEI": "5493001KJTIIGC8Y1R12"]),
            at: SourceLocation(file: "a.yaml", line: 3))
        b.add(
            Entity(id: "dup2", kind: .company, name: "Other 2", identifiers: ["LEI": "5493001KJTIIGC8Y1R12"]),
            at: SourceLocation(file: "a.yaml", line: 4))
        // A weak scheme never merges.
        b.add(
            Entity(id: "reg1", kind: .company, name: "R1", identifiers: ["registrationNumber": "123"]),
            at: SourceLocation(file: "a.yaml", line: 5))
        b.add(
            Entity(id: "reg2", kind: .company, name: "R2", identifiers: ["registrationNumber": "123"]),
            at: SourceLocation(file: "b.json", line: 2))
        b.add(
            Relationship(kind: .owns, source: "owner", target: "os-baltic", share: .exact(Percent(40))),
            at: SourceLocation(file: "c.json", line: 2))
        b.add(
            Relationship(kind: .pays, source: "baltic", target: "529900T8BM49AURSDO55", amount: 5, currency: "USD"),
            at: SourceLocation(file: "a.yaml", line: 6))
        return b.build().graph
    }

    @Test func strongIdentifierAcrossInputsMergesOneParty() throws {
        let result = IdentifierMerge.merge(graph())
        let g = result.graph
        #expect(
            result.groups == [
                MergeGroup(
                    id: "baltic", members: ["baltic", "529900T8BM49AURSDO55", "os-baltic"],
                    evidence: ["LEI:529900T8BM49AURSDO55"])
            ])
        #expect(g.entityCount == 6)
        let v = try #require(g.index(of: "baltic"))
        let e = g.entity(v)
        #expect(e.aliases == ["BALTIC TRADING LIMITED", "Baltic Trading Ltd.", "Балтик Трейдинг"])
        #expect(e.identifiers["RU-INN"] == "7707083893")
        #expect(e.designations.map(\.list) == ["OFAC-SDN"])
        #expect(e.tags == ["counterparty"])
        #expect(e.jurisdiction == "GB")
        #expect(e.attributes["merged.from"] == "529900T8BM49AURSDO55;os-baltic")
        #expect(g.index(of: "os-baltic") == nil)
        // The ownership moved to the kept id; the payment between two merged records is left out and reported.
        #expect(g.relationshipCount == 1 && g.id(g.target(0)) == "baltic")
        #expect(result.diagnostics.contains { $0.field == "jurisdiction" && $0.message.contains("CY ≠ GB") })
        #expect(result.diagnostics.contains { $0.message.contains("self-loop") })
        #expect(g.index(of: "dup") != nil && g.index(of: "dup2") != nil && g.index(of: "reg2") != nil)
    }

    @Test func nothingToMergeKeepsTheGraph() {
        let g = matchGraph()
        let r = IdentifierMerge.merge(g)
        #expect(r.groups.isEmpty && r.diagnostics.isEmpty && r.graph.entityCount == g.entityCount)
    }
}
