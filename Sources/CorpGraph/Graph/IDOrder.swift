// Ordering entities by id without making a `String` per comparison: reports sort thousands to millions of entities
// by id, and `String` comparison (Unicode-aware, allocating when ids are bridged out of the id table) dominated the
// time of `exposure --all --reach` on large graphs.
//
// The order is bytewise on UTF-8, which is code-point order: the same as `String`'s `<` for ids in Unicode normal
// form C, and as Python's `sorted` (the bench oracle).

extension Graph {
    /// Whether entity `a`'s id comes before entity `b`'s, bytewise.
    @inlinable public func idPrecedes(_ a: Int, _ b: Int) -> Bool {
        withIDUTF8(a) { x in withIDUTF8(b) { y in x.lexicographicallyPrecedes(y) } }
    }

    /// The first eight bytes of entity `v`'s id, big-endian and zero-padded: `key(a) < key(b)` implies that `a`'s id
    /// precedes `b`'s; equal keys need ``idPrecedes(_:_:)``.
    @inlinable public func idPrefixKey(_ v: Int) -> UInt64 {
        withIDUTF8(v) { bytes in
            var k: UInt64 = 0
            var shift: UInt64 = 56
            for b in bytes.prefix(8) {
                k |= UInt64(b) << shift
                shift &-= 8
            }
            return k
        }
    }

    /// `entities` sorted by id, bytewise.
    /// - Complexity: O(k log k) integer comparisons, plus byte comparisons where ids share their first 8 bytes.
    public func sortedByID(_ entities: [Int32]) -> [Int32] {
        var keyed = entities.map { (key: idPrefixKey(Int($0)), v: $0) }
        keyed.sort { a, b in a.key != b.key ? a.key < b.key : idPrecedes(Int(a.v), Int(b.v)) }
        return keyed.map(\.v)
    }

    /// `entities` sorted by id, bytewise.
    public func sortedByID(_ entities: [Int]) -> [Int] {
        sortedByID(entities.map { Int32($0) }).map { Int($0) }
    }

    /// Reached entities by distance, then id bytewise: the order of the `--reach` summary.
    public func sortedByDistanceThenID(_ list: [ReachedEntity]) -> [ReachedEntity] {
        var keyed = list.map { (key: idPrefixKey($0.entity), r: $0) }
        keyed.sort { a, b in
            if a.r.distance != b.r.distance { return a.r.distance < b.r.distance }
            return a.key != b.key ? a.key < b.key : idPrecedes(a.r.entity, b.r.entity)
        }
        return keyed.map(\.r)
    }
}
