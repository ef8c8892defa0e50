import CorpGraphTestSupport
import Foundation
import Testing

/// `corpgraph diff` through the built binary: golden outputs, flags and exit codes.
///
/// Golden files live in fixtures/diff/golden/; `CORPGRAPH_UPDATE_GOLDEN=1 swift test --filter DiffCLITests` rewrites
/// them (review the change before committing it).
@Suite struct DiffCLITests {
    let old = CLI.fixture("diff/old.yaml")
    let new = CLI.fixture("diff/new.yaml")
    let seed = CLI.fixture("seed/seed.yaml")

    func pair(_ extra: [String]) throws -> CLI.Result {
        // Relative paths, so that the golden files do not hold this machine's directories.
        try CLI.run(
            ["diff", "fixtures/diff/old.yaml", "fixtures/diff/new.yaml", "--as-of", "2024-01-01", "--regime", "ofac"]
                + extra)
    }

    func golden(_ name: String, _ text: String) throws {
        let path = CLI.fixture("diff/golden/" + name)
        if ProcessInfo.processInfo.environment["CORPGRAPH_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(
                atPath: CLI.fixture("diff/golden"), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file")
    }

    @Test func goldenText() throws {
        let r = try pair(["--verbose"])
        #expect(r.status == 0, "\(r.stderr)")
        try golden("old-new.txt", r.stdout)
    }

    @Test func goldenJSON() throws {
        let r = try pair(["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try golden("old-new.json", r.stdout)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["changed"] as? Bool == true)
        let statuses = try #require(obj["statuses"] as? [[String: Any]])
        let c = try #require(statuses.first { $0["entity"] as? String == "c-subsub" })
        let causes = try #require(c["causes"] as? [[String: Any]])
        #expect(causes.first?["chain"] as? [String] == ["c-subsub", "b-sub", "a-holding", "x-person"])
    }

    @Test func goldenCSV() throws {
        let r = try pair(["--format", "csv", "--verbose"])
        #expect(r.status == 0, "\(r.stderr)")
        try golden("old-new.csv", r.stdout)
        #expect(r.stdout.hasPrefix("section,change,regime,entity,name,from,to,detail\n"))
    }

    @Test func foundingCaseTwoDays() throws {
        let r = try CLI.run([
            "diff", seed, "--as-of", "2022-05-01", "--compare-as-of", "2022-05-10", "--regime", "ofac",
            "--exit-code",
        ])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("NEWLY BLOCKED ae-hosting-pool"))
        #expect(
            r.stdout.contains(
                "because person-t designation in force: OFAC-SDN (RUSSIA-EO14024) listed 2022-05-08; through person-t → ae-hosting-pool"
            ))
    }

    @Test func exitCodes() throws {
        let same = try CLI.run(["diff", old, old, "--as-of", "2024-01-01", "--exit-code"])
        #expect(same.status == 0 && same.stdout.contains("no change"), "\(same.stderr)")
        let changed = try pair(["--exit-code"])
        #expect(changed.status == 3)
        let plain = try pair([])
        #expect(plain.status == 0)
        // Usage errors keep exit 2.
        for args in [
            ["diff", old, new, seed], ["diff", old], ["diff", old, new, "--regime", "ofca"],
            ["diff", old, new, "--subject", "nobody"], ["diff", old, new, "--min-share-change", "abc"],
            ["diff", "--old", old], ["diff", old, new, "--as-of", "2024-13-01"],
        ] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
        let missing = try CLI.run(["diff", old, "/nonexistent/new.yaml"])
        #expect(missing.status == 1)
    }

    @Test func oldNewOptionsSubjectsAndSubjectFile() throws {
        let r = try CLI.run([
            "diff", "--old", old, "--new", new, "--as-of", "2024-01-01", "--regime", "ofac",
            "--subject", "watch-co", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((obj["exposure"] as? [[String: Any]])?.map { $0["subject"] as? String } == ["watch-co"])
        #expect(obj["subjects"] as? [String] == ["watch-co"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("diff-subjects-\(getpid()).txt")
        try "# watched\nwatch-two\n\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let f = try pair(["--subjects", file.path, "--format", "csv"])
        #expect(f.status == 0, "\(f.stderr)")
        let rows = f.stdout.split(separator: "\n").filter { $0.hasPrefix("exposure,") }
        #expect(rows.count == 1 && rows[0].contains("watch-two"))
    }

    @Test func verboseListsRecordsAndMinShareChange() throws {
        let quiet = try pair([])
        #expect(quiet.stdout.contains("(listed with --verbose)") && !quiet.stdout.contains("+ entity h-new"))
        let loud = try pair(["--verbose"])
        #expect(loud.stdout.contains("+ entity h-new") && loud.stdout.contains("- entity g-gone"))
        let fine = try pair(["--min-share-change", "1"])
        #expect(fine.stdout.contains("share d-company → f-target: 20 % → 22 %"))
        #expect(!quiet.stdout.contains("share d-company → f-target"))
    }

    @Test func directoriesAndSeveralInputsPerSide() throws {
        // A directory per side gives what its file gives (the side labels name the inputs given).
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cgdiffdirs-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: base) }
        for (dir, file) in [("old", old), ("new", new)] {
            let d = base.appendingPathComponent(dir)
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: file, toPath: d.appendingPathComponent("data.yaml").path)
        }
        let dirs = try CLI.run([
            "diff", base.appendingPathComponent("old").path, base.appendingPathComponent("new").path,
            "--as-of", "2024-01-01", "--regime", "ofac", "--verbose",
        ])
        #expect(dirs.status == 0, "\(dirs.stderr)")
        let files = try pair(["--verbose"])
        let relabelled = dirs.stdout.replacingOccurrences(
            of: base.appendingPathComponent("old").path, with: "fixtures/diff/old.yaml"
        )
        .replacingOccurrences(of: base.appendingPathComponent("new").path, with: "fixtures/diff/new.yaml")
        #expect(relabelled == files.stdout)

        // Repeated --old: both inputs load as one version; extra.yaml's company is gone from the new one.
        let r = try CLI.run([
            "diff", "--old", "fixtures/diff/causes/old.yaml", "--old", "fixtures/diff/causes/extra.yaml",
            "--new", "fixtures/diff/causes/new.yaml", "--as-of", "2024-01-01", "--regime", "ofac",
            "--format", "json", "--verbose",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(
            (obj["old"] as? [String: Any])?["inputs"] as? String
                == "fixtures/diff/causes/old.yaml, fixtures/diff/causes/extra.yaml")
        #expect((obj["records"] as? [String: Any])?["entitiesRemovedList"] as? [String] == ["extra-co"])
        // OLD NEW plus --old/--new add to each side: extra.yaml on both, so nothing about extra-co.
        let both = try CLI.run([
            "diff", "fixtures/diff/causes/old.yaml", "fixtures/diff/causes/new.yaml",
            "--old", "fixtures/diff/causes/extra.yaml", "--new", "fixtures/diff/causes/extra.yaml",
            "--as-of", "2024-01-01", "--regime", "ofac", "--verbose",
        ])
        #expect(
            both.status == 0 && !both.stdout.contains("extra-co") && both.stdout.contains("NEWLY BLOCKED hold-co"),
            "\(both.stderr)")
    }
}

/// `diff --subject` takes an entity reference like every other entity argument (DESIGN §10).
@Suite struct DiffSubjectReferenceCLITests {
    @Test func nameReferenceWatchesTheSameEntityAsItsID() throws {
        let seed = CLI.fixture("seed/seed.yaml")
        let base = ["diff", seed, "--as-of", "2022-05-01", "--compare-as-of", "2022-12-01", "--format", "json"]
        let byName = try CLI.run(base + ["--subject", "name:Oasis Hosting Pool"])
        let byID = try CLI.run(base + ["--subject", "ae-hosting-pool"])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout == byID.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any]
        #expect(json?["subjects"] as? [String] == ["ae-hosting-pool"])
        let unknown = try CLI.run(base + ["--subject", "name:Nobody Such"])
        #expect(unknown.status == 2 && unknown.stderr.contains("name:Nobody Such"), "\(unknown.stderr)")
    }
}
