import Foundation
import CorpGraphTestSupport
import Testing

/// Runs `corpgraph exposure` on the founding case and decodes the JSON report.
private func exposureJSON(_ arguments: [String]) throws -> [String: Any] {
    let r = try CLI.run(["exposure", CLI.fixture("seed/seed.yaml"), "--format", "json"] + arguments)
    #expect(r.status == 0, "\(r.stderr)")
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
}

private func paths(_ report: [String: Any], _ subject: String) -> [[String: Any]] {
    let subjects = report["subjects"] as! [[String: Any]]
    return subjects.first { $0["subject"] as? String == subject }?["paths"] as? [[String: Any]] ?? []
}

private func nodes(_ path: [String: Any]) -> [String] { path["nodes"] as! [String] }

@Suite struct ExposureCLITests {
    @Test func exchangeAReachesItsRussianBackOfficeThroughTheShell() throws {
        let report = try exposureJSON(["--subject", "exchange-a", "--as-of", "2022-12-01"])
        #expect(report["asOf"] as? String == "2022-12-01")
        let p = paths(report, "exchange-a")
        // The Moscow back office (a jurisdiction target) does not hide the SDN-listed exchange it pays (DESIGN §4
        // severity rule); the designated target ranks first.
        #expect(p.count == 2)
        #expect(nodes(p[0]) == ["exchange-a", "a-sg-shell", "a-ru-backoffice", "ru-exchange-x"])
        #expect(p[0]["severity"] as? String == "designated")
        #expect(p[0]["reasons"] as? [String] == ["jurisdiction:RU", "list:OFAC-SDN since 2022-04-05"])
        #expect(nodes(p[1]) == ["exchange-a", "a-sg-shell", "a-ru-backoffice"])
        #expect(p[1]["target"] as? String == "a-ru-backoffice" && p[1]["severity"] as? String == "jurisdiction")
        #expect(p[1]["reasons"] as? [String] == ["jurisdiction:RU via RU-MOW"])
        #expect(p[1]["strength"] as? Double == 1)
        let hops = p[1]["hops"] as! [[String: Any]]
        #expect(hops[0]["kind"] as? String == "owns")
        #expect(hops[0]["direction"] as? String == "down")
        #expect(hops[0]["share"] as? Double == 100)
        #expect((hops[0]["payments"] as? [[String: Any]])?.first?["count"] as? Int == 1)
        #expect(hops[1]["kind"] as? String == "pays")
        let fold = (hops[1]["payments"] as! [[String: Any]])[0]
        #expect(fold["count"] as? Int == 6)
        #expect(fold["first"] as? String == "2022-05-16")
        #expect(fold["last"] as? String == "2022-10-17")
        #expect((fold["totals"] as? [[String: Any]])?.first?["currency"] as? String == "USDT")
        #expect((fold["totals"] as? [[String: Any]])?.first?["amount"] as? Double == 945_000)
    }

    @Test func exchangeBHasNoPath() throws {
        #expect(paths(try exposureJSON(["--subject", "exchange-b"]), "exchange-b").isEmpty)
        let text = try CLI.run(["exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-b"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("[exchange-b, JP] — CLEAR\n  no exposure path found\n"), "\(text.stdout)")
    }

    /// The issue expects miner-m → irkutsk-site in 3 hops with strength 0.6. In the seed, m-siberia (the site's
    /// operator) is itself in RU-IRK, so the path stops there after 2 hops (strength 0.6); the site is 3 hops away in
    /// the --reach summary, which does not stop at targets.
    @Test func minerMReachesIrkutsk() throws {
        let p = paths(try exposureJSON(["--subject", "miner-m", "--as-of", "2022-12-01"]), "miner-m")
        #expect(p.map(nodes) == [["miner-m", "m-hk-holdings", "m-siberia"]])
        #expect(p[0]["strength"] as? Double == 0.6)
        #expect(p[0]["reasons"] as? [String] == ["jurisdiction:RU via RU-IRK"])
        let reach = try exposureJSON(["--subject", "miner-m", "--reach", "--as-of", "2022-12-01"])
        let targets = (reach["subjects"] as! [[String: Any]])[0]["targets"] as! [[String: Any]]
        #expect(targets.map { "\($0["id"]!)@\($0["distance"]!)" } == ["m-siberia@2", "irkutsk-site@3"])
        // Only operations: the site is reached in 1 hop from its operator.
        let ops = paths(try exposureJSON(["--subject", "m-siberia", "--via", "operates"]), "m-siberia")
        #expect(ops.map(nodes) == [["m-siberia", "irkutsk-site"]])
    }

    @Test func minerNBrokeOffInJune() throws {
        #expect(
            paths(try exposureJSON(["--subject", "miner-n", "--as-of", "2022-06-01"]), "miner-n").map(nodes)
                == [["miner-n", "n-irkutsk-hosting"]])
        #expect(paths(try exposureJSON(["--subject", "miner-n", "--as-of", "2022-07-01"]), "miner-n").isEmpty)
    }

    @Test func exchangeCMovedItsBackOffice() throws {
        #expect(
            paths(try exposureJSON(["--subject", "exchange-c", "--as-of", "2022-04-01"]), "exchange-c").map(nodes)
                == [["exchange-c", "c-ru-backoffice"]])
        #expect(paths(try exposureJSON(["--subject", "exchange-c", "--as-of", "2022-06-01"]), "exchange-c").isEmpty)
    }

    @Test func exchangeDIsExposedOnlyThroughAWebOfSubsidiaries() throws {
        let p = paths(try exposureJSON(["--subject", "exchange-d", "--as-of", "2022-12-01"]), "exchange-d")
        #expect(!p.isEmpty)
        #expect(p.allSatisfy { ($0["length"] as! Int) >= 3 })
        // Designated first: the USDT payment to ru-exchange-x, then the jurisdiction paths.
        #expect(
            p.map(nodes).first == ["exchange-d", "d-sg-holdings", "d-ae-trading", "d-kz-services", "ru-exchange-x"])
        #expect(
            p.map(nodes).dropFirst().first == [
                "exchange-d", "d-sg-holdings", "d-ae-trading", "d-kz-services", "d-ru-ops",
            ])
        // The nominee path has a 50–75 % stake: the strength is a range, not a guess.
        let nominee = p.first { nodes($0).contains("d-cy-nominee") }!
        #expect(nominee["strength"] is NSNull)
        let bounds = nominee["strengthBounds"] as! [String: Any]
        #expect(bounds["min"] as? Double == 0.144)
        #expect(bounds["max"] as? Double == 0.216)
    }

    @Test func upwardsFindsTheDesignatedOwners() throws {
        let p = paths(
            try exposureJSON(["--subject", "ae-hosting-pool", "--direction", "up", "--as-of", "2022-12-01"]),
            "ae-hosting-pool")
        #expect(p.map(nodes) == [["ae-hosting-pool", "person-s"], ["ae-hosting-pool", "person-t"]])
        #expect(p.map { ($0["hops"] as! [[String: Any]])[0]["direction"] as! String } == ["up", "up"])
    }

    @Test func textShowsTheChainWithNamesJurisdictionsAndShares() throws {
        let r = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--subject", "miner-m", "--as-of", "2022-12-01",
        ])
        #expect(r.status == 0)
        #expect(
            r.stdout.contains("  1. 2 hops, strength 0.6 ⇒ m-siberia (jurisdiction:RU via RU-IRK)\n"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "[miner-m, JP] ─owns 60 % (since 2020-02-01)→ Minamikaze Holdings (HK) Limited [m-hk-holdings, HK] ─owns 100 % (since 2020-03-01)→ ООО «Сибирь Майнинг» (Siberia Mining LLC) [m-siberia, RU-IRK]"
            ),
            "\(r.stdout)")
    }

    @Test func csvHasARowPerHop() throws {
        let r = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-a", "--format", "csv",
            "--as-of", "2022-12-01",
        ])
        #expect(r.status == 0)
        let all = r.stdout.split(separator: "\n")
        #expect(all.count == 7)  // header, the verdict row, 3 hops of path 1 (designated), 2 of path 2
        #expect(all[0].hasPrefix("subject,path,hop,from,to,kinds,directions,share,payments,"))
        #expect(all[0].hasSuffix(",path_hops,severity,verdict"))
        #expect(all[1] == "exchange-a,,,,,,,,,,,,,,,,,,,,exposed")
        let lines = [all[0]] + all.dropFirst(2)
        #expect(
            lines[3].hasPrefix(
                "exchange-a,1,3,a-ru-backoffice,ru-exchange-x,pays,down,,1,40000 USDT,2022-06-20,2022-06-20,"))
        #expect(lines[3].hasSuffix(",3,designated,exposed"))
        #expect(lines[4].hasPrefix("exchange-a,2,1,exchange-a,a-sg-shell,owns;pays,down;down,100,1,1000000 USD,"))
        #expect(
            lines[5].hasPrefix(
                "exchange-a,2,2,a-sg-shell,a-ru-backoffice,pays,down,,6,945000 USDT,2022-05-16,2022-10-17,"))
    }

    @Test func allExchanges() throws {
        let report = try exposureJSON(["--all", "--kind", "exchange", "--as-of", "2022-12-01"])
        let subjects = (report["subjects"] as! [[String: Any]]).map { $0["subject"] as! String }
        #expect(subjects == ["exchange-a", "exchange-d", "ru-exchange-x"])  // the SDN-listed one counts (self)
        #expect(report["subjectsChecked"] as? Int == 5)
    }

    @Test func timeRespectingKeepsTheShellPayments() throws {
        // Exchange A funds the shell on 2022-05-02 and the shell pays Moscow from 2022-05-16: in time order.
        let p = paths(
            try exposureJSON(["--subject", "exchange-a", "--via", "pays", "--time-respecting", "--as-of", "2022-12-01"]
            ),
            "exchange-a")
        #expect(
            p.map(nodes) == [
                ["exchange-a", "a-sg-shell", "a-ru-backoffice", "ru-exchange-x"],
                ["exchange-a", "a-sg-shell", "a-ru-backoffice"],
            ])
        // As of 2022-05-10 the shell has not paid Moscow yet.
        #expect(
            paths(
                try exposureJSON(["--subject", "exchange-a", "--via", "pays", "--as-of", "2022-05-10"]), "exchange-a"
            ).isEmpty)
    }

    @Test func reachCSV() throws {
        let r = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--subject", "miner-m", "--subject", "exchange-a",
            "--reach", "--format", "csv", "--as-of", "2022-12-01",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == """
                subject,target,distance,reasons
                miner-m,m-siberia,2,jurisdiction:RU via RU-IRK
                miner-m,irkutsk-site,3,jurisdiction:RU via RU-IRK
                exchange-a,a-ru-backoffice,2,jurisdiction:RU via RU-MOW
                exchange-a,ru-exchange-x,3,jurisdiction:RU;list:OFAC-SDN since 2022-04-05

                """)
        // --all: subjects in id order, each with its targets by distance then id; 22 rows.
        let all = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--all", "--reach", "--format", "csv",
            "--as-of", "2022-12-01",
        ])
        let rows = all.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 22)
        let keys = rows.map { (String($0[0]), Int($0[2])!, String($0[1])) }
        #expect(keys.map(\.0) == keys.map(\.0).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for (a, b) in zip(keys, keys.dropFirst()) where a.0 == b.0 {
            #expect(a.1 < b.1 || (a.1 == b.1 && a.2.utf8.lexicographicallyPrecedes(b.2.utf8)), "\(a) before \(b)")
        }
    }

    @Test func timeRespectingLeavesOutPaymentsThatCannotBeInOrder() throws {
        // The shell is funded on 05-02 and 11-01 and pays Moscow on 06-01: the November funding cannot have paid for it.
        let dataset = """
            policy: {jurisdictions: [RU]}
            entities:
              - {id: ex, kind: exchange, name: Exchange, jurisdiction: JP}
              - {id: shell, kind: company, name: Shell, jurisdiction: SG}
              - {id: moscow, kind: company, name: Moscow LLC, jurisdiction: RU-MOW}
            relationships:
              - {id: f1, kind: pays, source: ex, target: shell, amount: 100, currency: USD, date: 2022-05-02}
              - {id: f2, kind: pays, source: ex, target: shell, amount: 900, currency: USD, date: 2022-11-01}
              - {id: m1, kind: pays, source: shell, target: moscow, amount: 50, currency: USDT, date: 2022-06-01}

            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-timely-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("timely.yaml").path
        try dataset.write(toFile: file, atomically: true, encoding: .utf8)
        let base = ["exposure", file, "--subject", "ex", "--as-of", "2022-12-01"]
        let json = try CLI.run(base + ["--time-respecting", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let hops = paths(report, "ex")[0]["hops"] as! [[String: Any]]
        let fold = (hops[0]["payments"] as! [[String: Any]])[0]
        #expect(fold["ids"] as? [String] == ["f1"])
        #expect(hops[0]["paymentsOutOfTimeOrder"] as? Int == 1)
        #expect(hops[1]["paymentsOutOfTimeOrder"] == nil)
        let text = try CLI.run(base + ["--time-respecting"])
        #expect(
            text.stdout.contains("─pays 100 USD (2022-05-02)→ [1 payment out of time order left out]"), "\(text.stdout)"
        )
        // Without --time-respecting both fundings are listed.
        let plain = try CLI.run(base)
        #expect(plain.stdout.contains("─pays 2× 1,000 USD (2022-05-02…2022-11-01)→"), "\(plain.stdout)")
    }

    @Test func derivedTargetsFromTheOwnershipRules() throws {
        // person-s (30 %) and person-t (25 %) together own 55 % of ae-hosting-pool: blocked under OFAC aggregation.
        let without = paths(
            try exposureJSON(["--subject", "j-conglomerate", "--as-of", "2022-12-01"]), "j-conglomerate")
        #expect(!without.map(nodes).contains(["j-conglomerate", "ae-hosting-pool"]))
        let report = try exposureJSON(["--subject", "j-conglomerate", "--derived", "ofac", "--as-of", "2022-12-01"])
        let p = paths(report, "j-conglomerate")
        #expect(nodes(p[0]) == ["j-conglomerate", "ae-hosting-pool"])
        #expect(p[0]["reasons"] as? [String] == ["derived:ofac ownership by person-s, person-t"])
        #expect((report["query"] as? [String: Any])?["derived"] as? String == "ofac")
        let bad = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-a", "--derived", "ofak",
        ])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown regime 'ofak'"), "\(bad.stderr)")
    }

    @Test func unknownSubjectSuggestsCloseIds() throws {
        let r = try CLI.run(["exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchnge-a"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: unknown subject 'exchnge-a'; did you mean 'exchange-a'"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func usageErrorsExit2() throws {
        for args in [
            [], ["--subject", "exchange-a", "--all"], ["--subject", "exchange-a", "--via", "owes"],
            ["--subject", "exchange-a", "--max-depth", "0"],
            ["--subject", "exchange-a", "--reach", "--time-respecting"],
            ["--subject", "exchange-a", "--direction", "sideways"],
            ["--subject", "exchange-a", "--as-of", "2022-13-01"],
            ["--kind", "exchange", "--subject", "exchange-a"],
        ] {
            let r = try CLI.run(["exposure", CLI.fixture("seed/seed.yaml")] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
        let via = try CLI.run(["exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-a", "--via", "owes"])
        #expect(via.stderr.contains("Unknown relationship kind 'owes' in --via"), "\(via.stderr)")
        #expect(via.stderr.contains("in --via; did you mean 'owns'?"), "\(via.stderr)")
    }
}

/// Every subject gets a verdict (issue #11 item 5): `self` (itself a target, counted as exposed), `exposed`, `clear`.
@Suite struct ExposureVerdictCLITests {
    @Test("--all counts the SDN-listed exchange as exposed (self), with its reasons")
    func allCountsSelf() throws {
        let report = try exposureJSON(["--all", "--kind", "exchange", "--as-of", "2022-12-01"])
        let subjects = report["subjects"] as! [[String: Any]]
        #expect(subjects.map { $0["subject"] as! String } == ["exchange-a", "exchange-d", "ru-exchange-x"])
        #expect(subjects.map { $0["verdict"] as! String } == ["exposed", "exposed", "self"])
        #expect(subjects[2]["selfReasons"] as? [String] == ["jurisdiction:RU", "list:OFAC-SDN since 2022-04-05"])
        #expect(
            report["subjectsChecked"] as? Int == 5 && report["subjectsExposed"] as? Int == 3
                && report["subjectsSelf"] as? Int == 1)
        let text = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--all", "--kind", "exchange", "--as-of", "2022-12-01",
        ])
        #expect(text.stdout.contains("3 of 5 subject(s) exposed (1 of them is itself a target)\n"), "\(text.stdout)")
        #expect(text.stdout.contains("[ru-exchange-x, RU] — SELF\n"))
    }

    @Test("--include-clear and --subject list the clear subjects too; CSV has a verdict row per subject")
    func clearOnesListed() throws {
        let all = try exposureJSON(["--all", "--kind", "exchange", "--include-clear", "--as-of", "2022-12-01"])
        let verdicts = (all["subjects"] as! [[String: Any]]).map { "\($0["subject"]!)=\($0["verdict"]!)" }
        #expect(
            verdicts == [
                "exchange-a=exposed", "exchange-b=clear", "exchange-c=clear", "exchange-d=exposed",
                "ru-exchange-x=self",
            ])
        let some = try exposureJSON(["--subject", "exchange-b", "--subject", "exchange-a", "--as-of", "2022-12-01"])
        #expect((some["subjects"] as! [[String: Any]]).map { $0["verdict"] as! String } == ["clear", "exposed"])
        let csv = try CLI.run([
            "exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-b", "--subject",
            "ru-exchange-x", "--format", "csv", "--as-of", "2022-12-01",
        ])
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasSuffix(",severity,verdict"))
        #expect(lines[1] == "exchange-b,,,,,,,,,,,,,,,,,,,,clear")
        #expect(
            lines[2]
                == "ru-exchange-x,,,,,,,,,,,,,ru-exchange-x,jurisdiction:RU;list:OFAC-SDN since 2022-04-05,,,,,,self")
        let bad = try CLI.run(["exposure", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-b", "--include-clear"])
        #expect(bad.status == 2)
    }
}
