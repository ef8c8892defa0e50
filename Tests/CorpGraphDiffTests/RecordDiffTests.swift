import CorpGraph
import CorpGraphDiff
import CorpGraphTestSupport
import Testing

/// Designations, ownership, exposure, identity and record changes of the fixtures/diff pair.
@Suite struct RecordDiffTests {
    @Test func designationsAddedRemovedChanged() throws {
        let r = try pairReport(DiffOptions(regimes: ["ofac"]))
        let kinds = Dictionary(uniqueKeysWithValues: r.designations.map { ($0.entity, $0.kind) })
        #expect(kinds == ["x-person": .added, "y-person": .removed, "z-person": .changed])
        let z = try #require(r.designations.first { $0.entity == "z-person" })
        #expect(z.old?.program == "SDGT" && z.new?.program == "IRGC" && z.oldInForce && z.newInForce)
    }

    @Test func identityByIDThenByLEI() throws {
        let r = try pairReport(DiffOptions(regimes: ["ofac"]))
        #expect(
            r.identity.map { [$0.oldID, $0.newID, $0.identifier] } == [
                ["old-lei-id", "new-lei-id", "lei:5493001KJTIIGC8Y1R12"]
            ])
        #expect(r.records.entitiesAdded == ["h-new"])
        #expect(r.records.entitiesRemoved == ["g-gone"])
        #expect(r.records.entitiesChanged.map(\.id) == ["sub-sg"])
        #expect(r.records.entitiesChanged.first?.fields.map(\.field) == ["name"])
    }

    @Test func ownershipChangesWithThresholds() throws {
        let r = try pairReport(DiffOptions(regimes: ["ofac"]))
        let got = r.ownership.map { "\($0.kind) \($0.holder)→\($0.asset)\($0.newSignificantHolder ? " 10" : "")" }
        #expect(
            got == [
                "share e-company→f-target", "ended g-gone→f-target", "new h-new→f-target 10",
                "share new-lei-id→f-target 10", "ended watch-two→ru-ops",
            ])
        let e = try #require(r.ownership.first)
        #expect(e.pointsChange == Percent(10))
        // 20 → 22 % moves 2 points: reported only with a smaller minimum.
        #expect(!r.ownership.contains { $0.holder == "d-company" })
        let fine = try pairReport(DiffOptions(regimes: ["ofac"], minShareChange: Percent(1)))
        #expect(fine.ownership.contains { $0.holder == "d-company" && $0.kind == .share })
    }

    @Test func exposureVerdictsAndPaths() throws {
        let r = try pairReport(DiffOptions(regimes: ["ofac"]))
        let by = Dictionary(uniqueKeysWithValues: r.exposure.map { ($0.subject, $0) })
        let w = try #require(by["watch-co"])
        #expect(w.from == .clear && w.to == .exposed)
        #expect(w.newPaths == [["watch-co", "sub-sg", "ru-trader"]] && w.endedPaths.isEmpty)
        let two = try #require(by["watch-two"])
        #expect(two.from == .exposed && two.to == .clear && two.endedPaths == [["watch-two", "ru-ops"]])
        #expect(by["x-person"]?.to == .self && by["y-person"]?.from == .self)
        // Exposed on both sides with a new path: listed only when watched by name.
        #expect(by["watch-three"] == nil)
        let three = try pairReport(DiffOptions(regimes: ["ofac"], subjects: ["watch-three"]))
        #expect(three.exposure.map(\.subject) == ["watch-three"])
        #expect(three.exposure.first?.from == .exposed && three.exposure.first?.to == .exposed)
        #expect(
            three.exposure.first?.newPaths == [["watch-three", "ru-ops"]] && three.exposure.first?.endedPaths == [])
        // Watching one subject only.
        let one = try pairReport(DiffOptions(regimes: ["ofac"], subjects: ["watch-two"]))
        #expect(one.exposure.map(\.subject) == ["watch-two"] && one.watchedSubjects == 1)
        #expect(throws: DiffError.self) { try pairReport(DiffOptions(subjects: ["nobody"])) }
    }

    @Test func relationshipsAddedAndRemoved() throws {
        let r = try pairReport(DiffOptions(regimes: ["ofac"]))
        #expect(
            r.records.relationshipsAdded.map(\.id) == [
                "r-d-f", "r-e-f", "r-h-f", "r-lei-f", "r-sub-pays-ru", "r-w3-pays-ops",
                "r-w2-ops",
            ])
        #expect(r.records.relationshipsRemoved.map(\.id) == ["r-d-f", "r-e-f", "r-g-f", "r-lei-f", "r-w2-ops"])
    }

    @Test func aDatasetComparedWithItselfHasNoChange() throws {
        for path in ["diff/old.yaml", "diff/new.yaml", "seed/seed.yaml"] {
            let s = try side([path], asOf: "2024-01-01")
            let t = try side([path], asOf: "2024-01-01")
            let r = try DatasetDiff.compare(old: s, new: t)
            #expect(!r.hasChanges, "\(path)")
            #expect(r.statuses.isEmpty && r.exposure.isEmpty && r.designations.isEmpty && r.ownership.isEmpty)
            #expect(DiffText.encode(r, verbose: false).contains("no change"))
            let same = try DatasetDiff.compare(old: s, new: s, sameGraph: true)
            #expect(!same.hasChanges)
        }
    }

    @Test func encodingsAreDeterministic() throws {
        let a = try pairReport(), b = try pairReport()
        #expect(DiffJSON.encode(a, verbose: true) == DiffJSON.encode(b, verbose: true))
        #expect(DiffCSV.encode(a, verbose: true) == DiffCSV.encode(b, verbose: true))
        #expect(DiffText.encode(a, verbose: true) == DiffText.encode(b, verbose: true))
    }
}
