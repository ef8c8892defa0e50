import CorpGraphFiles
import Foundation

/// A read-only private memory mapping of a whole file (``MappedFile``), unmapped when the last ``Column`` viewing it
/// goes; or aligned memory holding a copy (tests and the fuzzer).
///
/// The file must not be truncated while mapped (reading a page past the new end would fault); `corpgraph build`
/// replaces snapshots by rename, which leaves existing mappings intact.
final class FileMapping: @unchecked Sendable {
    let base: UnsafeRawPointer?
    let count: Int
    /// The mapping, or nil for memory of ``init(copying:)``, freed on deinit.
    private let mapped: MappedFile?

    init(path: String) throws {
        do {
            mapped = try MappedFile(path: path, populate: true)
        } catch {
            throw SnapshotError(path, .io("cannot map: \(error.message)"))
        }
        base = mapped?.base
        count = mapped?.count ?? 0
    }

    /// A copy of `bytes` in aligned memory, standing in for a mapping (tests and the fuzzer).
    init(copying bytes: UnsafeRawBufferPointer) {
        let p = UnsafeMutableRawPointer.allocate(
            byteCount: Swift.max(1, bytes.count), alignment: SnapshotFormat.alignment)
        if let src = bytes.baseAddress { p.copyMemory(from: src, byteCount: bytes.count) }
        base = UnsafeRawPointer(p)
        count = bytes.count
        mapped = nil
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit {
        if mapped == nil, let base { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}
