import CorpGraphFiles
import CorpGraph
import Foundation

/// Opens `.cgraph` files: maps the file, checks the header, the section table and every column's values against the
/// others, and hands out a ``Snapshot`` whose graph reads the mapping directly (no column is parsed or copied).
public enum SnapshotReader {
    /// Maps and checks `path`. Errors are ``SnapshotError``s naming the file and what is wrong.
    public static func open(_ path: String) throws -> Snapshot {
        let table = try SectionTable(path: path, mapping: FileMapping(path: path))
        return try SnapshotDecoder(table: table).snapshot()
    }

    /// ``open(_:)`` plus every section checked against its checksum (`validate --deep`).
    public static func openVerifyingChecksums(_ path: String) throws -> Snapshot {
        let table = try SectionTable(path: path, mapping: FileMapping(path: path))
        try table.verifyAll()
        return try SnapshotDecoder(table: table).snapshot()
    }

    /// Reads a snapshot held in memory (copied; tests and the fuzzer), named `name` in errors.
    public static func open(bytes: UnsafeRawBufferPointer, name: String, verifyChecksums: Bool = false) throws
        -> Snapshot
    {
        let table = try SectionTable(path: name, mapping: FileMapping(copying: bytes))
        if verifyChecksums { try table.verifyAll() }
        return try SnapshotDecoder(table: table).snapshot()
    }

    /// Whether the file at `path` starts with the snapshot magic.
    public static func isSnapshot(path: String) -> Bool {
        SnapshotFormat.isSnapshot((try? FileReading.prefix(of: path, count: 8)) ?? [])
    }
}

/// Builds the graph's store from a checked section table.
struct SnapshotDecoder {
    let table: SectionTable
    var path: String { table.path }

    func fail(_ detail: String) -> SnapshotError { SnapshotError(path, .malformed(detail)) }

    func record<T>(_ tag: SectionTag, _ decode: (inout ByteReader) throws -> T) throws -> T {
        var r = ByteReader(try table.verified(tag))
        do {
            let v = try decode(&r)
            guard r.isAtEnd else { throw fail("section \(tag) has bytes after its record") }
            return v
        } catch is ByteReader.Damaged {
            throw fail("section \(tag) holds a record that does not decode")
        }
    }

    func strings(_ bytesTag: SectionTag, _ offsetsTag: SectionTag, count: Int? = nil) throws -> FrozenStrings {
        let bytes = try table.column(bytesTag, UInt8.self)
        let offsets = try table.column(offsetsTag, Int.self)
        let n = count ?? Swift.max(0, offsets.count - 1)
        guard ColumnChecks.offsets(offsets, count: n + 1, total: bytes.count) else {
            throw fail("string offsets \(offsetsTag) do not fit \(bytesTag)")
        }
        return FrozenStrings(bytes: bytes, offsets: offsets)
    }

    func checked(_ tag: SectionTag, count: Int, in range: Range<Int32>) throws -> Column<Int32> {
        let c = try table.column(tag, Int32.self, count: count)
        guard ColumnChecks.range(c, range.lowerBound, range.upperBound) else {
            throw fail("section \(tag) holds values outside \(range.lowerBound)..<\(range.upperBound)")
        }
        return c
    }

    func offsets(_ tag: SectionTag, count: Int, total: Int) throws -> Column<Int32> {
        let c = try table.column(tag, Int32.self)
        guard ColumnChecks.offsets(c, count: count, total: total) else {
            throw fail("offsets \(tag) are not \(count) non-decreasing values from 0 to \(total)")
        }
        return c
    }

    func extras<T: Sendable>(
        _ keysTag: SectionTag, _ offsetsTag: SectionTag, _ bytesTag: SectionTag,
        decode: @escaping @Sendable (inout ByteReader) throws -> T
    ) throws -> ExtrasTable<T> {
        let keys = try table.column(keysTag, Int32.self)
        let offsets = try table.column(offsetsTag, Int.self)
        let blob = try table.column(bytesTag, UInt8.self)
        guard ColumnChecks.offsets(offsets, count: keys.count + 1, total: blob.count) else {
            throw fail("extras offsets \(offsetsTag) do not fit \(bytesTag)")
        }
        return .mapped(keys: keys) { i in
            blob.withUnsafeBytes { all in
                var r = ByteReader(UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]]))
                return try? decode(&r)
            }
        }
    }

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

        let ids = try strings(.idBytes, .idOffsets, count: n)
        let slots = try table.column(.idSlots, UInt64.self)
        guard slots.isEmpty || (slots.count >= 4 && slots.count & (slots.count - 1) == 0) else {
            throw fail("the id hash table has \(slots.count) words, not a power of two")
        }
        let names = try strings(.nameBytes, .nameOffsets, count: n)
        let kindBytes = try table.column(.kinds, UInt8.self, count: n)
        guard ColumnChecks.range(kindBytes, below: UInt8(EntityKind.allCases.count)) else {
            throw fail("unknown entity kind")
        }
        let jurisdictionCodes = Array(try strings(.jurisdictionBytes, .jurisdictionOffsets))
        let jurisdictionOf = try checked(.jurisdiction, count: n, in: -1..<Int32(jurisdictionCodes.count))
        let tagNames = Array(try strings(.tagBytes, .tagNameOffsets))
        let tagIDs = try checked(
            .tagIDs, count: try table.column(.tagIDs, Int32.self).count, in: 0..<Int32(tagNames.count))
        let tagOffsets = try offsets(.tagOffsets, count: n + 1, total: tagIDs.count)
        let listCodes = try strings(.listBytes, .listOffsets), programs = try strings(.programBytes, .programOffsets)
        let dCount = try table.column(.designationList, Int32.self).count
        let designations = DesignationColumns(
            offsets: try offsets(.designationOffsets, count: n + 1, total: dCount),
            list: try checked(.designationList, count: dCount, in: 0..<Int32(listCodes.count)),
            program: try checked(.designationProgram, count: dCount, in: -1..<Int32(programs.count)),
            listed: try table.column(.designationListed, count: dCount),
            delisted: try table.column(.designationDelisted, count: dCount),
            firstSeen: try table.column(.designationFirstSeen, count: dCount), listCodes: listCodes, programs: programs)
        let files = Array(try strings(.fileBytes, .fileOffsets))
        let fileRange = 0..<Int32(files.count)

        let relKindBytes = try table.column(.relKind, UInt8.self, count: m)
        guard ColumnChecks.range(relKindBytes, below: UInt8(RelationshipKind.allCases.count)) else {
            throw fail("unknown relationship kind")
        }
        let amounts = try strings(.amountBytes, .amountOffsets)
        let currencyCodes = Array(try strings(.currencyBytes, .currencyOffsets))
        let paymentCurrency = try checked(.paymentCurrency, count: amounts.count, in: -1..<Int32(currencyCodes.count))
        func csr(_ o: SectionTag, _ e: SectionTag, _ nb: SectionTag) throws -> (
            Column<Int32>, Column<Int32>, Column<Int32>
        ) {
            (
                try offsets(o, count: n + 1, total: m), try checked(e, count: m, in: 0..<m32),
                try checked(nb, count: m, in: 0..<n32)
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
            entityFile: try checked(.entityFile, count: n, in: fileRange),
            entityLine: try table.column(.entityLine, count: n),
            relSource: try checked(.source, count: m, in: 0..<n32),
            relTarget: try checked(.target, count: m, in: 0..<n32),
            relKind: retype(relKindBytes), relShare: try table.column(.share, count: m),
            relDate: try table.column(.date, count: m), relStart: try table.column(.start, count: m),
            relEnd: try table.column(.end, count: m),
            relPayment: try checked(.payment, count: m, in: -1..<Int32(amounts.count)), paymentAmounts: .text(amounts),
            paymentCurrency: paymentCurrency, currencyCodes: currencyCodes,
            relExtras: try extras(.relExtraKeys, .relExtraOffsets, .relExtraBytes) { try $0.relationshipExtras() },
            relFile: try checked(.relFile, count: m, in: fileRange), relLine: try table.column(.relLine, count: m),
            files: files, out: try csr(.outOffsets, .outEdges, .outNeighbours),
            in: try csr(.inOffsets, .inEdges, .inNeighbours))
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
