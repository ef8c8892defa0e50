import CorpGraphFiles
import CorpGraph
import Foundation

/// Opens `.cgraph` files: maps the file, checks the header, the section table, every count and every column's ends,
/// and hands out a ``Snapshot`` whose graph reads the mapping directly (no column is parsed or copied). The values of
/// the index columns are checked lazily, each the first time anything reads it (``ColumnGuards``): `onDamage` hears
/// of a damaged one before anything reads it (after it was repaired in place so nothing reads out of bounds).
public enum SnapshotReader {
    /// A lazy column check's finding: the damage, as a ``SnapshotError`` naming the file and the section.
    public typealias DamageHandler = @Sendable (SnapshotError) -> Void

    /// Maps and checks `path`. Errors are ``SnapshotError``s naming the file and what is wrong.
    public static func open(_ path: String, onDamage: DamageHandler? = nil) throws -> Snapshot {
        let table = try SectionTable(path: path, mapping: FileMapping(path: path))
        return try SnapshotDecoder(table: table, onDamage: onDamage).snapshot()
    }

    /// ``open(_:onDamage:)`` plus every section checked against its checksum and every column's values now
    /// (`validate --deep`).
    public static func openVerifyingChecksums(_ path: String) throws -> Snapshot {
        let table = try SectionTable(path: path, mapping: FileMapping(path: path))
        try table.verifyAll()
        let s = try SnapshotDecoder(table: table, onDamage: nil).snapshot()
        try s.checkColumns()
        return s
    }

    /// Reads a snapshot held in memory (copied; tests and the fuzzer), named `name` in errors.
    public static func open(
        bytes: UnsafeRawBufferPointer, name: String, verifyChecksums: Bool = false, onDamage: DamageHandler? = nil
    ) throws -> Snapshot {
        let table = try SectionTable(path: name, mapping: FileMapping(copying: bytes))
        if verifyChecksums { try table.verifyAll() }
        let s = try SnapshotDecoder(table: table, onDamage: onDamage).snapshot()
        if verifyChecksums { try s.checkColumns() }
        return s
    }

    /// Whether the file at `path` starts with the snapshot magic.
    public static func isSnapshot(path: String) -> Bool {
        SnapshotFormat.isSnapshot((try? FileReading.prefix(of: path, count: 8)) ?? [])
    }
}

extension Snapshot {
    /// Checks the values of every column now (those not read yet), throwing the first damage as a
    /// ``SnapshotError``: what opening a snapshot did before the checks became lazy (`validate`).
    public func checkColumns() throws {
        do {
            try graph.checkColumns()
        } catch let e as SnapshotError {
            throw e
        }
    }
}
