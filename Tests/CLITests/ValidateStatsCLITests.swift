import Foundation
import CorpGraphTestSupport
import Testing

@Suite struct ValidateStatsCLITests {
    @Test func validateSeedSucceeds() throws {
        let r = try CLI.run(["validate", CLI.fixture("seed/seed.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("valid: 31 entities, 33 relationships, 0 warning(s)"))
    }

    @Test func validateBrokenListsEverythingAndExits1() throws {
        let r = try CLI.run(["validate", CLI.fixture("cases/native/broken.yaml")])
        #expect(r.status == 1)
        #expect(
            r.stdout.contains(
                "invalid: 9 record(s) left out, 11 error(s), 1 warning(s); loaded 2 entities, 0 relationships"),
            "\(r.stdout)")
        let json = try CLI.run(["validate", "--format", "json", CLI.fixture("cases/native/broken.yaml")])
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(obj["valid"] as? Bool == false)
        #expect((obj["diagnostics"] as? [[String: Any]])?.count == 12)
    }

    @Test func otherCommandsRefuseBadInput() throws {
        let r = try CLI.run(["stats", CLI.fixture("cases/native/broken.yaml")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Nothing computed"))
        #expect(r.stdout.isEmpty)
    }

    @Test func statsText() throws {
        let r = try CLI.run(["stats", CLI.fixture("seed/seed.yaml")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("entities by kind:       company 21, exchange 5, person 2, site 3"))
        #expect(r.stdout.contains("  d-sg-holdings → d-ae-trading"))
        #expect(r.stdout.contains("RU (Russian Federation): 10\n      RU-IRK 3, RU-MOW 3, RU-SPE 1\n"))
    }

    @Test func statsJSON() throws {
        let r = try CLI.run(["stats", "--format", "json", CLI.fixture("seed/seed.yaml")])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(obj["entities"] as? Int == 31)
        #expect((obj["ownershipCycles"] as? [[String]]) == [["d-sg-holdings", "d-ae-trading"]])
        #expect((obj["countries"] as? [String: Int])?["RU"] == 10)
        let jurisdictions = obj["jurisdictions"] as? [String: Int]
        #expect(jurisdictions?["RU-IRK"] == 3 && jurisdictions?["RU-MOW"] == 3 && jurisdictions?["RU"] == 3)
    }

    @Test func usageErrorsExit2AndVersionWorks() throws {
        #expect(try CLI.run(["stats"]).status == 2)
        #expect(try CLI.run(["stats", "--nope", "x"]).status == 2)
        #expect(try CLI.run(["nosuchcommand"]).status == 2)
        let v = try CLI.run(["--version"])
        #expect(v.status == 0 && v.stdout.hasPrefix("0."))
        for c in ["validate", "stats"] {
            let h = try CLI.run([c, "--help"])
            #expect(h.status == 0 && h.stdout.contains("USAGE: corpgraph \(c)"))
        }
    }

    @Test func missingFileIsInputError() throws {
        let r = try CLI.run(["validate", "/nonexistent.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent.yaml: no such file or directory"))
    }

    @Test func csvPairFilesByBareNameInTheCurrentDirectory() throws {
        // `cd data && corpgraph stats entities.csv relationships.csv`: the pair once, from the current directory.
        let dir = URL(fileURLWithPath: CLI.fixture("cases/csv/bench-sample"))
        let r = try CLI.run(["stats", "entities.csv", "relationships.csv", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let stats = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(stats["entities"] as? Int == 1000)
        #expect(stats["relationships"] as? Int == 1327)
        let v = try CLI.run(["validate", "entities.csv", "relationships.csv"], in: dir)
        #expect(v.status == 0)
        #expect(v.stdout.contains("entities.csv: csv, loaded 1000 entities"), "\(v.stdout)")
        #expect(v.stdout.contains("relationships.csv: csv, loaded 0 entities and 1327 relationships"), "\(v.stdout)")
        let twice = try CLI.run(["validate", "entities.csv", "entities.csv"], in: dir)
        #expect(
            twice.stdout.contains("entities.csv: warning: given more than once (first as 'entities.csv'); read once"),
            "\(twice.stdout)")
    }

    @Test func noSubcommandIsAUsageError() throws {
        let r = try CLI.run([])
        #expect(r.status == 2)
        #expect(r.stderr.contains("SUBCOMMANDS"))
        #expect(r.stdout.isEmpty)
        #expect(try CLI.run(["--help"]).status == 0)
    }

    @Test func explainNeedsTextOrJSON() throws {
        let r = try CLI.run([
            "blocked", CLI.fixture("seed/seed.yaml"), "--regime", "ofac", "--explain", "d-ru-ops",
            "--format", "csv",
        ])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--explain prints a derivation"), "\(r.stderr)")
    }
}
