import CorpGraph
import CorpGraphDiff
import CorpGraphTestSupport
import Testing

/// The causes fixtures/diff/causes holds (holding, control, lapsed designation) and inputs given per side.
@Suite struct CauseDiffTests {
    func causes(_ options: DiffOptions) throws -> DiffReport {
        try DatasetDiff.compare(
            old: side(["diff/causes/old.yaml"], asOf: "2024-01-01"),
            new: side(["diff/causes/new.yaml"], asOf: "2024-01-01"), options: options)
    }

    @Test func aShareChangeOfAHolderWhoseStatusStaysIsAHoldingCause() throws {
        let r = try causes(DiffOptions(regimes: ["ofac"]))
        let hold = try #require(r.statuses("ofac")["hold-co"])
        #expect(hold.kind == .newlyBlocked && hold.basis == .ownership)
        let cause = try #require(hold.causes.first)
        #expect(hold.causes.count == 1)
        #expect(cause.kind == .holding && cause.chain == ["hold-co"])
        #expect(cause.holder == "p-listed" && cause.asset == "hold-co")
        #expect(
            cause.oldShare == PercentInterval(.exact(Percent(40)))
                && cause.newShare == PercentInterval(.exact(Percent(60))))
        // OFAC ignores control: ctl-co does not move under OFAC.
        #expect(r.statuses("ofac")["ctl-co"] == nil)
        #expect(r.ownership.map { "\($0.kind) \($0.holder)→\($0.asset)" } == ["share p-listed→hold-co"])
    }

    @Test func aNewControlLinkIsAControlCauseUnderEU() throws {
        let r = try causes(DiffOptions(regimes: ["eu"]))
        let ctl = try #require(r.statuses("eu")["ctl-co"])
        #expect(ctl.kind == .newlyBlocked && ctl.basis == .control)
        let cause = try #require(ctl.causes.first)
        #expect(cause.kind == .control && cause.holder == "p-listed" && cause.asset == "ctl-co")
        #expect(!cause.oldPresent && cause.newPresent && cause.detail == "boardAppointment")
        #expect(DiffText.encode(r, verbose: false).contains("NEWLY BLOCKED ctl-co"))
    }

    @Test func aDelistingBetweenTwoDaysLapses() throws {
        let old = try side(["diff/causes/old.yaml"], asOf: "2023-01-01")
        var new = old
        new.asOf = day("2023-07-01")
        let r = try DatasetDiff.compare(old: old, new: new, options: DiffOptions(regimes: ["ofac"]), sameGraph: true)
        #expect(r.designations.map { "\($0.kind) \($0.entity)" } == ["lapsed q-lapsing"])
        let d = try #require(r.designations.first)
        #expect(d.oldInForce && !d.newInForce && d.old?.delisted == day("2023-06-01"))
        let q = try #require(r.statuses("ofac")["q-co"])
        #expect(q.kind == .cleared && q.causes.map(\.chain) == [["q-co", "q-lapsing"]])
        #expect(q.causes.first?.designations.map(\.kind) == [.lapsed])
    }

    @Test func severalInputsPerSide() throws {
        // extra.yaml on the old side only: its company (60 % held by p-listed) is gone from the new version.
        let r = try DatasetDiff.compare(
            old: side(["diff/causes/old.yaml", "diff/causes/extra.yaml"], asOf: "2024-01-01"),
            new: side(["diff/causes/new.yaml"], asOf: "2024-01-01"),
            options: DiffOptions(regimes: ["ofac"]))
        #expect(r.records.entitiesRemoved == ["extra-co"])
        let gone = try #require(r.statuses("ofac")["extra-co"])
        #expect(gone.kind == .cleared && gone.from == .blocked && gone.to == nil)
        // On both sides: nothing about it.
        let both = try DatasetDiff.compare(
            old: side(["diff/causes/old.yaml", "diff/causes/extra.yaml"], asOf: "2024-01-01"),
            new: side(["diff/causes/new.yaml", "diff/causes/extra.yaml"], asOf: "2024-01-01"),
            options: DiffOptions(regimes: ["ofac"]))
        #expect(both.records.entitiesRemoved.isEmpty && both.statuses("ofac")["extra-co"] == nil)
        #expect(both.statuses("ofac")["hold-co"]?.kind == .newlyBlocked)
    }
}
