import CorpGraph
import CorpGraphTestSupport
import Foundation
import Testing
@testable import CorpGraphIO

/// OpenSanctions targets without Sanction records take their designations from their datasets (issue #11 item 3);
/// wallet and account holders are imported as holders (item 8). Hand-written fixture
/// `fixtures/formats/ftm/dataset-targets.ftm.json`.
@Suite struct FtMDatasetTargetsTests {
    func read() throws -> (graph: Graph, diagnostics: [Diagnostic]) {
        try readFormat("formats/ftm/dataset-targets.ftm.json") { FollowTheMoneyReader.read($0, file: $1, into: &$2) }
    }

    func day(_ s: String) -> CalendarDate { CalendarDate(parsing: s)! }

    @Test func targetsWithoutASanctionRecordAreDesignatedByTheirDatasets() throws {
        let (g, d) = try read()
        func designations(_ id: String) throws -> [Designation] { g.designations(try #require(g.index(of: id))) }
        // One undated designation per list the datasets name, first seen on the record's first_seen.
        #expect(try designations("p-eu") == [Designation(list: "EU-FSF", firstSeen: day("2023-04-20"))])
        #expect(try designations("o-multi").map(\.list) == ["EU-FSF", "UK-HMT", "UN-SC", "OFAC-SDN"])
        #expect(try designations("o-multi").allSatisfy { $0.dateUnknown && $0.firstSeen == day("2022-03-01") })
        // A Sanction record wins: its dated OFAC listing only, not the entity's datasets.
        #expect(
            try designations("p-record") == [
                Designation(list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: day("2022-04-05"))
            ])
        // Not a sanctions target, or datasets that name no list: no designation.
        #expect(try designations("p-pep").isEmpty)
        #expect(try designations("p-plain").isEmpty)
        #expect(try designations("p-unknown").isEmpty)
        let warning = try #require(d.first { $0.field == "datasets" })
        #expect(warning.message.contains("1 sanction target without a Sanction record names no dataset"))
        #expect(warning.message.contains("'p-unknown'") && warning.message.contains("xx_local_list"))
        #expect(warning.location?.line == 5)
    }

    @Test func listsPerRegimeAndFirstSeenGiveUndetermined() throws {
        let (g, _) = try read()
        let policy = Policy(jurisdictions: [])
        let owned = try #require(g.index(of: "c-owned")), eva = try #require(g.index(of: "p-eu"))
        // EU counts EU-FSF: c-owned (60 % Eva) is blocked once Eva's listing is certainly in force...
        let eu2024 = try SanctionsAnalysis(graph: g, regimeNamed: "eu", policy: policy, asOf: day("2024-01-01"))
        #expect(eu2024.status(eva) == .listed)
        #expect(eu2024.status(owned) == .blocked)
        // ...before first_seen the undated listing may or may not have been in force: undetermined, never listed.
        let eu2023 = try SanctionsAnalysis(graph: g, regimeNamed: "eu", policy: policy, asOf: day("2023-01-01"))
        #expect(eu2023.status(eva) == .undetermined)
        #expect(eu2023.status(owned) == .undetermined)
        // OFAC does not count EU-FSF.
        let ofac = try SanctionsAnalysis(graph: g, regimeNamed: "ofac", policy: policy, asOf: day("2024-01-01"))
        #expect(ofac.status(owned) == .notBlocked)
        #expect(ofac.status(try #require(g.index(of: "o-multi"))) == .listed)
        // Exposure flags the undated listing.
        let t = TargetSet(graph: g, policy: policy, asOf: day("2024-01-01"))
        #expect(t.reasons(for: eva) == [.list(code: "EU-FSF", since: nil, until: nil, dateUnknown: true)])
        #expect(t.reasons(for: eva).map(\.code) == ["list:EU-FSF (listing date unknown)"])
        #expect(!TargetSet(graph: g, policy: policy, asOf: day("2023-01-01")).contains(eva))
    }

    @Test func walletAndAccountHoldersAreImportedAndMakeTargets() throws {
        let (g, _) = try read()
        let wallet = relationships(g, from: "p-eu", to: "w-eva")
        #expect(wallet.map(\.kind) == [.controls])
        #expect(wallet.first?.controlType == "accountHolder")
        #expect(relationships(g, from: "o-multi", to: "acct-multi").map(\.kind) == [.owns])
        let t = TargetSet(graph: g, policy: Policy(jurisdictions: []), asOf: day("2024-01-01"))
        let w = try #require(g.index(of: "w-eva")), a = try #require(g.index(of: "acct-multi"))
        #expect(t.reasons(for: w) == [.heldBy(holder: "p-eu", lists: ["EU-FSF"])])
        #expect(t.reasons(for: w).map(\.code) == ["heldBy:p-eu, EU-FSF"])
        #expect(t.severity(of: w) == .designated)
        #expect(t.reasons(for: a).map(\.code) == ["heldBy:o-multi, EU-FSF, OFAC-SDN, UK-HMT, UN-SC"])
        // Only the lists the policy counts, and only while the holder's listing is in force.
        let ofacOnly = TargetSet(
            graph: g, policy: Policy(jurisdictions: [], lists: ["OFAC-SDN"]), asOf: day("2024-01-01"))
        #expect(!ofacOnly.contains(w))
        #expect(ofacOnly.reasons(for: a) == [.heldBy(holder: "o-multi", lists: ["OFAC-SDN"])])
        #expect(!TargetSet(graph: g, policy: Policy(jurisdictions: []), asOf: day("2023-01-01")).contains(w))
    }
}
