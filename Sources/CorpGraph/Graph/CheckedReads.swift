// Per-value checks for the one-entity and one-relationship accessors of ``Graph``.
//
// A snapshot's index columns are untrusted until checked (``ColumnGuards``). Bulk algorithms read whole columns and
// have each one checked in one pass on first use; a query about one subject reads a few rows of a large graph, and
// scanning the whole columns for it (hundreds of MB at 10 M entities) would cost more than the query. So the
// single-value accessors check the values they read instead: an index must lie in its range, a row's offsets must be
// ordered and inside the column, a CSR row's neighbours and relationships must be in range. A value that fails has
// its whole column checked at once, which repairs it in the private mapping and reports the damage (the CLI prints it
// and exits 1) before the value is used; the repaired value is then returned, so nothing reads out of bounds. For an
// owned store (built in memory) every value passes and the check is one comparison.

extension GraphStore {
    /// `column[i]`, which must lie in `lo..<hi`.
    @inlinable @inline(__always)
    func value(_ column: Column<Int32>, _ i: Int, in lo: Int32, _ hi: Int32, _ c: GuardedColumn) -> Int32 {
        let x = column[i]
        if _fastPath(x >= lo && x < hi) { return x }
        return repairedValue(column, i, in: lo, hi, c)
    }

    @usableFromInline @inline(never)
    func repairedValue(_ column: Column<Int32>, _ i: Int, in lo: Int32, _ hi: Int32, _ c: GuardedColumn) -> Int32 {
        guards?.check(c)
        let x = column[i]
        return x >= lo && x < hi ? x : lo
    }

    /// The raw byte `i` of a one-byte column (an enum's raw value, before it is trusted as the enum).
    @inlinable @inline(__always)
    func rawByte<T: BitwiseCopyable>(_ column: Column<T>, _ i: Int) -> UInt8 {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: column.count), "Column index out of range")
        return UnsafeRawPointer(column.base.unsafelyUnwrapped).load(fromByteOffset: i, as: UInt8.self)
    }

    /// The kind of entity `v`.
    @inlinable func entityKind(_ v: Int) -> EntityKind {
        if let k = EntityKind(rawValue: rawByte(_kinds, v)) { return k }
        guards?.check(.kinds)
        return EntityKind(rawValue: rawByte(_kinds, v)) ?? .company
    }

    /// The kind of relationship `e`.
    @inlinable func relationshipKind(_ e: Int) -> RelationshipKind {
        if let k = RelationshipKind(rawValue: rawByte(_relKind, e)) { return k }
        guards?.check(.relKind)
        return RelationshipKind(rawValue: rawByte(_relKind, e)) ?? .owns
    }

    /// `offsets[v]..<offsets[v + 1]`, which must be ordered and end at or before `total`.
    @inlinable @inline(__always)
    func row(_ offsets: Column<Int32>, _ v: Int, total: Int, _ c: GuardedColumn) -> Range<Int> {
        let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
        if _fastPath(0 <= lo && lo <= hi && hi <= total) { return lo..<hi }
        return repairedRow(offsets, v, total: total, c)
    }

    @usableFromInline @inline(never)
    func repairedRow(_ offsets: Column<Int32>, _ v: Int, total: Int, _ c: GuardedColumn) -> Range<Int> {
        guards?.check(c)
        let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
        return 0 <= lo && lo <= hi && hi <= total ? lo..<hi : 0..<0
    }

    /// Makes sure every value of `column` in `rows` lies in `0..<bound` (when the column is not checked yet).
    @inlinable @inline(__always)
    func checkValues(_ column: Column<Int32>, _ rows: Range<Int>, below bound: Int32, _ c: GuardedColumn) {
        guard let guards, !guards.isChecked(c) else { return }
        var bad = false
        for i in rows {
            let x = column[i]
            bad = bad || x < 0 || x >= bound
        }
        if bad { guards.check(c) }
    }

    /// Entity `v`'s out-adjacency row (positions into the out-edge and out-neighbour columns), its values checked.
    @inlinable func outRow(_ v: Int) -> Range<Int> {
        let r = row(_outOffsets, v, total: _outEdgeList.count, .outOffsets)
        checkValues(_outEdgeList, r, below: Int32(_relSource.count), .outEdges)
        checkValues(_outNeighbourList, r, below: Int32(ids.count), .outNeighbours)
        return r
    }

    /// Entity `v`'s in-adjacency row, its values checked.
    @inlinable func inRow(_ v: Int) -> Range<Int> {
        let r = row(_inOffsets, v, total: _inEdgeList.count, .inOffsets)
        checkValues(_inEdgeList, r, below: Int32(_relSource.count), .inEdges)
        checkValues(_inNeighbourList, r, below: Int32(ids.count), .inNeighbours)
        return r
    }

    /// Entity `v`'s designation row, its list and programme indices checked.
    @inlinable func designationRow(_ v: Int) -> Range<Int> {
        let d = _designations
        let r = row(d.offsets, v, total: d.list.count, .designations)
        if let guards, !guards.isChecked(.designations) {
            var bad = false
            let lists = Int32(d.listCodes.count), programs = Int32(d.programs.count)
            for i in r {
                bad = bad || d.list[i] < 0 || d.list[i] >= lists || d.program[i] < -1 || d.program[i] >= programs
            }
            if bad { guards.check(.designations) }
        }
        return r
    }
}

extension GraphStore {
    /// Entity `v`'s out-adjacency positions, the offsets checked (not the values: read those with ``outNeighbour(_:)``
    /// and ``outEdge(_:)``).
    @inlinable @inline(__always) func outRange(_ v: Int) -> Range<Int> {
        row(_outOffsets, v, total: _outEdgeList.count, .outOffsets)
    }
    /// Entity `v`'s in-adjacency positions, the offsets checked.
    @inlinable @inline(__always) func inRange(_ v: Int) -> Range<Int> {
        row(_inOffsets, v, total: _inEdgeList.count, .inOffsets)
    }
    @inlinable @inline(__always) func outNeighbour(_ i: Int) -> Int32 {
        value(_outNeighbourList, i, in: 0, Int32(truncatingIfNeeded: ids.count), .outNeighbours)
    }
    @inlinable @inline(__always) func outEdge(_ i: Int) -> Int32 {
        value(_outEdgeList, i, in: 0, Int32(truncatingIfNeeded: _relSource.count), .outEdges)
    }
    @inlinable @inline(__always) func inNeighbour(_ i: Int) -> Int32 {
        value(_inNeighbourList, i, in: 0, Int32(truncatingIfNeeded: ids.count), .inNeighbours)
    }
    @inlinable @inline(__always) func inEdge(_ i: Int) -> Int32 {
        value(_inEdgeList, i, in: 0, Int32(truncatingIfNeeded: _relSource.count), .inEdges)
    }
}

extension Graph {
    /// Positions of entity `v`'s out-adjacency (offsets checked); read the values at them with ``outNeighbour(at:)``
    /// and ``outEdge(at:)``, which check each value. For loops that visit a few rows of a large mapped graph.
    @inlinable @inline(__always) func outRange(_ v: Int) -> Range<Int> { store.outRange(v) }
    /// Positions of entity `v`'s in-adjacency (offsets checked).
    @inlinable @inline(__always) func inRange(_ v: Int) -> Range<Int> { store.inRange(v) }
    /// The neighbour at out-adjacency position `i`, checked.
    @inlinable @inline(__always) func outNeighbour(at i: Int) -> Int { Int(store.outNeighbour(i)) }
    /// The relationship at out-adjacency position `i`, checked.
    @inlinable @inline(__always) func outEdge(at i: Int) -> Int { Int(store.outEdge(i)) }
    @inlinable @inline(__always) func inNeighbour(at i: Int) -> Int { Int(store.inNeighbour(i)) }
    @inlinable @inline(__always) func inEdge(at i: Int) -> Int { Int(store.inEdge(i)) }

    /// The CSR columns without their whole-column check, for the row slices (``outRow(_:)`` checks the row's values).
    @inlinable var outEdgesUnchecked: Column<Int32> { _read { yield store._outEdgeList } }
    @inlinable var outNeighboursUnchecked: Column<Int32> { _read { yield store._outNeighbourList } }
    @inlinable var inEdgesUnchecked: Column<Int32> { _read { yield store._inEdgeList } }
    @inlinable var inNeighboursUnchecked: Column<Int32> { _read { yield store._inNeighbourList } }
    /// Entity `v`'s out-adjacency row with every value in it checked (O(degree)).
    @inlinable func outRow(_ v: Int) -> Range<Int> { store.outRow(v) }
    @inlinable func inRow(_ v: Int) -> Range<Int> { store.inRow(v) }
}
