import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

/// DESIGN §8 in the library: typed diagnostics, records left out, entities' rejections followed by relationships.
@Suite struct LenientLoadingTests {
    func write(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lenient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func relationshipsNamingARejectedEntitySaySoInsteadOfDidYouMean() throws {
        let path = try write(
            "d.yaml",
            """
            entities:
              - {id: a, kind: company, name: A}
              - {id: b, kind: compnay, name: B}
            relationships:
              - {kind: owns, source: a, target: b, share: 50}
            """)
        let d = try DatasetLoader.load([path])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(path):3 (b): error: kind: expected one of company, person, exchange, site, organization, account, found 'compnay'; did you mean 'company'? (record rejected)",
                "\(path):5: error: target: entity 'b' was left out (at \(path):3 (b)); relationship left out because its entity was rejected",
            ])
        #expect(d.diagnostics.map(\.reason) == [.unknownCode, .rejectedEntity])
        #expect(d.leftOutCount == 2)
        #expect(d.fileRejections.isEmpty)
    }

    @Test func aBadDateLeavesItsRecordOutInsteadOfDroppingTheField() throws {
        let path = try write(
            "d.yaml",
            """
            entities:
              - {id: a, kind: company, name: A}
              - {id: b, kind: company, name: B}
            relationships:
              - {kind: owns, source: a, target: b, share: 50, end: 2022-02-30}
              - {kind: controls, source: a, target: b}
            """)
        let d = try DatasetLoader.load([path])
        #expect(
            d.diagnostics.map(\.description) == [
                "\(path):5: error: end: expected a date YYYY-MM-DD, found '2022-02-30' (record left out)"
            ])
        #expect(d.diagnostics.first?.reason == .invalidDate)
        #expect(d.diagnostics.first?.effect == .leftOut)
        #expect(d.graph.relationshipCount == 1)
        #expect(d.graph.kind(ofRelationship: 0) == .controls)
    }

    @Test func libraryErrorsAreTypedAndNameNoFlags() throws {
        let odd = try write("data.bin", "hello")
        #expect(throws: InputError.self) { try DatasetLoader.load([odd]) }
        do {
            _ = try DatasetLoader.load([odd])
        } catch let e as InputError {
            #expect(e.reason == .unknownFormat)
            #expect(!e.description.contains("--"))
            #expect(e.errorDescription == e.description)
        }
        do {
            _ = try DatasetLoader.load([odd + ".missing"])
        } catch let e as InputError {
            #expect(e.reason == .noSuchFile)
        }
    }
}
