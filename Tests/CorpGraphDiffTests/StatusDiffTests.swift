import CorpGraph
import CorpGraphDiff
import CorpGraphTestSupport
import Testing

/// Status changes per regime and the causes traced through both derivations.
@Suite struct StatusDiffTests {
    @Test func designationCascadesTwoLevelsDownUnderOFAC() throws {
        let ofac = try pairReport(DiffOptions(regimes: ["ofac"])).statuses("ofac")
        #expect(ofac["x-person"]?.kind == .newlyListed)
        for id in ["a-holding", "b-sub", "c-subsub"] {
            #expect(
                ofac[id]?.kind == .newlyBlocked && ofac[id]?.from == .notBlocked && ofac[id]?.to == .blocked, "\(id)")
        }
        let c = try #require(ofac["c-subsub"])
        #expect(c.basis == .ownership)
        #expect(c.causes.count == 1)
        let cause = try #require(c.causes.first)
        #expect(cause.kind == .designation)
        #expect(cause.chain == ["c-subsub", "b-sub", "a-holding", "x-person"])
        #expect(cause.designations.map(\.kind) == [.added])
        #expect(cause.designations.first?.new?.program == "RUSSIA-EO14024")
    }

    @Test func delistingClearsWhatItBlocked() throws {
        let ofac = try pairReport(DiffOptions(regimes: ["ofac"])).statuses("ofac")
        let d = try #require(ofac["d-company"])
        #expect(d.kind == .cleared && d.from == .blocked && d.to == .notBlocked && d.basis == .ownership)
        #expect(d.causes.map(\.chain) == [["d-company", "y-person"]])
        #expect(d.causes.first?.designations.map(\.kind) == [.removed])
        #expect(ofac["y-person"]?.kind == .cleared)
        // A programme change keeps z-person listed: no status change.
        #expect(ofac["z-person"] == nil)
    }

    @Test func rangeOwnedByANewlyListedPersonIsUndetermined() throws {
        let ofac = try pairReport(DiffOptions(regimes: ["ofac"])).statuses("ofac")
        let e = try #require(ofac["e-company"])
        #expect(e.kind == .newlyUndetermined && e.to == .undetermined)
        #expect(e.causes.map(\.chain) == [["e-company", "x-person"]])
        // f-target's holders changed, but none of them is blocked: no status change.
        #expect(ofac["f-target"] == nil)
    }

    @Test func ukCountsOnlyItsOwnListsSoOFACChangesLeaveItUnmoved() throws {
        // x-person and y-person are designated on OFAC-SDN only: the UK regime counts UK-HMT, UK-FCDO and UN-SC, so
        // neither the new listing nor the delisting changes any UK status (DESIGN §4, lists per regime).
        let uk = try pairReport(DiffOptions(regimes: ["uk"])).statuses("uk")
        #expect(uk["a-holding"] == nil)
        #expect(uk["e-company"] == nil)
        #expect(uk["d-company"] == nil)
        #expect(uk["x-person"] == nil)
    }

    @Test func foundingCaseOneDatasetTwoDays() throws {
        let old = try side(["seed/seed.yaml"], asOf: "2022-05-01")
        var new = old
        new.asOf = day("2022-05-10")
        let r = try DatasetDiff.compare(old: old, new: new, options: DiffOptions(regimes: ["ofac"]), sameGraph: true)
        let pool = try #require(r.statuses("ofac")["ae-hosting-pool"])
        #expect(pool.kind == .newlyBlocked)
        #expect(pool.causes.map(\.chain) == [["ae-hosting-pool", "person-t"]])
        #expect(pool.causes.first?.designations.map(\.kind) == [.inForce])
        #expect(pool.causes.first?.designations.first?.new?.listed == day("2022-05-08"))
        #expect(r.designations.map(\.entity) == ["person-t"])
        #expect(r.records.isEmpty && r.ownership.isEmpty)
    }

    @Test func euTestChangeOnThirdJuly2024IsTheCause() throws {
        let old = try side(["seed/seed.yaml"], asOf: "2024-07-02")
        var new = old
        new.asOf = day("2024-08-01")
        let r = try DatasetDiff.compare(old: old, new: new, options: DiffOptions(regimes: ["eu"]), sameGraph: true)
        let ops = try #require(r.statuses("eu")["d-ru-ops"])
        #expect(ops.from == .undetermined && ops.to == .blocked)
        #expect(ops.causes.map(\.kind) == [.rule])
        #expect(r.designations.isEmpty)
    }

    @Test func unknownRegimeIsATypedError() throws {
        #expect(throws: DiffError.self) { try pairReport(DiffOptions(regimes: ["ofca"])) }
    }
}
