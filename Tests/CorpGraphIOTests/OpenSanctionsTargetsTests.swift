import CorpGraph
import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraphIO

@Suite struct OpenSanctionsTargetsTests {
    @Test func designationsOnMatchingIds() throws {
        var builder = GraphBuilder()
        builder.add(Entity(id: "p-owner", kind: .person, name: "Ivan Example"), at: SourceLocation(file: "seed"))
        builder.add(Entity(id: "co-sg", kind: .company, name: "Example Routing"), at: SourceLocation(file: "seed"))
        let path = "formats/opensanctions/targets.simple.csv"
        OpenSanctionsTargetsReader.read(
            [UInt8](try #require(FileManager.default.contents(atPath: fixture(path)))),
            file: path, into: &builder)
        let (g, d) = builder.build()
        let p = Array(g.designations(try #require(g.index(of: "p-owner"))))
        #expect(
            p == [
                Designation(list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: CalendarDate(parsing: "2022-04-05")),
                Designation(
                    list: "EU-FSF", program: "EU-UKR", listed: CalendarDate(parsing: "2023-12-18"),
                    delisted: CalendarDate(parsing: "2025-12-31")),
            ])
        // Undated: first seen on the row's first_seen date.
        #expect(
            Array(g.designations(try #require(g.index(of: "co-sg")))) == [
                Designation(list: "UK-HMT", firstSeen: CalendarDate(parsing: "2023-01-01"))
            ])
        #expect(
            d.contains {
                $0.severity == .warning && $0.message.hasPrefix("2 records") && $0.message.contains("'missing-1'")
            })
        #expect(d.contains { $0.severity == .error && $0.field == "id" && $0.location?.line == 6 })
    }

    /// Rows naming several lists (issue #11 item 3): each sanctions value goes to the list its program belongs to,
    /// never to the first list by position. Hand-checked programs in the shapes OpenSanctions writes.
    @Test func multiListRowsAttributeEachProgramToItsList() {
        let d = { (s: String) in CalendarDate(parsing: s)! }
        let euAndOFAC = ["EU Financial Sanctions Files (FSF)", "US OFAC Specially Designated Nationals (SDN) List"]
        #expect(
            OpenSanctionsTargetsReader.designationsFor(
                sanctions: [
                    "UKR - Council Regulation (EU) No 269/2014 - 2022-04-08", "RUSSIA-EO14024 - Active - 2022-04-05",
                ],
                programIDs: [], datasets: euAndOFAC) == [
                    Designation(list: "EU-FSF", program: "UKR", listed: d("2022-04-08")),
                    Designation(list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: d("2022-04-05")),
                ])
        // The OFAC list first on the row changes nothing: an EU programme code is never OFAC's.
        #expect(
            OpenSanctionsTargetsReader.designationsFor(
                sanctions: ["RUS - 2022-02-28"], programIDs: [],
                datasets: euAndOFAC.reversed()
            ).map(\.list) == ["EU-FSF"])
        #expect(
            OpenSanctionsTargetsReader.designationsFor(
                sanctions: ["Council Decision (CFSP) 2022/265 - 2022-02-23"], programIDs: [],
                datasets: euAndOFAC.reversed()
            ).map(\.list) == ["EU-FSF"])
        // UK, UN and OFAC on one row; "(EU Exit)" is the UK's, not the EU's.
        let three = [
            "UK Sanctions List", "UN Security Council Consolidated List",
            "US OFAC Specially Designated Nationals (SDN) List",
        ]
        #expect(
            OpenSanctionsTargetsReader.designationsFor(
                sanctions: [
                    "The Russia (Sanctions) (EU Exit) Regulations 2019 - 2022-04-13", "UNSCR 1718 (2006) - 2016-03-02",
                    "SDGT - 2019-01-01", "Executive Order 13224 - 2019-01-02",
                ],
                programIDs: [], datasets: three
            ).map(\.list) == ["UK-FCDO", "UN-SC", "OFAC-SDN", "OFAC-SDN"])
        // A program no rule knows takes the one list no other value claimed.
        let seco = ["SECO Sanctions", "US OFAC Specially Designated Nationals (SDN) List"]
        #expect(
            OpenSanctionsTargetsReader.designationsFor(
                sanctions: [
                    "Ordinance of 4 March 2022 on measures in connection with the situation in Ukraine - 2022-03-04",
                    "CYBER2 - 2021-04-15",
                ],
                programIDs: [], datasets: seco
            ).map(\.list) == ["CH-SECO", "OFAC-SDN"])
        // Two unknown programs and two unclaimed lists: not guessed.
        let r = OpenSanctionsTargetsReader.attribute(
            sanctions: ["Some measure - 2022-01-01", "Another measure"],
            programIDs: [], datasets: seco + ["UK Sanctions List"])
        #expect(r.designations.map(\.list) == ["OS-TARGET", "OS-TARGET"])
        #expect(r.unattributed == ["Some measure", "Another measure"])
        // A program id of an authority whose main list is not on the row: that authority's other list.
        #expect(OpenSanctionsTargetsReader.list(ofProgram: "EU-UKR", among: ["EU-MAP", "OFAC-SDN"]) == "EU-MAP")
        #expect(OpenSanctionsTargetsReader.list(ofProgram: "EU-UKR", among: ["UK-HMT", "OFAC-SDN"]) == nil)
        // One list on the row: every value is on it, whatever its program.
        #expect(
            OpenSanctionsTargetsReader.designationsFor(
                sanctions: ["UKR - 2022-04-08"], programIDs: [],
                datasets: ["US OFAC Specially Designated Nationals (SDN) List"]
            ).map(\.list) == ["OFAC-SDN"])
    }

    @Test func unattributedProgramsAreReportedOncePerFile() {
        let csv = """
            id,schema,name,sanctions,dataset
            a,Person,A,Some measure;Another measure,SECO Sanctions;UK Sanctions List;US OFAC Specially Designated Nationals (SDN) List
            b,Person,B,Third measure;Fourth measure,SECO Sanctions;UK Sanctions List
            """
        var builder = GraphBuilder()
        for id in ["a", "b"] {
            builder.add(Entity(id: id, kind: .person, name: id.uppercased()), at: SourceLocation(file: "seed"))
        }
        OpenSanctionsTargetsReader.read(Array(csv.utf8), file: "t.csv", into: &builder)
        let (g, d) = builder.build()
        #expect(g.designations(g.index(of: "a")!).map(\.list) == ["OS-TARGET", "OS-TARGET"])
        let w = d.filter { $0.field == "sanctions" }
        #expect(w.count == 1)
        #expect(w.first?.message.hasPrefix("2 rows name several lists") == true)
        #expect(w.first?.message.contains("'Some measure', 'Another measure'") == true)
        #expect(w.first?.location?.line == 2)
    }

    @Test func csvQuotingAndMultiValues() throws {
        let rows = try SimpleCSV.parse(Array("a,b\n\"x, \"\"y\"\"\",\"line\nbreak\"\nlast,1".utf8))
        #expect(rows.map(\.fields) == [["a", "b"], ["x, \"y\"", "line\nbreak"], ["last", "1"]])
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(SimpleCSV.splitMulti("a;\"b;c\";d") == ["a", "b;c", "d"])
        #expect(throws: SimpleCSV.Failure.self) { try SimpleCSV.parse(Array("a,\"open\n".utf8)) }
    }
}
