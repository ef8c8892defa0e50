import CorpGraph
import Foundation

extension SnapshotDecoder {
    /// The snapshot: records decoded, every column a view of the mapping behind the lazy checks.
    func snapshot() throws -> Snapshot {
        guard MemoryLayout<PackedShare>.stride == 12, MemoryLayout<Int>.size == 8 else {
            throw SnapshotError(path, .io("this build's memory layout cannot map snapshots"))
        }
        let (n, m, seed) = try record(.meta) { r in
            (Int(clamping: try r.u64()), Int(clamping: try r.u64()), try r.u64())
        }
        guard n < Int32.max, m < Int32.max else {
            throw fail("\(n) entities and \(m) relationships is more than a graph holds")
        }
        let n32 = Int32(n), m32 = Int32(m)
        let policy = try record(.policy) { try $0.policy() }
        let provenance = try record(.provenance) { try $0.provenance() }
        let diagnostics = try record(.diagnostics) { try $0.diagnostics() }

        let ids = try strings(.idBytes, .idOffsets, count: n, lazily: .idOffsets)
        let slots = try table.column(.idSlots, UInt64.self)
        guard slots.isEmpty || (slots.count >= 4 && slots.count & (slots.count - 1) == 0) else {
            throw fail("the id hash table has \(slots.count) words, not a power of two")
        }
        let names = try strings(.nameBytes, .nameOffsets, count: n, lazily: .nameOffsets)
        let kindBytes = try enumBytes(
            .kinds, count: n, below: EntityKind.allCases.count, what: "entity kind", lazily: .kinds)
        let jurisdictionCodes = Array(try strings(.jurisdictionBytes, .jurisdictionOffsets))
        let jurisdictionOf = try checked(
            .jurisdiction, count: n, in: -1..<Int32(jurisdictionCodes.count), lazily: .jurisdictionOf)
        let tagNames = Array(try strings(.tagBytes, .tagNameOffsets))
        let tagIDs = try checked(
            .tagIDs, count: try table.column(.tagIDs, Int32.self).count, in: 0..<Int32(tagNames.count),
            lazily: .tagIDs)
        let tagOffsets = try offsets(.tagOffsets, count: n + 1, total: tagIDs.count, lazily: .tagOffsets)
        let listCodes = try strings(.listBytes, .listOffsets), programs = try strings(.programBytes, .programOffsets)
        let dCount = try table.column(.designationList, Int32.self).count
        let designations = DesignationColumns(
            offsets: try offsets(.designationOffsets, count: n + 1, total: dCount, lazily: .designations),
            list: try checked(.designationList, count: dCount, in: 0..<Int32(listCodes.count), lazily: .designations),
            program: try checked(
                .designationProgram, count: dCount, in: -1..<Int32(programs.count), lazily: .designations),
            listed: try table.column(.designationListed, count: dCount),
            delisted: try table.column(.designationDelisted, count: dCount),
            firstSeen: try table.column(.designationFirstSeen, count: dCount), listCodes: listCodes, programs: programs)
        let files = Array(try strings(.fileBytes, .fileOffsets))
        let fileRange = 0..<Int32(files.count)

        let relKindBytes = try enumBytes(
            .relKind, count: m, below: RelationshipKind.allCases.count, what: "relationship kind", lazily: .relKind)
        let amounts = try strings(.amountBytes, .amountOffsets, lazily: .amountOffsets)
        let currencyCodes = Array(try strings(.currencyBytes, .currencyOffsets))
        let paymentCurrency = try checked(
            .paymentCurrency, count: amounts.count, in: -1..<Int32(currencyCodes.count), lazily: .paymentCurrency)
        func csr(_ o: SectionTag, _ e: SectionTag, _ nb: SectionTag, _ lazily: [GuardedColumn]) throws -> (
            Column<Int32>, Column<Int32>, Column<Int32>
        ) {
            (
                try offsets(o, count: n + 1, total: m, lazily: lazily[0]),
                try checked(e, count: m, in: 0..<m32, lazily: lazily[1]),
                try checked(nb, count: m, in: 0..<n32, lazily: lazily[2])
            )
        }
        let store = GraphStore(
            ids: FrozenStringTable(strings: ids, slots: slots, seed: seed), kinds: retype(kindBytes), names: names,
            jurisdictionOf: jurisdictionOf, jurisdictionCodes: jurisdictionCodes, tagOffsets: tagOffsets,
            tagIDs: tagIDs,
            tagNames: tagNames, designations: designations,
            entityExtras: try extras(.entityExtraKeys, .entityExtraOffsets, .entityExtraBytes) {
                try $0.entityExtras()
            },
            entityFile: try checked(.entityFile, count: n, in: fileRange, lazily: .entityFile),
            entityLine: try table.column(.entityLine, count: n),
            relSource: try checked(.source, count: m, in: 0..<n32, lazily: .relSource),
            relTarget: try checked(.target, count: m, in: 0..<n32, lazily: .relTarget),
            relKind: retype(relKindBytes), relShare: try table.column(.share, count: m),
            relDate: try table.column(.date, count: m), relStart: try table.column(.start, count: m),
            relEnd: try table.column(.end, count: m),
            relPayment: try checked(.payment, count: m, in: -1..<Int32(amounts.count), lazily: .relPayment),
            paymentAmounts: .text(amounts),
            paymentCurrency: paymentCurrency, currencyCodes: currencyCodes,
            relExtras: try extras(.relExtraKeys, .relExtraOffsets, .relExtraBytes) { try $0.relationshipExtras() },
            relFile: try checked(.relFile, count: m, in: fileRange, lazily: .relFile),
            relLine: try table.column(.relLine, count: m),
            files: files,
            out: try csr(.outOffsets, .outEdges, .outNeighbours, [.outOffsets, .outEdges, .outNeighbours]),
            in: try csr(.inOffsets, .inEdges, .inNeighbours, [.inOffsets, .inEdges, .inNeighbours]),
            guards: guards())
        return Snapshot(graph: Graph(store: store), policy: policy, diagnostics: diagnostics, provenance: provenance)
    }

    /// A column of checked raw values seen as the enum they encode (one byte each).
    func retype<T: BitwiseCopyable>(_ c: Column<UInt8>) -> Column<T> {
        precondition(MemoryLayout<T>.stride == 1)
        return c.withUnsafeBufferPointer { b in
            Column(
                viewing: b.baseAddress.map { UnsafeRawPointer($0).bindMemory(to: T.self, capacity: b.count) },
                count: b.count, owner: table.mapping)
        }
    }
}
