import CorpGraph
import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraphIO

@Suite struct GLEIFTests {
    func read(_ path: String) throws -> (graph: Graph, diagnostics: [Diagnostic]) {
        try readFormat(path) { GLEIFReader.read($0, file: $1, into: &$2) }
    }

    @Test func relationshipTypesAndDirections() throws {
        let (g, d) = try read("formats/gleif/rr.json")
        // Parent controls child (the file says child IS_..._CONSOLIDATED_BY parent).
        let direct = relationships(g, from: "PARENTLEI00000000001", to: "CHILDLEI000000000001")
        #expect(direct.count == 2)
        let control = try #require(direct.first { $0.kind == .controls })
        #expect(control.controlType == "accountingConsolidation")
        #expect(control.start == CalendarDate(parsing: "2020-01-01"))
        #expect(control.attributes["gleif.accountingStandard"] == "IFRS")
        #expect(control.attributes["gleif.accountingPeriod"] == "2022-01-01/2022-12-31")
        let owns = try #require(direct.first { $0.kind == .owns })
        #expect(owns.share == .exact(Percent(units: 755_000)) && owns.basis == "accountingConsolidation")
        let ultimate = try #require(relationships(g, from: "ULTIMATELEI000000001", to: "CHILDLEI000000000001").first)
        #expect(
            ultimate.controlType == "ultimateAccountingConsolidation"
                && ultimate.attributes["declaredIndirect"] == "true")
        let managed = try #require(relationships(g, from: "MANAGERLEI0000000001", to: "FUNDLEI0000000000001").first)
        #expect(managed.controlType == "fundManagement" && managed.end == CalendarDate(parsing: "2021-06-30"))
        #expect(
            relationships(g, from: "UMBRELLALEI000000001", to: "FUNDLEI0000000000001").first?.controlType
                == "umbrellaFund")
        // The one type whose holder is the StartNode: the feeder holds units of the master fund.
        let feeder = try #require(relationships(g, from: "FEEDERLEI00000000001", to: "FUNDLEI0000000000001").first)
        #expect(feeder.kind == .owns && feeder.basis == "feederFund" && feeder.share == .unknown)
        #expect(
            relationships(g, from: "PARENTLEI00000000001", to: "BRANCHLEI00000000001").first?.controlType
                == "internationalBranch")
        #expect(relationships(g, from: "CHILDLEI000000000001", to: "PARENTLEI00000000001").isEmpty)
        // Level 1 record replaces the placeholder; the reporting exception is kept on it.
        let parent = g.entity(try #require(g.index(of: "PARENTLEI00000000001")))
        #expect(
            parent.name == "Parent Holdings AG" && parent.jurisdiction == "CH" && parent.aliases == ["Parent Old AG"])
        #expect(parent.attributes["gleif.exception.ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT"] == "NATURAL_PERSONS")
        #expect(parent.tags == ["reporting-exception"])
        let child = g.entity(try #require(g.index(of: "CHILDLEI000000000001")))
        #expect(child.name == "CHILDLEI000000000001" && child.attributes["gleif.placeholder"] == "true")
        // Malformed records name the record and field.
        #expect(
            d.contains {
                $0.field == "Relationship.RelationshipType" && $0.message.contains("IS_SISTER_OF")
                    && $0.location?.line == 12
            })
        #expect(d.contains { $0.field == "Relationship.EndNode.NodeID" && $0.location?.line == 13 })
    }

    @Test func xmlGivesTheSameAsJSON() throws {
        let (g, d) = try read("formats/gleif/rr.xml")
        #expect(d.isEmpty, "\(d)")
        let direct = relationships(g, from: "PARENTLEI00000000001", to: "CHILDLEI000000000001")
        #expect(direct.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.owns, .controls])
        #expect(direct.first { $0.kind == .owns }?.share == .exact(Percent(units: 755_000)))
        #expect(g.location(ofRelationship: 0).line == 4)
    }

    @Test func badXMLIsReported() {
        var b = GraphBuilder()
        GLEIFReader.read(
            Array("<rr:RelationshipData><rr:RelationshipRecord></rr:Relationship>".utf8), file: "x.xml", into: &b)
        #expect(b.diagnostics.first?.message.hasPrefix("invalid XML") == true)
    }
}
