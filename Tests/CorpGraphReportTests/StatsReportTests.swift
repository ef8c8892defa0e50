import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation
import CorpGraphTestSupport
import Testing

enum Seed {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let path = root.appendingPathComponent("fixtures/seed/seed.yaml").path
    static let dataset: LoadedDataset = try! DatasetLoader.load(
        [path], options: LoadOptions(registry: try? ISOCodes.shared()))
}

@Suite struct StatsReportTests {
    @Test func countsTheFoundingCase() throws {
        let r = StatsReport(Seed.dataset)
        let g = Seed.dataset.graph
        #expect(r.entities == g.entityCount)
        #expect(r.relationships == g.relationshipCount)
        #expect(r.entityKinds.values.reduce(0, +) == g.entityCount)
        #expect(r.countries.values.reduce(0, +) == g.entityCount)
        #expect(r.designated == (0..<g.entityCount).filter { g.hasDesignations($0) }.count)
        #expect(r.designated > 0)
    }

    @Test func encodingsAgree() throws {
        let r = StatsReport(Seed.dataset)
        let json = r.encoded(.json)
        #expect(json.hasSuffix("}\n"))
        #expect(json.contains("\"entities\": \(r.entities)"))
        #expect(r.encoded(.csv).hasPrefix("metric,key,value\n"))
        #expect(r.encoded(.csv).contains("entities,,\(r.entities)\n"))
        #expect(r.encoded(.text).hasPrefix("\(r.entities) entities, \(r.relationships) relationships"))
        // Same input, same bytes.
        #expect(StatsReport(Seed.dataset).encoded(.json) == json)
    }
}
