import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphIO

/// The FtM fast path (bytes to bulk columns) builds the graph the general path builds, with the same diagnostics
/// in the same order, on varied input: every schema, clean and unusual values, repeats, overlaps, bad lines.
@Suite struct FtMFastPathTests {
    func load(_ bytes: [UInt8], fastPath: Bool) -> BuiltGraph {
        var b = GraphBuilder()
        bytes.withUnsafeBufferPointer {
            FollowTheMoneyReader.read(
                buffer: $0, file: "in.ftm.json", into: &b, meter: nil, release: nil, fastPath: fastPath)
        }
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

    /// Random FtM lines over a small id space, so that ids repeat, ends dangle and pairs overlap.
    static func lines(seed: UInt64, count: Int, referents: Bool) -> [String] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ n: UInt64) -> Bool { rng.next() % n == 0 }
        let ids = (0..<40).map { "e\($0)" } + ["Kx", "\u{212A}x", "é1", "e\u{301}1"]
        func strings(_ xs: [String]) -> String { "[" + xs.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        let names = ["Alpha Ltd", "Беta ООО", "北京矿业", "Çelik", "A \\\"B\\\"", " ", "", "Øresund"]
        let countries = ["gb", "lu", "GB-ENG", "zz", "ru", " us", "xx", "de"]
        let keywords = [
            "energy", "mining", "corpgraph:jurisdiction=AE-DU", "corpgraph:kind=person", "corpgraph:kind=nope",
            "energy", "sanction", "corpgraph:kind=é",
        ]
        let dates = ["2020-01-01", "2021-06-30", "2019", "2020-13-01", "2018-05", "nope", "2022-02-02", " "]
        let percents = ["50", "45.9", "100", "abc", " ", "25-50", "1e2", "75 %", "", "51"]
        var out: [String] = []
        for k in 0..<count {
            var props: [String] = []
            let id = chance(15) ? "" : (chance(3) ? pick(ids) : "r\(k % 90)")
            var top = ["\"id\":\"\(id)\""]
            switch rng.next() % 12 {
            case 0, 1, 2:
                let schema = pick(["Company", "Person", "Organization", "Asset", "Vessel", "Company", "LegalEntity"])
                top = ["\"id\":\"\(pick(ids))\"", "\"schema\":\"\(schema)\""]
                if !chance(8) {
                    props.append("\"name\":" + strings(chance(6) ? [pick(names), pick(names)] : [pick(names)]))
                }
                for p in ["jurisdiction", "country", "nationality", "mainCountry"] where chance(2) {
                    props.append(
                        "\"\(p)\":" + strings(chance(8) ? [pick(countries), pick(countries)] : [pick(countries)]))
                }
                if chance(2) {
                    props.append("\"keywords\":" + strings((0..<Int(rng.next() % 3)).map { _ in pick(keywords) }))
                }
                if chance(4) { props.append("\"topics\":" + strings([pick(["sanction", "energy", "role.pep"])])) }
                if chance(10) { props.append("\"leiCode\":[\"LEI\(rng.next() % 9)\"]") }
                if chance(10) { props.append("\"alias\":[\"Other\"]") }
                if chance(10) { props.append("\"notes\":[\"ignored\"]") }
                if chance(12) { props.append("\"addressEntity\":[\"addr1\"]") }
                if chance(12) { props.append("\"firstName\":[\"Ann\"],\"lastName\":[\"Lee\"]") }
                if chance(12) { top.append("\"datasets\":[\"us_ofac_sdn\"]") }
                if chance(15) { top.append("\"caption\":\"Cap\"") }
                if chance(20) { top.append("\"target\":true") }
                if referents, chance(10) { top.append("\"referents\":[\"\(pick(ids))\"]") }
            case 3, 4, 5, 6:
                top.append("\"schema\":\"Ownership\"")
                if !chance(20) {
                    props.append("\"owner\":" + strings(chance(20) ? [pick(ids), pick(ids)] : [pick(ids)]))
                }
                if !chance(20) { props.append("\"asset\":" + strings([pick(ids)])) }
                if chance(2) {
                    props.append(
                        "\"percentage\":" + strings(chance(10) ? [pick(percents), pick(percents)] : [pick(percents)]))
                }
                if chance(3) { props.append("\"startDate\":" + strings([pick(dates)])) }
                if chance(4) { props.append("\"endDate\":" + strings([pick(dates)])) }
                if chance(12) { props.append("\"sharesType\":[\"ordinary\"]") }
                if chance(15) { props.append("\"sourceUrl\":[\"https://example.org\"]") }
                if chance(15) { props.append("\"percentage\":[\"10\"]") }  // a repeated key: the last one counts
            case 7:
                top.append("\"schema\":\"Payment\"")
                props.append("\"payer\":" + strings([pick(ids)]))
                props.append("\"beneficiary\":" + strings([pick(ids)]))
                if !chance(6) { props.append("\"amount\":" + strings([pick(["100.5", "20", "x", "-5", " "])])) }
                if chance(2) { props.append("\"currency\":" + strings([pick(["usd", "EUR", "gbp"])])) }
                if chance(2) { props.append("\"date\":" + strings([pick(dates)])) }
                if chance(5) { props.append("\"amountEur\":[\"7\"]") }
            case 8:
                let (schema, s, t) = pick([
                    ("Control", "controller", "controlled"), ("Directorship", "director", "organization"),
                    ("UnknownLink", "subject", "object"),
                ])
                top.append("\"schema\":\"\(schema)\"")
                props.append("\"\(s)\":" + strings([pick(ids)]))
                props.append("\"\(t)\":" + strings([pick(ids)]))
                if chance(2) { props.append("\"role\":" + strings([pick(["operates", "Operates", "director", "x"])])) }
                if chance(4) { props.append("\"controlType\":[\"indirect\"]") }
                if chance(3) { props.append("\"startDate\":" + strings([pick(dates)])) }
            case 9:
                let schema = pick(["Sanction", "Address", "BankAccount", "CryptoWallet", "Family"])
                top.append("\"schema\":\"\(schema)\"")
                props.append("\"entity\":" + strings([pick(ids)]))
                props.append("\"authority\":" + strings([pick(["OFAC-SDN", "Unknown body"])]))
                props.append("\"holder\":" + strings([pick(ids)]))
                props.append("\"full\":[\"1 Main St\"]")
                if chance(2) { top[0] = "\"id\":\"addr1\"" }
            case 10:
                out.append(
                    pick([
                        "{\"id\":\"bad\",", "not json", "{}", "[1,2]",
                        "{\"id\":\"u\(k)\",\"schema\":\"Company\",\"properties\":{\"name\":[\"ok\"],\"x\":[1,{\"y\":null}]}}",
                        "{\"id\":\"n\(k)\",\"schema\":\"Ownership\",\"properties\":{\"owner\":\"e1\",\"asset\":[\"e2\"]}}",
                        "{\"id\":\"p\(k)\",\"schema\":\"Company\",\"properties\":{\"name\":[\"A\\u00e9\"],\"country\":[7]}}",
                    ]))
                continue
            default:
                top.append("\"schema\":\"Ownership\"")
                props.append(
                    "\"owner\":[\"\(pick(ids))\"],\"asset\":[\"\(pick(ids))\"],\"percentage\":[\"\(pick(percents))\"]")
            }
            top.append("\"properties\":{" + props.joined(separator: ",") + "}")
            if chance(10) { top.append("\"extra\":{\"a\":[true,false,null,1.5e3]}") }
            var line = ""
            for part in (chance(4) ? top.reversed() : top) { line += (line.isEmpty ? "{" : ",") + part }
            out.append(line + "}")
        }
        return out
    }

    @Test(arguments: Array(UInt64(1)...30)) func fastAndGeneralPathsBuildTheSameGraph(seed: UInt64) {
        let lines = FtMFastPathTests.lines(seed: seed, count: 300, referents: seed % 3 == 0)
        expectSame(lines.joined(separator: "\n") + "\n", "seed \(seed)")
    }

    @Test func invalidUTF8AndBlankLinesAgree() {
        var bytes = Array(FtMFastPathTests.lines(seed: 99, count: 200, referents: false).joined(separator: "\n").utf8)
        // Break a few lines' bytes: invalid UTF-8 inside names and ids.
        for k in stride(from: 100, to: bytes.count, by: 997) where bytes[k] > 0x40 { bytes[k] = 0xFF }
        let fast = load(bytes, fastPath: true), slow = load(bytes, fastPath: false)
        #expect(fast.entities == slow.entities && fast.relationships == slow.relationships)
        #expect(fast.diagnostics == slow.diagnostics)
        #expect(fast.counts == slow.counts)
    }

    @Test func commonRecordsTakeTheFastPath() {
        var a = FtMAssembler(file: "f")
        let lines = [
            #"{"id":"c1","properties":{"jurisdiction":["lu"],"keywords":["energy"],"name":["Atlas Minière"]},"schema":"Company"}"#,
            #"{"id":"p1","properties":{"country":["ky"],"name":["García, Chen"]},"schema":"Person"}"#,
            #"{"id":"o1","properties":{"asset":["c1"],"owner":["p1"],"percentage":["45.9"]},"schema":"Ownership"}"#,
            #"{"id":"y1","properties":{"amount":["26404.31"],"beneficiary":["c1"],"currency":["USD"],"date":["2024-07-07"],"payer":["p1"]},"schema":"Payment"}"#,
        ]
        for (k, l) in lines.enumerated() {
            let taken = Array(l.utf8).withUnsafeBufferPointer { a.addFast($0, number: k + 1) }
            #expect(taken, "\(l)")
        }
        // Escapes, aliases, metadata: the general path.
        for l in [
            #"{"id":"c2","properties":{"name":["A \"B\""]},"schema":"Company"}"#,
            #"{"id":"c3","properties":{"name":["A","B"]},"schema":"Company"}"#,
            #"{"id":"c4","caption":"C","properties":{"name":["C"]},"schema":"Company"}"#,
            #"{"id":"o2","properties":{"asset":["c1"],"owner":["c1"]},"schema":"Ownership"}"#,
        ] {
            #expect(!Array(l.utf8).withUnsafeBufferPointer { a.addFast($0, number: 9) }, "\(l)")
        }
    }

    @Test func recordsLeftOutAddNoCodesTagsOrCurrencies() {
        // Repeated ids with different content (left out) carry the only CHF, "ch" and "tech".
        let text = """
            {"id":"y1","properties":{"amount":["1"],"beneficiary":["c1"],"currency":["USD"],"payer":["c2"]},"schema":"Payment"}
            {"id":"c1","properties":{"jurisdiction":["lu"],"keywords":["energy"],"name":["A"]},"schema":"Company"}
            {"id":"c1","properties":{"jurisdiction":["ch"],"keywords":["tech"],"name":["B"]},"schema":"Company"}
            {"id":"c2","properties":{"jurisdiction":["ky"],"keywords":["mining"],"name":["C"]},"schema":"Company"}
            {"id":"y1","properties":{"amount":["2"],"beneficiary":["c1"],"currency":["CHF"],"payer":["c2"]},"schema":"Payment"}
            {"id":"y2","properties":{"amount":["3"],"beneficiary":["c2"],"currency":["EUR"],"payer":["c1"]},"schema":"Payment"}

            """
        expectSame(text)
        #expect(
            load(Array(text.utf8), fastPath: true).tables == [
                ["LU", "KY"], ["energy", "mining"], ["USD", "EUR"], ["in.ftm.json"],
            ])
    }

    @Test func theBenchShapeLoadsAsTheGeneralPathLoadsIt() {
        // The lines `export --to ftm` writes for the bench graph, with repeated pairs and a Sanction in between.
        let text = """
            {"id":"C1","properties":{"jurisdiction":["ae"],"keywords":["corpgraph:jurisdiction=AE-DU","mining"],"name":["Orion OOO"]},"schema":"Company"}
            {"id":"C2","properties":{"jurisdiction":["ch"],"keywords":["tech"],"name":["ПАО Уралмет"]},"schema":"Company"}
            {"id":"P1","properties":{"country":["ky"],"keywords":["corpgraph:kind=person"],"name":["Dubois, Pedro"]},"schema":"Person"}
            {"id":"C2-sanction-1","properties":{"authority":["OFAC-SDN"],"entity":["C2"]},"schema":"Sanction"}
            {"id":"rel-1","properties":{"asset":["C2"],"owner":["C1"],"percentage":["100"]},"schema":"Ownership"}
            {"id":"rel-2","properties":{"asset":["C2"],"owner":["C1"],"percentage":["40"],"startDate":["2020-01-01"]},"schema":"Ownership"}
            {"id":"rel-3","properties":{"amount":["10"],"beneficiary":["C2"],"currency":["GBP"],"date":["2023-06-05"],"payer":["P1"]},"schema":"Payment"}
            {"id":"rel-4","properties":{"controlled":["C2"],"controller":["P1"]},"schema":"Control"}
            {"id":"rel-5","properties":{"object":["A9"],"role":["operates"],"subject":["P1"]},"schema":"UnknownLink"}
            {"id":"rel-1","properties":{"asset":["C1"],"owner":["P1"],"percentage":["5"]},"schema":"Ownership"}
            {"id":"C1","properties":{"name":["Other"]},"schema":"Company"}

            """
        expectSame(text)
        let fast = load(Array(text.utf8), fastPath: true)
        // As the general path loads it: the undated 100 % rel-1 yields to the dated rel-2 of the same pair, rel-5's
        // target is unknown; rel-3, rel-4, then the ownerships rel-2 and the second rel-1 (P1 owns C1) stay.
        #expect(fast.entities.count == 3 && fast.relationships.count == 4)
        #expect(fast.relationships.map { $0.value.id } == ["rel-3", "rel-4", "rel-2", "rel-1"])
        #expect(fast.diagnostics.contains { $0.message.contains("duplicate id 'C1'") })
        #expect(fast.diagnostics.contains { $0.message.contains("unknown entity id 'A9'") })
        #expect(fast.diagnostics.contains { $0.message.contains("as dated record(s) rel-2") })
    }
}
