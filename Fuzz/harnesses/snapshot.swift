import CorpGraph
import CorpGraphSnapshot

/// Feeds arbitrary bytes to the snapshot reader: it must throw a SnapshotError or give a graph that reads and
/// analyses in bounds, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let s = try? SnapshotReader.open(bytes: bytes, name: "fuzz.cgraph", verifyChecksums: size % 2 == 0) else {
        return 0
    }
    let g = s.graph
    for v in 0..<Swift.min(g.entityCount, 256) { _ = (g.entity(v), g.location(ofEntity: v), g.index(of: g.id(v))) }
    for e in 0..<Swift.min(g.relationshipCount, 256) { _ = (g.relationship(e), g.location(ofRelationship: e)) }
    if let day = CalendarDate(year: 2023, month: 1, day: 1) {
        _ = try? SanctionsAnalysis(graph: g, regime: .ofac, policy: s.policy, asOf: day).blockedIDs
    }
    return 0
}
