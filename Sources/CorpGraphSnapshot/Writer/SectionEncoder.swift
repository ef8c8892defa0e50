import CorpGraph
import Foundation

/// Lays a snapshot out as sections (the tags of ``SectionTag``), in a fixed order.
enum SectionEncoder {
    static func encode(_ snapshot: Snapshot, into sink: inout Sink) throws {
        let g = snapshot.graph.storage
        var meta = ByteWriter()
        meta.u64(UInt64(snapshot.graph.entityCount))
        meta.u64(UInt64(snapshot.graph.relationshipCount))
        // Ids re-indexed under a seed taken from their bytes, so the same graph gives the same slots.
        let ids = g.ids.strings
        let seed = ids.bytes.withUnsafeBytes { SnapshotFormat.checksum($0) } | 1
        // The sections that take encoding (the id slots, the share records, the amounts' text) are made on a second
        // thread while the first sections are written: the bytes are the same, the writing waits less.
        let prepared = Prepared()
        let idsReady = DispatchGroup(), restReady = DispatchGroup()
        idsReady.enter()
        restReady.enter()
        DispatchQueue.global().async {
            prepared.idTable = reindexed(ids, seed: seed, fallback: g.ids)
            idsReady.leave()
            prepared.shares = shareRecords(g.relShare)
            prepared.amounts = FrozenStrings(
                (0..<g.paymentAmounts.count).map { i in g.paymentAmounts[i].map { "\($0)" } ?? "0" })
            restReady.leave()
        }
        // Whatever is thrown below, the second thread is done before this returns.
        defer { restReady.wait() }
        idsReady.wait()
        let table = prepared.idTable ?? g.ids
        prepared.idTable = nil
        meta.u64(table.seed)
        try sink.section(.meta, bytes: meta.bytes)
        var policy = ByteWriter()
        policy.policy(snapshot.policy)
        try sink.section(.policy, bytes: policy.bytes)
        var provenance = ByteWriter()
        provenance.provenance(snapshot.provenance)
        try sink.section(.provenance, bytes: provenance.bytes)
        var diagnostics = ByteWriter()
        diagnostics.diagnostics(snapshot.diagnostics)
        try sink.section(.diagnostics, bytes: diagnostics.bytes)

        try sink.strings(.idBytes, .idOffsets, ids)
        try sink.section(.idSlots, table.slots)
        try sink.strings(.nameBytes, .nameOffsets, g.names)
        try sink.section(.kinds, g.kinds)
        try sink.section(.jurisdiction, g.jurisdictionOf)
        try sink.strings(.jurisdictionBytes, .jurisdictionOffsets, g.jurisdictionCodes)
        try sink.section(.tagOffsets, g.tagOffsets)
        try sink.section(.tagIDs, g.tagIDs)
        try sink.strings(.tagBytes, .tagNameOffsets, g.tagNames)
        let d = g.designations
        try sink.section(.designationOffsets, d.offsets)
        try sink.section(.designationList, d.list)
        try sink.section(.designationProgram, d.program)
        try sink.section(.designationListed, d.listed)
        try sink.section(.designationDelisted, d.delisted)
        try sink.section(.designationFirstSeen, d.firstSeen)
        try sink.strings(.listBytes, .listOffsets, d.listCodes)
        try sink.strings(.programBytes, .programOffsets, d.programs)
        try sink.extras(.entityExtraKeys, .entityExtraOffsets, .entityExtraBytes, g.entityExtras) {
            $0.entityExtras($1)
        }
        try sink.section(.entityFile, g.entityFile)
        try sink.section(.entityLine, g.entityLine)

        try sink.section(.source, g.relSource)
        try sink.section(.target, g.relTarget)
        try sink.section(.relKind, g.relKind)
        restReady.wait()
        try sink.section(.share, bytes: prepared.shares, width: 12)
        prepared.shares = []
        try sink.section(.date, g.relDate)
        try sink.section(.start, g.relStart)
        try sink.section(.end, g.relEnd)
        try sink.section(.payment, g.relPayment)
        try sink.strings(.amountBytes, .amountOffsets, prepared.amounts)
        prepared.amounts = FrozenStrings([])
        try sink.section(.paymentCurrency, g.paymentCurrency)
        try sink.strings(.currencyBytes, .currencyOffsets, g.currencyCodes)
        try sink.extras(.relExtraKeys, .relExtraOffsets, .relExtraBytes, g.relExtras) { $0.relationshipExtras($1) }
        try sink.section(.relFile, g.relFile)
        try sink.section(.relLine, g.relLine)
        try sink.strings(.fileBytes, .fileOffsets, g.files)

        try sink.section(.outOffsets, g.outOffsets)
        try sink.section(.outEdges, g.outEdgeList)
        try sink.section(.outNeighbours, g.outNeighbourList)
        try sink.section(.inOffsets, g.inOffsets)
        try sink.section(.inEdges, g.inEdgeList)
        try sink.section(.inNeighbours, g.inNeighbourList)
    }

    /// What the second thread of ``encode(_:into:)`` makes.
    private final class Prepared: @unchecked Sendable {
        var idTable: FrozenStringTable?
        var shares: [UInt8] = []
        var amounts = FrozenStrings([])
    }

    /// The ids indexed under `seed` (`fallback`, the graph's own table, if they are not distinct).
    static func reindexed(_ ids: FrozenStrings, seed: UInt64, fallback: FrozenStringTable) -> FrozenStringTable {
        var column = StringColumn()
        column.reserveCapacity(strings: ids.count, bytes: ids.byteCount)
        for v in 0..<ids.count { ids.withUTF8(v) { column.append(utf8: $0) } }
        return StringTable(indexing: column, seed: seed).map(FrozenStringTable.init) ?? fallback
    }

    /// Shares field by field (12 bytes each, padding zeroed): the in-memory padding is not defined.
    static func shareRecords(_ column: Column<PackedShare>) -> [UInt8] {
        var shares = [UInt8](repeating: 0, count: 12 * column.count)
        shares.withUnsafeMutableBytes { out in
            column.withUnsafeBufferPointer { column in
                for (e, p) in column.enumerated() {
                    out.storeBytes(of: p.lo.littleEndian, toByteOffset: 12 * e, as: Int32.self)
                    out.storeBytes(of: p.hi.littleEndian, toByteOffset: 12 * e + 4, as: Int32.self)
                    out[12 * e + 8] = p.flags
                }
            }
        }
        return shares
    }
}

extension Sink {
    mutating func strings(_ bytesTag: SectionTag, _ offsetsTag: SectionTag, _ strings: FrozenStrings) throws {
        try section(bytesTag, strings.bytes)
        try section(offsetsTag, strings.offsets)
    }

    mutating func strings(_ bytesTag: SectionTag, _ offsetsTag: SectionTag, _ list: [String]) throws {
        try strings(bytesTag, offsetsTag, FrozenStrings(list))
    }

    /// Sorted keys, `count + 1` i64 offsets into the blob, and the blob of records.
    mutating func extras<T>(
        _ keysTag: SectionTag, _ offsetsTag: SectionTag, _ bytesTag: SectionTag, _ table: ExtrasTable<T>,
        encode: (inout ByteWriter, T) -> Void
    ) throws {
        let keys = table.keys
        var blob = ByteWriter()
        var offsets: [Int] = [0]
        var kept: [Int32] = []
        for k in keys {
            guard let x = table[k] else { continue }
            encode(&blob, x)
            kept.append(k)
            offsets.append(blob.bytes.count)
        }
        try section(keysTag, Column(kept))
        try section(offsetsTag, Column(offsets))
        try section(bytesTag, bytes: blob.bytes)
    }
}
