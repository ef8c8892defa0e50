import CorpGraph

// Writing the oracle files' id lists fast: entity indices sorted in the bytewise order of their ids (as Python sorts
// `str`; ``Graph/sortedByID(_:)``), and ids appended as bytes, without a `String` per id.

/// The first eight UTF-8 bytes of `s`, big-endian, zero-padded (``Graph/idPrefixKey(_:)`` for strings).
func prefixKey(_ s: String) -> UInt64 {
    var k: UInt64 = 0
    var shift: UInt64 = 56
    for b in s.utf8.prefix(8) {
        k |= UInt64(b) << shift
        shift &-= 8
    }
    return k
}

extension Graph {
    /// Appends entity `v`'s id.
    func appendID(_ v: Int32, to out: inout [UInt8]) {
        withIDUTF8(Int(v)) { out.append(contentsOf: $0) }
    }
}
