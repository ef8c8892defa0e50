import SystemPackage
#if canImport(Glibc)
    import Glibc
#endif

/// A file written atomically: bytes go to a new temporary file beside the target (created exclusively), which
/// ``commit()`` flushes to disk and renames over the target; ``abort()`` (or a failed commit) removes it. A reader
/// of the target sees the old file or the whole new one, never a part.
public final class AtomicFile {
    /// The file being replaced.
    public let path: String
    /// The temporary file the bytes go to until ``commit()``.
    public let temporaryPath: String
    private var fd: FileDescriptor?
    /// Bytes written so far.
    public private(set) var offset = 0

    public init(path: String) throws(Errno) {
        self.path = path
        let target = FilePath(path)
        let name = target.lastComponent?.string ?? "output"
        let temporaryName = ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var temporary = target.removingLastComponent()
        temporary.append(temporaryName)
        temporaryPath = temporary.string
        fd = try MappedFile.retryingInterrupts {
            try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
    }

    /// Appends `bytes` (all of them: short writes and interrupts are retried).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        guard let fd else { throw Errno.badFileDescriptor }
        offset += try MappedFile.retryingInterrupts { try fd.writeAll(bytes) }
    }

    /// Writes `bytes` at `position` (a header written last over its placeholder); ``offset`` is unchanged.
    public func write(_ bytes: UnsafeRawBufferPointer, at position: Int) throws(Errno) {
        guard let fd else { throw Errno.badFileDescriptor }
        _ = try MappedFile.retryingInterrupts { try fd.writeAll(toAbsoluteOffset: Int64(position), bytes) }
    }

    public func write(_ bytes: [UInt8]) throws(Errno) {
        let result: Result<Void, Errno> = bytes.withUnsafeBytes { b in Result { () throws(Errno) in try write(b) } }
        try result.get()
    }

    /// Flushes the file to disk and renames it over ``path``; on failure the temporary file is removed.
    public func commit() throws(Errno) {
        guard let fd else { throw Errno.badFileDescriptor }
        self.fd = nil
        if fsync(fd.rawValue) != 0 {
            let e = Errno(rawValue: errno)
            try? fd.close()
            unlink(temporaryPath)
            throw e
        }
        do {
            try MappedFile.retryingInterrupts { try fd.close() }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        if rename(temporaryPath, path) != 0 {
            let e = Errno(rawValue: errno)
            unlink(temporaryPath)
            throw e
        }
    }

    /// Leaves the target as it was: closes and removes the temporary file.
    public func abort() {
        if let fd { try? fd.close() }
        fd = nil
        unlink(temporaryPath)
    }

    deinit { if fd != nil { abort() } }

    /// Replaces `path` with `bytes`, atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(Errno) {
        let file = try AtomicFile(path: path)
        do {
            try file.write(bytes)
            try file.commit()
        } catch {
            file.abort()
            throw error
        }
    }
}

extension Errno {
    /// The system's message for this error (`No such file or directory`).
    public var message: String { String(cString: strerror(rawValue)) }
}
