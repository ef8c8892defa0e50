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
    /// retains one reference instead of some thirty arrays. The properties below lend the columns out (`_read`), so
    /// reading one in a loop retains nothing.
    @usableFromInline let store: GraphStore

    // MARK: Entities (struct of arrays)
    /// Entity ids in index order, with O(1) lookup by text (replaces an `[String]` plus `[String: Int32]`).
    @inlinable var ids: StringTable { _read { yield store.ids } }
    /// `idIndex[id]` → index, kept as a view of ``ids`` for readability.
    @usableFromInline var idIndex: IDIndex { IDIndex(table: ids) }
    @inlinable var kinds: [EntityKind] { _read { yield store.kinds } }
    /// Names in one UTF-8 buffer; `names[v]` makes the `String`.
    @inlinable var names: StringColumn { _read { yield store.names } }
    @inlinable var jurisdictionOf: [Int32] { _read { yield store.jurisdictionOf } }
    /// Interned jurisdiction codes; `jurisdictionOf` indexes into this.
    @inlinable public var jurisdictionCodes: [String] { _read { yield store.jurisdictionCodes } }
    @inlinable var tagOffsets: [Int32] { _read { yield store.tagOffsets } }
    @inlinable var tagIDs: [Int32] { _read { yield store.tagIDs } }
    /// Interned tags.
    @inlinable public var tagNames: [String] { _read { yield store.tagNames } }
    @inlinable var designationOffsets: [Int32] { _read { yield store.designationOffsets } }
    @inlinable var designationStore: [Designation] { _read { yield store.designationStore } }
    var entityExtras: [Int32: EntityExtras] { _read { yield store.entityExtras } }
    var entityFile: [Int32] { _read { yield store.entityFile } }
    var entityLine: [Int32] { _read { yield store.entityLine } }

    // MARK: Relationships (struct of arrays)
    @inlinable var relSource: [Int32] { _read { yield store.relSource } }
    @inlinable var relTarget: [Int32] { _read { yield store.relTarget } }
    @inlinable var relKind: [RelationshipKind] { _read { yield store.relKind } }
    @inlinable var relShare: [PackedShare] { _read { yield store.relShare } }
    @inlinable var relDate: [Int32] { _read { yield store.relDate } }
    @inlinable var relStart: [Int32] { _read { yield store.relStart } }
    @inlinable var relEnd: [Int32] { _read { yield store.relEnd } }
    var relPayment: [Int32] { _read { yield store.relPayment } }
    var paymentAmounts: [Decimal] { _read { yield store.paymentAmounts } }
    var paymentCurrency: [Int32] { _read { yield store.paymentCurrency } }
    /// Interned currency codes.
    @inlinable public var currencyCodes: [String] { _read { yield store.currencyCodes } }
    var relExtras: [Int32: RelationshipExtras] { _read { yield store.relExtras } }
    var relFile: [Int32] { _read { yield store.relFile } }
    var relLine: [Int32] { _read { yield store.relLine } }
    /// Input files, in load order; locations index into this.
    @inlinable public var files: [String] { _read { yield store.files } }

    // MARK: CSR adjacency
    @inlinable var outOffsets: [Int32] { _read { yield store.outOffsets } }
    @inlinable var outEdgeList: [Int32] { _read { yield store.outEdgeList } }
    @inlinable var outNeighbourList: [Int32] { _read { yield store.outNeighbourList } }
    @inlinable var inOffsets: [Int32] { _read { yield store.inOffsets } }
    @inlinable var inEdgeList: [Int32] { _read { yield store.inEdgeList } }
    @inlinable var inNeighbourList: [Int32] { _read { yield store.inNeighbourList } }

    init(storage s: GraphBuilder.Storage, files: [String]) {
        let n = s.ids.count
        // The two directions are independent: build them on two threads.
        final class Box: @unchecked Sendable { var value: ([Int32], [Int32], [Int32]) = ([], [], []) }
        let outBox = Box(), inBox = Box()
        let from = s.relSource, to = s.relTarget
        inParallel(work: from.count) { half in
            if half == 0 { outBox.value = Graph.csr(n: n, from: from, to: to) } else { inBox.value = Graph.csr(n: n, from: to, to: from) }
        }
        store = GraphStore(storage: s, files: files, out: outBox.value, in: inBox.value)
    }

    /// Builds CSR rows keyed by `from`, each sorted by (`to`, edge index): one counting-sort scatter by `from` (rows
    /// come out in edge order), then each row sorted by neighbour in place (rows are short; long ones use `sort`).
    /// - Complexity: O(V + E log d) for maximum out-degree d.
    static func csr(n: Int, from: [Int32], to: [Int32]) -> ([Int32], [Int32], [Int32]) {
        let m = from.count
        var offsets = [Int32](repeating: 0, count: n + 1)
        var edges = [Int32](repeating: 0, count: m)
        var neighbours = [Int32](repeating: 0, count: m)
        from.withUnsafeBufferPointer { from in
            to.withUnsafeBufferPointer { to in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    edges.withUnsafeMutableBufferPointer { edges in
                        neighbours.withUnsafeMutableBufferPointer { neighbours in
                            for f in from { offsets[Int(f) + 1] += 1 }
                            for i in 0..<n { offsets[i + 1] += offsets[i] }
                            let cursor = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n + 1)
                            defer { cursor.deallocate() }
                            _ = cursor.initialize(from: offsets)
                            for e in 0..<m {
                                let f = Int(from[e])
                                edges[Int(cursor[f])] = Int32(e)
                                cursor[f] += 1
                            }
                            for slot in 0..<m { neighbours[slot] = to[Int(edges[slot])] }
                            var keys: [UInt64] = []
                            for v in 0..<n {
                                let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
                                if hi - lo < 2 { continue }
                                if hi - lo <= 32 {
                                    // Insertion sort by (neighbour, edge); edges are already increasing.
                                    for i in (lo + 1)..<hi {
                                        let nb = neighbours[i], ed = edges[i]
                                        var j = i - 1
                                        while j >= lo && neighbours[j] > nb {
                                            neighbours[j + 1] = neighbours[j]
                                            edges[j + 1] = edges[j]
                                            j -= 1
                                        }
                                        neighbours[j + 1] = nb
                                        edges[j + 1] = ed
                                    }
                                } else {
                                    keys.removeAll(keepingCapacity: true)
                                    for i in lo..<hi { keys.append(UInt64(UInt32(neighbours[i])) << 32 | UInt64(UInt32(edges[i]))) }
                                    keys.sort()
                                    for (k, key) in keys.enumerated() {
                                        neighbours[lo + k] = Int32(truncatingIfNeeded: key >> 32)
                                        edges[lo + k] = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (offsets, edges, neighbours)
    }

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
    @inlinable public func kind(_ v: Int) -> EntityKind { kinds[v] }
    @inlinable public func name(_ v: Int) -> String { names[v] }
    @inlinable public func jurisdiction(_ v: Int) -> String? {
        let j = jurisdictionOf[v]
        return j < 0 ? nil : jurisdictionCodes[Int(j)]
    }
    /// The interned jurisdiction index (into ``jurisdictionCodes``), or -1.
    @inlinable public func jurisdictionIndex(_ v: Int) -> Int { Int(jurisdictionOf[v]) }
    @inlinable public func tags(_ v: Int) -> [String] {
        (Int(tagOffsets[v])..<Int(tagOffsets[v + 1])).map { tagNames[Int(tagIDs[$0])] }
    }
    @inlinable public func designations(_ v: Int) -> ArraySlice<Designation> {
        designationStore[Int(designationOffsets[v])..<Int(designationOffsets[v + 1])]
    }
    @inlinable public func hasDesignations(_ v: Int) -> Bool { designationOffsets[v] != designationOffsets[v + 1] }

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
        return Entity(id: ids[v], kind: kinds[v], name: names[v], aliases: x?.aliases ?? [], jurisdiction: jurisdiction(v),
                      identifiers: x?.identifiers ?? [:], tags: tags(v), designations: Array(designations(v)),
                      sources: x?.sources ?? [], attributes: x?.attributes ?? [:])
    }

    /// Where the entity was read.
    public func location(ofEntity v: Int) -> SourceLocation {
        SourceLocation(file: files[Int(entityFile[v])], line: entityLine[v] > 0 ? Int(entityLine[v]) : nil, record: ids[v])
    }

    // MARK: Relationship attributes

    @inlinable public func source(_ e: Int) -> Int { Int(relSource[e]) }
    @inlinable public func target(_ e: Int) -> Int { Int(relTarget[e]) }
    @inlinable public func kind(ofRelationship e: Int) -> RelationshipKind { relKind[e] }
    @inlinable public func share(_ e: Int) -> Share? { relShare[e].share }
    /// Lower and upper share bounds in ten-thousandths of a percent, and whether the share is exactly known.
    @inlinable public func shareBounds(_ e: Int) -> (lo: Int64, hi: Int64, exact: Bool) {
        let p = relShare[e]
        return (Int64(p.lo), Int64(p.hi), p.flags & 0b10 != 0)
    }
    @inlinable public func date(_ e: Int) -> CalendarDate? { relDate[e] == 0 ? nil : CalendarDate(rawValue: relDate[e]) }
    @inlinable public func start(_ e: Int) -> CalendarDate? { relStart[e] == 0 ? nil : CalendarDate(rawValue: relStart[e]) }
    @inlinable public func end(_ e: Int) -> CalendarDate? { relEnd[e] == 0 ? nil : CalendarDate(rawValue: relEnd[e]) }
    public func amount(_ e: Int) -> Decimal? { relPayment[e] < 0 ? nil : paymentAmounts[Int(relPayment[e])] }
    public func currency(_ e: Int) -> String? {
        guard relPayment[e] >= 0 else { return nil }
        let c = paymentCurrency[Int(relPayment[e])]
        return c < 0 ? nil : currencyCodes[Int(c)]
    }
    public func relationshipID(_ e: Int) -> String? { relExtras[Int32(e)]?.id }

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
        return Relationship(id: x?.id, kind: relKind[e], source: ids[source(e)], target: ids[target(e)], share: share(e),
                            shareText: x?.shareText, basis: x?.basis, controlType: x?.controlType, role: x?.role,
                            amount: amount(e), currency: currency(e), date: date(e), start: start(e), end: end(e),
                            sources: x?.sources ?? [], confidence: x?.confidence, attributes: x?.attributes ?? [:])
    }

    /// Where the relationship was read.
    public func location(ofRelationship e: Int) -> SourceLocation {
        SourceLocation(file: files[Int(relFile[e])], line: relLine[e] > 0 ? Int(relLine[e]) : nil, record: relationshipID(e))
    }

    // MARK: Adjacency

    /// Relationship indices leaving `v`, sorted by (target, index).
    @inlinable public func outRelationships(_ v: Int) -> ArraySlice<Int32> {
        outEdgeList[Int(outOffsets[v])..<Int(outOffsets[v + 1])]
    }
    /// Targets of ``outRelationships(_:)``, position by position (repeats for parallel relationships).
    @inlinable public func outNeighbours(_ v: Int) -> ArraySlice<Int32> {
        outNeighbourList[Int(outOffsets[v])..<Int(outOffsets[v + 1])]
    }
    /// Relationship indices entering `v`, sorted by (source, index).
    @inlinable public func inRelationships(_ v: Int) -> ArraySlice<Int32> {
        inEdgeList[Int(inOffsets[v])..<Int(inOffsets[v + 1])]
    }
    /// Sources of ``inRelationships(_:)``, position by position.
    @inlinable public func inNeighbours(_ v: Int) -> ArraySlice<Int32> {
        inNeighbourList[Int(inOffsets[v])..<Int(inOffsets[v + 1])]
    }
    /// Raw CSR arrays for tight loops: `offsets` has `entityCount + 1` entries.
    @inlinable public var outCSR: (offsets: [Int32], relationships: [Int32], neighbours: [Int32]) {
        (outOffsets, outEdgeList, outNeighbourList)
    }
    @inlinable public var inCSR: (offsets: [Int32], relationships: [Int32], neighbours: [Int32]) {
        (inOffsets, inEdgeList, inNeighbourList)
    }
    /// Relationship kinds as a raw array, for tight loops.
    @inlinable public var relationshipKinds: [RelationshipKind] { relKind }
}

/// Lookup by id text over a ``StringTable``: `idIndex[id]` is the index or `nil`.
@usableFromInline
struct IDIndex: Sendable {
    @usableFromInline let table: StringTable
    @inlinable init(table: StringTable) { self.table = table }
    @inlinable subscript(id: String) -> Int32? { table.lookup(id) }
}

/// Cold entity attributes, stored only for entities that have any.
struct EntityExtras: Hashable, Sendable {
    var aliases: [String] = []
    var identifiers: [String: String] = [:]
    var sources: [SourceRef] = []
    var attributes: [String: String] = [:]
    var isEmpty: Bool { aliases.isEmpty && identifiers.isEmpty && sources.isEmpty && attributes.isEmpty }
}

/// Cold relationship attributes, stored only for relationships that have any.
struct RelationshipExtras: Hashable, Sendable {
    var id: String?
    var shareText: String?
    var basis: String?
    var controlType: String?
    var role: String?
    var sources: [SourceRef] = []
    var confidence: String?
    var attributes: [String: String] = [:]
    var isEmpty: Bool {
        id == nil && shareText == nil && basis == nil && controlType == nil && role == nil && sources.isEmpty
            && confidence == nil && attributes.isEmpty
    }
}

/// The storage of a ``Graph``: struct-of-arrays columns and both CSR directions, immutable once built.
@usableFromInline final class GraphStore: Sendable {
    // MARK: Entities (struct of arrays)
    /// Entity ids in index order, with O(1) lookup by text (replaces an `[String]` plus `[String: Int32]`).
    @usableFromInline let ids: StringTable
    @usableFromInline let kinds: [EntityKind]
    /// Names in one UTF-8 buffer; `names[v]` makes the `String`.
    @usableFromInline let names: StringColumn
    @usableFromInline let jurisdictionOf: [Int32]
    /// Interned jurisdiction codes; `jurisdictionOf` indexes into this.
    public let jurisdictionCodes: [String]
    @usableFromInline let tagOffsets: [Int32]
    @usableFromInline let tagIDs: [Int32]
    /// Interned tags.
    public let tagNames: [String]
    @usableFromInline let designationOffsets: [Int32]
    @usableFromInline let designationStore: [Designation]
    let entityExtras: [Int32: EntityExtras]
    let entityFile: [Int32]
    let entityLine: [Int32]

    // MARK: Relationships (struct of arrays)
    @usableFromInline let relSource: [Int32]
    @usableFromInline let relTarget: [Int32]
    @usableFromInline let relKind: [RelationshipKind]
    @usableFromInline let relShare: [PackedShare]
    @usableFromInline let relDate: [Int32]
    @usableFromInline let relStart: [Int32]
    @usableFromInline let relEnd: [Int32]
    let relPayment: [Int32]
    let paymentAmounts: [Decimal]
    let paymentCurrency: [Int32]
    /// Interned currency codes.
    public let currencyCodes: [String]
    let relExtras: [Int32: RelationshipExtras]
    let relFile: [Int32]
    let relLine: [Int32]
    /// Input files, in load order; locations index into this.
    public let files: [String]

    // MARK: CSR adjacency
    @usableFromInline let outOffsets: [Int32]
    @usableFromInline let outEdgeList: [Int32]
    @usableFromInline let outNeighbourList: [Int32]
    @usableFromInline let inOffsets: [Int32]
    @usableFromInline let inEdgeList: [Int32]
    @usableFromInline let inNeighbourList: [Int32]

    init(storage s: GraphBuilder.Storage, files: [String], out: ([Int32], [Int32], [Int32]), in inward: ([Int32], [Int32], [Int32])) {
        ids = s.ids; kinds = s.kinds; names = s.names
        jurisdictionOf = s.jurisdictionOf; jurisdictionCodes = s.jurisdictionCodes
        tagOffsets = s.tagOffsets; tagIDs = s.tagIDs; tagNames = s.tagNames
        designationOffsets = s.designationOffsets; designationStore = s.designationStore
        entityExtras = s.entityExtras; entityFile = s.entityFile; entityLine = s.entityLine
        relSource = s.relSource; relTarget = s.relTarget; relKind = s.relKind; relShare = s.relShare
        relDate = s.relDate; relStart = s.relStart; relEnd = s.relEnd
        relPayment = s.relPayment; paymentAmounts = s.paymentAmounts; paymentCurrency = s.paymentCurrency
        currencyCodes = s.currencyCodes; relExtras = s.relExtras; relFile = s.relFile; relLine = s.relLine
        self.files = files
        (outOffsets, outEdgeList, outNeighbourList) = out
        (inOffsets, inEdgeList, inNeighbourList) = inward
    }
}
