import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphMatch

@Suite struct ResolverTests {
    let resolver = EntityResolver(graph: matchGraph())

    @Test func idsNamesAndIdentifiers() throws {
        let g = resolver.graph
        #expect(try resolver.resolve("c-nordic") == g.index(of: "c-nordic"))
        #expect(try resolver.resolve("name:Nordic Trading") == g.index(of: "c-nordic"))
        #expect(try resolver.resolve("name:Сергей Иванов") == g.index(of: "p-ivanov"))
        #expect(try resolver.resolve("LEI:529900T8BM49AURSDO55") == g.index(of: "c-lei"))
        #expect(try resolver.resolve("inn:7736050003") == g.index(of: "c-gazprom"))
    }

    @Test func ambiguousUnknownInvalid() {
        #expect(throws: EntityReferenceError.self) { try resolver.resolve("name:Polar Mining") }
        do {
            _ = try resolver.resolve("name:Polar Mining", role: "subject")
            Issue.record("resolved an ambiguous name")
        } catch {
            guard case .ambiguous(_, let role, let candidates) = error else { Issue.record("\(error)"); return }
            #expect(role == "subject")
            #expect(Set(candidates.map(\.id)) == ["c-polar", "c-polar-ru"])
        }
        do {
            _ = try resolver.resolve("c-nordc")
            Issue.record("resolved an unknown id")
        } catch {
            guard case .unknown(_, _, let ids, let names) = error else { Issue.record("\(error)"); return }
            #expect(ids.first == "c-nordic")
            #expect(names.isEmpty || names.allSatisfy { $0.score >= 0.5 })
        }
        #expect(throws: EntityReferenceError.self) { try resolver.resolve("lei:529900T8BM49AURSDO56") }
        #expect(throws: EntityReferenceError.self) { try resolver.resolve("lei:529900ABCDEFGHIJKL19") }
    }
}

@Suite struct CounterpartyFileTests {
    @Test func parsesQuotedFieldsExtraColumnsAndIdentifiers() throws {
        let text =
            "Ref,Name,desk,identifiers,kind\r\n1,\"Ivanov, Sergei\",\"a \"\"q\"\" b\",lei:529900T8BM49AURSDO55;inn:7707083893,person\r\n2,Acme,x,,\n"
        let list = try CounterpartyFile.parse(text, file: "c.csv")
        #expect(list.extraColumns == ["desk"])
        #expect(list.rows.count == 2)
        #expect(list.rows[0].query.name == "Ivanov, Sergei" && list.rows[0].query.kind == .person)
        #expect(list.rows[0].extra == ["a \"q\" b"])
        #expect(list.rows[0].query.identifiers.map(\.key) == ["LEI:529900T8BM49AURSDO55", "RU-INN:7707083893"])
        #expect(list.rows[1].line == 3)
    }

    @Test func errorsNameLineAndField() {
        func reason(_ text: String) -> String {
            do { _ = try CounterpartyFile.parse(text, file: "c.csv"); return "" } catch {
                return error.errorDescription ?? ""
            }
        }
        #expect(reason("").hasPrefix("c.csv:1: empty file"))
        #expect(reason("ref,name\n1,a\n1,b\n") == "c.csv:3: ref '1' repeats line 2")
        #expect(reason("ref,name\n1,\"a\n") == "c.csv:2: a quoted field is not closed")
        #expect(reason("ref,name\n1,a,b\n") == "c.csv:2: 3 field(s), the header has 2")
        #expect(reason("ref,name\n,a\n") == "c.csv:2: field 'ref' is empty")
    }

    @Test func badCheckDigitsBecomeANoteNotAFailure() throws {
        let list = try CounterpartyFile.parse("ref,name,identifiers\n1,a,lei:529900T8BM49AURSDO56\n", file: "c.csv")
        #expect(list.rows[0].query.identifiers.isEmpty)
        #expect(list.rows[0].notes.first?.contains("check digits do not match") == true)
    }
}

@Suite struct ScreenerTests {
    @Test func decisionsAndVerdicts() throws {
        var b = GraphBuilder()
        let day = CalendarDate(parsing: "2025-01-01")!
        b.add(
            Entity(id: "owner", kind: .person, name: "Olga Ivanova", jurisdiction: "GB"),
            at: SourceLocation(file: "s", line: 1))
        b.add(
            Entity(id: "mid", kind: .company, name: "Harbour Holdings Ltd", jurisdiction: "SG"),
            at: SourceLocation(file: "s", line: 2))
        b.add(
            Entity(
                id: "sdn", kind: .company, name: "Baltic Trading Ltd", jurisdiction: "GB",
                designations: [Designation(list: "OFAC-SDN", listed: CalendarDate(parsing: "2022-04-06"))]),
            at: SourceLocation(file: "s", line: 3))
        b.add(
            Relationship(kind: .owns, source: "owner", target: "mid", share: .exact(Percent(100))),
            at: SourceLocation(file: "s", line: 4))
        b.add(
            Relationship(kind: .owns, source: "mid", target: "sdn", share: .exact(Percent(10))),
            at: SourceLocation(file: "s", line: 5))
        let g = b.build().graph
        let screener = try Screener(
            index: MatchIndex(graph: g),
            options: ScreeningOptions(regimes: ["ofac"], asOf: day, policy: Policy(jurisdictions: [])))
        let list = try CounterpartyFile.parse(
            "ref,name,kind\na,Olga Ivanova,person\nb,Baltic Trading,company\nc,Nobody Known,company\n", file: "c.csv")
        let rows = screener.screen(list.rows)
        #expect(rows.map(\.decision) == [.match, .match, .none])
        #expect(rows[0].verdict == .exposed)
        #expect(rows[0].path.map { g.id($0) } == ["owner", "mid", "sdn"])
        #expect(rows[1].verdict == .self && rows[1].lists == ["OFAC-SDN"])
        #expect(rows[1].statuses.map(\.status) == [.listed])
        #expect(rows[2].verdict == nil && rows[2].candidates.isEmpty)
        // Same input, same rows, on one thread or two.
        #expect(screener.screen(list.rows, threads: 1) == rows)
    }
}
