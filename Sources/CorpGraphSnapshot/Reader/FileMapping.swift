import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only private memory mapping of a whole file, unmapped when the last ``Column`` viewing it goes.
///
/// The file must not be truncated while mapped (reading a page past the new end would fault); `corpgraph build`
/// replaces snapshots by rename, which leaves existing mappings intact.
final class FileMapping: @unchecked Sendable {
    let base: UnsafeRawPointer?
    let count: Int
    /// Memory of ``init(copying:)``, freed instead of unmapped.
    private let allocated: Bool

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError(path, .io("cannot open: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SnapshotError(path, .io("cannot stat: \(String(cString: strerror(errno)))")) }
        count = Int(st.st_size)
        allocated = false
        if count == 0 {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw SnapshotError(path, .io("cannot map: \(String(cString: strerror(errno)))")) }
        base = UnsafeRawPointer(p)
    }

    /// A copy of `bytes` in aligned memory, standing in for a mapping (tests and the fuzzer).
    init(copying bytes: UnsafeRawBufferPointer) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, bytes.count), alignment: SnapshotFormat.alignment)
        if let src = bytes.baseAddress { p.copyMemory(from: src, byteCount: bytes.count) }
        base = UnsafeRawPointer(p)
        count = bytes.count
        allocated = true
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit {
        guard let base else { return }
        if allocated { UnsafeMutableRawPointer(mutating: base).deallocate() } else { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }
}
