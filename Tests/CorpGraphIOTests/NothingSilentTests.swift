import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

/// Issue #12 "Nothing silent": each value that used to pass unremarked now gives its message.
@Suite struct NothingSilentTests {
    func directory(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("silent-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(
                atPath: FilePaths.parent(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    let entities = "id,kind,name\na,company,A\nb,company,B\n"

    @Test func aFiftyDigitAmountIsAnErrorNotRounded() throws {
        let big = String(repeating: "9", count: 50)
        let dir = try directory([
            "entities.csv": entities,
            "relationships.csv": "kind,source,target,amount,currency,date\npays,a,b,\(big),USD,2022-01-01\n",
        ])
        let d = try DatasetLoader.load([dir])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/relationships.csv:2: error: amount: expected a non-negative decimal amount such as 1500.00 (at most 38 significant digits), found '\(big)' (row left out)"
            ])
        #expect(d.graph.relationshipCount == 0)
        #expect(DecimalText.exact("12345678901234567890123456789012345678") != nil)
        #expect(DecimalText.exact("0.000000000000000000000000000000000000001") != nil)
    }

    @Test func aDoublePercentSignIsNotFiftyPercent() {
        #expect(PercentageText.parseText("50%%") == .invalid(reason: "more than one '%' sign"))
        #expect(PercentageText.parseText("50%") == .share(.exact(Percent(50))))
    }

    @Test func aShareBelowOnePercentIsQuestioned() throws {
        let dir = try directory([
            "entities.csv": entities + "c,company,C\n",
            "relationships.csv": "kind,source,target,share\nowns,a,b,0.5\nowns,c,b,0.25\n",
        ])
        let d = try DatasetLoader.load([dir])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/relationships.csv:2: warning: share: share 0.5 % is below 1 % (and 1 more in this file); shares are percentages: if 0.5 is a fraction of one, the author meant 50 %"
            ])
        #expect(d.diagnostics.first?.reason == .suspiciousValue)
        #expect(d.diagnostics.first?.effect == .kept)
    }

    @Test func aPaymentWithoutADateIsQuestioned() throws {
        let dir = try directory([
            "entities.csv": entities,
            "relationships.csv": "kind,source,target,amount,currency\npays,a,b,10,USD\n",
        ])
        let d = try DatasetLoader.load([dir])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/relationships.csv:2: warning: date: payment without a date; an undated payment counts on every as-of date"
            ])
    }

    @Test func parallelHoldingsThatDisagreeAreReported() throws {
        let dir = try directory([
            "entities.csv": entities,
            "relationships.csv": "kind,source,target,share\nowns,a,b,30\nowns,a,b,60\n",
        ])
        let d = try DatasetLoader.load([dir])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/relationships.csv:3: warning: share: 'a' owns 'b' in 2 records in force together that disagree (30 % at \(dir)/relationships.csv:2, 60 % here); both kept; which is right is not guessed"
            ])
        #expect(d.diagnostics.first?.reason == .conflictingFacts)
    }

    @Test func aDirectoryInputSaysWhatItSkipped() throws {
        let dir = try directory([
            "a.yaml": "entities:\n  - {id: a, kind: company, name: A}\n", "notes.txt": "hello",
            "more/b.yaml": "entities: []\n",
        ])
        let d = try DatasetLoader.load([dir])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir): warning: skipped 1 subfolder(s) (more), not read recursively and 1 file(s) of no known format (notes.txt); name them to read them"
            ])
        #expect(d.diagnostics.first?.effect == .skipped)
        #expect(d.leftOutCount == 0)
    }

    @Test func twoDatasetsNamingDifferentDefaultRegimesAreReported() throws {
        let dir = try directory([
            "a.yaml": "policy:\n  regime: ofac\nentities: []\n", "b.yaml": "policy:\n  regime: eu\nentities: []\n",
        ])
        let d = try DatasetLoader.load([dir + "/a.yaml", dir + "/b.yaml"])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/b.yaml: warning: policy.regime: default regime 'eu' differs from 'ofac' named by \(dir)/a.yaml; 'ofac' is used (the first input's)"
            ])
    }

    @Test func bodsBeforeZeroFourIsNamed() throws {
        let dir = try directory([
            "old.json": """
            [{"statementID": "s1", "statementType": "entityStatement", "publicationDetails": {"bodsVersion": "0.2"}}]
            """
        ])
        let d = try DatasetLoader.load([dir + "/old.json"])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/old.json:1: error: statementID: BODS 0.2 is not supported (statementID, statementType); this reader reads BODS 0.4 (statementId, recordType, recordDetails): convert the file to 0.4 first (file left out)"
            ])
        #expect(d.fileRejections.first?.reason == .unsupportedVersion)
    }

    @Test func ftmSchemasNotImportedGetADidYouMean() throws {
        let dir = try directory([
            "x.ftm.json": """
            {"id": "a", "schema": "Company", "properties": {"name": ["A"]}}
            {"id": "o", "schema": "Ownershp", "properties": {"owner": ["a"], "asset": ["a"]}}
            """
        ])
        let d = try DatasetLoader.load([dir + "/x.ftm.json"])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(dir)/x.ftm.json:2: warning: schema: 1 Ownershp record not imported (no corpgraph entity or relationship kind; first at line 2); did you mean 'Ownership'?"
            ])
    }
}

@Suite struct CodeCheckTests {
    @Test func aListCodeNoDesignationUsesIsAWarningWithDidYouMean() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("codes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/d.yaml"
        try """
        policy:
          jurisdictions: [RU]
          lists: [OFAC-SND]
        entities:
          - {id: p, kind: person, name: P, designations: [OFAC-SDN]}
          - {id: a, kind: company, name: A}
          - {id: b, kind: company, name: B}
        relationships:
          - {kind: controls, source: a, target: b, controlType: boardApointment}
          - {kind: controls, source: b, target: a, controlType: management}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let d = try DatasetLoader.load([path])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(path): warning: policy.lists: list code 'OFAC-SND' is on no designation in the data, so it counts nothing; did you mean 'OFAC-SDN'?",
                "\(path):9: warning: controlType: control type 'boardApointment' is not one the regimes count (the control is not counted); did you mean 'boardAppointment'?",
            ])
    }
}
