import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation
import CorpGraphTestSupport
import Testing

@Suite struct EntityReportTests {
    let g = Seed.dataset.graph

    @Test func factsOfTheExchange() throws {
        let v = try #require(g.index(of: "exchange-a"))
        let r = EntityReport(g, entity: v, asOf: CalendarDate(parsing: "2022-12-01")!)
        let json = r.encoded(.json)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(o["id"] as? String == "exchange-a")
        #expect(o["jurisdiction"] as? String == "JP")
        #expect(o["aliases"] as? [String] == ["あおぞら取引所"])
        let rels = try #require(o["relationships"] as? [String: [String: Int]])
        #expect(rels["owns"]?["out"] == g.outRelationships(v).filter { g.kind(ofRelationship: Int($0)) == .owns }.count)
        #expect(r.encoded(.text).hasPrefix("Aozora Exchange K.K. (あおぞら取引所株式会社) [exchange-a], exchange, JP"))
        #expect(r.encoded(.csv).contains("alias,,あおぞら取引所\n"))
    }

    @Test func designationsSayWhetherInForce() throws {
        let listed = try #require((0..<g.entityCount).first { g.designations($0).contains { $0.listed != nil } })
        let d = try #require(g.designations(listed).first { $0.listed != nil })
        let before = EntityReport(g, entity: listed, asOf: CalendarDate(year: d.listed!.year - 1, month: 1, day: 1)!)
            .json
        let on = EntityReport(g, entity: listed, asOf: d.listed!).json
        guard case .object(let b) = before, case .array(let bd)? = b["designations"],
            case .object(let first)? = bd.first,
            case .object(let o) = on, case .array(let od)? = o["designations"], case .object(let firstOn)? = od.first
        else {
            Issue.record("no designations"); return
        }
        #expect(first["inForce"] == .bool(false))
        #expect(firstOn["inForce"] == .bool(d.isInForce(on: d.listed!)))
    }

    @Test func adjacentPagesCoverEveryRelationshipOnce() throws {
        let v = try #require(g.index(of: "a-sg-shell"))
        let all = AdjacentReport(g, entity: v, query: AdjacentQuery(limit: 500))
        #expect(all.total == g.outRelationships(v).count + g.inRelationships(v).count)
        var seen: [Int] = []
        var offset = 0
        while true {
            let page = AdjacentReport(g, entity: v, query: AdjacentQuery(limit: 2, offset: offset))
            seen += page.rows.map(\.relationship)
            guard let next = page.nextOffset else { break }
            offset = next
        }
        #expect(seen == all.rows.map(\.relationship))
        #expect(Set(seen).count == all.total)
        // Outgoing before incoming.
        let firstIn = all.rows.firstIndex { !$0.outgoing } ?? all.rows.count
        #expect(all.rows[firstIn...].allSatisfy { !$0.outgoing })
    }

    @Test func adjacentFiltersKindDirectionAndDate() throws {
        let v = try #require(g.index(of: "a-sg-shell"))
        let pays = AdjacentReport(
            g, entity: v, query: AdjacentQuery(kinds: RelationshipKindSet([.pays]), direction: .down, limit: 500))
        #expect(pays.rows.allSatisfy { $0.outgoing && g.kind(ofRelationship: $0.relationship) == .pays })
        #expect(pays.counts[.pays]?.out == pays.total)
        let early = AdjacentReport(
            g, entity: v,
            query: AdjacentQuery(
                kinds: RelationshipKindSet([.pays]), direction: .down,
                asOf: CalendarDate(parsing: "2022-06-01")!, limit: 500))
        #expect(early.total < pays.total)
        #expect(early.rows.allSatisfy { g.isValid($0.relationship, on: CalendarDate(parsing: "2022-06-01")!) })
    }

    @Test func validationReportCountsDiagnostics() {
        let r = ValidationReport(Seed.dataset)
        #expect(r.isValid)
        #expect(r.encoded(.text).contains("valid: \(g.entityCount) entities"))
        #expect(r.encoded(.csv).hasPrefix("severity,file,line,record,field,message,reason,effect\n"))
    }
}
