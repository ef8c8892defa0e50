import Foundation
import CorpGraphTestSupport
import Testing

/// Each regime counts its own authority's asset-freeze lists (issue #11 item 1), several regimes side by side, and
/// `exposure` counting every list unless `--derived` names a regime.
@Suite struct RegimeListsCLITests {
    /// Hand-written: `eu-only` (EU-FSF) holds 60 % of `co-eu`; `sdn` (OFAC-SDN) 60 % of `co-us`; `uk` (UK-FCDO)
    /// 60 % of `co-uk`; `un` (UN-SC) 60 % of `co-un`; `tb` (EU-TRAVEL-BAN only) 60 % of `co-tb`.
    static let dataset = """
        entities:
          - {id: eu-only, kind: person, name: EU Only, designations: [{list: EU-FSF, listed: 2022-01-01}]}
          - {id: sdn, kind: person, name: SDN, designations: [{list: OFAC-SDN, listed: 2022-01-01}]}
          - {id: uk, kind: person, name: UK, designations: [{list: UK-FCDO, listed: 2022-01-01}]}
          - {id: un, kind: person, name: UN, designations: [{list: UN-SC, listed: 2022-01-01}]}
          - {id: tb, kind: person, name: Travel Ban, designations: [{list: EU-TRAVEL-BAN, listed: 2022-01-01}]}
          - {id: co-eu, kind: company, name: Co EU}
          - {id: co-us, kind: company, name: Co US}
          - {id: co-uk, kind: company, name: Co UK}
          - {id: co-un, kind: company, name: Co UN}
          - {id: co-tb, kind: company, name: Co TB}
          - {id: holder, kind: company, name: Holder, jurisdiction: JP}
        relationships:
          - {kind: owns, source: eu-only, target: co-eu, share: 60}
          - {kind: owns, source: sdn, target: co-us, share: 60}
          - {kind: owns, source: uk, target: co-uk, share: 60}
          - {kind: owns, source: un, target: co-un, share: 60}
          - {kind: owns, source: tb, target: co-tb, share: 60}
          - {kind: pays, source: holder, target: tb, amount: 100, currency: USD, date: 2023-01-01}

        """

    func file(_ text: String = RegimeListsCLITests.dataset, name: String = "lists.yaml") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-lists-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func statuses(_ obj: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for e in obj["entities"] as! [[String: Any]] { out[e["id"] as! String] = e["status"] as? String }
        return out
    }

    @Test("each built-in regime counts its own lists; travel bans count for none")
    func ownListsPerRegime() throws {
        let f = try file()
        let ofac = try json(CLI.run(["blocked", "--regime", "ofac", "--as-of", "2025-01-01", "--format", "json", f]))
        #expect(statuses(ofac) == ["sdn": "listed", "co-us": "blocked"])
        #expect(ofac["lists"] as? [String] == ["OFAC-SDN"] && ofac["listsOrigin"] as? String == "default")
        let eu = try json(CLI.run(["blocked", "--regime", "eu", "--as-of", "2025-01-01", "--format", "json", f]))
        #expect(statuses(eu) == ["eu-only": "listed", "co-eu": "blocked", "un": "listed", "co-un": "blocked"])
        #expect(eu["lists"] as? [String] == ["EU-FSF", "UN-SC"])
        let uk = try json(CLI.run(["blocked", "--regime", "uk", "--as-of", "2025-01-01", "--format", "json", f]))
        #expect(statuses(uk) == ["uk": "listed", "co-uk": "blocked", "un": "listed", "co-un": "blocked"])
        #expect(uk["lists"] as? [String] == ["UK-FCDO", "UK-HMT", "UN-SC"])
    }

    @Test("the header names the lists and where they came from; --lists and a policy override them")
    func headerAndOverrides() throws {
        let f = try file()
        let text = try CLI.run(["blocked", "--regime", "eu", "--as-of", "2025-01-01", f])
        #expect(text.stdout.contains("lists counted: EU-FSF, UN-SC (the regime's default lists)\n"), "\(text.stdout)")
        let opt = try CLI.run(["blocked", "--regime", "ofac", "--lists", "EU-FSF", "--as-of", "2025-01-01", f])
        #expect(opt.stdout.contains("lists counted: EU-FSF (--lists)\n"))
        #expect(opt.stdout.contains("BLOCKED      co-eu (Co EU): owned 60 % via eu-only"))
        let policy = try file(
            """
            policy:
              regimes:
                - {name: ofac, lists: [OFAC-SDN, UN-SC]}

            """, name: "policy.yaml")
        let over = try json(
            CLI.run([
                "blocked", "--regime", "ofac", "--policy", policy, "--as-of", "2025-01-01",
                "--format", "json", f,
            ]))
        #expect(statuses(over) == ["sdn": "listed", "co-us": "blocked", "un": "listed", "co-un": "blocked"])
        #expect(over["listsOrigin"] as? String == "regime")
    }

    @Test("--regime ofac,eu,uk: one status column per regime in text, JSON and CSV")
    func sideBySide() throws {
        let f = try file()
        let args = ["blocked", "--regime", "ofac,eu,uk", "--as-of", "2025-01-01", f]
        let obj = try json(CLI.run(args + ["--format", "json"]))
        #expect((obj["regimes"] as! [[String: Any]]).map { $0["name"] as! String } == ["ofac", "eu", "uk"])
        let rows = obj["entities"] as! [[String: Any]]
        #expect(rows.map { $0["id"] as! String } == ["co-eu", "co-uk", "co-un", "co-us", "eu-only", "sdn", "uk", "un"])
        let un = rows.first { $0["id"] as? String == "co-un" }!["statuses"] as! [String: [String: Any]]
        #expect(
            un["ofac"]?["status"] as? String == "not" && un["eu"]?["status"] as? String == "blocked"
                && un["uk"]?["status"] as? String == "blocked")
        let csv = try CLI.run(args + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,kind,ofac,eu,uk,ofac_basis,"))
        #expect(csv.stdout.contains("\nco-un,Co UN,company,not,blocked,blocked,,"))
        let text = try CLI.run(args)
        #expect(text.stdout.contains("OFAC         EU           UK           entity\n"))
        #expect(
            text.stdout.contains(
                "NOT          BLOCKED      BLOCKED      co-un (Co UN)\n    eu: owned 60 % via un; uk: owned 60 % by un via un\n"
            ),
            "\(text.stdout)")
        #expect(text.stdout.contains("8 of 11 entities not plainly clear under at least one regime"))
        let explain = try json(CLI.run(args + ["--format", "json", "--explain", "co-eu"]))
        let ex = explain["explanations"] as! [String: [String: Any]]
        #expect(ex["ofac"]?["status"] as? String == "not" && ex["eu"]?["status"] as? String == "blocked")
    }

    @Test("exposure counts every list and says so; --derived counts that regime's lists")
    func exposureLists() throws {
        let f = try file()
        let any = try CLI.run(["exposure", "--subject", "holder", "--as-of", "2025-01-01", f])
        #expect(any.stdout.contains("lists every list (any sanctions exposure)"))
        #expect(any.stdout.contains("⇒ tb (list:EU-TRAVEL-BAN since 2022-01-01)"), "\(any.stdout)")
        let eu = try CLI.run(["exposure", "--subject", "holder", "--as-of", "2025-01-01", "--derived", "eu", f])
        #expect(eu.stdout.contains("lists EU-FSF,UN-SC"))
        #expect(eu.stdout.contains("no exposure path found"), "\(eu.stdout)")
        let obj = try json(
            CLI.run(["exposure", "--subject", "holder", "--as-of", "2025-01-01", "--format", "json", f]))
        #expect((obj["policy"] as! [String: Any])["everyList"] as? Bool == true)
    }

    @Test("founding case: the UK example uses a UK-listed person")
    func foundingCaseUK() throws {
        let seed = CLI.fixture("seed/seed.yaml")
        let r = try CLI.run(["blocked", "--regime", "uk", "--as-of", "2025-01-01", "--format", "json", seed])
        #expect(
            statuses(try json(r)) == [
                "person-s": "listed", "person-t": "listed", "d-cy-nominee": "blocked",
                "d-ru-ops": "undetermined",
            ])
        let x = try CLI.run(["blocked", "--regime", "uk", "--as-of", "2025-01-01", "--explain", "d-cy-nominee", seed])
        #expect(
            x.stdout.contains("controlled by person-s (listed) via boardAppointment: sufficient control"), "\(x.stdout)"
        )
        let s = try CLI.run(["blocked", "--regime", "uk", "--as-of", "2025-01-01", "--explain", "person-s", seed])
        #expect(s.stdout.contains("designated: UK-FCDO (RUSSIA) since 2022-04-13"), "\(s.stdout)")
    }
}
