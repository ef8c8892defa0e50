import CorpGraph
import Foundation

/// Builds the graph's store from a checked section table. What is cheap is checked now: every count, both ends of
/// every offsets column, that every range a column's values must fall in is non-empty, the small tables and records.
/// Scanning a column's values is left to its first reader (``ColumnGuards``): each check is registered here.
final class SnapshotDecoder {
    typealias Check = @Sendable () -> (any Error & Sendable)?
    let table: SectionTable
    let onDamage: SnapshotReader.DamageHandler?
    var path: String { table.path }
    /// The lazy value checks, by column.
    private var checks: [GuardedColumn: [Check]] = [:]

    init(table: SectionTable, onDamage: SnapshotReader.DamageHandler?) {
        self.table = table
        self.onDamage = onDamage
    }

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

    private func later(_ column: GuardedColumn, _ check: @escaping Check) {
        checks[column, default: []].append(check)
    }

    /// Offsets: `count` of them, the first 0, the last `total` now; never decreasing when `column` is first read
    /// (or now, when `column` is nil: small tables).
    func offsetEnds<T: FixedWidthInteger & BitwiseCopyable>(
        _ c: Column<T>, _ tag: SectionTag, count: Int, total: Int, lazily column: GuardedColumn?
    ) throws {
        guard c.count == count, count >= 1, c[0] == 0, Int(exactly: c[count - 1]) == total else {
            throw fail("offsets \(tag) are not \(count) non-decreasing values from 0 to \(total)")
        }
        let error = fail("offsets \(tag) are not \(count) non-decreasing values from 0 to \(total)")
        let mapping = table.mapping
        let check: Check = {
            if ColumnChecks.offsets(c, count: count, total: total) { return nil }
            ColumnRepairs.offsets(c, total: total, in: mapping)
            return error
        }
        if let column { later(column, check) } else if let e = check() { throw e }
    }

    func strings(
        _ bytesTag: SectionTag, _ offsetsTag: SectionTag, count: Int? = nil, lazily column: GuardedColumn? = nil
    ) throws -> FrozenStrings {
        let bytes = try table.column(bytesTag, UInt8.self)
        let offsets = try table.column(offsetsTag, Int.self)
        let n = count ?? Swift.max(0, offsets.count - 1)
        guard offsets.count == n + 1 else { throw fail("string offsets \(offsetsTag) do not fit \(bytesTag)") }
        do {
            try offsetEnds(offsets, offsetsTag, count: n + 1, total: bytes.count, lazily: column)
        } catch {
            throw fail("string offsets \(offsetsTag) do not fit \(bytesTag)")
        }
        return FrozenStrings(bytes: bytes, offsets: offsets)
    }

    /// An index column: `count` values, each in `range` (checked when `column` is first read).
    func checked(_ tag: SectionTag, count: Int, in range: Range<Int32>, lazily column: GuardedColumn) throws
        -> Column<Int32>
    {
        let c = try table.column(tag, Int32.self, count: count)
        let error = fail("section \(tag) holds values outside \(range.lowerBound)..<\(range.upperBound)")
        guard c.isEmpty || !range.isEmpty else { throw error }
        let mapping = table.mapping
        later(column) {
            if ColumnChecks.range(c, range.lowerBound, range.upperBound) { return nil }
            ColumnRepairs.range(c, range.lowerBound, range.upperBound, in: mapping)
            return error
        }
        return c
    }

    func offsets(_ tag: SectionTag, count: Int, total: Int, lazily column: GuardedColumn) throws -> Column<Int32> {
        let c = try table.column(tag, Int32.self)
        try offsetEnds(c, tag, count: count, total: total, lazily: column)
        return c
    }

    /// Raw enum values, each below `bound` (checked when `column` is first read).
    func enumBytes(_ tag: SectionTag, count: Int, below bound: Int, what: String, lazily column: GuardedColumn)
        throws -> Column<UInt8>
    {
        let c = try table.column(tag, UInt8.self, count: count)
        let error = fail("unknown \(what) in section \(tag)")
        let mapping = table.mapping
        later(column) {
            if ColumnChecks.range(c, below: UInt8(bound)) { return nil }
            ColumnRepairs.range(c, below: UInt8(bound), in: mapping)
            return error
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
        do {
            try offsetEnds(offsets, offsetsTag, count: keys.count + 1, total: blob.count, lazily: .extrasOffsets)
        } catch {
            throw fail("extras offsets \(offsetsTag) do not fit \(bytesTag)")
        }
        return .mapped(keys: keys) { i in
            blob.withUnsafeBytes { all in
                // Offsets in between are checked only by `validate`: a damaged range decodes as nothing.
                let a = offsets[i], b = offsets[i + 1]
                guard a >= 0, a <= b, b <= all.count else { return nil }
                var r = ByteReader(UnsafeRawBufferPointer(rebasing: all[a..<b]))
                return try? decode(&r)
            }
        }
    }

    /// The column guards over the registered checks, each column's checks run in order (all of them run: the
    /// repairs of one must not depend on whether another passed).
    func guards() -> ColumnGuards {
        var byColumn: [GuardedColumn: @Sendable () -> (any Error & Sendable)?] = [:]
        for (name, list) in checks {
            byColumn[name] = {
                var first: (any Error & Sendable)?
                for check in list { if let e = check(), first == nil { first = e } }
                return first
            }
        }
        var report: (@Sendable (any Error & Sendable) -> Void)?
        if let handler = onDamage {
            report = { e in if let s = e as? SnapshotError { handler(s) } }
        }
        return ColumnGuards(checks: byColumn, onDamage: report)
    }
}
