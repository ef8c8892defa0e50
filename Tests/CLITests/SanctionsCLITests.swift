import Foundation
import CorpGraphTestSupport
import Testing

/// `corpgraph blocked` and `corpgraph ownership` on the founding case, through the built binary.
@Suite struct SanctionsCLITests {
    let seed = CLI.fixture("seed/seed.yaml")

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func statuses(_ obj: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for e in obj["entities"] as! [[String: Any]] { out[e["id"] as! String] = e["status"] as? String }
        return out
    }

    @Test func ofacFoundingCaseThirtyPlusTwentyFive() throws {
        let r = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2025-01-01", "--format", "json", seed])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try json(r)
        #expect(obj["regime"] as? String == "ofac" && obj["asOf"] as? String == "2025-01-01")
        #expect(
            statuses(obj) == [
                "ae-hosting-pool": "blocked", "person-s": "listed", "person-t": "listed",
                "ru-exchange-x": "listed",
            ])
        let pool = (obj["entities"] as! [[String: Any]]).first { $0["id"] as? String == "ae-hosting-pool" }!
        #expect(pool["basis"] as? String == "ownership")
        #expect(pool["ownershipPercent"] as? Int == 55)
        #expect(pool["owners"] as? [String] == ["person-s", "person-t"])
    }

    @Test func designationDatesDecide() throws {
        // person-t is on the SDN list only from 2022-05-08: before that, 30 % alone does not block.
        let before = try json(CLI.run(["blocked", "--as-of", "2022-05-07", "--format", "json", seed]))
        #expect(statuses(before)["ae-hosting-pool"] == nil)
        let after = try json(CLI.run(["blocked", "--as-of", "2022-05-08", "--format", "json", seed]))
        #expect(statuses(after)["ae-hosting-pool"] == "blocked")
    }

    @Test func euCountsControlAndTheDatePicksTheTest() throws {
        let now = try json(CLI.run(["blocked", "--regime", "eu", "--as-of", "2025-01-01", "--format", "json", seed]))
        #expect(statuses(now)["d-cy-nominee"] == "blocked")
        #expect(statuses(now)["d-ru-ops"] == "blocked")  // 50–75 % ≥ 50 %
        let old = try json(CLI.run(["blocked", "--regime", "eu", "--as-of", "2024-07-02", "--format", "json", seed]))
        #expect(statuses(old)["d-ru-ops"] == "undetermined")  // could be exactly 50 %, not more than 50 %
        let cy = (now["entities"] as! [[String: Any]]).first { $0["id"] as? String == "d-cy-nominee" }!
        #expect(cy["basis"] as? String == "control" && cy["controllers"] as? [String] == ["person-s"])
    }

    @Test func ukDoesNotAggregateAndExplainsWhyNot() throws {
        let r = try CLI.run([
            "blocked", "--regime", "uk", "--as-of", "2025-01-01", "--explain", "ae-hosting-pool", seed,
        ])
        #expect(r.status == 0)
        #expect(r.stdout.contains("ae-hosting-pool (Oasis Hosting Pool FZCO): NOT BLOCKED"))
        #expect(r.stdout.contains("counting the holdings of person-s"))
        #expect(r.stdout.contains("sum counted 30 % vs threshold > 50 %: not met"))
        #expect(r.stdout.contains("sum counted 25 % vs threshold > 50 %: not met"))
        #expect(r.stdout.contains("not legal advice"))
    }

    @Test func explainJSONRecursesToListedPersons() throws {
        let obj = try json(
            CLI.run(["blocked", "--as-of", "2025-01-01", "--explain", "ae-hosting-pool", "--format", "json", seed]))
        let x = obj["explanation"] as! [String: Any]
        #expect(x["status"] as? String == "blocked" && x["sumPercent"] as? Int == 55 && x["threshold"] as? Int == 50)
        let holdings = x["holdings"] as! [[String: Any]]
        #expect(holdings.map { $0["owner"] as! String } == ["person-s", "person-t", "j-conglomerate"])
        let because = holdings[0]["because"] as! [String: Any]
        #expect(because["status"] as? String == "listed")
        // OFAC counts the SDN list only; the EU and UK listings are shown as not counted.
        #expect((because["designations"] as! [[String: Any]]).map { $0["list"] as! String } == ["OFAC-SDN"])
        #expect(
            (because["designationsNotCounted"] as! [[String: Any]]).map { $0["list"] as! String } == [
                "EU-FSF", "UK-FCDO",
            ])
    }

    @Test func csvAndBadUsage() throws {
        let csv = try CLI.run(["blocked", "--as-of", "2025-01-01", "--format", "csv", seed])
        #expect(
            csv.stdout.hasPrefix(
                "id,name,kind,status,basis,lists,ownership_min,ownership_max,owners,controllers,person\n"))
        #expect(
            csv.stdout.contains(
                "ae-hosting-pool,Oasis Hosting Pool FZCO,company,blocked,ownership,,55,55,person-s;person-t,,\n"))
        let bad = try CLI.run(["blocked", "--regime", "ofca", seed])
        #expect(bad.status == 2 && bad.stderr.contains("unknown regime 'ofca'"))
        let unknown = try CLI.run(["blocked", "--explain", "ae-hosting-pol", seed])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean 'ae-hosting-pool'"))
    }

    @Test func ownershipOfAndHolder() throws {
        let of = try json(
            CLI.run(["ownership", "--of", "ae-hosting-pool", "--as-of", "2025-01-01", "--format", "json", seed]))
        #expect(
            of["method"] as? String == "full" && of["of"] as? String == "ae-hosting-pool"
                && of["threshold"] as? Int == 25)
        let entries = of["entries"] as! [[String: Any]]
        #expect(entries.map { $0["id"] as! String } == ["person-s", "person-t", "j-conglomerate"])
        #expect(entries.map { $0["beneficialOwner"] as! Bool } == [true, true, false])
        #expect(entries.map { ($0["effectivePercent"] as! NSNumber).doubleValue } == [30, 25, 45])

        let held = try CLI.run([
            "ownership", "--holder", "exchange-d", "--as-of", "2025-01-01", "--method", "paths", seed,
        ])
        #expect(held.status == 0)
        #expect(held.stdout.contains("method: paths (simple paths only)"))
        #expect(held.stdout.contains("  d-sg-holdings (Daikoku Asia Holdings Pte. Ltd.): 90 %"))
        let usage = try CLI.run(["ownership", "--of", "a", "--holder", "b", seed])
        #expect(usage.status == 2)
    }

    @Test func aboveHundredPercentInsideACrossHoldingIsExplained() throws {
        let r = try CLI.run(["ownership", seed, "--of", "d-kz-services", "--as-of", "2022-12-01"])
        #expect(r.stdout.contains("d-ae-trading (Daikoku Gulf Trading FZE): 108.695652 %"), "\(r.stdout)")
        #expect(r.stdout.contains("above 100 %: the holder sits in a cross-holding"))
        let paths = try CLI.run([
            "ownership", seed, "--of", "d-kz-services", "--as-of", "2022-12-01", "--method", "paths",
        ])
        #expect(!paths.stdout.contains("above 100 %"))
    }

    @Test func closedLoopIsReportedByBothMethods() throws {
        // x and y own each other wholly and nobody else owns them; y owns z.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-loop-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("loop.yaml").path
        try """
        entities:
          - {id: x, kind: company, name: X}
          - {id: y, kind: company, name: Y}
          - {id: z, kind: company, name: Z}
        relationships:
          - {kind: owns, source: x, target: y, share: 100}
          - {kind: owns, source: y, target: x, share: 100}
          - {kind: owns, source: y, target: z, share: 100}

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let full = try CLI.run(["ownership", file, "--of", "z", "--as-of", "2025-01-01", "--format", "json"])
        #expect(full.status == 0, "\(full.stderr)")
        let report = try json(full)
        #expect(report["closedLoops"] as? [[String]] == [["x", "y"]])
        let entries = report["entries"] as! [[String: Any]]
        #expect(entries.allSatisfy { $0["unbounded"] as? Bool == true && $0["effectivePercent"] is NSNull })
        let text = try CLI.run(["ownership", file, "--of", "z", "--as-of", "2025-01-01"])
        #expect(text.stdout.contains("warning: closed ownership loop with no outside owner: x, y"), "\(text.stdout)")
        #expect(text.stdout.contains("unbounded (walks round a closed loop)"))
        let paths = try CLI.run(["ownership", file, "--of", "z", "--as-of", "2025-01-01", "--method", "paths"])
        #expect(paths.status == 0)
        #expect(
            paths.stdout.contains(
                "warning: closed ownership loop with no outside owner: x, y; each simple chain through it counted once"),
            "\(paths.stdout)")
    }
}
