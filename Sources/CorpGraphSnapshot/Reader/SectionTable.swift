import CorpGraph

/// The header and section table of a mapped snapshot, checked: magic, byte order, version, header and table
/// checksums, file size, and every section inside the file, aligned, a whole number of elements.
struct SectionTable {
    let path: String
    let mapping: FileMapping
    let entries: [SectionTag: SectionEntry]
    let ordered: [SectionEntry]

    init(path: String, mapping: FileMapping) throws {
        self.path = path
        self.mapping = mapping
        let bytes = mapping.bytes
        func fail(_ r: SnapshotError.Reason) -> SnapshotError { SnapshotError(path, r) }
        guard bytes.count >= SnapshotFormat.magic.count, SnapshotFormat.isSnapshot(bytes) else {
            throw fail(.notASnapshot)
        }
        guard bytes.count >= SnapshotFormat.headerSize else {
            throw fail(.truncated(size: bytes.count, expected: SnapshotFormat.headerSize))
        }
        var h = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[0..<SnapshotFormat.headerSize]))
        _ = try? h.take(8)
        let tag = (try? h.u32()) ?? 0
        if tag == SnapshotFormat.endianTag.byteSwapped { throw fail(.foreignEndian) }
        guard tag == SnapshotFormat.endianTag else {
            throw fail(.malformed("unknown byte-order tag 0x\(String(tag, radix: 16))"))
        }
        let version = (try? h.u32()) ?? 0
        if version < SnapshotFormat.version { throw fail(.oldVersion(version)) }
        if version > SnapshotFormat.version { throw fail(.futureVersion(version)) }
        let header = UnsafeRawBufferPointer(rebasing: bytes[0..<56])
        let stored = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
        guard SnapshotFormat.checksum(header) == stored else { throw fail(.checksumMismatch(part: "the header")) }
        let fileSize = Int(clamping: (try? h.u64()) ?? 0)
        let tableOffset = Int(clamping: (try? h.u64()) ?? 0)
        let count = Int((try? h.u32()) ?? 0)
        _ = try? h.u32()
        let tableChecksum = (try? h.u64()) ?? 0
        guard bytes.count >= fileSize else { throw fail(.truncated(size: bytes.count, expected: fileSize)) }
        guard bytes.count == fileSize else {
            throw fail(.malformed("the file has \(bytes.count) bytes, its header says \(fileSize)"))
        }
        let tableLength = count.multipliedReportingOverflow(by: SnapshotFormat.entrySize)
        guard !tableLength.overflow, tableOffset >= SnapshotFormat.headerSize, tableOffset <= fileSize,
            tableLength.partialValue <= fileSize - tableOffset
        else {
            throw fail(.malformed("the section table (\(count) entries at \(tableOffset)) lies outside the file"))
        }
        let table = UnsafeRawBufferPointer(rebasing: bytes[tableOffset..<(tableOffset + tableLength.partialValue)])
        guard SnapshotFormat.checksum(table) == tableChecksum else {
            throw fail(.checksumMismatch(part: "the section table"))
        }
        var r = ByteReader(table)
        var entries: [SectionTag: SectionEntry] = [:]
        var ordered: [SectionEntry] = []
        for _ in 0..<count {
            let t = SectionTag(rawValue: try r.u32())
            let width = Int(try r.u32())
            let offset = Int(clamping: try r.u64()), length = Int(clamping: try r.u64())
            let sum = try r.u64()
            guard width >= 1, width <= 64, offset >= SnapshotFormat.headerSize, offset % SnapshotFormat.alignment == 0,
                offset <= tableOffset, length <= tableOffset - offset, length % width == 0
            else {
                throw fail(.malformed("section \(t) (offset \(offset), \(length) bytes, width \(width)) is misplaced"))
            }
            guard entries[t] == nil else { throw fail(.malformed("section \(t) appears twice")) }
            let e = SectionEntry(tag: t, width: width, offset: offset, length: length, checksum: sum)
            entries[t] = e
            ordered.append(e)
        }
        self.entries = entries
        self.ordered = ordered
    }

    func entry(_ tag: SectionTag, width: Int) throws -> SectionEntry {
        guard let e = entries[tag] else { throw SnapshotError(path, .malformed("section \(tag) is missing")) }
        guard e.width == width else {
            throw SnapshotError(path, .malformed("section \(tag) has \(e.width)-byte elements, expected \(width)"))
        }
        return e
    }

    func bytes(of e: SectionEntry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: mapping.bytes[e.offset..<(e.offset + e.length)])
    }

    /// The section as a column of `T` viewing the mapping, with `count` elements when given.
    func column<T: BitwiseCopyable>(_ tag: SectionTag, _ type: T.Type = T.self, count: Int? = nil) throws -> Column<T> {
        let e = try entry(tag, width: MemoryLayout<T>.stride)
        let n = e.length / MemoryLayout<T>.stride
        if let count, n != count {
            throw SnapshotError(path, .malformed("section \(tag) has \(n) elements, expected \(count)"))
        }
        let p = bytes(of: e).baseAddress.map { $0.bindMemory(to: T.self, capacity: n) }
        return Column(viewing: p, count: n, owner: mapping)
    }

    /// A small section, checksum verified, for decoding.
    func verified(_ tag: SectionTag) throws -> UnsafeRawBufferPointer {
        let e = try entry(tag, width: 1)
        let b = bytes(of: e)
        guard SnapshotFormat.checksum(b) == e.checksum else {
            throw SnapshotError(path, .checksumMismatch(part: "section \(tag)"))
        }
        return b
    }

    /// Every section against its checksum (`validate --deep`).
    func verifyAll() throws {
        for e in ordered where SnapshotFormat.checksum(bytes(of: e)) != e.checksum {
            throw SnapshotError(path, .checksumMismatch(part: "section \(e.tag) (\(e.length) bytes at \(e.offset))"))
        }
    }
}
