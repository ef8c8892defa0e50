import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphMatch

/// `sameAs` / `notSameAs` judgements in the merge (``IdentifierMerge``).
@Suite struct JudgementTests {
    static let lei = "529900T8BM49AURSDO55"

    func company(_ id: String, _ file: String, lei: String? = nil, _ b: inout GraphBuilder) {
        b.add(
            Entity(id: id, kind: .company, name: "Baltic \(id)", identifiers: lei.map { ["LEI": $0] } ?? [:]),
            at: SourceLocation(file: file, line: 1))
    }

    @Test func sameAsMergesRecordsNoIdentifierJoins() throws {
        var b = GraphBuilder()
        company("a", "x.yaml", &b)
        company("b", "x.yaml", &b)  // the same file: identifiers would never merge these
        company("c", "y.yaml", &b)
        b.add(
            Relationship(kind: .owns, source: "c", target: "b", share: .exact(Percent(30))),
            at: SourceLocation(file: "y.yaml", line: 2))
        b.judge(Judgement(.sameAs, ["b", "a"]), at: SourceLocation(file: "j.yaml", line: 1))
        let result = IdentifierMerge.merge(b.build().graph)
        #expect(result.groups == [MergeGroup(id: "a", members: ["a", "b"], evidence: [], judged: true)])
        let g = result.graph
        #expect(g.entityCount == 2 && g.index(of: "b") == nil)
        #expect(g.id(g.target(0)) == "a")
        let a = g.entity(g.index(of: "a")!)
        // the judgement names only itself now
        #expect(a.aliases == ["Baltic b"] && a.attributes == ["merged.from": "b"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func notSameAsKeepsAnIdentifierMatchApartAndStaysAppliedAfterMerging() throws {
        var b = GraphBuilder()
        company("a", "1.yaml", lei: Self.lei, &b)
        company("b", "2.json", lei: Self.lei, &b)
        company("c", "3.json", lei: Self.lei.lowercased(), &b)
        b.judge(Judgement(.notSameAs, ["b", "c"]), at: SourceLocation(file: "j.yaml", line: 1))
        let result = IdentifierMerge.merge(b.build().graph)
        // b joins a; c may not join the party b is in.
        #expect(result.groups == [MergeGroup(id: "a", members: ["a", "b"], evidence: ["LEI:\(Self.lei)"])])
        #expect(
            result.diagnostics.map(\.description) == [
                "3.json:1 (c): warning: notSameAs: 'c' shares LEI:\(Self.lei) with 'a', but they are judged not the same (notSameAs): kept apart"
            ])
        let g = result.graph
        #expect(g.attributes(g.index(of: "c")!)["judgement.notSameAs"] == "a")  // b is a now
        #expect(g.attributes(g.index(of: "a")!)["judgement.notSameAs"] == "c")
        // Merged again (a snapshot loaded): nothing more merges, the pair stays apart.
        let again = IdentifierMerge.merge(g)
        #expect(again.groups.isEmpty && again.graph.entityCount == 2)
        #expect(again.diagnostics.count == 1 && again.diagnostics[0].message.contains("judged not the same"))
    }

    @Test func notSameAsHoldsAgainstAChainOfSameAsAndIdentifiers() throws {
        var b = GraphBuilder()
        company("a", "1.yaml", lei: Self.lei, &b)
        company("b", "2.yaml", &b)
        company("c", "3.yaml", lei: Self.lei, &b)
        b.judge(Judgement(.sameAs, ["a", "b"]), at: SourceLocation(file: "j.yaml", line: 1))
        b.judge(Judgement(.notSameAs, ["b", "c"]), at: SourceLocation(file: "j.yaml", line: 2))
        let result = IdentifierMerge.merge(b.build().graph)
        #expect(result.groups == [MergeGroup(id: "a", members: ["a", "b"], evidence: [], judged: true)])
        #expect(result.graph.index(of: "c") != nil)
        #expect(result.diagnostics.first?.field == "notSameAs")
    }

    /// Judgement attributes written by hand can contradict each other (the builder's checks are not on that path):
    /// the notSameAs holds and the sameAs is reported.
    @Test func handWrittenContradictionKeepsThePairApart() {
        var b = GraphBuilder()
        b.add(
            Entity(
                id: "a", kind: .company, name: "A", attributes: ["judgement.sameAs": "b", "judgement.notSameAs": "b"]),
            at: SourceLocation(file: "1.yaml", line: 1))
        b.add(Entity(id: "b", kind: .company, name: "B"), at: SourceLocation(file: "1.yaml", line: 2))
        let result = IdentifierMerge.merge(b.build().graph)
        #expect(result.groups.isEmpty)
        #expect(
            result.diagnostics.map(\.message) == [
                "sameAs 'a' and 'b' not applied: it would join records judged not the same (notSameAs)"
            ])
    }

    @Test func judgementsNamingUnknownIDsAreIgnoredByTheMerge() {
        var b = GraphBuilder()
        b.add(
            Entity(
                id: "a", kind: .company, name: "A",
                attributes: ["judgement.sameAs": "gone", "judgement.notSameAs": "gone;a"]),
            at: SourceLocation(file: "1.yaml", line: 1))
        let result = IdentifierMerge.merge(b.build().graph)
        #expect(result.groups.isEmpty && result.diagnostics.isEmpty && result.graph.entityCount == 1)
    }
}
