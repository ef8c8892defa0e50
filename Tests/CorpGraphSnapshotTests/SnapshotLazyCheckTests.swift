import CorpGraph
@testable import CorpGraphSnapshot
import Foundation
import CorpGraphTestSupport
import Synchronization
import Testing

/// Column values are checked the first time something reads the column, not on open: a damaged column is reported
/// (and repaired in the private mapping) before any read of it, and a query that never reads it is unaffected.
extension SnapshotDamageTests {
    final class Heard: Sendable {
        let errors = Mutex<[SnapshotError]>([])
        var all: [SnapshotError] { errors.withLock { $0 } }
        func handler() -> SnapshotReader.DamageHandler { { e in self.errors.withLock { $0.append(e) } } }
    }

    func damaged(_ tag: String) throws -> [UInt8] {
        var b = try snapshotBytes()
        let s = try #require(section(b, tag))
        u32(&b, at: s.offset, 0x7FFF_FFF0)
        resealSection(&b, tag)
        return b
    }

    @Test func damageIsFoundOnFirstReadNotOnOpen() throws {
        let bytes = try damaged("RSRC")
        let heard = Heard()
        let s = try bytes.withUnsafeBytes {
            try SnapshotReader.open(bytes: $0, name: "lazy.cgraph", onDamage: heard.handler())
        }
        let g = s.graph
        #expect(g.columnDamage == nil)
        #expect(heard.all.isEmpty)
        // The first read of the column checks it: reported once, before the value is seen, then repaired.
        let sources = (0..<g.relationshipCount).map { g.source($0) }
        #expect(sources.allSatisfy { $0 >= 0 && $0 < g.entityCount })
        #expect(sources[0] == 0)
        _ = g.source(1)
        #expect(heard.all.count == 1)
        guard case .malformed(let m)? = heard.all.first?.reason else { Issue.record("not malformed"); return }
        #expect(m.contains("RSRC"))
        #expect(heard.all.first?.path == "lazy.cgraph")
        #expect((g.columnDamage as? SnapshotError)?.reason == heard.all.first?.reason)
        #expect(throws: SnapshotError.self) { try s.checkColumns() }
    }

    @Test func queriesThatDoNotReadTheDamagedColumnAreUnaffected() throws {
        let intact = try snapshotBytes()
        let bytes = try damaged("RFIL")  // relationship locations: exposure paths never read them
        let heard = Heard()
        let good = try intact.withUnsafeBytes { try SnapshotReader.open(bytes: $0, name: "a.cgraph") }.graph
        let bad = try bytes.withUnsafeBytes {
            try SnapshotReader.open(bytes: $0, name: "b.cgraph", onDamage: heard.handler())
        }.graph
        let day = CalendarDate(year: 2023, month: 1, day: 1)!
        let filter = TraversalFilter(kinds: .all, direction: .both, asOf: day)
        for v in stride(from: 0, to: good.entityCount, by: 7) {
            let a = ExposureSearch(
                targets: good.targets(policy: .builtIn, asOf: day),
                options: ExposureOptions(
                    maxDepth: 4, filter: filter, timeRespecting: false, limit: 100)
            ).exposure(of: v)
            let b = ExposureSearch(
                targets: bad.targets(policy: .builtIn, asOf: day),
                options: ExposureOptions(
                    maxDepth: 4, filter: filter, timeRespecting: false, limit: 100)
            ).exposure(of: v)
            #expect(a.paths.map(\.nodes) == b.paths.map(\.nodes))
        }
        #expect(heard.all.isEmpty)
        #expect(bad.columnDamage == nil)
        _ = bad.location(ofRelationship: 0)
        #expect(heard.all.count == 1)
        #expect(heard.all.first.map { "\($0.reason)" }?.contains("RFIL") == true)
    }

    @Test(arguments: ["OOFF", "IEDG", "EKND", "DSLI", "TGOF"])
    func everyGuardedColumnReportsBeforeUse(tag: String) throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, tag))
        if tag == "EKND" {
            b[s.offset] = 200
        } else if tag.hasSuffix("OF") || tag == "OOFF" {
            u32(&b, at: s.offset + 4 * 2, 0x7FFF_FFF0)  // an offset in between, past the end
        } else {
            u32(&b, at: s.offset, 0x7FFF_FFF0)
        }
        resealSection(&b, tag)
        let heard = Heard()
        let g = try b.withUnsafeBytes {
            try SnapshotReader.open(bytes: $0, name: "g.cgraph", onDamage: heard.handler())
        }.graph
        // Reading everything stays in bounds, and the damage was heard.
        for v in 0..<g.entityCount {
            _ = (g.entity(v), g.outRelationships(v).count, g.inRelationships(v).count, g.inNeighbours(v).count)
        }
        #expect(heard.all.count == 1)
        #expect(heard.all.first.map { "\($0.reason)" }?.contains(tag) == true)
    }
}
