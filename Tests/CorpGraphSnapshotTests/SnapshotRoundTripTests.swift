import CorpGraph
import CorpGraphIO
@testable import CorpGraphSnapshot
import Foundation
import CorpGraphTestSupport
import Testing

@Suite struct SnapshotRoundTripTests {
    /// Every column of `a` equals the same column of `b`, and every record reads back the same.
    func expectSameGraph(_ a: Graph, _ b: Graph) {
        let x = a.storage, y = b.storage
        #expect(Array(x.ids) == Array(y.ids))
        #expect(x.kinds == y.kinds)
        #expect(Array(x.names) == Array(y.names))
        #expect(x.jurisdictionOf == y.jurisdictionOf && x.jurisdictionCodes == y.jurisdictionCodes)
        #expect(x.tagOffsets == y.tagOffsets && x.tagIDs == y.tagIDs && x.tagNames == y.tagNames)
        #expect(x.designations.offsets == y.designations.offsets && x.designations.list == y.designations.list)
        #expect(x.designations.program == y.designations.program && x.designations.listed == y.designations.listed)
        #expect(x.entityFile == y.entityFile && x.entityLine == y.entityLine && x.files == y.files)
        #expect(x.relSource == y.relSource && x.relTarget == y.relTarget && x.relKind == y.relKind)
        #expect(x.relShare == y.relShare && x.relDate == y.relDate && x.relStart == y.relStart && x.relEnd == y.relEnd)
        #expect(
            x.relPayment == y.relPayment && x.paymentCurrency == y.paymentCurrency && x.currencyCodes == y.currencyCodes
        )
        #expect(x.relFile == y.relFile && x.relLine == y.relLine)
        #expect(
            x.outOffsets == y.outOffsets && x.outEdgeList == y.outEdgeList && x.outNeighbourList == y.outNeighbourList)
        #expect(x.inOffsets == y.inOffsets && x.inEdgeList == y.inEdgeList && x.inNeighbourList == y.inNeighbourList)
        for v in 0..<a.entityCount {
            #expect(a.entity(v) == b.entity(v))
            #expect(a.location(ofEntity: v) == b.location(ofEntity: v))
            #expect(b.index(of: a.id(v)) == v)
        }
        for e in 0..<a.relationshipCount {
            #expect(a.relationship(e) == b.relationship(e))
            #expect(a.location(ofRelationship: e) == b.location(ofRelationship: e))
        }
        #expect(b.index(of: "no such id") == nil)
    }

    @Test func seedRoundTrip() throws {
        let d = try DatasetLoader.load([SnapshotFixtures.seedPath])
        let path = SnapshotFixtures.temporaryPath("seed.cgraph")
        try SnapshotDataset.write(d, to: path, toolVersion: "test")
        let s = try SnapshotDataset.load(path)
        expectSameGraph(d.graph, s.graph)
        #expect(s.policy == d.policy && s.policyOrigin == d.policyOrigin && s.title == d.title)
        #expect(s.diagnostics == d.diagnostics && s.files == d.files)
        #expect(NativeWriter.write(s.graph, policy: s.policy) == NativeWriter.write(d.graph, policy: d.policy))
        // The loader takes the snapshot in place of the inputs, by its magic (whatever the name).
        let renamed = SnapshotFixtures.temporaryPath("seed.yaml")
        try FileManager.default.copyItem(atPath: path, toPath: renamed)
        let viaLoader = try DatasetLoader.load([renamed])
        #expect(
            NativeWriter.write(viaLoader.graph, policy: viaLoader.policy)
                == NativeWriter.write(d.graph, policy: d.policy))
    }

    @Test func provenanceHashesTheInputs() throws {
        let d = try DatasetLoader.load([SnapshotFixtures.seedPath])
        let path = SnapshotFixtures.temporaryPath("seed.cgraph")
        try SnapshotDataset.write(d, to: path, toolVersion: "corpgraph test")
        let s = try SnapshotReader.open(path)
        let input = try #require(s.provenance.inputs.first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: SnapshotFixtures.seedPath))
        var h = SHA256()
        bytes.withUnsafeBytes { h.update($0) }
        #expect(input.sha256 == h.finalizeHex() && input.size == bytes.count)
        #expect(input.entities == 31 && input.relationships == 33 && input.rejected == 0)
        #expect(s.provenance.toolVersion == "corpgraph test")
    }

    @Test(arguments: Array(UInt64(1)...25)) func randomGraphColumnsEqual(seed: UInt64) throws {
        let g = SnapshotFixtures.randomGraph(seed: seed)
        var regimes = Policy.builtIn
        regimes.regimes = [
            SanctionsRegime(
                name: "custom",
                tests: [
                    .init(
                        from: CalendarDate(year: 2021, month: 1, day: 1),
                        threshold: Percent(25), inclusive: false)
                ],
                aggregatesAcrossPersons: false, countsControl: true, indirect: .majorityStakeChain,
                lists: ["EU-FSF"], citation: "c", controlTypes: ["x", "y"])
        ]
        var leftOut = Diagnostic(.error, .rejectedEntity, .leftOut, at: nil, "n")
        leftOut.leftOutEntity = "e1"
        let diagnostics = [
            Diagnostic(
                .warning, .suspiciousValue, .kept, at: SourceLocation(file: "a", line: 3, record: "r"),
                field: "f", "m"), leftOut,
        ]
        let path = try SnapshotFixtures.write(g, policy: regimes, diagnostics: diagnostics)
        let s = try SnapshotReader.openVerifyingChecksums(path)
        expectSameGraph(g, s.graph)
        #expect(s.policy == regimes && s.diagnostics == diagnostics && s.provenance == SnapshotFixtures.provenance)
        // Same query, same answer.
        let day = CalendarDate(year: 2023, month: 1, day: 1)!
        let x = try SanctionsAnalysis(graph: g, regime: .eu, asOf: day),
            y = try SanctionsAnalysis(graph: s.graph, regime: .eu, asOf: day)
        #expect(x.blockedIDs == y.blockedIDs)
        #expect((0..<g.entityCount).map(x.status) == (0..<g.entityCount).map(y.status))
    }

    @Test func sameSnapshotSameBytes() throws {
        let g = SnapshotFixtures.randomGraph(seed: 7)
        let a = try Data(contentsOf: URL(fileURLWithPath: try SnapshotFixtures.write(g)))
        let b = try Data(
            contentsOf: URL(fileURLWithPath: try SnapshotFixtures.write(SnapshotFixtures.randomGraph(seed: 7))))
        #expect(a == b)
    }

    @Test("every field of a policy's regimes survives (voting rights, lists, control types)")
    func policyRegimesRoundTrip() throws {
        var b = GraphBuilder()
        let g = b.build().graph
        let regime = SanctionsRegime(
            name: "custom", tests: [.init(from: nil, threshold: Percent(50), inclusive: false)],
            aggregatesAcrossPersons: false, countsControl: true, indirect: .majorityStakeChain,
            lists: ["UK-HMT"], citation: "test", controlTypes: ["boardAppointment"],
            countsVotingRights: true)
        let policy = Policy(jurisdictions: ["RU"], lists: nil, regime: "custom", regimes: [regime])
        let s = try SnapshotReader.open(try SnapshotFixtures.write(g, policy: policy))
        #expect(s.policy == policy)
        #expect(s.policy.regimes.first?.countsVotingRights == true)
    }

    @Test func emptyGraph() throws {
        var b = GraphBuilder()
        let g = b.build().graph
        let s = try SnapshotReader.open(try SnapshotFixtures.write(g))
        #expect(s.graph.entityCount == 0 && s.graph.relationshipCount == 0 && s.graph.index(of: "x") == nil)
    }

    @Test func sha256KnownAnswers() {
        func hex(_ s: String) -> String {
            var h = SHA256()
            Array(s.utf8).withUnsafeBytes { h.update($0) }
            return h.finalizeHex()
        }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            hex(String(repeating: "a", count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func buildTimeHonoursSourceDateEpoch() {
        #expect(SnapshotWriter.buildTime(environment: ["SOURCE_DATE_EPOCH": "1234"]) == 1234)
        #expect(SnapshotWriter.buildTime(environment: [:]) > 1_700_000_000)
    }
}
