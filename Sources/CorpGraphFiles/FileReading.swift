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
