import SystemPackage

/// Reading a file in pieces through swift-system, without Foundation's `FileHandle`/`Data`.
public enum FileReading {
    /// Calls `body` with each piece of `path` (at most `pieceSize` bytes) in order; returns the file's size.
    @discardableResult
    public static func forEachPiece(
        of path: String, pieceSize: Int = 1 << 20,
        _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(Errno) -> Int {
        let fd = try MappedFile.retryingInterrupts {
            try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        }
        defer { try? fd.close() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceSize, alignment: 16)
        defer { buffer.deallocate() }
        var size = 0
        while true {
            let n = try MappedFile.retryingInterrupts { try fd.read(into: buffer) }
            if n == 0 { return size }
            size += n
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// The first `count` bytes of `path` (fewer when the file is shorter): format sniffing by magic bytes.
    public static func prefix(of path: String, count: Int) throws(Errno) -> [UInt8] {
        let fd = try MappedFile.retryingInterrupts {
            try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        }
        defer { try? fd.close() }
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let start = filled
            let n = try MappedFile.retryingInterrupts {
                try out.withUnsafeMutableBytes {
                    try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...]))
                }
            }
            if n == 0 { break }
            filled += n
        }
        return Array(out[0..<filled])
    }
}

/// An open file read front to back in pieces the caller asks for: the pull side of ``FileReading``, for a scanner that
/// keeps a partial record between reads. The descriptor is closed on deinit.
public final class SequentialFile {
    /// The file's size when it was opened, and its type (`nil` when the system could not tell).
    public let size: Int
    public let type: FileType?
    private let descriptor: FileDescriptor

    /// Opens `path` for reading.
    public convenience init(path: String) throws(Errno) {
        let fd = try MappedFile.retryingInterrupts {
            try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        }
        self.init(owning: fd)
    }

    /// Reads the open file `descriptor` from its start, through a duplicate: the caller keeps (and closes) its own.
    /// The duplicate shares the file offset, which is set back to the start.
    public convenience init(duplicating descriptor: Int32) throws(Errno) {
        let fd = try MappedFile.retryingInterrupts { try FileDescriptor(rawValue: descriptor).duplicate() }
        _ = try? fd.seek(offset: 0, from: .start)
        self.init(owning: fd)
    }

    private init(owning fd: FileDescriptor) {
        descriptor = fd
        let status = try? fd.stat()
        size = Int(status?.size ?? 0)
        type = status?.type
    }

    deinit { try? descriptor.close() }

    /// Reads up to `count` bytes into `buffer`; 0 at the end of the file.
    @inline(__always)
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(Errno) -> Int {
        try MappedFile.retryingInterrupts {
            try descriptor.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
        }
    }
}
