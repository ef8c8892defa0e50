import CorpGraph
import CorpGraphIO
import CorpGraphTestSupport
@testable import CorpGraphSnapshot
import Foundation

enum SnapshotFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var seedPath: String { root.appendingPathComponent("fixtures/seed/seed.yaml").path }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cgsnap-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    static let provenance = SnapshotProvenance(
        toolVersion: "test", buildTime: 1_700_000_000, title: "t", policyOrigin: "built-in",
        inputs: [
            SnapshotInput(
                path: "a.yaml", format: "native", size: 3, sha256: "00",
                entities: 1, relationships: 2, rejected: 3, errors: 4, warnings: 5)
        ])

    /// Writes `graph` to a fresh file and returns the path.
    static func write(_ graph: Graph, policy: Policy = .builtIn, diagnostics: [Diagnostic] = []) throws -> String {
        let path = temporaryPath("g.cgraph")
        try SnapshotWriter.write(
            Snapshot(graph: graph, policy: policy, diagnostics: diagnostics, provenance: provenance), to: path)
        return path
    }

    /// A random graph with every kind of attribute: extras, designations, tags, payments, dates, shares.
    static func randomGraph(seed: UInt64, entities: Int = 40, relationships: Int = 90) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        var ids: [String] = []
        let kinds = EntityKind.allCases, rels = RelationshipKind.allCases
        for i in 0..<entities {
            let k = kinds[Int(rng.next() % UInt64(kinds.count))]
            var e = Entity(
                id: "e\(i)-\(rng.next() % 1000)", kind: k, name: "Name \(i) ü",
                jurisdiction: ["RU", "GB", nil, "UA-43"][Int(rng.next() % 4)])
            if rng.next() % 3 == 0 { e.aliases = ["alias \(i)"]; e.identifiers = ["LEI": "L\(i)", "GB-COH": "\(i)"] }
            if rng.next() % 4 == 0 { e.tags = ["t\(rng.next() % 3)", "x"] }
            if rng.next() % 5 == 0 {
                e.designations = [
                    Designation(
                        list: ["OFAC-SDN", "EU-FSF"][Int(rng.next() % 2)], program: rng.next() % 2 == 0 ? "P" : nil,
                        listed: CalendarDate(year: 2022, month: 3, day: 1), delisted: nil)
                ]
            }
            if rng.next() % 6 == 0 {
                e.sources = [
                    SourceRef(
                        title: "s", url: "https://x/\(i)", retrieved: CalendarDate(year: 2023, month: 1, day: 2),
                        quote: nil)
                ]
            }
            if rng.next() % 7 == 0 { e.attributes = ["a": "\(i)"] }
            if b.add(e, at: SourceLocation(file: i % 2 == 0 ? "a.yaml" : "b.yaml", line: i + 1)) { ids.append(e.id) }
        }
        return finish(&b, &rng, ids: ids, relationships: relationships, rels: rels)
    }

    private static func finish(
        _ b: inout GraphBuilder, _ rng: inout SplitMix64, ids: [String], relationships: Int,
        rels: [RelationshipKind]
    ) -> Graph {
        let n = ids.count
        for j in 0..<relationships where n > 1 {
            let s = Int(rng.next() % UInt64(n)), t = Int(rng.next() % UInt64(n))
            if s == t { continue }
            let kind = rels[Int(rng.next() % UInt64(rels.count))]
            var r = Relationship(kind: kind, source: ids[s], target: ids[t])
            if kind == .owns {
                r.share = rng.next() % 5 == 0 ? .unknown : .exact(Percent(units: Int64(rng.next() % 1_000_000)))
            }
            if kind == .pays {
                r.amount = Decimal(Int(rng.next() % 100_000)) / 100; r.currency = "USD";
                r.date = CalendarDate(year: 2022, month: 5, day: 1)
            }
            if kind == .controls { r.controlType = "boardAppointment" }
            if rng.next() % 4 == 0 {
                r.start = CalendarDate(year: 2020, month: 1, day: 1); r.end = CalendarDate(year: 2030, month: 1, day: 1)
            }
            if rng.next() % 5 == 0 { r.id = "r\(j)" }
            b.add(r, at: SourceLocation(file: "r.yaml", line: j + 1))
        }
        return b.build().graph
    }
}
