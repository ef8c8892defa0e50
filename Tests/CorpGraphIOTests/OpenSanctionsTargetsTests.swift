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
        OpenSanctionsTargetsReader.read([UInt8](try #require(FileManager.default.contents(atPath: fixture(path)))),
                                        file: path, into: &builder)
        let (g, d) = builder.build()
        let p = Array(g.designations(try #require(g.index(of: "p-owner"))))
        #expect(p == [
            Designation(list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: CalendarDate(parsing: "2022-04-05")),
            Designation(list: "EU-FSF", program: "EU-UKR", listed: CalendarDate(parsing: "2023-12-18"), delisted: CalendarDate(parsing: "2025-12-31")),
        ])
        #expect(Array(g.designations(try #require(g.index(of: "co-sg")))) == [Designation(list: "UK-HMT")])
        #expect(d.contains { $0.severity == .warning && $0.message.hasPrefix("2 records") && $0.message.contains("'missing-1'") })
        #expect(d.contains { $0.severity == .error && $0.field == "id" && $0.location?.line == 6 })
    }

    @Test func csvQuotingAndMultiValues() throws {
        let rows = try SimpleCSV.parse(Array("a,b\n\"x, \"\"y\"\"\",\"line\nbreak\"\nlast,1".utf8))
        #expect(rows.map(\.fields) == [["a", "b"], ["x, \"y\"", "line\nbreak"], ["last", "1"]])
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(SimpleCSV.splitMulti("a;\"b;c\";d") == ["a", "b;c", "d"])
        #expect(throws: SimpleCSV.Failure.self) { try SimpleCSV.parse(Array("a,\"open\n".utf8)) }
    }
}
