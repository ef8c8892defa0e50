@testable import CorpGraph
import CorpGraphTestSupport
@testable import CorpGraphSnapshot
import Foundation
import Testing

/// A cold single-subject exposure on a mapped snapshot (targets classified on demand, pruning distances found on
/// demand, only the rows read checked) answers as the whole-graph search on the graph the snapshot was built from.
@Suite struct SnapshotExposureTests {
    @Test(arguments: Array(UInt64(1)...12)) func onDemandExposureOnSnapshotEqualsBuiltGraph(seed: UInt64) throws {
        let built = SnapshotFixtures.randomGraph(seed: seed, entities: 60, relationships: 160)
        let path = try SnapshotFixtures.write(built)
        let mapped = try SnapshotReader.open(path).graph
        let day = CalendarDate(year: 2023, month: 1, day: 1)!
        for direction in WalkDirection.allCases {
            let options = ExposureOptions(
                maxDepth: 6, filter: TraversalFilter(direction: direction, asOf: day), limit: seed % 2 == 0 ? 5 : 1000)
            let whole = ExposureSearch(targets: built.targets(policy: .builtIn, asOf: day), options: options)
            for s in 0..<built.entityCount {
                let onDemand = ExposureSearch(
                    targets: mapped.targets(policy: .builtIn, asOf: day, onDemand: true), options: options,
                    subjects: [s])
                #expect(onDemand.exposure(of: s) == whole.exposure(of: s), "seed \(seed) subject \(s) \(direction)")
            }
        }
        // Nothing was damaged, and the single-subject queries needed no whole-column check of the CSR arrays.
        #expect(mapped.columnDamage == nil)
        let guards = try #require(mapped.storage.guards)
        for c in [GuardedColumn.outNeighbours, .inNeighbours, .outEdges, .inEdges, .jurisdictionOf, .kinds] {
            #expect(!guards.isChecked(c), "\(c) was scanned whole")
        }
    }
}
