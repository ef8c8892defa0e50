import CZlib
import CorpGraph
import Foundation

/// Reads a zip archive's central directory (zip64 included) and expands one entry (stored or deflated, CRC checked).
/// GLEIF golden copies are single-file zips; an archive with several files is read file by file.
enum ZipArchive {
    struct Entry: Hashable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var headerOffset: Int
    }

    /// Every file in `archive` (directories left out), in directory order, with its name.
    static func files(_ archive: UnsafeBufferPointer<UInt8>, name: String) throws(FormatError) -> [Entry] {
        try entries(archive, name: name).filter { !$0.name.hasSuffix("/") }
    }

    private static func u16(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt16 {
        UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }
    private static func u32(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
    private static func u64(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt64 {
        UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32
    }

    /// The central directory's entries. Every offset and length is checked against the archive's size first.
    static func entries(_ b: UnsafeBufferPointer<UInt8>, name: String) throws(FormatError) -> [Entry] {
        func bad(_ why: String) -> FormatError {
            FormatError(path: name, message: "not a readable zip archive: \(why)")
        }
        let n = b.count
        guard n >= 22 else { throw bad("shorter than an end-of-directory record") }
        // The end-of-central-directory record: the last signature within 64 KiB + 22 bytes of the end.
        var eocd = -1
        var k = n - 22
        while k >= max(0, n - 22 - 0xFFFF) {
            if b[k] == 0x50, b[k + 1] == 0x4B, b[k + 2] == 5, b[k + 3] == 6 { eocd = k; break }
            k -= 1
        }
        guard eocd >= 0 else { throw bad("no end-of-central-directory record (truncated download?)") }
        var count = Int(u16(b, eocd + 10))
        var cdSize = Int(u32(b, eocd + 12))
        var cdOffset = Int(u32(b, eocd + 16))
        if count == 0xFFFF || cdOffset == 0xFFFF_FFFF || cdSize == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the record and points at the zip64 end record.
            let loc = eocd - 20
            guard loc >= 0, u32(b, loc) == 0x0706_4B50 else { throw bad("zip64 locator missing") }
            let end64 = u64(b, loc + 8)
            guard end64 <= UInt64(n - 56), u32(b, Int(end64)) == 0x0606_4B50 else {
                throw bad("zip64 end record out of range")
            }
            let e = Int(end64)
            guard u64(b, e + 32) <= UInt64(Int.max), u64(b, e + 40) <= UInt64(n), u64(b, e + 48) <= UInt64(n) else {
                throw bad("zip64 directory out of range")
            }
            count = Int(u64(b, e + 32))
            cdSize = Int(u64(b, e + 40))
            cdOffset = Int(u64(b, e + 48))
        }
        guard cdOffset <= n, cdSize <= n - cdOffset else { throw bad("central directory out of range") }
        var out: [Entry] = []
        var p = cdOffset
        let cdEnd = cdOffset + cdSize
        for _ in 0..<min(count, cdSize / 46 + 1) {
            guard p + 46 <= cdEnd, u32(b, p) == 0x0201_4B50 else {
                throw bad("damaged central directory entry \(out.count + 1)")
            }
            let nameLength = Int(u16(b, p + 28)), extraLength = Int(u16(b, p + 30)), commentLength = Int(u16(b, p + 32))
            guard p + 46 + nameLength + extraLength + commentLength <= cdEnd else {
                throw bad("central directory entry \(out.count + 1) overruns")
            }
            let entryName = String(
                decoding: UnsafeBufferPointer(rebasing: b[(p + 46)..<(p + 46 + nameLength)]), as: UTF8.self)
            var e = Entry(
                name: entryName, method: u16(b, p + 10), flags: u16(b, p + 8), crc: u32(b, p + 16),
                compressedSize: Int(u32(b, p + 20)), size: Int(u32(b, p + 24)), headerOffset: Int(u32(b, p + 42)))
            // Zip64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in order.
            var x = p + 46 + nameLength
            let xEnd = x + extraLength
            while x + 4 <= xEnd {
                let id = u16(b, x), size = Int(u16(b, x + 2))
                guard x + 4 + size <= xEnd else { break }
                if id == 1 {
                    var f = x + 4
                    func next() -> Int? {
                        guard f + 8 <= x + 4 + size, u64(b, f) <= UInt64(Int.max) else { return nil }
                        defer { f += 8 }
                        return Int(u64(b, f))
                    }
                    if e.size == 0xFFFF_FFFF { e.size = next() ?? e.size }
                    if e.compressedSize == 0xFFFF_FFFF { e.compressedSize = next() ?? e.compressedSize }
                    if e.headerOffset == 0xFFFF_FFFF { e.headerOffset = next() ?? e.headerOffset }
                }
                x += 4 + size
            }
            out.append(e)
            p += 46 + nameLength + extraLength + commentLength
        }
        return out
    }

    /// The entry's bytes, expanded into a temporary file; `name` is how messages name the entry.
    static func expand(
        _ e: Entry, in b: UnsafeBufferPointer<UInt8>, name: String,
        progress: LoadProgressHandler?
    ) throws(FormatError) -> Spool {
        func bad(_ why: String) -> FormatError {
            FormatError(path: name, message: "cannot read from the zip archive: \(why)")
        }
        if e.flags & 1 != 0 { throw bad("the entry is encrypted") }
        let h = e.headerOffset
        guard h <= b.count - 30, u32(b, h) == 0x0403_4B50 else { throw bad("local header out of range or damaged") }
        let start = h + 30 + Int(u16(b, h + 26)) + Int(u16(b, h + 28))
        guard start <= b.count, e.compressedSize <= b.count - start else {
            throw bad("entry data out of range (truncated archive?)")
        }
        let data = UnsafeBufferPointer(rebasing: b[start..<(start + e.compressedSize)])
        let sink = try Spool(name: name)
        let crc: UInt32
        switch e.method {
        case 0:
            try sink.write(data)
            crc = crcOf(data)
        case 8:
            let meter = ProgressMeter(file: name, phase: .expanding, total: data.count, handler: progress)
            crc = try Gzip.inflate(
                data, windowBits: -15, members: false, into: sink, name: name, what: "deflate data",
                meter: meter)
            meter?.finish()
        default:
            throw bad("compression method \(e.method) is not supported (stored and deflate are); unzip it first")
        }
        if sink.written != e.size { throw bad("expanded to \(sink.written) bytes where the directory says \(e.size)") }
        if crc != e.crc { throw bad("CRC-32 mismatch (damaged archive)") }
        return sink
    }

    /// CRC-32 of `data` (zlib counts in UInt32: in 1 GiB steps).
    static func crcOf(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        var k = 0
        while k < data.count {
            let n = min(data.count - k, 1 << 30)
            crc = CZlib.crc32(crc, data.baseAddress! + k, UInt32(n))
            k += n
        }
        return UInt32(crc)
    }
}
