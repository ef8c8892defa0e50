import CorpGraphTestSupport
import Testing
@testable import CorpGraph

/// Voting rights (issue #11 item 2): UK blocks on > 50 % of the shares **or** > 50 % of the voting rights, each basis
/// on its own, per designated person, through majority-stake chains; the EU treats a majority of voting rights as
/// control (aggregated across designated persons, like its ownership test); OFAC counts equity only. Hand-checked.
struct VotingCase: CustomTestStringConvertible, Sendable {
    var id: String
    /// (holder, held, share, isVotes)
    var facts: [(String, String, String, Bool)]
    var ofac: Set<String>
    var eu: Set<String>
    var uk: Set<String>
    var testDescription: String { id }

    var graph: Graph {
        var t = TestGraph()
        t.person("X")
        t.person("Y")
        for (a, b, s, v) in facts {
            if v { t.votes(a, b, s) } else { t.owns(a, b, s) }
        }
        return t.graph()
    }
}

let votingCases: [VotingCase] = [
    .init(id: "V1 X 60 % votes of A", facts: [("X", "A", "60", true)], ofac: [], eu: ["A"], uk: ["A"]),
    .init(
        id: "V2 X 30 % shares + 60 % votes of A", facts: [("X", "A", "30", false), ("X", "A", "60", true)],
        ofac: [], eu: ["A"], uk: ["A"]),
    .init(
        id: "V3 X 40 % + Y 20 % votes of A", facts: [("X", "A", "40", true), ("Y", "A", "20", true)],
        ofac: [], eu: ["A"], uk: []),
    .init(
        id: "V4 X 60 % votes of A; A 60 % shares of B", facts: [("X", "A", "60", true), ("A", "B", "60", false)],
        ofac: [], eu: ["A", "B"], uk: ["A", "B"]),
    .init(id: "V5 X 50 % votes of A (not a majority)", facts: [("X", "A", "50", true)], ofac: [], eu: [], uk: []),
    .init(
        id: "V6 X 60 % shares of A; A 60 % votes of B", facts: [("X", "A", "60", false), ("A", "B", "60", true)],
        ofac: ["A"], eu: ["A", "B"], uk: ["A", "B"]),
    .init(
        id: "V7 X 30 % shares + 30 % votes of A (bases never add)",
        facts: [("X", "A", "30", false), ("X", "A", "30", true)],
        ofac: [], eu: [], uk: []),
    .init(
        id: "V8 UK chain: X 51 % shares of A; A 51 % votes of B; B 51 % shares of C",
        facts: [("X", "A", "51", false), ("A", "B", "51", true), ("B", "C", "51", false)],
        ofac: ["A"], eu: ["A", "B", "C"], uk: ["A", "B", "C"]),
]

@Suite("Voting rights per regime")
struct VotingRightsTests {
    @Test("OFAC: equity only", arguments: votingCases)
    func ofac(_ x: VotingCase) throws {
        let g = x.graph
        #expect(derivedBlocked(try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01")), g) == x.ofac)
    }

    @Test("EU: a majority of voting rights is control", arguments: votingCases)
    func eu(_ x: VotingCase) throws {
        let g = x.graph
        #expect(derivedBlocked(try SanctionsAnalysis(graph: g, regime: .eu, asOf: day("2025-01-01")), g) == x.eu)
    }

    @Test("UK: more than 50 % of the shares or of the voting rights", arguments: votingCases)
    func uk(_ x: VotingCase) throws {
        let g = x.graph
        #expect(derivedBlocked(try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01")), g) == x.uk)
    }

    @Test("the entry and the explanation name the voting-rights basis")
    func explained() throws {
        let g = votingCases[1].graph
        let uk = try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01"))
        let a = g.index(of: "A")!
        let e = uk.entry(a)
        #expect(e.status == .blocked && e.basis == .votingRights && e.person == "X")
        #expect(e.votingRights == PercentInterval(exactly: Percent(60)) && e.owners == ["X"])
        let text = uk.explain(a).textLines()
        #expect(text.contains("    voting rights: X (listed) holds 60 % of the votes, counts 60 %"), "\(text)")
        #expect(text.contains("    voting rights counted 60 % vs majority > 50 %: met"))
        #expect(text.contains("    sum counted 30 % vs threshold > 50 %: not met"))
        let ofac = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01"))
        #expect(ofac.explain(a).textLines().contains { $0.contains("basis 'voting' is not share capital") })
    }

    @Test("a voting-rights range gives undetermined")
    func range() throws {
        var t = TestGraph()
        t.person("X")
        t.votes("X", "A", CorpGraphTests.range("40", "60"))
        let g = t.graph()
        let a = g.index(of: "A")!
        #expect(try SanctionsAnalysis(graph: g, regime: .eu, asOf: day("2025-01-01")).status(a) == .undetermined)
        #expect(try SanctionsAnalysis(graph: g, regime: .uk, asOf: day("2025-01-01")).status(a) == .undetermined)
        #expect(try SanctionsAnalysis(graph: g, regime: .ofac, asOf: day("2025-01-01")).status(a) == .notBlocked)
    }
}
