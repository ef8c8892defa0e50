import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphMatch

func matchGraph() -> Graph {
    var b = GraphBuilder()
    let rows: [Entity] = [
        Entity(
            id: "c-gazprom", kind: .company, name: "ПАО «Газпром»", aliases: ["Gazprom PJSC"], jurisdiction: "RU",
            identifiers: ["RU-INN": "7736050003", "LEI": "213800UDC9P1MAVSTL61"]),
        Entity(id: "c-gazneft", kind: .company, name: "Gazprom Neft PJSC", jurisdiction: "RU"),
        Entity(id: "c-polar", kind: .company, name: "Polar Mining LLC", jurisdiction: "US"),
        Entity(id: "c-polar-ru", kind: .company, name: "ООО Полар Майнинг", jurisdiction: "RU"),
        Entity(id: "c-baltic", kind: .company, name: "Baltic Trading Ltd", jurisdiction: "GB"),
        Entity(id: "c-nordic", kind: .company, name: "Nordic Trading Ltd", jurisdiction: "GB"),
        Entity(id: "p-ivanov", kind: .person, name: "Ivanov, Sergei Petrovich", jurisdiction: "RU"),
        Entity(id: "p-ivanova", kind: .person, name: "Olga Ivanova", jurisdiction: "RU"),
        Entity(id: "p-emma", kind: .person, name: "Emma Daniels", jurisdiction: "US"),
        Entity(id: "c-emma", kind: .company, name: "EMMA LLC", jurisdiction: "US"),
        Entity(
            id: "c-toyota", kind: .company, name: "トヨタ自動車株式会社", aliases: ["Toyota Motor Corporation"],
            jurisdiction: "JP"),
        Entity(id: "c-honda", kind: .company, name: "本田技研工業株式会社", jurisdiction: "JP"),
        Entity(
            id: "c-lei", kind: .company, name: "Acme Holdings GmbH", jurisdiction: "DE",
            identifiers: ["LEI": "529900T8BM49AURSDO55"]),
    ]
    for (i, e) in rows.enumerated() { b.add(e, at: SourceLocation(file: "m.yaml", line: i + 1)) }
    return b.build().graph
}

@Suite struct RankingTests {
    let index = MatchIndex(graph: matchGraph())

    func ids(_ q: String, _ options: MatchOptions = MatchOptions()) throws -> [String] {
        try index.search(q, options: options).map(\.id)
    }

    @Test func transliteratedNameFindsCyrillicRecordFirst() throws {
        let r = try index.search("Gazprom")
        #expect(r.first?.id == "c-gazprom")
        #expect(r.first!.score >= 0.99)
        // "Gazprom Neft" is another company: ranked below and not a match.
        let neft = try #require(r.first { $0.id == "c-gazneft" })
        #expect(neft.score < MatchAlgorithm.defaultThreshold)
    }

    @Test func legalFormsDoNotInflateScores() throws {
        // "Trading Ltd" is shared; the distinctive word decides.
        let r = try index.search("Baltic Trading Limited")
        #expect(r.first?.id == "c-baltic" && r.first!.match)
        #expect(r.first { $0.id == "c-nordic" }.map { !$0.match } ?? true)
        // Only the legal form in common: nothing matches.
        #expect(try index.search("LLC").allSatisfy { !$0.match })
        // watchman #338: "emma daniels" is not "EMMA LLC".
        let emma = try index.search("emma daniels")
        #expect(emma.first?.id == "p-emma")
        #expect(emma.first { $0.id == "c-emma" }.map { !$0.match } ?? true)
    }

    @Test func cyrillicLegalFormAndTranslatedForm() throws {
        let r = try index.search("Polar Mining OOO")
        #expect(Set(r.prefix(2).map(\.id)) == ["c-polar", "c-polar-ru"])
        #expect(r.prefix(2).allSatisfy { $0.match })
        let ru = try #require(r.first { $0.id == "c-polar-ru" })
        #expect(ru.features.first { $0.name == "legalForm" }?.score == 0)
        let us = try #require(r.first { $0.id == "c-polar" })
        #expect(us.features.first { $0.name == "legalForm" }?.score == -0.02)
        // "Майнинг" transliterates to "Mayning", one letter off "Mining": the exact Latin words rank first.
        #expect(r.map(\.id).prefix(2) == ["c-polar", "c-polar-ru"])
    }

    @Test func personNamesInAnyOrderWithVariantsAndMissingMiddleName() throws {
        for q in ["Sergei Ivanov", "Ivanov Sergey", "Serguei Petrovich Ivanov", "Сергей Иванов", "IVANOV, Sergej"] {
            let r = try index.search(q)
            #expect(r.first?.id == "p-ivanov", "\(q)")
            #expect(r.first?.match == true, "\(q): \(r.first?.score ?? -1)")
        }
        // Same family name root, different person: not a match.
        let olga = try index.search("Sergei Ivanova")
        #expect(olga.first?.id == "p-ivanov")
        #expect(olga.first { $0.id == "p-ivanova" }.map { !$0.match } ?? true)
    }

    @Test func typos() throws {
        #expect(try ids("Baltik Tradng").first == "c-baltic")
        #expect(try ids("Gazprim").first == "c-gazprom")
    }

    @Test func cjkInItsOwnScriptAndThroughLatinAliases() throws {
        #expect(try ids("トヨタ自動車").first == "c-toyota")
        #expect(try ids("Toyota Motor Corp").first == "c-toyota")
        #expect(try ids("本田技研工業").first == "c-honda")
        #expect(try index.search("トヨタ自動車").first { $0.id == "c-honda" } == nil)
    }

    @Test func identifiersExactlyAndChecked() throws {
        #expect(try ids("lei:529900t8bm49aursdo55") == ["c-lei"])
        #expect(try ids("inn:7736050003") == ["c-gazprom"])
        #expect(try ids("inn:7707083893").isEmpty)
        #expect(throws: SearchError.self) { try index.search("lei:529900T8BM49AURSDO56") }
        // An identifier value typed without its scheme.
        #expect(try ids("7736050003").first == "c-gazprom")
    }

    @Test func filtersAndLimit() throws {
        #expect(try ids("Ivanov", MatchOptions(kinds: [.company])).allSatisfy { $0.hasPrefix("c-") })
        #expect(try ids("Polar Mining", MatchOptions(countries: ["RU"])) == ["c-polar-ru"])
        #expect(try ids("Trading", MatchOptions(limit: 1)).count == 1)
    }

    @Test func qualifiersLowerScores() {
        let base = index.match(MatchQuery(name: "Polar Mining"))
        let wrongCountry = index.match(MatchQuery(name: "Polar Mining", country: "FR"))
        let a = base.first { $0.id == "c-polar" }!.score, b = wrongCountry.first { $0.id == "c-polar" }!.score
        #expect(b == a - 0.15)
        let person = index.match(MatchQuery(name: "Polar Mining", kind: .person)).first { $0.id == "c-polar" }!
        #expect(person.features.contains { $0.name == "kind" && $0.score == -0.2 })
        let withID = index.match(
            MatchQuery(name: "Acme", identifiers: [IdentifierRef(scheme: "lei", value: "529900T8BM49AURSDO55")]))
        #expect(withID.first?.id == "c-lei" && withID.first!.score >= 0.95)
    }

    @Test func deterministicOrder() throws {
        let a = try index.search("Trading"), b = try index.search("Trading")
        #expect(a == b)
        // Equal scores: by id.
        #expect(a.map(\.id) == ["c-baltic", "c-nordic"])
        #expect(a[0].score == a[1].score)
    }
}
