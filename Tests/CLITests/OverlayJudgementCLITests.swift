import CorpGraphTestSupport
import Foundation
import Testing

/// `extends: ID` overlays on GLEIF and FtM records, and `sameAs` / `notSameAs` judgements, through the CLI.
@Suite struct OverlayCLITests {
    let base = ["gleif.json", "ftm.json"].map { CLI.fixture("cases/match/overlay/\($0)") }
    let overlay = CLI.fixture("cases/match/overlay/overlay.yaml")
    let conflicts = CLI.fixture("cases/match/overlay/conflicts.yaml")
    static let nord = "5493001KJTIIGC8Y1R12"

    @Test func designationAddedToAGLEIFEntityByItsLEI() throws {
        let before = try CLI.run(["exposure"] + base + ["--subject", "lei:\(Self.nord)", "--as-of", "2024-01-01"])
        #expect(
            before.status == 0 && before.stdout.contains("NORD HOLDINGS AG [\(Self.nord), CH] — CLEAR"),
            "\(before.stdout)")
        let after = try CLI.run(
            ["exposure"] + base + [overlay, "--subject", "lei:\(Self.nord)", "--as-of", "2024-01-01"])
        #expect(after.stdout.contains("NORD HOLDINGS AG [\(Self.nord), CH] — SELF"), "\(after.stdout)")
        #expect(after.stdout.contains("the subject is itself a target (list:OFAC-SDN since 2023-05-19)"))
        let blocked = try CLI.run(["blocked"] + base + [overlay, "--as-of", "2024-01-01"])
        #expect(blocked.stdout.contains("LISTED       \(Self.nord) (NORD HOLDINGS AG): OFAC-SDN"), "\(blocked.stdout)")
        // The FtM person the overlay gives a jurisdiction and a directorship is exposed through it.
        let petrov = try CLI.run(
            ["exposure"] + base + [overlay, "--subject", "os-petrov", "--as-of", "2024-01-01", "--format", "csv"])
        #expect(petrov.stdout.contains("os-petrov,1,1,os-petrov,\(Self.nord),directs,down,"), "\(petrov.stdout)")
        #expect(petrov.stdout.split(separator: "\n")[1].hasSuffix(",exposed"))
    }

    @Test func anLEIAddedByAnOverlayMergesTheFtMRecordWithGLEIF() throws {
        let v = try CLI.run(["validate"] + base + [overlay])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(
            v.stdout.contains(
                "warning: merge: merged '529900VOLGASHIP01063', 'os-volga' into '529900VOLGASHIP01063' (shared LEI:529900VOLGASHIP01063)"
            ), "\(v.stdout)")
        #expect(v.stdout.contains("valid: 4 entities, 3 relationships, 1 warning(s)"))
        let search = try CLI.run(["search"] + base + [overlay, "Волга Шиппинг", "--format", "csv"])
        #expect(
            search.stdout.contains("1,529900VOLGASHIP01063,VOLGA SHIPPING LLC,company,CY,1,true,"), "\(search.stdout)")
    }

    @Test func orderOfInputsGivesTheSameBytes() throws {
        let orders = [
            base + [overlay, conflicts], [conflicts, overlay] + base.reversed(),
            [base[1], overlay, base[0], conflicts],
        ]
        for id in [Self.nord, "os-petrov"] {
            let outputs = try orders.map {
                try CLI.run(["entity"] + $0 + ["--id", id, "--as-of", "2024-01-01", "--format", "json", "--no-merge"])
                    .stdout
            }
            #expect(Set(outputs).count == 1, "\(outputs)")
            if id == Self.nord { #expect(outputs[0].contains("\"watch\"") && outputs[0].contains("\"checked\"")) }
        }
    }

    @Test func unknownIDIsLeftOutAndStrictFails() throws {
        let v = try CLI.run(["validate"] + base + [conflicts])
        #expect(v.status == 1)
        #expect(
            v.stdout.contains(
                "conflicts.yaml:8 (os-volgaa): error: extends: unknown entity id 'os-volgaa': no input defines it (overlay left out); did you mean 'os-volga'?"
            ), "\(v.stdout)")
        #expect(v.stdout.contains("warning: kind: extends '\(Self.nord)', a company (defined at "))
        #expect(v.stdout.contains("but says DE; kept CH"))
        let lenient = try CLI.run(["stats"] + base + [conflicts])
        #expect(
            lenient.status == 0
                && lenient.stderr.contains("note: 1 record(s) left out, 1 error(s), 2 warning(s); computed on the rest"),
            "\(lenient.stderr)")
        let strict = try CLI.run(["stats", "--strict"] + base + [conflicts])
        #expect(strict.status == 1 && strict.stderr.contains("--strict: 1 record(s) left out"), "\(strict.stderr)")
    }
}

@Suite struct JudgementCLITests {
    let merge = ["native.yaml", "gleif.json", "ftm.json"].map { CLI.fixture("cases/match/merge/\($0)") }
    let judgements = CLI.fixture("cases/match/judgements/judgements.yaml")
    let contradiction = CLI.fixture("cases/match/judgements/contradiction.yaml")
    let lei = "529900T8BM49AURSDO55"

    @Test func sameAsMergesAndNotSameAsKeepsApart() throws {
        let v = try CLI.run(["validate"] + merge + [judgements])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(
            v.stdout.contains(
                "warning: merge: merged 'baltic', '\(lei)', 'baltic-holding' into 'baltic' (shared LEI:\(lei); judged sameAs); --no-merge keeps them apart"
            ), "\(v.stdout)")
        #expect(
            v.stdout.contains(
                "ftm.json:1 (os-baltic): warning: notSameAs: 'os-baltic' shares LEI:\(lei) with 'baltic', but they are judged not the same (notSameAs): kept apart"
            ))
        #expect(v.stdout.contains("valid: 4 entities, 2 relationships, 2 warning(s)"))
        let stats = try CLI.run(["stats"] + merge + [judgements])
        #expect(stats.stdout.hasPrefix("4 entities, 2 relationships"))
        #expect(
            stats.stderr.contains(
                "note: merged 3 records into 1 entity by shared identifiers and sameAs judgements ('baltic')"),
            "\(stats.stderr)")
        let search = try CLI.run(["search"] + merge + [judgements, "lei:\(lei)", "--format", "csv"])
        #expect(
            search.stdout.split(separator: "\n").map { $0.split(separator: ",")[1] } == ["id", "baltic", "os-baltic"],
            "\(search.stdout)")
    }

    @Test func noMergeTurnsJudgedMergesOff() throws {
        let v = try CLI.run(["validate", "--no-merge"] + merge + [judgements])
        #expect(v.status == 0 && v.stdout.contains("valid: 6 entities, 2 relationships, 0 warning(s)"), "\(v.stdout)")
    }

    @Test func contradictionsAndUnknownIDsAreErrors() throws {
        let v = try CLI.run(["validate"] + merge + [contradiction])
        #expect(v.status == 1)
        #expect(
            v.stdout.contains(
                "contradiction.yaml:3: error: sameAs: sameAs [baltic, os-baltic] contradicts notSameAs at \(contradiction):5: with it 'os-baltic' and 'baltic' would be one party; left out (resolve the judgements)"
            ), "\(v.stdout)")
        #expect(
            v.stdout.contains(
                "contradiction.yaml:6: error: notSameAs: unknown entity id 'analyst-ownr': no input defines it (judgement left out); did you mean 'analyst-owner'?"
            ))
        // The notSameAs holds: the FtM record stays apart, the GLEIF one merges.
        #expect(v.stdout.contains("merged 'baltic', '\(lei)' into 'baltic' (shared LEI:\(lei))"))
        #expect(v.stdout.contains("invalid: 2 record(s) left out, 2 error(s), 2 warning(s); loaded 4 entities"))
        #expect(try CLI.run(["stats", "--strict"] + merge + [contradiction]).status == 1)
    }

    @Test func aSnapshotKeepsTheJudgements() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("judged-\(UUID().uuidString).cgraph")
            .path
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try CLI.run(["build"] + merge + [judgements, "-o", out]).status == 0)
        let direct = try CLI.run(["validate"] + merge + [judgements])
        let snapshot = try CLI.run(["validate", out])
        #expect(snapshot.stdout == direct.stdout, "\(snapshot.stdout)")
        let entity = try CLI.run(["entity", out, "--id", "os-baltic", "--format", "json"])
        #expect(entity.stdout.contains("\"judgement.notSameAs\": \"baltic\""), "\(entity.stdout)")
    }
}
