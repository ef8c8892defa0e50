import CorpGraph

// Writing the oracle files' id lists fast: entity indices sorted in the bytewise order of their ids (as Python sorts
// `str`), and ids appended as bytes, without a `String` per id.

/// The first eight bytes of `bytes`, big-endian, zero-padded: comparing two keys compares the ids' first eight bytes
/// bytewise (a shorter id sorts first when it is a prefix, as its padding is 0 and id bytes are never 0 in practice;
/// equal keys fall back on the full comparison).
func prefixKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var k: UInt64 = 0
    var shift: UInt64 = 56
    for b in bytes.prefix(8) {
        k |= UInt64(b) << shift
        shift &-= 8
    }
    return k
}

func prefixKey(_ s: String) -> UInt64 {
    var copy = s
    return copy.withUTF8 { prefixKey($0) }
}

extension Graph {
    /// `entities` in the bytewise order of their ids.
    func sortedByID(_ entities: [Int32]) -> [Int32] {
        var keyed: [(key: UInt64, v: Int32)] = entities.map { v in (withIDUTF8(Int(v)) { prefixKey($0) }, v) }
        let g = self
        keyed.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            return g.withIDUTF8(Int(a.v)) { x in g.withIDUTF8(Int(b.v)) { y in x.lexicographicallyPrecedes(y) } }
        }
        return keyed.map(\.v)
    }

    /// Appends entity `v`'s id.
    func appendID(_ v: Int32, to out: inout [UInt8]) {
        withIDUTF8(Int(v)) { out.append(contentsOf: $0) }
    }
}
