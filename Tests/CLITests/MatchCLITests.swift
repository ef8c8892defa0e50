import Foundation
import CorpGraphTestSupport
import Testing

@Suite struct SearchCLITests {
    let parties = CLI.fixture("cases/match/parties.yaml")

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func textFindsTransliteratedNameFirst() throws {
        let r = try CLI.run(["search", parties, "Polar Mining OOO"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("search 'Polar Mining OOO' (corpgraph-match@1, match at 0.7): ") == true)
        #expect(
            lines.count >= 3 && lines[1].contains("[c-polar-ru, RU-IRK]") && lines[1].contains("match"), "\(r.stdout)")
    }

    @Test func jsonShapeAndOrder() throws {
        let r = try CLI.run(["search", parties, "Trading Ltd", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        #expect(o["query"] as? String == "Trading Ltd")
        #expect(o["algorithm"] as? String == "corpgraph-match@1")
        let results = try #require(o["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["c-baltic", "c-nordic"])
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        let features = try #require(results[0]["features"] as? [String: [String: Any]])
        #expect(features["name"]?["score"] != nil && features["legalForm"]?["score"] as? Double == 0)
        #expect(results[0]["match"] as? Bool == false)  // only generic words in common
    }

    @Test func identifierLookupAndChecksum() throws {
        let ok = try CLI.run(["search", parties, "LEI:529900t8bm49aursdo55", "--format", "csv"])
        #expect(
            ok.stdout
                == "rank,id,name,kind,jurisdiction,score,match,features\n1,c-baltic,Baltic Trading Ltd,company,GB,1,true,identifier=1\n",
            "\(ok.stdout)")
        let inn = try CLI.run(["search", parties, "inn:7707083893", "--format", "csv"])
        #expect(inn.stdout.contains("1,c-polar-ru,"))
        let bad = try CLI.run(["search", parties, "lei:529900T8BM49AURSDO56"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("check digits do not match"), "\(bad.stderr)")
    }

    @Test func kindCountryLimitThreshold() throws {
        let kind = try json(try CLI.run(["search", parties, "Ivanov", "--kind", "company", "--format", "json"]))
        #expect((kind["results"] as? [[String: Any]])?.isEmpty == true)
        let person = try json(
            try CLI.run(["search", parties, "Ivanov Sergei", "--kind", "person", "--format", "json"]))
        #expect((person["results"] as? [[String: Any]])?.first?["id"] as? String == "p-ivanov")
        let country = try json(try CLI.run(["search", parties, "Polar Mining", "--country", "us", "--format", "json"]))
        #expect((country["results"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c-polar-us"])
        let limit = try json(try CLI.run(["search", parties, "Trading", "--limit", "1", "--format", "json"]))
        #expect((limit["results"] as? [[String: Any]])?.count == 1)
        let loose = try json(try CLI.run(["search", parties, "Baltik Trading", "--format", "json"]))
        #expect((loose["results"] as? [[String: Any]])?.first?["match"] as? Bool == true)
        let strict = try json(
            try CLI.run(["search", parties, "Baltik Trading", "--threshold", "0.99", "--format", "json"]))
        #expect(strict["threshold"] as? Double == 0.99)
        #expect((strict["results"] as? [[String: Any]])?.first?["match"] as? Bool == false)
    }

    @Test func japaneseInOwnScript() throws {
        let r = try json(try CLI.run(["search", parties, "東洋物産", "--format", "json"]))
        #expect((r["results"] as? [[String: Any]])?.first?["id"] as? String == "c-toyo")
    }

    @Test func usageErrors() throws {
        #expect(try CLI.run(["search", parties]).status == 2)
        #expect(
            try CLI.run(["search", parties, "x", "--kind", "compny"]).stderr.contains(
                "in --kind; did you mean 'company'?"))
        #expect(try CLI.run(["search", parties, "x", "--threshold", "2"]).status == 2)
        #expect(try CLI.run(["search", parties, "x", "--limit", "0"]).status == 2)
    }
}

@Suite struct EntityReferenceCLITests {
    let parties = CLI.fixture("cases/match/parties.yaml")

    @Test func subjectByNameAndIdentifier() throws {
        let byName = try CLI.run(["exposure", parties, "--subject", "name:Toyo Bussan", "--format", "csv"])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.contains("c-toyo"))
        let byLEI = try CLI.run(["exposure", parties, "--subject", "lei:529900T8BM49AURSDO55", "--format", "json"])
        #expect(byLEI.status == 0, "\(byLEI.stderr)")
        #expect(byLEI.stdout.contains("\"subject\": \"c-baltic\""))
    }

    @Test func ambiguousNameListsCandidatesWithScores() throws {
        let r = try CLI.run(["exposure", parties, "--subject", "name:Polar Mining"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("ambiguous subject 'name:Polar Mining'"), "\(r.stderr)")
        #expect(r.stderr.contains("'c-polar-ru'") && r.stderr.contains("'c-polar-us'"))
    }

    @Test func unknownSuggestsByIdAndName() throws {
        let r = try CLI.run(["exposure", parties, "--subject", "Nordic Trading"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown subject 'Nordic Trading'"), "\(r.stderr)")
        #expect(r.stderr.contains("'c-nordic' (Nordic Trading Ltd, 1.00)"), "\(r.stderr)")
    }

    @Test func ofHolderExplainAndRender() throws {
        let of = try CLI.run(["ownership", parties, "--of", "name:Nordic Trading Ltd", "--format", "json"])
        #expect(of.status == 0, "\(of.stderr)")
        #expect(of.stdout.contains("p-ivanov"))
        let holder = try CLI.run(["ownership", parties, "--holder", "name:Sergei Ivanov", "--format", "json"])
        #expect(holder.status == 0, "\(holder.stderr)")
        #expect(holder.stdout.contains("c-nordic"))
        let explain = try CLI.run(["blocked", parties, "--explain", "name:Nordic Trading"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("c-nordic"))
        let badLEI = try CLI.run(["blocked", parties, "--explain", "lei:529900T8BM49AURSDO56"])
        #expect(badLEI.status == 2 && badLEI.stderr.contains("check digits"), "\(badLEI.stderr)")
        let dot = FileManager.default.temporaryDirectory.appendingPathComponent("match-render-\(UUID().uuidString).dot")
            .path
        defer { try? FileManager.default.removeItem(atPath: dot) }
        let render = try CLI.run(["render", parties, "--subject", "name:Harbour Holdings", "--radius", "0", "-o", dot])
        #expect(render.status == 0, "\(render.stderr)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(text.contains("c-holding") && !text.contains("c-toyo"))
    }
}

@Suite struct ScreenCLITests {
    let parties = CLI.fixture("cases/match/parties.yaml")
    let counterparties = CLI.fixture("cases/match/counterparties.csv")

    @Test(arguments: ["text", "csv", "json"])
    func goldenOutput(_ format: String) throws {
        let r = try CLI.run([
            "screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--format", format,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let golden = try String(contentsOfFile: CLI.fixture("cases/match/screen.golden.\(format)"), encoding: .utf8)
        #expect(r.stdout == golden)
    }

    @Test func oneRowPerCounterpartyAlways() throws {
        let r = try CLI.run([
            "screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--format", "json",
        ])
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(o["rows"] as? [[String: Any]])
        #expect(rows.map { $0["ref"] as? String } == (1...8).map { "cp\($0)" })
        #expect(
            rows.map { $0["decision"] as? String } == [
                "match", "match", "match", "none", "match", "match", "possible", "match",
            ])
    }

    @Test func regimeMaxDepthThreshold() throws {
        let ofac = try CLI.run([
            "screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--regime", "ofac",
            "--format", "csv",
        ])
        #expect(
            ofac.stdout.hasPrefix(
                "ref,name,desk,decision,score,entity,entityName,candidates,lists,status_ofac,exposure,"),
            "\(ofac.stdout)")
        let shallow = try CLI.run([
            "screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--max-depth", "1",
            "--format", "csv",
        ])
        #expect(
            shallow.stdout.contains(
                "cp3,Sergey Ivanov,,match,0.9412,p-ivanov,\"Ivanov, Sergei Petrovich\",p-ivanov=0.9412,,not,not,not,clear,"
            ), "\(shallow.stdout)")
        let strict = try CLI.run([
            "screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--threshold", "0.95",
            "--format", "csv",
        ])
        #expect(strict.stdout.contains("cp3,Sergey Ivanov,,possible,0.9412,"))
        let few = try CLI.run([
            "screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--candidates", "1",
            "--format", "csv",
        ])
        #expect(few.stdout.contains("c-polar-ru=1,"), "\(few.stdout)")
        let bad = try CLI.run(["screen", parties, "--counterparties", counterparties, "--regime", "ofca"])
        #expect(bad.status == 2)
    }

    /// `-o FILE` on screen and search writes what standard output would get, and never over an input.
    @Test func outputFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("screen-out-\(UUID().uuidString).csv")
            .path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let args = ["screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01", "--format", "csv"]
        let written = try CLI.run(args + ["-o", out])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        let screened = try String(contentsOfFile: out, encoding: .utf8)
        #expect(screened == (try CLI.run(args)).stdout)
        let search = ["search", parties, "Polar Mining", "--format", "json"]
        #expect(try CLI.run(search + ["-o", out]).status == 0)
        let found = try String(contentsOfFile: out, encoding: .utf8)
        #expect(found == (try CLI.run(search)).stdout)
        let over = try CLI.run(args + ["-o", counterparties])
        let kept = try String(contentsOfFile: counterparties, encoding: .utf8)
        #expect(over.status != 0 && kept.hasPrefix("ref,"), "\(over.stderr)")
    }

    @Test func badCounterpartyFilesNameFileLineAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("screen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let noName = dir.appendingPathComponent("a.csv").path
        try "ref,nme\n1,x\n".write(toFile: noName, atomically: true, encoding: .utf8)
        let r1 = try CLI.run(["screen", parties, "--counterparties", noName])
        #expect(r1.status == 1 && r1.stderr.contains("a.csv:1: missing column 'name' (found 'nme')"), "\(r1.stderr)")
        let badKind = dir.appendingPathComponent("b.csv").path
        try "ref,name,kind\n1,x,company\n2,y,firm\n".write(toFile: badKind, atomically: true, encoding: .utf8)
        let r2 = try CLI.run(["screen", parties, "--counterparties", badKind])
        #expect(
            r2.status == 1 && r2.stderr.contains("b.csv:3: record '2', field 'kind': unknown kind 'firm'"),
            "\(r2.stderr)")
        let badID = dir.appendingPathComponent("c.csv").path
        try "ref,name,identifiers\n1,x,529900T8BM49AURSDO55\n".write(toFile: badID, atomically: true, encoding: .utf8)
        let r3 = try CLI.run(["screen", parties, "--counterparties", badID])
        #expect(r3.status == 1 && r3.stderr.contains("c.csv:2: record '1', field 'identifiers'"), "\(r3.stderr)")
        let missing = try CLI.run(["screen", parties, "--counterparties", dir.appendingPathComponent("none.csv").path])
        #expect(missing.status == 1 && missing.stderr.contains("cannot read the counterparty file"))
    }
}

@Suite struct MergeCLITests {
    let inputs = ["native.yaml", "gleif.json", "ftm.json"].map { CLI.fixture("cases/match/merge/\($0)") }

    @Test func nativeGLEIFAndFtMShareAnLEI() throws {
        let v = try CLI.run(["validate"] + inputs)
        #expect(v.status == 0, "\(v.stderr)")
        #expect(
            v.stdout.contains(
                "warning: merge: merged 'baltic', '529900T8BM49AURSDO55', 'os-baltic' into 'baltic' (shared LEI:529900T8BM49AURSDO55)"
            ), "\(v.stdout)")
        #expect(v.stdout.contains("valid: 3 entities, 2 relationships"))
        let stats = try CLI.run(["stats"] + inputs)
        #expect(stats.stdout.hasPrefix("3 entities, 2 relationships"))
        #expect(
            stats.stderr.contains("note: merged 3 records into 1 entity by shared identifiers ('baltic')"),
            "\(stats.stderr)")
        // The FtM record's topic tag and names now sit on the merged entity.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try CLI.run(["export"] + inputs + ["--to", "json", "-o", out]).status == 0)
        let exported = try String(contentsOfFile: out, encoding: .utf8)
        #expect(
            exported.contains("\"sanction\"") && exported.contains("Балтик Трейдинг")
                && !exported.contains("\"id\": \"os-baltic\"") && exported.contains("\"id\": \"baltic\""))
        let search = try CLI.run(["search"] + inputs + ["Балтик Трейдинг", "--format", "csv"])
        #expect(search.stdout.contains("1,baltic,Baltic Trading Ltd,company,GB,1,true,"), "\(search.stdout)")
    }

    @Test func noMergeKeepsThemApart() throws {
        let v = try CLI.run(["validate", "--no-merge"] + inputs)
        #expect(v.stdout.contains("valid: 5 entities, 2 relationships, 0 warning(s)"), "\(v.stdout)")
        let s = try CLI.run(["search", "--no-merge"] + inputs + ["lei:529900T8BM49AURSDO55", "--format", "csv"])
        #expect(s.stdout.split(separator: "\n").count == 4)
    }
}
