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

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError(path, .io("cannot open: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SnapshotError(path, .io("cannot stat: \(String(cString: strerror(errno)))")) }
        count = Int(st.st_size)
        if count == 0 {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw SnapshotError(path, .io("cannot map: \(String(cString: strerror(errno)))")) }
        base = UnsafeRawPointer(p)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }
}
