import CorpGraphFiles
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

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
            // No MAP_POPULATE: a query faults in the pages it reads (a cold single-subject query reads a few
            // columns of a file of gigabytes), and the kernel maps neighbouring cached pages with each fault.
            mapped = try MappedFile(path: path)
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

    /// Lets `body` rewrite `length` bytes at `start` (inside the mapping): a damaged column is repaired in place.
    /// The mapping is private, so the pages are copied on write and the file never changes.
    func rewriting(_ start: UnsafeRawPointer, length: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        guard length > 0 else { return }
        let target = UnsafeMutableRawPointer(mutating: start)
        guard mapped != nil else { return body(target) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = Int(bitPattern: start) & ~(page - 1)
        let span = Int(bitPattern: start) + length - first
        let region = UnsafeMutableRawPointer(bitPattern: first)
        guard mprotect(region, span, PROT_READ | PROT_WRITE) == 0 else { return }
        body(target)
        _ = mprotect(region, span, PROT_READ)
    }

    deinit {
        if mapped == nil, let base { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}
