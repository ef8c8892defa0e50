import CorpGraph
import CorpGraphTestSupport
import Foundation
import Testing
@testable import CorpGraphIO

/// Exports keep the listing dates of designations, and the bundled Cypher exposure query counts a designation only
/// while it is in force on `$asOf` (issue #11 item 10).
@Suite struct DesignationDatesExportTests {
    static func day(_ s: String) -> CalendarDate { CalendarDate(parsing: s)! }

    /// p: listed 2022-04-05, delisted 2024-01-01 (OFAC) and undated EU first seen 2023-04-20; q: undated, no first-seen
    /// date; r: listed 2025-02-24 (not yet listed in 2024).
    static func graph() -> Graph {
        var b = GraphBuilder()
        let at = SourceLocation(file: "t.yaml", line: 1)
        b.add(
            Entity(
                id: "p", kind: .person, name: "P",
                designations: [
                    Designation(
                        list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: day("2022-04-05"),
                        delisted: day("2024-01-01")),
                    Designation(list: "EU-FSF", firstSeen: day("2023-04-20")),
                ]), at: at)
        b.add(Entity(id: "q", kind: .company, name: "Q", designations: [Designation(list: "UK-HMT")]), at: at)
        b.add(
            Entity(
                id: "r", kind: .company, name: "R",
                designations: [Designation(list: "OFAC-SDN", listed: day("2025-02-24"))]), at: at)
        b.add(Entity(id: "c", kind: .company, name: "C"), at: at)
        return b.build().graph
    }

    @Test func neo4jNodesCarryTheDatesParallelToTheLists() throws {
        let g = Self.graph()
        let files = Neo4jWriter.files(g, policy: Policy(jurisdictions: []))
        let nodes = try SimpleCSV.parse(Array(files[0].contents.utf8))
        let h = nodes[0].fields
        func cell(_ id: String, _ name: String) -> String {
            let row = nodes.first { $0.fields[0] == id }!.fields
            return row[h.firstIndex(of: name)!]
        }
        #expect(cell("p", "designations:string[]") == "OFAC-SDN;EU-FSF")
        #expect(cell("p", "designationListed:string[]") == "2022-04-05;-")
        #expect(cell("p", "designationDelisted:string[]") == "2024-01-01;-")
        #expect(cell("p", "designationFirstSeen:string[]") == "-;2023-04-20")
        #expect(cell("q", "designationListed:string[]") == "-" && cell("q", "designationFirstSeen:string[]") == "-")
        #expect(cell("c", "designationListed:string[]") == "")
    }

    /// The query's designation test, evaluated as Cypher evaluates it (string comparison of ISO dates, `-` for none),
    /// on the exported cells, equals corpgraph's own rule (``Designation/isInForce(on:)``) on every day tried.
    @Test func cypherDesignationTestMatchesTheLibraryOnEveryDay() throws {
        let g = Self.graph()
        let files = Neo4jWriter.files(g, policy: Policy(jurisdictions: []))
        let query = files[4].contents
        // The clauses this test mirrors are the ones shipped.
        for clause in [
            "WITH p, t, toString($asOf) AS day",
            "WHERE ($lists IS NULL OR n.designations[k] IN $lists)",
            "AND n.designationListed[k] <= day",
            "AND (n.designationDelisted[k] = '-' OR n.designationDelisted[k] > day)",
            "AND NOT (n.designationListed[k] = '-' AND n.designationFirstSeen[k] <> '-'",
            "AND n.designationFirstSeen[k] > day))",
        ] {
            #expect(query.contains(clause), "\(clause)")
        }
        let nodes = try SimpleCSV.parse(Array(files[0].contents.utf8))
        let h = nodes[0].fields
        func array(_ row: [String], _ name: String) -> [String] {
            row[h.firstIndex(of: name)!].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        var d = Self.day("2021-12-25")
        var checked = 0
        while d <= Self.day("2025-03-05") {
            let text = d.description
            for row in nodes.dropFirst() {
                let fields = row.fields
                let v = g.index(of: fields[0])!
                let lists = array(fields, "designations:string[]").filter { !$0.isEmpty }
                let listed = array(fields, "designationListed:string[]"),
                    delisted = array(fields, "designationDelisted:string[]")
                let seen = array(fields, "designationFirstSeen:string[]")
                for k in lists.indices {
                    let cypher =
                        listed[k] <= text && (delisted[k] == "-" || delisted[k] > text)
                        && !(listed[k] == "-" && seen[k] != "-" && seen[k] > text)
                    #expect(cypher == g.designations(v)[k].isInForce(on: d), "\(fields[0]) \(lists[k]) on \(d)")
                    checked += 1
                }
            }
            for _ in 0..<5 { d = d.dayAfter! }
        }
        #expect(checked > 500)
    }

    @Test func graphMLKeepsTheDates() {
        let text = GraphMLWriter.write(Self.graph())
        #expect(
            text.contains(
                "<key id=\"designationListed\" for=\"node\" attr.name=\"designationListed\" attr.type=\"string\"/>"))
        #expect(text.contains("<data key=\"designationListed\">2022-04-05;-</data>"))
        #expect(text.contains("<data key=\"designationDelisted\">2024-01-01;-</data>"))
        #expect(text.contains("<data key=\"designationFirstSeen\">-;2023-04-20</data>"))
        #expect(
            !text.contains(
                "<node id=\"c\"><data key=\"label\">C</data><data key=\"kind\">company</data><data key=\"designationListed\">"
            ))
    }

    @Test func ftmRoundTripsTheDates() throws {
        let g = Self.graph()
        let text = FtMWriter.write(g)
        #expect(text.contains("\"first_seen\":\"2023-04-20\""))
        var b = GraphBuilder()
        FollowTheMoneyReader.read(Array(text.utf8), file: "x.ftm.json", into: &b)
        let back = b.build().graph
        for id in ["p", "q", "r"] {
            #expect(
                back.designations(back.index(of: id)!).map {
                    [
                        $0.list, "\($0.listed.map(\.description) ?? "-")", "\($0.delisted.map(\.description) ?? "-")",
                        "\($0.firstSeen.map(\.description) ?? "-")",
                    ]
                }
                    == g.designations(g.index(of: id)!).map {
                        [
                            $0.list, "\($0.listed.map(\.description) ?? "-")",
                            "\($0.delisted.map(\.description) ?? "-")", "\($0.firstSeen.map(\.description) ?? "-")",
                        ]
                    }, "\(id)")
        }
    }

    @Test func nativeJSONRoundTripsFirstSeen() throws {
        let g = Self.graph()
        let json = NativeWriter.write(g, policy: Policy(jurisdictions: []))
        #expect(json.contains("\"firstSeen\": \"2023-04-20\"") || json.contains("\"firstSeen\":\"2023-04-20\""))
        var b = GraphBuilder()
        _ = NativeDataset.read(text: json, file: "x.json", into: &b, registry: nil)
        let back = b.build().graph
        #expect(back.designations(back.index(of: "p")!) == g.designations(g.index(of: "p")!))
    }
}
