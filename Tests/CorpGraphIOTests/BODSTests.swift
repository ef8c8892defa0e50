import CorpGraph
import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraphIO

@Suite struct BODSTests {
    func read(_ path: String) throws -> (graph: Graph, diagnostics: [Diagnostic]) {
        try readFormat(path) { BODSReader.read($0, file: $1, into: &$2) }
    }

    @Test func everyInterestTypeIsMapped() {
        #expect(BODSReader.interestTable.count == 23)
        #expect(Set(BODSReader.interestTable.keys) == Set(BODSSchema.interestTypes))
        for (type, m) in BODSReader.interestTable {
            #expect((m.kind == .owns) == (m.basis != nil), "\(type)")
            #expect((m.kind == .controls) == (m.controlType != nil), "\(type)")
        }
    }

    @Test func entitiesPersonsAndInterests() throws {
        let (g, d) = try read("formats/bods/mapping.json")
        #expect(d.filter { $0.severity == .error }.isEmpty, "\(d)")
        let a = g.entity(try #require(g.index(of: "ent-a")))
        #expect(a.kind == .company && a.name == "Company A Pte. Ltd." && a.jurisdiction == "SG")
        #expect(a.identifiers["SG-ACRA"] == "201900000X")
        #expect(a.sources.first?.url == "https://example.org/a")
        let b = g.entity(try #require(g.index(of: "ent-b")))
        #expect(b.kind == .organization && b.tags.contains("trust"))
        let p = g.entity(try #require(g.index(of: "person-1")))
        #expect(p.kind == .person && p.name == "Jane Example" && p.jurisdiction == "RU" && p.tags.contains("pep"))
        // One relationship per interest, interestedParty → subject.
        let ba = relationships(g, from: "ent-b", to: "ent-a")
        #expect(ba.count == 3)
        let sh = try #require(ba.first { $0.attributes["bods.interestType"] == "shareholding" })
        #expect(sh.kind == .owns && sh.basis == "equity")
        #expect(sh.share == .range(ShareRange(min: Percent(25), max: Percent(50), maxExclusive: true)))
        #expect(sh.start == CalendarDate(parsing: "2021-03-01"))
        let vr = try #require(ba.first { $0.attributes["bods.interestType"] == "votingRights" })
        #expect(vr.kind == .owns && vr.basis == "voting" && vr.share == .exact(Percent(40)))
        let ab = try #require(ba.first { $0.attributes["bods.interestType"] == "appointmentOfBoard" })
        #expect(ab.kind == .controls && ab.controlType == "boardAppointment")
        // Indirect: declared, with its component records; more than four decimals become a tight interval.
        let ind = try #require(relationships(g, from: "person-1", to: "ent-a").first)
        #expect(ind.attributes["declaredIndirect"] == "true" && ind.attributes["bods.componentRecords"] == "rel-3")
        #expect(ind.share == .range(ShareRange(min: Percent(units: 333_333), max: Percent(units: 333_334))))
        #expect(relationships(g, from: "person-1", to: "ent-b").first?.controlType == "settlor")
        // Unspecified interested party: a marker on the subject, not a person.
        let marked = g.entity(try #require(g.index(of: "ent-a")))
        #expect(
            marked.attributes["bods.unspecifiedInterestedParty"] == "subjectUnableToConfirmOrIdentifyBeneficialOwner")
        #expect(marked.attributes["bods.unspecifiedInterestedParty.description"] == "cannot identify")
        #expect(marked.tags.contains("declared-unknown-owner"))
        #expect(g.entityCount == 3)
    }

    @Test func historyFromStatementsOfOneRecord() throws {
        let (g, d) = try read("formats/bods/history.jsonl")
        #expect(d.filter { $0.severity == .error }.isEmpty, "\(d)")
        let rels = relationships(g, from: "p", to: "co").sorted {
            ($0.start?.rawValue ?? 0) < ($1.start?.rawValue ?? 0)
        }
        #expect(rels.map { $0.share?.exactValue } == [Percent(100), Percent(40)])
        #expect(
            rels[0].start == CalendarDate(parsing: "2002-03-09") && rels[0].end == CalendarDate(parsing: "2021-09-23"))
        #expect(
            rels[1].start == CalendarDate(parsing: "2021-09-24") && rels[1].end == CalendarDate(parsing: "2023-03-03"))
        #expect(rels[1].id == "r#1" && rels[0].id == "r#1@h0000000000000000000000000000003r1")
        #expect(rels[1].attributes["bods.closed"] == "2023-03-03")
    }

    @Test func schemaViolationsNameStatementAndField() throws {
        let (g, d) = try read("formats/bods/invalid.json")
        #expect(g.entityCount == 0)
        func has(_ record: String, _ field: String, _ text: String) -> Bool {
            d.contains { $0.location?.record == record && $0.field == field && $0.message.contains(text) }
        }
        #expect(has("short", "$[0].statementId", "shorter than 32"))
        #expect(has("c0000000000000000000000000000009x2", "$[1].statementDate", "neither a date"))
        #expect(has("c0000000000000000000000000000009x2", "$[1].recordDetails.interests[0].type", "'bribery'") == false)
        #expect(
            has(
                "c0000000000000000000000000000009x2", "$[1].recordDetails.interests[0].type",
                "\"bribery\" is not one of"))
        #expect(
            has(
                "c0000000000000000000000000000009x2", "$[1].recordDetails.interests[0].share.exact",
                "150 is more than 100"))
        #expect(has("c0000000000000000000000000000010x3", "$[2].recordDetails.isComponent", "expected boolean"))
        #expect(has("c0000000000000000000000000000010x3", "$[2].recordDetails.names[0]", "'fullName' is required"))
        #expect(
            has(
                "c0000000000000000000000000000011ok", "$[3].recordDetails.entityType.subtype",
                "not allowed for entity type 'state'"))
        #expect(d.allSatisfy { $0.location?.line != nil })
        let v = BODSReader.violations(in: Array("{\"statementId\": \"x\"}".utf8))
        #expect(v.map(\.keyword) == ["type"] && v.first?.path == "$")
    }

    @Test func formatChecks() {
        #expect(BODSSchema.isDate("2024-02-29") && !BODSSchema.isDate("2023-02-29") && !BODSSchema.isDate("2024-1-01"))
        #expect(BODSSchema.isDateTime("2024-01-31T10:00:00Z") && BODSSchema.isDateTime("2024-01-31T10:00:00.123+01:00"))
        #expect(!BODSSchema.isDateTime("2024-01-31"))
        #expect(
            BODSSchema.isURI("https://example.org/x") && BODSSchema.isURI("urn:isbn:1")
                && !BODSSchema.isURI("example.com/index.html"))
        #expect(!BODSSchema.isURI("http//www.wrongurl.com"))
    }
}
