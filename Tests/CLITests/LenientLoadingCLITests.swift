import CorpGraphTestSupport
import Foundation
import CorpGraphTestSupport
import Testing

/// DESIGN §8: records that cannot load are left out and reported; commands compute on the rest.
@Suite struct LenientLoadingCLITests {
    let file = CLI.fixture("cases/native/lenient.yaml")

    @Test func commandsComputeOnTheRestAndSayHowManyWereLeftOut() throws {
        let r = try CLI.run(["ownership", "--of", "a", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr
                == "note: 2 record(s) left out, 2 error(s); computed on the rest (run 'corpgraph validate' or pass --verbose to see each with its file, line and field)\n"
        )
        #expect(r.stdout.contains("  p (Pat): 60 %, beneficial owner\n"))
        let exposure = try CLI.run(["exposure", "--subject", "p", file])
        #expect(exposure.status == 0, "\(exposure.stderr)")
        #expect(exposure.stderr.hasPrefix("note: 2 record(s) left out"))
        #expect(exposure.stdout.contains("⇒ a (jurisdiction:RU)"))
    }

    @Test func verboseListsEachLeftOutRecordWithFileLineAndField() throws {
        let r = try CLI.run(["stats", "--verbose", file])
        #expect(r.status == 0)
        #expect(
            r.stderr.contains(
                "\(file):11: error: target: self-loop: 'b' owns itself; expected two different entities (relationship left out)\n"
            ))
        #expect(
            r.stderr.contains(
                "\(file):12: error: source: unknown entity id 'outside-1' (dangling reference; relationship left out)\n"
            ))
        #expect(r.stderr.contains("note: 2 record(s) left out, 2 error(s); computed on the rest (listed above)\n"))
    }

    @Test func strictMakesAnyLeftOutRecordExit1() throws {
        let r = try CLI.run(["ownership", "--of", "a", "--strict", file])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--strict: 2 record(s) left out, 2 error(s); nothing computed"))
        let clean = try CLI.run(["stats", "--strict", CLI.fixture("seed/seed.yaml")])
        #expect(clean.status == 0, "\(clean.stderr)")
    }

    @Test func validateListsThemAndExits1() throws {
        let r = try CLI.run(["validate", file])
        #expect(r.status == 1)
        #expect(
            r.stdout.hasSuffix(
                "invalid: 2 record(s) left out, 2 error(s), 0 warning(s); loaded 3 entities, 2 relationships\n"))
        let json = try CLI.run(["validate", "--format", "json", file])
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(obj["leftOut"] as? Int == 2)
        let d = obj["diagnostics"] as! [[String: Any]]
        #expect(d.map { $0["reason"] as? String } == ["self-reference", "dangling-reference"])
        #expect(d.map { $0["effect"] as? String } == ["left out", "left out"])
        #expect(d.map { $0["line"] as? Int } == [11, 12])
    }

    @Test func anUnparseableFileIsStillAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lenient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "entities: [ {id: a\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stats", bad])
        #expect(r.status == 1)
        #expect(r.stderr.contains("not a valid YAML/JSON document"))
        #expect(r.stderr.contains("Nothing computed."))
    }

    @Test func aMissingPolicyFileSaysNoSuchFile() throws {
        let r = try CLI.run(["stats", "--policy", "/nonexistent/policy.yaml", file])
        #expect(r.status == 1)
        #expect(r.stderr == "error: /nonexistent/policy.yaml: no such file (the policy file)\n")
    }

    @Test func anUnknownFormatGetsFlagAdviceFromTheCLIOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let odd = dir.appendingPathComponent("data.bin").path
        try "hello".write(toFile: odd, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stats", odd])
        #expect(r.status == 1)
        #expect(
            r.stderr
                == "error: \(odd): cannot tell the format from the name or content; expected one of native, csv, ftm, bods, gleif, targets; pass --input-format native|csv|ftm|bods|gleif|targets\n"
        )
    }

    @Test func aNegativeMaxDepthSaysItMustBeAtLeastOne() throws {
        let r = try CLI.run(["exposure", "--subject", "p", "--max-depth", "-1", file])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--max-depth must be ≥ 1 (and at most 64), got -1."), "\(r.stderr)")
    }

    @Test func ownershipOfANameSuggestsTheIds() throws {
        let r = try CLI.run(["ownership", "--of", "Bravo Holdngs", file])
        #expect(r.status == 2)
        // Entity references (#14): the ids nearest, then the entities nearest by name with their scores.
        #expect(
            r.stderr.contains(
                "unknown --of entity 'Bravo Holdngs'; did you mean 'b'? By name: 'b' (Bravo Holdings, 0.94)"),
            "\(r.stderr)")
    }
}

/// Issue #12 "Declared facts are kept": what the data declares is shown beside what is computed.
@Suite struct DeclaredFactsCLITests {
    let file = CLI.fixture("cases/bods/declared.json")

    @Test func aDeclaredIndirectInterestIsShownBesideTheComputedFigure() throws {
        let r = try CLI.run(["ownership", "--of", "ent-a", "--as-of", "2024-06-01", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  person-1 (Pat Example): 30 %, beneficial owner\n"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "declared in the data (shown beside the computed figures, not multiplied in):\n  person-1 declares an indirect 30 % of ent-a ("
            ), "\(r.stdout)")
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theDeclaredFigureIsInJSONBesideTheComputedOne() throws {
        let r = try CLI.run(["ownership", "--of", "ent-a", "--as-of", "2024-06-01", "--format", "json", file])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdout)
        let entries = try #require(o["entries"] as? [[String: Any]])
        let person = try #require(entries.first { $0["id"] as? String == "person-1" })
        #expect(person["effectivePercent"] as? Double == 30)
        #expect(person["declaredIndirectShares"] as? [Double] == [30])
        let b = try #require(entries.first { $0["id"] as? String == "ent-b" })
        #expect(b["effectivePercent"] as? Double == 50)
        #expect(b["declaredIndirectShares"] == nil)
        let declared = try #require(o["declared"] as? [String: Any])
        let indirect = try #require(declared["indirect"] as? [[String: Any]])
        #expect(indirect.count == 1)
        #expect(indirect.first?["holder"] as? String == "person-1")
        #expect(indirect.first?["held"] as? String == "ent-a")
        #expect(indirect.first?["share"] as? Double == 30)
        #expect(indirect.first?["basis"] as? String == "equity")
        #expect(indirect.first?["file"] as? String == file)
        #expect(indirect.first?["line"] as? Int == 163)
        #expect(declared["ownerDeclaredUnknown"] == nil)
        // An owner declared unknown is in JSON too.
        let c = try json(
            try CLI.run(["ownership", "--of", "ent-c", "--as-of", "2024-06-01", "--format", "json", file]).stdout)
        #expect(
            (c["declared"] as? [String: Any])?["ownerDeclaredUnknown"] as? String
                == "subjectUnableToConfirmOrIdentifyBeneficialOwner")
        #expect(((c["declared"] as? [String: Any])?["indirect"] as? [Any])?.isEmpty == true)
        // Nothing declared: no key.
        let p = try json(
            try CLI.run(["ownership", "--of", "person-1", "--as-of", "2024-06-01", "--format", "json", file]).stdout)
        #expect(p["declared"] == nil)
    }

    @Test func theDeclaredFigureIsInCSVBesideTheComputedOne() throws {
        let r = try CLI.run(["ownership", "--of", "ent-a", "--as-of", "2024-06-01", "--format", "csv", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == """
                id,name,kind,role,effective_percent_min,effective_percent_max,beneficial_owner,above_threshold,method,declared_indirect_share
                person-1,Pat Example,person,person,30,30,true,met,full,30
                ent-b,Bravo Holdings Ltd,company,intermediate,50,50,false,met,full,

                """)
        // Seen from the holder: the declared interest is on the holding's row.
        let h = try CLI.run(["ownership", "--holder", "person-1", "--as-of", "2024-06-01", "--format", "csv", file])
        #expect(h.stdout.contains("\nent-a,Alpha Ltd,company,"), "\(h.stdout)")
        #expect(
            h.stdout.split(separator: "\n").first { $0.hasPrefix("ent-a,") }?.hasSuffix(",full,30") == true,
            "\(h.stdout)")
    }

    @Test func aDeclaredInterestWithoutAComputedFigureGetsItsOwnRow() throws {
        // Only the declared indirect interest: nothing to compute, the declared figure is still there.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("declared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.yaml").path
        try """
        entities:
          - {id: a, kind: company, name: A}
          - {id: p, kind: person, name: P}
        relationships:
          - {kind: owns, source: p, target: a, share: {min: 25, max: 50}, attributes: {declaredIndirect: "true"}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["ownership", "--of", "a", "--format", "csv", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\np,,,declared,,,,,full,25-50\n"), "\(r.stdout)")
        let j = try json(try CLI.run(["ownership", "--of", "a", "--format", "json", path]).stdout)
        let share =
            ((j["declared"] as? [String: Any])?["indirect"] as? [[String: Any]])?.first?["share"] as? [String: Any]
        #expect(share?["min"] as? Double == 25)
        #expect(share?["max"] as? Double == 50)
        #expect(share?["minExclusive"] as? Bool == false)
    }

    @Test func anOwnerDeclaredUnknownIsNotNoOwnerData() throws {
        let c = try CLI.run(["ownership", "--of", "ent-c", "--as-of", "2024-06-01", file])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("no named owners on this date\n"), "\(c.stdout)")
        #expect(
            c.stdout.contains(
                "  owner declared unknown (subjectUnableToConfirmOrIdentifyBeneficialOwner): the data says an owner exists and is not named"
            ), "\(c.stdout)")
        let b = try CLI.run(["ownership", "--of", "person-1", "--as-of", "2024-06-01", file])
        #expect(b.stdout.contains("no owners on this date\n"), "\(b.stdout)")
        #expect(!b.stdout.contains("declared unknown"))
    }
}
