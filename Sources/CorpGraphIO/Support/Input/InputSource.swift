import CorpGraph
import CorpGraphFiles
import Foundation
import SystemPackage
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file expanded out of a `.gz` file, a `.zip` archive or standard input, held in an unlinked temporary file
/// (memory does not grow with the input; the space is freed when the last user lets go).
final class ExpandedInput: @unchecked Sendable {
    /// How messages name it: `x.json.gz`, `archive.zip:dir/member.json`, `-`.
    let name: String
    /// The name to detect the format by: the path without `.gz`, the member's path, `-` for standard input.
    let formatName: String
    let spool: Spool

    init(name: String, formatName: String, spool: Spool) {
        self.name = name
        self.formatName = formatName
        self.spool = spool
    }

    var size: Int { spool.written }

    /// The bytes, memory-mapped.
    func bytes() throws(FormatError) -> InputBytes { try spool.map(name: name) }

    /// The first `count` bytes (fewer when the file is shorter).
    func head(_ count: Int = 4096) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: min(count, size))
        let n = (try? out.withUnsafeMutableBytes { try spool.file.read(fromAbsoluteOffset: 0, into: $0) }) ?? 0
        return Array(out.prefix(n))
    }
}

/// Opens the inputs that are not plain files: `-` (standard input), gzip files (several members allowed) and zip
/// archives (stored or deflated, zip64, CRC checked; every file inside). Detected by their first bytes, not names.
enum InputSource {
    /// The path that stands for standard input.
    static let standardInput = "-"

    /// How a file's bytes are packed.
    enum Packing: Equatable { case plain, gzip, zip }

    /// Packing from the first bytes (gzip `1F 8B`, zip `PK 03 04` or an empty archive's `PK 05 06`).
    static func packing<C: Collection>(head: C) -> Packing where C.Element == UInt8 {
        let b = Array(head.prefix(4))
        if b.count >= 2, b[0] == 0x1F, b[1] == 0x8B { return .gzip }
        if b.count >= 4, b[0] == 0x50, b[1] == 0x4B, (b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6) {
            return .zip
        }
        return .plain
    }

    /// The files `path` holds, expanded. `path` is `-`, a gzip file or a zip archive.
    static func expand(_ path: String, progress: LoadProgressHandler?) throws(FormatError) -> [ExpandedInput] {
        if path == standardInput {
            let spool = try readStandardInput(progress: progress)
            let input = ExpandedInput(name: path, formatName: path, spool: spool)
            guard packing(head: input.head(4)) != .plain else { return [input] }
            // Compressed data can arrive on standard input too.
            let mapped = try input.bytes()
            return try unpack(mapped.buffer, name: path, innerName: path, progress: progress)
        }
        let mapped = try InputBytes(mapping: path)
        let inner = path.lowercased().hasSuffix(".gz") ? String(path.dropLast(3)) : path
        return try unpack(mapped.buffer, name: path, innerName: inner, progress: progress)
    }

    private static func unpack(
        _ bytes: UnsafeBufferPointer<UInt8>, name: String, innerName: String,
        progress: LoadProgressHandler?
    ) throws(FormatError) -> [ExpandedInput] {
        switch packing(head: bytes) {
        case .plain:
            throw FormatError(path: name, message: "neither gzip nor zip data")
        case .gzip:
            let spool = try Gzip.expand(bytes, name: name, progress: progress)
            return [ExpandedInput(name: name, formatName: innerName, spool: spool)]
        case .zip:
            var out: [ExpandedInput] = []
            for entry in try ZipArchive.files(bytes, name: name) {
                let shown = name + ":" + entry.name
                let spool = try ZipArchive.expand(entry, in: bytes, name: shown, progress: progress)
                out.append(ExpandedInput(name: shown, formatName: entry.name, spool: spool))
            }
            if out.isEmpty { throw FormatError(path: name, message: "zip archive holds no file") }
            return out
        }
    }

    private static func readStandardInput(progress: LoadProgressHandler?) throws(FormatError) -> Spool {
        let spool = try Spool(name: standardInput)
        let meter = ProgressMeter(file: standardInput, phase: .expanding, total: nil, handler: progress)
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { chunk.deallocate() }
        while true {
            let n: Int
            do {
                n = try MappedFile.retryingInterrupts {
                    try FileDescriptor.standardInput.read(into: UnsafeMutableRawBufferPointer(chunk))
                }
            } catch {
                throw FormatError(path: standardInput, message: "cannot read standard input (\(error.message))")
            }
            if n == 0 { break }
            try spool.write(UnsafeBufferPointer(rebasing: chunk[0..<n]))
            meter?.advance(bytes: n, records: 0)
        }
        meter?.finish()
        return spool
    }
}

/// An unlinked temporary file being filled; ``map(name:)`` maps what was written.
final class Spool: @unchecked Sendable {
    /// The open file (read it at an offset, or duplicate it).
    let file: FileDescriptor
    /// Its raw descriptor, for readers that duplicate it.
    var descriptor: Int32 { file.rawValue }
    private(set) var written = 0
    let name: String

    init(name: String) throws(FormatError) {
        self.name = name
        // swift-system has no mkstemp: the one libc call left here.
        var template = Array((NSTemporaryDirectory() + "/corpgraph-input-XXXXXX").utf8CString)
        let raw = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard raw >= 0 else {
            throw FormatError(
                path: name,
                message: "cannot create a temporary file to expand into (\(Errno(rawValue: errno).message)); set TMPDIR"
            )
        }
        file = FileDescriptor(rawValue: raw)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { try? file.close() }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        do {
            _ = try MappedFile.retryingInterrupts { try file.writeAll(UnsafeRawBufferPointer(bytes)) }
        } catch {
            throw FormatError(
                path: name,
                message:
                    "cannot write the expanded input to a temporary file (\(error.message)); set TMPDIR to a larger disk"
            )
        }
        written += bytes.count
    }

    /// Maps what was written (the mapping outlives the descriptor).
    func map(name: String) throws(FormatError) -> InputBytes {
        try InputBytes(mappingDescriptor: file, name: name)
    }
}
