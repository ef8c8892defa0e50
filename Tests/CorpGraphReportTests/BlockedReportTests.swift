import CorpGraphTestSupport
import Testing
import CorpGraph
import CorpGraphIO
import CorpGraphReport

/// The blocked report as a value: built from the library, encoded three ways, without the CLI (what the server uses).
@Suite struct BlockedReportTests {
    func graph() -> Graph {
        var b = GraphBuilder()
        b.add(
            Entity(id: "x", kind: .person, name: "X", designations: [Designation(list: "UN-SC")]),
            at: SourceLocation(file: "t"))
        b.add(Entity(id: "a", kind: .company, name: "A"), at: SourceLocation(file: "t"))
        b.add(
            Relationship(kind: .owns, source: "x", target: "a", share: .exact(Percent(60))),
            at: SourceLocation(file: "t"))
        return b.build().0
    }

    @Test("UN-SC counts for the EU and the UK, not for OFAC; one status per regime side by side")
    func sideBySide() throws {
        let g = graph()
        let r = try BlockedReport.build(
            graph: g, regimes: ["ofac", "eu", "uk"], policy: .builtIn,
            asOf: CalendarDate(parsing: "2025-01-01")!)
        #expect(r.regimes.map(\.name) == ["ofac", "eu", "uk"])
        #expect(r.regimes.map(\.lists) == [["OFAC-SDN"], ["EU-FSF", "UN-SC"], ["UK-FCDO", "UK-HMT", "UN-SC"]])
        #expect(r.rows.map(\.id) == ["a", "x"])
        #expect(r.rows[0].statuses.map(\.status) == [.notBlocked, .blocked, .blocked])
        #expect(r.csv().hasPrefix("id,name,kind,ofac,eu,uk,"))
        #expect(r.text().contains("NOT          BLOCKED      BLOCKED      a (A)\n"))
        guard case .object(let o) = r.json(), case .array(let regimes)? = o["regimes"] else {
            Issue.record("expected a regimes array")
            return
        }
        #expect(regimes.count == 3)
    }

    @Test("an unknown regime is a typed error naming the known ones")
    func unknownRegime() {
        #expect(throws: SanctionsAnalysis.UnknownRegime.self) {
            try BlockedReport.build(
                graph: graph(), regimes: ["ofca"], policy: .builtIn, asOf: CalendarDate(parsing: "2025-01-01")!)
        }
    }
}
