import SystemPackage
#if canImport(Glibc)
    import Glibc
#endif

/// A read-only private memory mapping of a whole file, unmapped on deinit. The file is opened, measured and mapped
/// through swift-system's `FileDescriptor`; an empty file maps to an empty buffer.
///
/// The file must not be truncated while mapped (reading a page past the new end would fault); corpgraph replaces
/// files by rename (``AtomicFile``), which leaves existing mappings intact.
public final class MappedFile: @unchecked Sendable {
    public let base: UnsafeRawPointer?
    public let count: Int

    /// Maps `path`; `populate` asks the kernel to read every page now (one sequential read instead of page faults).
    public convenience init(path: String, populate: Bool = false) throws(Errno) {
        let fd = try Self.retryingInterrupts {
            try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        }
        defer { try? fd.close() }
        try self.init(descriptor: fd, populate: populate)
    }

    /// Maps the whole of the open file `fd`, which the caller still owns (it may close it once this returns).
    public init(descriptor fd: FileDescriptor, populate: Bool = false) throws(Errno) {
        let end = try Self.retryingInterrupts { try fd.seek(offset: 0, from: .end) }
        count = Int(end)
        guard count > 0 else {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd.rawValue, 0)
        guard let p, p != MAP_FAILED else { throw Errno(rawValue: errno) }
        base = UnsafeRawPointer(p)
    }

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Tells the kernel how the mapping will be read (`MADV_SEQUENTIAL`; `MADV_DONTNEED` for a range already read).
    public func advise(_ advice: Int32, from offset: Int = 0, count length: Int? = nil) {
        guard let base else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base) + offset, length ?? count - offset, advice)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// Runs a swift-system call, again when interrupted (`EINTR`); its error as the `Errno` it is.
    public static func retryingInterrupts<T>(_ body: () throws -> T) throws(Errno) -> T {
        while true {
            do {
                return try body()
            } catch let e as Errno {
                if e == .interrupted { continue }
                throw e
            } catch {
                throw Errno.ioError
            }
        }
    }
}
