import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphIO

/// The GLEIF fast path (relationship records from the bytes, no tree) builds the graph the general path builds, with
/// the same diagnostics in the same order, on random records: clean ones and every kind of unusual one.
@Suite struct GLEIFFastPathTests {
    func load(_ bytes: [UInt8], fastPath: Bool) -> BuiltGraph {
        var b = GraphBuilder()
        GLEIFReader.read(bytes, file: "in.xml", into: &b, meter: nil, fastPath: fastPath)
        return BuiltGraph(b)
    }

    func expectSame(_ text: String, _ note: Comment? = nil) {
        let bytes = Array(text.utf8)
        let fast = load(bytes, fastPath: true), slow = load(bytes, fastPath: false)
        #expect(fast.entities == slow.entities, note)
        #expect(fast.relationships == slow.relationships, note)
        #expect(fast.tables == slow.tables, note)
        #expect(fast.diagnostics == slow.diagnostics, note)
        #expect(fast.counts == slow.counts, note)
    }

    /// Random XML records over a small LEI space (ids repeat, relationship ids collide with other content).
    static func xmlRecords(seed: UInt64, count: Int) -> String {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ n: UInt64) -> Bool { rng.next() % n == 0 }
        let leis = (0..<12).map { "LEI\(String(repeating: "0", count: 14))\(10 + $0)" }
        let p = pick(["rr:", ""])
        func el(_ name: String, _ body: String) -> String { "<\(p)\(name)>\(body)</\(p)\(name)>" }
        /// A value, sometimes unusual in one way.
        func value(_ v: String) -> String {
            guard chance(40) else { return v }
            return pick([
                " \(v)\n  ", "\(v.prefix(3))&amp;\(v.dropFirst(3))", "<![CDATA[\(v)]]>", "\(v)<!-- c -->",
                "\u{A0}\(v)", "\(v)é", "é\(v)", "&#x41;\(v)", "", "\(v)<x/>", "\t\(v)\r",
            ])
        }
        func node(_ name: String) -> String {
            if chance(25) { return pick(["", el(name, ""), el(name, "text"), "<\(p)\(name)/>"]) }
            var parts = [el("NodeID", value(pick(leis)))]
            if !chance(5) { parts.append(el("NodeIDType", value(pick(["LEI", "LEI", "BIC", " LEI "])))) }
            if chance(30) { parts.append(el("NodeID", pick(leis))) }
            if chance(30) { parts.append(el("Unknown", "x")) }
            if chance(2) { parts.reverse() }
            return el(name, parts.joined(separator: "\n"))
        }
        func period() -> String {
            if chance(20) { return pick(["<\(p)RelationshipPeriod/>", el("RelationshipPeriod", " ")]) }
            var parts: [String] = []
            if !chance(4) {
                parts.append(el("StartDate", value(pick(["2012-11-29T00:00:00.000Z", "2020-01-01", "bad"]))))
            }
            if chance(3) { parts.append(el("EndDate", value(pick(["2023-12-31T00:00:00.000Z", "2021-06-30"])))) }
            if !chance(5) {
                parts.append(
                    el(
                        "PeriodType",
                        value(pick(["RELATIONSHIP_PERIOD", "ACCOUNTING_PERIOD", "DOCUMENT_FILING_PERIOD"]))))
            }
            if chance(3) { parts.shuffle(using: &rng) }
            return el("RelationshipPeriod", parts.joined())
        }
        func relationship() -> String {
            if chance(40) { return pick(["<\(p)Relationship/>", el("Relationship", "text")]) }
            var parts = [node("StartNode"), node("EndNode")]
            if !chance(15) {
                parts.append(
                    el(
                        "RelationshipType",
                        value(
                            pick(
                                Array(GLEIFReader.relationshipTypes.keys.sorted())
                                    + ["IS_DIRECTLY_CONSOLIDATED_BY", "IS_DIRECTLY_CONSOLIDATED_BY", "BOGUS"]))))
            }
            if !chance(6) {
                var periods = (0..<Int(rng.next() % 3)).map { _ in period() }
                if chance(20) { periods.append(el("Other", "x")) }
                parts.append(el("RelationshipPeriods", periods.joined()))
            }
            if !chance(5) { parts.append(el("RelationshipStatus", value(pick(["ACTIVE", "INACTIVE", "NULL"])))) }
            if chance(3) {
                let q = (0..<Int(rng.next() % 3)).map { _ in
                    el(
                        "RelationshipQualifier",
                        el("QualifierDimension", "ACCOUNTING_STANDARD")
                            + (chance(4) ? "" : el("QualifierCategory", value(pick(["IFRS", "US_GAAP"])))))
                }
                parts.append(el("RelationshipQualifiers", q.joined()))
            }
            if chance(3) {
                let q = (0..<Int(1 + rng.next() % 2)).map { _ in
                    el(
                        "RelationshipQuantifier",
                        el("MeasurementMethod", value("ACCOUNTING_CONSOLIDATION"))
                            + el("QuantifierAmount", value(pick(["25.5", "100.00", "150", "abc", "1.00"])))
                            + el("QuantifierUnits", value(pick(["PERCENTAGE", "PERCENTAGE", "OTHER"]))))
                }
                parts.append(el("RelationshipQuantifiers", q.joined()))
            }
            if chance(40) { parts.append(el("RelationshipStatus", "ACTIVE")) }
            if chance(3) { parts.shuffle(using: &rng) }
            return el("Relationship", parts.joined(separator: "\n  "))
        }
        func registration() -> String {
            var parts = [
                el("InitialRegistrationDate", "2022-11-14T09:59:48.000Z"),
                el("LastUpdateDate", value(pick(["2023-05-18T15:41:20.212Z", "2019-02-03"]))),
                el("RegistrationStatus", value(pick(["PUBLISHED", "LAPSED"]))),
                el("NextRenewalDate", "2024-05-18T15:48:53.604Z"),
                el("ManagingLOU", value("EVK05KS7XY1DEII3R011")),
                el("ValidationSources", value("FULLY_CORROBORATED")),
                el("ValidationReference", "https://x.test/?a=1&amp;b=<![CDATA[2]]>"),
            ]
            parts = parts.filter { _ in !chance(6) }
            if chance(30) { parts.append(el("Odd", "x")) }
            return el("Registration", parts.joined(separator: "\n"))
        }
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(p)RelationshipData xmlns:rr=\"http://www.gleif.org/data/schema/rr/2016\">\n<\(p)RelationshipRecords>\n"
        for _ in 0..<count {
            switch rng.next() % 30 {
            case 0:
                out += el(
                    "Exception",
                    el("LEI", pick(leis)) + el("ExceptionCategory", "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT")
                        + el("ExceptionReason", "NON_CONSOLIDATING"))
            case 1:
                out += el("LEIRecord", el("LEI", pick(leis)) + el("Entity", el("LegalName", "Name \(pick(leis))")))
            case 2:
                out += el("RelationshipRecord", el("attributes", relationship()))
            default:
                var parts = [relationship()]
                if !chance(8) { parts.append(registration()) }
                if chance(10) {
                    parts.append(
                        el("Extension", "<gleif:Deletion><gleif:DeletedAt>x</gleif:DeletedAt></gleif:Deletion>"))
                }
                if chance(40) { parts.append(el("Unexpected", "x")) }
                if chance(4) { parts.reverse() }
                let attributes = chance(3) ? " xmlns:gleif=\"http://www.gleif.org/x\"\n   b='1'" : ""
                out +=
                    "<\(p)RelationshipRecord\(attributes)>\n" + parts.joined(separator: "\n")
                    + "\n</\(p)RelationshipRecord>"
            }
            out += chance(10) ? "<!-- between -->\n" : "\n"
        }
        return out + "</\(p)RelationshipRecords>\n</\(p)RelationshipData>\n"
    }

    @Test(arguments: 0..<40)
    func randomXMLRecordsLoadAsTheTreeDoes(seed: Int) {
        let xml = Self.xmlRecords(seed: UInt64(seed), count: 60)
        expectSame(xml, "seed \(seed)")
        // Both paths are exercised: records of the usual shape and records left to the tree.
        if case .success(let records) = XMLRecords.parse(Array(xml.utf8)) {
            let fast = records.filter { if case .relationship = $0 { true } else { false } }.count
            #expect(fast > 5 && fast < records.count - 5, "seed \(seed): \(fast) of \(records.count) fast")
        }
    }

    @Test func usualRecordsTakeTheFastPath() throws {
        let xml = """
            <?xml version="1.0"?>
            <rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016"><rr:RelationshipRecords>
            <rr:RelationshipRecord xmlns:gleif="g">
              <rr:Relationship>
                <rr:StartNode><rr:NodeID>CHILD000000000000001</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:StartNode>
                <rr:EndNode><rr:NodeID>PARENT00000000000001</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:EndNode>
                <rr:RelationshipType>IS_DIRECTLY_CONSOLIDATED_BY</rr:RelationshipType>
                <rr:RelationshipPeriods><rr:RelationshipPeriod>
                  <rr:StartDate>2012-11-29T00:00:00.000Z</rr:StartDate><rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType>
                </rr:RelationshipPeriod></rr:RelationshipPeriods>
                <rr:RelationshipStatus>ACTIVE</rr:RelationshipStatus>
                <rr:RelationshipQuantifiers><rr:RelationshipQuantifier>
                  <rr:MeasurementMethod>ACCOUNTING_CONSOLIDATION</rr:MeasurementMethod>
                  <rr:QuantifierAmount>60.00</rr:QuantifierAmount><rr:QuantifierUnits>PERCENTAGE</rr:QuantifierUnits>
                </rr:RelationshipQuantifier></rr:RelationshipQuantifiers>
              </rr:Relationship>
              <rr:Registration><rr:LastUpdateDate>2023-05-18T15:41:20.212Z</rr:LastUpdateDate>
                <rr:ValidationReference>https://x.test/?a=1&amp;b=2</rr:ValidationReference></rr:Registration>
              <rr:Extension><gleif:Deletion/></rr:Extension>
            </rr:RelationshipRecord>
            <rr:RelationshipRecord><rr:Relationship><rr:StartNode><rr:NodeID>A&amp;B</rr:NodeID></rr:StartNode>
            </rr:Relationship></rr:RelationshipRecord>
            </rr:RelationshipRecords></rr:RelationshipData>
            """
        let records = try XMLRecords.parse(Array(xml.utf8)).get()
        #expect(records.count == 2)
        guard case .relationship(let line, let f) = records[0] else {
            Issue.record("the usual record was read as a tree")
            return
        }
        #expect(line == 3 && f.startID == "CHILD000000000000001" && f.endID == "PARENT00000000000001")
        #expect(f.periods == [.init(type: "RELATIONSHIP_PERIOD", start: "2012-11-29T00:00:00.000Z", end: nil)])
        #expect(f.quantifiers == [.init(units: "PERCENTAGE", amount: "60.00", method: "ACCOUNTING_CONSOLIDATION")])
        #expect(f.lastUpdateDate == "2023-05-18T15:41:20.212Z" && f.registrationStatus == nil)
        guard case .parsed(let line2, _) = records[1] else {
            Issue.record("a value with a reference was not left to the tree")
            return
        }
        #expect(line2 == 21)
        expectSame(xml)
    }

    @Test func aMalformedFileIsRejectedTheSameWay() {
        let good = Self.xmlRecords(seed: 7, count: 10)
        for broken in [good.replacingOccurrences(of: "</rr:RelationshipRecords>", with: ""), good + "<extra/>"] {
            expectSame(broken)
        }
    }
}
