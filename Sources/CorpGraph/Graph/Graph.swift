import Foundation

/// The frozen corporate graph: entities interned to dense indices `0..<entityCount`, relationships to
/// `0..<relationshipCount`, CSR out- and in-adjacency, attributes in struct-of-arrays.
///
/// A `Graph` is an immutable value (`Sendable`): build it with ``GraphBuilder``, then share it freely across tasks.
/// Indices are stable for the life of the value and meaningless across two graphs.
///
/// Adjacency lists are sorted by (neighbour, relationship index), so parallel relationships between one pair are
/// adjacent; algorithms that work on node sequences skip repeats in O(1).
public struct Graph: Sendable {
    /// Every column and index, in one immutable object: copying a `Graph` (into a closure, a result, another task)
    /// retains one reference instead of some thirty columns. The properties below lend the columns out (`_read`), so
    /// reading one in a loop retains nothing. Columns are ``Column``s: owned, or views of a snapshot's mapping.
    @usableFromInline let store: GraphStore
    /// The columns, for the snapshot writer.
    package var storage: GraphStore { store }

    // MARK: Entities (struct of arrays)
    /// Entity ids in index order, with O(1) lookup by text.
    @inlinable var ids: FrozenStringTable { _read { yield store.ids } }
    /// `idIndex[id]` → index, kept as a view of ``ids`` for readability.
    @usableFromInline var idIndex: IDIndex { IDIndex(table: ids) }
    @inlinable var kinds: Column<EntityKind> { _read { yield store.kinds } }
    /// Names in one UTF-8 buffer; `names[v]` makes the `String`.
    @inlinable var names: FrozenStrings { _read { yield store.names } }
    @inlinable var jurisdictionOf: Column<Int32> { _read { yield store.jurisdictionOf } }
    /// Interned jurisdiction codes (a small table); ``jurisdictionIndex(_:)`` indexes into this.
    @inlinable public var jurisdictionCodes: [String] { _read { yield store.jurisdictionCodes } }
    @inlinable var tagOffsets: Column<Int32> { _read { yield store.tagOffsets } }
    @inlinable var tagIDs: Column<Int32> { _read { yield store.tagIDs } }
    /// Interned tags (a small table).
    @inlinable public var tagNames: [String] { _read { yield store.tagNames } }
    @inlinable var designationOffsets: Column<Int32> { _read { yield store.designations.offsets } }
    var entityExtras: ExtrasTable<EntityExtras> { _read { yield store.entityExtras } }
    var entityFile: Column<Int32> { _read { yield store.entityFile } }
    var entityLine: Column<Int32> { _read { yield store.entityLine } }

    // MARK: Relationships (struct of arrays)
    @inlinable var relSource: Column<Int32> { _read { yield store.relSource } }
    @inlinable var relTarget: Column<Int32> { _read { yield store.relTarget } }
    @inlinable var relKind: Column<RelationshipKind> { _read { yield store.relKind } }
    @inlinable var relShare: Column<PackedShare> { _read { yield store.relShare } }
    @inlinable var relDate: Column<Int32> { _read { yield store.relDate } }
    @inlinable var relStart: Column<Int32> { _read { yield store.relStart } }
    @inlinable var relEnd: Column<Int32> { _read { yield store.relEnd } }
    var relPayment: Column<Int32> { _read { yield store.relPayment } }
    var paymentAmounts: AmountColumn { _read { yield store.paymentAmounts } }
    var paymentCurrency: Column<Int32> { _read { yield store.paymentCurrency } }
    /// Interned currency codes (a small table).
    @inlinable public var currencyCodes: [String] { _read { yield store.currencyCodes } }
    var relExtras: ExtrasTable<RelationshipExtras> { _read { yield store.relExtras } }
    var relFile: Column<Int32> { _read { yield store.relFile } }
    var relLine: Column<Int32> { _read { yield store.relLine } }
    /// Input files, in load order; locations index into this.
    @inlinable public var files: [String] { _read { yield store.files } }

    // MARK: CSR adjacency
    @inlinable var outOffsets: Column<Int32> { _read { yield store.outOffsets } }
    @inlinable var outEdgeList: Column<Int32> { _read { yield store.outEdgeList } }
    @inlinable var outNeighbourList: Column<Int32> { _read { yield store.outNeighbourList } }
    @inlinable var inOffsets: Column<Int32> { _read { yield store.inOffsets } }
    @inlinable var inEdgeList: Column<Int32> { _read { yield store.inEdgeList } }
    @inlinable var inNeighbourList: Column<Int32> { _read { yield store.inNeighbourList } }

    init(storage s: GraphBuilder.Storage, files: [String]) {
        let n = s.ids.count
        // The two directions are independent: build them on two threads.
        final class Box: @unchecked Sendable { var value: ([Int32], [Int32], [Int32]) = ([], [], []) }
        let outBox = Box(), inBox = Box()
        let from = s.relSource, to = s.relTarget
        inParallel(work: from.count) { half in
            if half == 0 {
                outBox.value = Graph.csr(n: n, from: from, to: to)
            } else {
                inBox.value = Graph.csr(n: n, from: to, to: from)
            }
        }
        store = GraphStore(storage: s, files: files, out: outBox.value, in: inBox.value)
    }

    /// A graph over `store` (the snapshot reader, which checked every column first).
    package init(store: GraphStore) {
        self.store = store
    }

    // MARK: Column checks

    /// A graph mapped from a snapshot checks each index column the first time it is read (``ColumnGuards``): this
    /// checks every one now and throws the first damage found. Nothing to check for a graph built in memory.
    public func checkColumns() throws { try store.guards?.checkAll() }

    /// The first damage the lazy column checks found so far (the damaged column was repaired before anything read
    /// it, so answers may be wrong but nothing read out of bounds); nil for a sound or built graph.
    public var columnDamage: (any Error & Sendable)? { store.guards?.damage }

    // MARK: Sizes and lookup

    /// Number of entities.
    @inlinable public var entityCount: Int { ids.count }
    /// Number of relationships.
    @inlinable public var relationshipCount: Int { relSource.count }

    /// The index of the entity with `id`. O(1) expected.
    @inlinable public func index(of id: String) -> Int? { idIndex[id].map(Int.init) }

    /// Ids closest to `text`, for "did you mean" messages: ids near it, then (when `text` is a name rather than an
    /// id) the ids of entities whose name is near it, each group in its ranking, ids in id order within one name.
    /// - Complexity: O(V) to index the ids and names; call it only on the error path.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        var out = Suggestions.nearest(to: text, in: ids, limit: limit)
        guard out.count < limit else { return out }
        var named: [String: [Int]] = [:]
        for v in 0..<entityCount { named[name(v), default: []].append(v) }
        for n in SuggestionIndex(named.keys.sorted()).nearest(to: text, limit: limit) {
            for v in sortedByID(named[n] ?? []) where out.count < limit && !out.contains(id(v)) { out.append(id(v)) }
        }
        return out
    }

    // MARK: Entity attributes

    @inlinable public func id(_ v: Int) -> String { ids[v] }
    /// The UTF-8 bytes of entity `v`'s id, without making a `String` (for writers of large outputs).
    @inlinable public func withIDUTF8<R>(_ v: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try ids.withUTF8(v, body)
    }
    @inlinable public func kind(_ v: Int) -> EntityKind { store.entityKind(v) }
    @inlinable public func name(_ v: Int) -> String { names[v] }
    @inlinable public func jurisdiction(_ v: Int) -> String? {
        let j = jurisdictionIndex(v)
        return j < 0 ? nil : jurisdictionCodes[j]
    }
    /// The interned jurisdiction index (into ``jurisdictionCodes``), or -1.
    @inlinable public func jurisdictionIndex(_ v: Int) -> Int {
        Int(store.value(store._jurisdictionOf, v, in: -1, Int32(jurisdictionCodes.count), .jurisdictionOf))
    }
    public func tags(_ v: Int) -> [String] {
        let s = store
        let names = Int32(tagNames.count)
        return s.row(s._tagOffsets, v, total: s._tagIDs.count, .tagOffsets).map {
            tagNames[Int(s.value(s._tagIDs, $0, in: 0, names, .tagIDs))]
        }
    }
    /// Entity `v`'s designations, in input order.
    public func designations(_ v: Int) -> [Designation] {
        store.designationRow(v).map(store._designations.designation)
    }
    @inlinable public func hasDesignations(_ v: Int) -> Bool { !store.designationRow(v).isEmpty }

    /// Other names of entity `v` (no allocation when it has none).
    public func aliases(_ v: Int) -> [String] { entityExtras[Int32(v)]?.aliases ?? [] }
    /// Identifiers of entity `v`, scheme → value (several values joined with `;`).
    public func identifiers(_ v: Int) -> [String: String] { entityExtras[Int32(v)]?.identifiers ?? [:] }
    /// The format-specific attributes of entity `v` (e.g. `ftm.birthDate`).
    public func attributes(_ v: Int) -> [String: String] { entityExtras[Int32(v)]?.attributes ?? [:] }
    /// Entities that have aliases, identifiers, sources or attributes, in no particular order (fast to visit on a
    /// large graph where most entities have none).
    public var entitiesWithExtras: [Int] { entityExtras.keys.map { Int($0) } }

    /// The full entity record, reassembled from the arrays.
    public func entity(_ v: Int) -> Entity {
        let x = entityExtras[Int32(v)]
        return Entity(
            id: ids[v], kind: kind(v), name: names[v], aliases: x?.aliases ?? [], jurisdiction: jurisdiction(v),
            identifiers: x?.identifiers ?? [:], tags: tags(v), designations: designations(v),
            sources: x?.sources ?? [], attributes: x?.attributes ?? [:])
    }

    /// Where the entity was read.
    public func location(ofEntity v: Int) -> SourceLocation {
        SourceLocation(
            file: files[Int(store.value(store._entityFile, v, in: 0, Int32(files.count), .entityFile))],
            line: entityLine[v] > 0 ? Int(entityLine[v]) : nil, record: ids[v])
    }

    // MARK: Relationship attributes

    @inlinable public func source(_ e: Int) -> Int {
        Int(store.value(store._relSource, e, in: 0, Int32(entityCount), .relSource))
    }
    @inlinable public func target(_ e: Int) -> Int {
        Int(store.value(store._relTarget, e, in: 0, Int32(entityCount), .relTarget))
    }
    @inlinable public func kind(ofRelationship e: Int) -> RelationshipKind { store.relationshipKind(e) }
    @inlinable public func share(_ e: Int) -> Share? { relShare[e].share }
    /// Lower and upper share bounds in ten-thousandths of a percent, and whether the share is exactly known.
    @inlinable public func shareBounds(_ e: Int) -> (lo: Int64, hi: Int64, exact: Bool) {
        let p = relShare[e]
        return (Int64(p.lo), Int64(p.hi), p.flags & 0b10 != 0)
    }
    @inlinable public func date(_ e: Int) -> CalendarDate? {
        relDate[e] == 0 ? nil : CalendarDate(rawValue: relDate[e])
    }
    @inlinable public func start(_ e: Int) -> CalendarDate? {
        relStart[e] == 0 ? nil : CalendarDate(rawValue: relStart[e])
    }
    @inlinable public func end(_ e: Int) -> CalendarDate? { relEnd[e] == 0 ? nil : CalendarDate(rawValue: relEnd[e]) }
    public func amount(_ e: Int) -> Decimal? {
        let p = payment(e)
        return p < 0 ? nil : paymentAmounts[p]
    }
    public func currency(_ e: Int) -> String? {
        let p = payment(e)
        guard p >= 0 else { return nil }
        let c = store.value(store._paymentCurrency, p, in: -1, Int32(currencyCodes.count), .paymentCurrency)
        return c < 0 ? nil : currencyCodes[Int(c)]
    }
    /// The payment index of relationship `e` (into the amounts and currencies), or -1.
    func payment(_ e: Int) -> Int {
        Int(store.value(store._relPayment, e, in: -1, Int32(paymentAmounts.count), .relPayment))
    }
    public func relationshipID(_ e: Int) -> String? { relExtras[Int32(e)]?.id }
    /// Per relationship, whether it has cold attributes (id, basis, control type, attributes, …): loops over every
    /// relationship read the extras only where this is set.
    var relationshipExtrasMask: [Bool] { relExtras.presence(count: relationshipCount) }

    /// Whether relationship `e` counts on `date`: `start ≤ D ≤ end`, and for payments also `date ≤ D`.
    @inlinable public func isValid(_ e: Int, on day: CalendarDate) -> Bool {
        let d = day.rawValue
        if relStart[e] != 0 && d < relStart[e] { return false }
        if relEnd[e] != 0 && d > relEnd[e] { return false }
        if relDate[e] != 0 && d < relDate[e] { return false }
        return true
    }

    /// The full relationship record, reassembled from the arrays.
    public func relationship(_ e: Int) -> Relationship {
        let x = relExtras[Int32(e)]
        return Relationship(
            id: x?.id, kind: kind(ofRelationship: e), source: ids[source(e)], target: ids[target(e)], share: share(e),
            shareText: x?.shareText, basis: x?.basis, controlType: x?.controlType, role: x?.role,
            amount: amount(e), currency: currency(e), date: date(e), start: start(e), end: end(e),
            sources: x?.sources ?? [], confidence: x?.confidence, attributes: x?.attributes ?? [:])
    }

    /// Where the relationship was read.
    public func location(ofRelationship e: Int) -> SourceLocation {
        SourceLocation(
            file: files[Int(store.value(store._relFile, e, in: 0, Int32(files.count), .relFile))],
            line: relLine[e] > 0 ? Int(relLine[e]) : nil, record: relationshipID(e))
    }

    // MARK: Adjacency

    /// Relationship indices leaving `v`, sorted by (target, index).
    /// (The row accessors check the row they read, not the whole column: ``outRow(_:)``.)
    @inlinable public func outRelationships(_ v: Int) -> Slice<Column<Int32>> { outEdgesUnchecked[outRow(v)] }
    /// Targets of ``outRelationships(_:)``, position by position (repeats for parallel relationships).
    @inlinable public func outNeighbours(_ v: Int) -> Slice<Column<Int32>> { outNeighboursUnchecked[outRow(v)] }
    /// Relationship indices entering `v`, sorted by (source, index).
    @inlinable public func inRelationships(_ v: Int) -> Slice<Column<Int32>> { inEdgesUnchecked[inRow(v)] }
    /// Sources of ``inRelationships(_:)``, position by position.
    @inlinable public func inNeighbours(_ v: Int) -> Slice<Column<Int32>> { inNeighboursUnchecked[inRow(v)] }
    /// The CSR columns for tight loops: `offsets` has `entityCount + 1` entries.
    @inlinable public var outCSR: (offsets: Column<Int32>, relationships: Column<Int32>, neighbours: Column<Int32>) {
        (outOffsets, outEdgeList, outNeighbourList)
    }
    @inlinable public var inCSR: (offsets: Column<Int32>, relationships: Column<Int32>, neighbours: Column<Int32>) {
        (inOffsets, inEdgeList, inNeighbourList)
    }
    /// Relationship kinds as a column, for tight loops.
    @inlinable public var relationshipKinds: Column<RelationshipKind> { relKind }
}

/// Lookup by id text over a ``FrozenStringTable``: `idIndex[id]` is the index or `nil`.
@usableFromInline
struct IDIndex: Sendable {
    @usableFromInline let table: FrozenStringTable
    @inlinable init(table: FrozenStringTable) { self.table = table }
    @inlinable subscript(id: String) -> Int32? { table.lookup(id) }
}

/// Lookup by id text over a builder's ``StringTable``.
struct BuilderIDIndex: Sendable {
    let table: StringTable
    subscript(id: String) -> Int32? { table.lookup(id) }
}
