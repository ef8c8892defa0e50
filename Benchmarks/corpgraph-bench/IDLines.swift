import CorpGraph

// Writing the oracle files' id lists fast: entity indices sorted in the bytewise order of their ids (as Python sorts
// `str`; ``Graph/sortedByID(_:)``), and ids appended as bytes, without a `String` per id.

extension Graph {
    /// Appends entity `v`'s id.
    func appendID(_ v: Int32, to out: inout [UInt8]) {
        withIDUTF8(Int(v)) { out.append(contentsOf: $0) }
    }
}
