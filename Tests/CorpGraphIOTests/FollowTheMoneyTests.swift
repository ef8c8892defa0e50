import CorpGraph
import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraphIO

/// Reads a fixture with one of the format readers and freezes it.
func readFormat(_ path: String, _ read: ([UInt8], String, inout GraphBuilder) -> Void) throws -> (
    graph: Graph, diagnostics: [Diagnostic]
) {
    let file = fixture(path)
    let bytes = try #require(FileManager.default.contents(atPath: file))
    var builder = GraphBuilder()
    read([UInt8](bytes), path, &builder)
    return builder.build()
}

func relationships(_ g: Graph, from s: String, to t: String) -> [Relationship] {
    (0..<g.relationshipCount).filter { g.id(g.source($0)) == s && g.id(g.target($0)) == t }.map { g.relationship($0) }
}

@Suite struct PercentageTextTests {
    @Test func plainNumbersTakeTheFastPathWithTheSameResult() {
        var rng = SplitMix64(seed: 7)
        var texts = [
            "0", "50", "50.00", "100", "100.0", "100.0001", "101", "33.3333", "33.33333", "007", "1.", ".5",
            "5..5", "1.2.3", "", "12a", "99999999999999999999999",
        ]
        for _ in 0..<2000 {
            let whole = Int.random(in: 0...150, using: &rng)
            let decimals = Int.random(in: 0...6, using: &rng)
            let fraction = (0..<decimals).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            texts.append(decimals == 0 ? String(whole) : "\(whole).\(fraction)")
        }
        for t in texts {
            #expect(PercentageText.parse(t) == PercentageText.parseText(t), "\(t)")
        }
        #expect(
            PercentageText.isPlainNumber("33.33") && !PercentageText.isPlainNumber("33.")
                && !PercentageText.isPlainNumber(".3"))
    }

    static let cases: [(String, Share?)] = [
        ("50", .exact(Percent(50))), ("50.5", .exact(Percent(units: 505_000))), ("50%", .exact(Percent(50))),
        ("50,5 %", .exact(Percent(units: 505_000))), (" 100 per cent ", .exact(.hundred)),
        ("25-50", .range(ShareRange(min: Percent(25), max: Percent(50)))),
        ("25–50%", .range(ShareRange(min: Percent(25), max: Percent(50)))),
        ("between 25 and 50", .range(ShareRange(min: Percent(25), max: Percent(50)))),
        ("25 to 50 percent", .range(ShareRange(min: Percent(25), max: Percent(50)))),
        ("<25", .range(ShareRange(min: nil, max: Percent(25), maxExclusive: true))),
        ("less than 25", .range(ShareRange(min: nil, max: Percent(25), maxExclusive: true))),
        ("≤ 25", .range(ShareRange(min: nil, max: Percent(25)))),
        ("up to 25%", .range(ShareRange(min: nil, max: Percent(25)))),
        (">50", .range(ShareRange(min: Percent(50), max: nil, minExclusive: true))),
        ("more than 50", .range(ShareRange(min: Percent(50), max: nil, minExclusive: true))),
        ("over 50%", .range(ShareRange(min: Percent(50), max: nil, minExclusive: true))),
        (">= 50", .range(ShareRange(min: Percent(50), max: nil))),
        ("at least 50", .range(ShareRange(min: Percent(50), max: nil))),
        ("50+", .range(ShareRange(min: Percent(50), max: nil))),
        ("50 or more", .range(ShareRange(min: Percent(50), max: nil))),
        ("majority", .range(ShareRange(min: Percent(50), max: nil, minExclusive: true))),
        ("minority", .range(ShareRange(min: nil, max: Percent(50), maxExclusive: true))),
        ("wholly owned", .exact(.hundred)),
        ("(25,50]", .range(ShareRange(min: Percent(25), max: Percent(50), minExclusive: true))),
        ("[25,50)", .range(ShareRange(min: Percent(25), max: Percent(50), maxExclusive: true))),
        ("0.5", .exact(Percent(units: 5_000))),
    ]

    @Test func grammar() {
        for (text, expected) in Self.cases {
            #expect(PercentageText.parse(text) == .share(expected!), "\(text)")
        }
    }

    @Test func unknownAndInvalid() {
        for t in ["", "unknown", "n/a", "?"] { #expect(PercentageText.parse(t) == .unknown, "\(t)") }
        for t in ["lots", "150", "50-25", "1/3", "-5", "more than 120"] {
            guard case .invalid = PercentageText.parse(t) else { Issue.record("'\(t)' should be invalid"); continue }
        }
    }

    @Test func canonicalTextReadsBack() {
        for (_, share) in Self.cases {
            let s = share!
            #expect(PercentageText.parse(PercentageText.canonical(s)) == .share(s), "\(s)")
        }
    }
}

@Suite struct FollowTheMoneyTests {
    func read(_ path: String) throws -> (graph: Graph, diagnostics: [Diagnostic]) {
        try readFormat(path) { FollowTheMoneyReader.read($0, file: $1, into: &$2) }
    }

    @Test func entityKindsAndMetadata() throws {
        let (g, d) = try read("formats/ftm/mapping.ftm.json")
        #expect(d.filter { $0.severity == .error }.isEmpty, "\(d)")
        func kind(_ id: String) -> EntityKind? { g.index(of: id).map { g.kind($0) } }
        #expect(kind("co-sg") == .company)
        #expect(kind("p-owner") == .person)
        #expect(kind("org-1") == .organization)
        #expect(kind("le-1") == .organization)
        #expect(kind("asset-1") == .site)
        #expect(kind("wallet-1") == .account)
        #expect(kind("acct-1") == .account)
        #expect(g.index(of: "addr-1") == nil)
        let co = g.entity(try #require(g.index(of: "co-sg")))
        #expect(co.name == "Example Routing Pte. Ltd.")
        #expect(co.aliases == ["Example Routing"])
        #expect(co.jurisdiction == "SG")
        #expect(co.identifiers["registrationNumber"] == "201900000X")
        #expect(co.tags == ["corp.shell"])
        #expect(co.attributes["address"] == "1 Example Road, Singapore")
        #expect(co.attributes["opensanctions.referents"] == "old-co-sg")
        #expect(co.attributes["opensanctions.datasets"] == "sg_registry")
        #expect(co.attributes["opensanctions.target"] == "false")
        #expect(co.attributes["opensanctions.last_change"] == "2024-05-01T00:00:00")
        #expect(g.entity(try #require(g.index(of: "le-1"))).identifiers["LEI"] == "5299000EXAMPLE000001")
        #expect(g.jurisdiction(try #require(g.index(of: "p-owner"))) == "RU")
    }

    @Test func relationshipsWithDirections() throws {
        let (g, _) = try read("formats/ftm/mapping.ftm.json")
        // Ownership written against a referent lands on the merged id, owner → asset.
        let own = try #require(relationships(g, from: "p-owner", to: "co-sg").first { $0.kind == .owns })
        #expect(own.share == .range(ShareRange(min: Percent(50), max: nil, minExclusive: true)))
        #expect(own.shareText == "more than 50")
        #expect(own.start == CalendarDate(parsing: "2021-03-01"))
        #expect(
            relationships(g, from: "org-1", to: "asset-1").first?.share
                == .range(ShareRange(min: Percent(25), max: Percent(50))))
        #expect(relationships(g, from: "le-1", to: "acct-1").first?.share == .unknown)
        #expect(relationships(g, from: "org-1", to: "co-sg").first?.controlType == "voting")
        let dir = try #require(relationships(g, from: "p-owner", to: "org-1").first)
        #expect(dir.kind == .directs && dir.role == "CEO")
        let pay = try #require(relationships(g, from: "co-sg", to: "org-1").first)
        #expect(
            pay.kind == .pays && pay.amount == Decimal(250_000) && pay.currency == "USD"
                && pay.date == CalendarDate(parsing: "2023-05-10"))
        let eur = try #require(relationships(g, from: "org-1", to: "le-1").first)
        #expect(eur.currency == "EUR" && eur.amount == Decimal(string: "113969.15"))
        let holder = try #require(relationships(g, from: "p-owner", to: "wallet-1").first)
        #expect(holder.kind == .controls && holder.controlType == "accountHolder")
    }

    @Test func sanctionsBecomeDesignationsOrTags() throws {
        let (g, d) = try read("formats/ftm/mapping.ftm.json")
        let p = try #require(g.index(of: "p-owner"))
        #expect(
            Array(g.designations(p)) == [
                Designation(list: "OFAC-SDN", program: "US-RUSHAR", listed: CalendarDate(parsing: "2022-04-05"))
            ])
        #expect(g.tags(p).contains("listed:gb_coh_disqualified"))
        #expect(g.designations(try #require(g.index(of: "co-sg"))).map(\.list) == ["EU-FSF"])
        #expect(g.designations(try #require(g.index(of: "co-sg"))).first?.listed == CalendarDate(parsing: "2023-12-18"))
        // No table row: designated under <COUNTRY>-SANCTIONS, with a warning naming the authority.
        #expect(g.designations(try #require(g.index(of: "org-1"))).map(\.list) == ["XK-SANCTIONS"])
        #expect(
            d.contains {
                $0.severity == .warning && $0.message.contains("Ministry of Something") && $0.location?.line == 20
            })
        #expect(
            SanctionListTable.map(datasets: [], authorities: ["OFAC-SDN"], programIds: [], countries: [])
                == .list("OFAC-SDN", fallback: false))
    }

    @Test func unimportedRecordsAreReported() throws {
        let (_, d) = try read("formats/ftm/mapping.ftm.json")
        #expect(d.contains { $0.message.hasPrefix("1 Family record not imported") && $0.location?.line == 21 })
        #expect(
            d.contains {
                $0.message.contains("Address cited by no imported entity") && $0.location?.record == "addr-unused"
            })
    }

    @Test func duplicatedOwnershipIsNeverCountedTwiceOnOneDate() throws {
        let (g, d) = try read("formats/ftm/overlap.ftm.json")
        let z = relationships(g, from: "z", to: "cst").sorted { ($0.start?.rawValue ?? 0) < ($1.start?.rawValue ?? 0) }
        #expect(z.map { $0.share?.exactValue } == [Percent(50), Percent(48), Percent(51)])
        #expect(z.map { $0.start?.description } == ["2015-11-25", "2023-03-03", "2023-12-22"])
        #expect(z.map { $0.end?.description } == ["2023-03-02", "2023-12-21", nil])
        #expect(z[1].attributes["overlap.originalStart"] == "2015-11-25")
        #expect(z[1].attributes["overlap.supersedes"] == "o-50")
        let k = relationships(g, from: "k", to: "cst")
        #expect(k.map(\.id) == ["k-49"])
        #expect(d.contains { $0.location?.record == "k-sub" && $0.message.contains("undated") })
        for day in ["2015-11-25", "2023-03-02", "2023-03-03", "2023-12-21", "2023-12-22", "2030-01-01"] {
            let date = try #require(CalendarDate(parsing: day))
            #expect(
                z.filter { r in (r.start.map { $0 <= date } ?? true) && (r.end.map { date <= $0 } ?? true) }.count == 1,
                "\(day)")
        }
    }

    @Test func overlapRuleSplitsAStretchAndDropsFullCopies() {
        let a = Relationship(
            id: "a", kind: .owns, source: "x", target: "y", share: .exact(Percent(10)),
            start: CalendarDate(parsing: "2010-01-01"), end: CalendarDate(parsing: "2020-12-31"))
        let b = Relationship(
            id: "b", kind: .owns, source: "x", target: "y", share: .exact(Percent(20)),
            start: CalendarDate(parsing: "2000-01-01"), end: CalendarDate(parsing: "2030-12-31"))
        let c = Relationship(
            id: "c", kind: .owns, source: "x", target: "y", share: .exact(Percent(10)),
            start: CalendarDate(parsing: "2010-01-01"), end: CalendarDate(parsing: "2020-12-31"))
        let out = OwnershipOverlap.resolve([a, b, c])
        #expect(out.relationships.map { $0.relationship.id } == ["a", "b", "b#2"])
        #expect(out.relationships[1].relationship.end == CalendarDate(parsing: "2009-12-31"))
        #expect(out.relationships[2].relationship.start == CalendarDate(parsing: "2021-01-01"))
        #expect(out.dropped.map(\.index) == [2])
    }

    @Test func malformedLinesNameLineAndField() throws {
        let (g, d) = try read("formats/ftm/broken.ftm.json")
        #expect(g.entityCount == 1)
        #expect(d.contains { $0.location?.line == 2 && $0.message.hasPrefix("invalid JSON") })
        #expect(d.contains { $0.location?.line == 3 && $0.field == "id" })
        #expect(d.contains { $0.location?.line == 4 && $0.field == "schema" })
        #expect(d.contains { $0.location?.line == 5 && $0.field == "properties.owner" })
        #expect(
            d.contains {
                $0.location?.line == 6 && $0.field == "properties.percentage" && $0.message.contains("'lots'")
            })
        #expect(d.contains { $0.field == "target" && $0.message.contains("'ghost'") })
        #expect(d.contains { $0.location?.line == 7 && $0.field == "properties.amount" })
        #expect(d.contains { $0.message.contains("self-loop") })
    }
}
