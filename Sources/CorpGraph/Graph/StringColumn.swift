/// Strings stored back to back in one UTF-8 byte buffer, addressed by position.
///
/// A million names cost one buffer and one offset array instead of a million heap strings; a `String` is made only
/// when one is read. Used by ``Graph`` for entity names and by ``StringTable`` for ids.
public struct StringColumn: RandomAccessCollection, Sendable {
    @usableFromInline var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` are the bytes of string `i`.
    @usableFromInline var offsets: [Int] = [0]

    public init() {}

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { offsets.count - 1 }

    @inlinable public subscript(position: Int) -> String {
        let start = offsets[position], end = offsets[position + 1]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }

    /// The UTF-8 bytes of string `position`, without making a `String`.
    @inlinable public func withUTF8<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    {
        let start = offsets[position], end = offsets[position + 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Total UTF-8 bytes stored.
    public var byteCount: Int { bytes.count }

    public mutating func reserveCapacity(strings: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(strings + 1)
        bytes.reserveCapacity(byteCount)
    }

    /// Appends UTF-8 bytes as the next string. The caller guarantees they are valid UTF-8; invalid bytes would be
    /// read back with replacement characters, never crash.
    public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
    }

    public mutating func append(_ string: String) {
        var s = string
        s.withUTF8 { append(utf8: $0) }
    }
}
