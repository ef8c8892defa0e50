import CorpGraph
import CorpGraphFiles
import Foundation
import SystemPackage

/// Writes a ``Snapshot`` as a `.cgraph` file (docs/SNAPSHOT.md), atomically: into a temporary file in the target's
/// directory, flushed, then renamed over the target. The same snapshot always gives the same bytes.
public enum SnapshotWriter {
    public static func write(_ snapshot: Snapshot, to path: String) throws {
        guard 1.littleEndian == 1 else {
            throw SnapshotError(path, .io("snapshots are written on little-endian machines only"))
        }
        let file: AtomicFile
        do {
            file = try AtomicFile(path: path)
        } catch {
            throw SnapshotError(path, .io("cannot create a temporary file beside it: \(error.message)"))
        }
        var sink = Sink(file: file, path: path)
        do {
            // the header, last
            try [UInt8](repeating: 0, count: SnapshotFormat.headerSize).withUnsafeBytes { try sink.write($0) }
            try SectionEncoder.encode(snapshot, into: &sink)
            try sink.finish()
            do {
                try file.commit()
            } catch {
                throw SnapshotError(path, .io("cannot write: \(error.message)"))
            }
        } catch {
            file.abort()
            throw error
        }
    }

    /// The build time to record: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    public static func buildTime(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int64 {
        if let text = environment["SOURCE_DATE_EPOCH"], let v = Int64(text) { return v }
        return Int64(Date().timeIntervalSince1970)
    }
}

/// Appends sections to the temporary file, recording each in the section table.
struct Sink {
    let file: AtomicFile
    let path: String
    var offset = 0
    var entries: [SectionEntry] = []

    init(file: AtomicFile, path: String) {
        self.file = file
        self.path = path
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer, padTo alignment: Int = 1) throws {
        do {
            try file.write(bytes)
        } catch {
            throw SnapshotError(path, .io("cannot write: \(error.message)"))
        }
        offset += bytes.count
        let pad = (alignment - offset % alignment) % alignment
        if pad > 0 {
            let zeros = [UInt8](repeating: 0, count: pad)
            try zeros.withUnsafeBytes { try write($0) }
        }
    }

    /// One section: aligned, checksummed, entered in the table.
    mutating func section(_ tag: SectionTag, width: Int, _ bytes: UnsafeRawBufferPointer) throws {
        let start = offset
        try write(bytes, padTo: SnapshotFormat.alignment)
        entries.append(
            SectionEntry(
                tag: tag, width: width, offset: start, length: bytes.count,
                checksum: SnapshotFormat.checksum(bytes)))
    }

    mutating func section<T: BitwiseCopyable>(_ tag: SectionTag, _ column: Column<T>) throws {
        try column.withUnsafeBytes { try section(tag, width: MemoryLayout<T>.stride, $0) }
    }

    mutating func section(_ tag: SectionTag, bytes: [UInt8], width: Int = 1) throws {
        try bytes.withUnsafeBytes { try section(tag, width: width, $0) }
    }

    /// The section table, then the header over the placeholder at offset 0.
    mutating func finish() throws {
        var table = ByteWriter()
        for e in entries {
            table.u32(e.tag.rawValue)
            table.u32(UInt32(e.width))
            table.u64(UInt64(e.offset))
            table.u64(UInt64(e.length))
            table.u64(e.checksum)
        }
        let tableOffset = offset
        try table.bytes.withUnsafeBytes { try write($0) }
        var header = ByteWriter()
        header.bytes.append(contentsOf: SnapshotFormat.magic)
        header.u32(SnapshotFormat.endianTag)
        header.u32(SnapshotFormat.version)
        header.u64(UInt64(offset))
        header.u64(UInt64(tableOffset))
        header.u32(UInt32(entries.count))
        header.u32(0)
        header.u64(SnapshotFormat.checksum(table.bytes))
        header.u64(0)
        header.u64(SnapshotFormat.checksum(header.bytes))
        do {
            try header.bytes.withUnsafeBytes { try file.write($0, at: 0) }
        } catch {
            throw SnapshotError(path, .io("cannot write the header: \((error as? Errno)?.message ?? "\(error)")"))
        }
    }
}
