import CorpGraph
import CorpGraphFiles
import Foundation
import SystemPackage
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of one input file, memory-mapped read-only: the one way every reader gets a whole file.
///
/// Nothing is copied: the kernel pages the file in as a reader walks it. ``release(upTo:)`` lets a streaming reader
/// give back the pages behind it, so resident memory stays in proportion to what the reader keeps, not to the file.
/// Compressed inputs and standard input are first expanded into an unlinked temporary file (``InputSource``), which is
/// then mapped the same way.
public final class InputBytes: @unchecked Sendable {
    /// The name messages use for the input (the path as given, `-` for standard input, `a.zip:b.json` in an archive).
    public let name: String
    private let base: UnsafeMutableRawPointer?
    /// The mapping behind ``base``; nil for bytes held in memory (``init(copying:name:)``).
    private let mapping: MappedFile?
    /// Number of bytes.
    public let count: Int
    private var released = 0

    /// The mapped bytes; valid while this object lives.
    public var buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// Maps the file at `path`.
    public convenience init(mapping path: String) throws(FormatError) {
        let fd: FileDescriptor
        do {
            fd = try MappedFile.retryingInterrupts {
                try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
            }
        } catch {
            throw FormatError(path: path, message: "cannot open for reading (\(error.message))")
        }
        defer { try? fd.close() }
        try self.init(mappingDescriptor: fd, name: path)
    }

    /// Maps the open file `fd` (which the caller still owns and may close afterwards).
    init(mappingDescriptor fd: FileDescriptor, name: String) throws(FormatError) {
        let status: Stat
        do {
            status = try fd.stat()
        } catch {
            throw FormatError(path: name, message: "cannot read (\(error.message))")
        }
        guard status.type == .regular else { throw FormatError(path: name, message: "not a regular file") }
        self.name = name
        let mapped: MappedFile
        do {
            mapped = try MappedFile(descriptor: fd)
        } catch {
            throw FormatError(path: name, message: "cannot map into memory (\(error.message))")
        }
        mapping = mapped
        count = mapped.count
        base = mapped.base.map { UnsafeMutableRawPointer(mutating: $0) }
        mapped.advise(MADV_SEQUENTIAL)
    }

    /// Bytes held in memory (tests and small inputs).
    public init(copying bytes: [UInt8], name: String) {
        self.name = name
        mapping = nil
        count = bytes.count
        if bytes.isEmpty {
            base = nil
        } else {
            let p = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 16)
            bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            base = p
            owned = true
        }
    }

    private var owned = false

    deinit {
        if owned, let base { base.deallocate() }
    }

    /// Tells the kernel the bytes before `offset` are no longer needed: their pages leave this process's resident
    /// set (they stay in the page cache and are read again if touched). Cheap to call often; acts per 16 MiB.
    public func release(upTo offset: Int) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, count) / page * page
        guard end - released >= 16 << 20 else { return }
        mapping.advise(MADV_DONTNEED, from: released, count: end - released)
        released = end
    }

    /// Lets the whole mapping be paged in again from the start (a second pass).
    public func rewind() { released = 0 }
}
