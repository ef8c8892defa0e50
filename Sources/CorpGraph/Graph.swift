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
    // MARK: Entities (struct of arrays)
    @usableFromInline let ids: [String]
    @usableFromInline let idIndex: [String: Int32]
    @usableFromInline let kinds: [EntityKind]
    @usableFromInline let names: [String]
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

    init(storage s: GraphBuilder.Storage, files: [String]) {
        ids = s.ids; idIndex = s.idIndex; kinds = s.kinds; names = s.names
        jurisdictionOf = s.jurisdictionOf; jurisdictionCodes = s.jurisdictionCodes
        tagOffsets = s.tagOffsets; tagIDs = s.tagIDs; tagNames = s.tagNames
        designationOffsets = s.designationOffsets; designationStore = s.designationStore
        entityExtras = s.entityExtras; entityFile = s.entityFile; entityLine = s.entityLine
        relSource = s.relSource; relTarget = s.relTarget; relKind = s.relKind; relShare = s.relShare
        relDate = s.relDate; relStart = s.relStart; relEnd = s.relEnd
        relPayment = s.relPayment; paymentAmounts = s.paymentAmounts; paymentCurrency = s.paymentCurrency
        currencyCodes = s.currencyCodes; relExtras = s.relExtras; relFile = s.relFile; relLine = s.relLine
        self.files = files
        let n = s.ids.count
        (outOffsets, outEdgeList, outNeighbourList) = Graph.csr(n: n, from: s.relSource, to: s.relTarget)
        (inOffsets, inEdgeList, inNeighbourList) = Graph.csr(n: n, from: s.relTarget, to: s.relSource)
    }

    /// Builds CSR rows keyed by `from`, each sorted by (`to`, edge index), with two stable counting sorts.
    /// - Complexity: O(V + E).
    static func csr(n: Int, from: [Int32], to: [Int32]) -> ([Int32], [Int32], [Int32]) {
        let m = from.count
        // Pass 1: stable counting sort of edges by `to`.
        var counts = [Int32](repeating: 0, count: n + 1)
        for t in to { counts[Int(t) + 1] += 1 }
        for i in 0..<n { counts[i + 1] += counts[i] }
        var byTo = [Int32](repeating: 0, count: m)
        var cursor = counts
        for e in 0..<m {
            let t = Int(to[e])
            byTo[Int(cursor[t])] = Int32(e)
            cursor[t] += 1
        }
        // Pass 2: stable counting sort by `from`, visiting edges in `to` order.
        var offsets = [Int32](repeating: 0, count: n + 1)
        for f in from { offsets[Int(f) + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var edges = [Int32](repeating: 0, count: m)
        var neighbours = [Int32](repeating: 0, count: m)
        cursor = offsets
        for e in byTo {
            let f = Int(from[Int(e)])
            let slot = Int(cursor[f])
            edges[slot] = e
            neighbours[slot] = to[Int(e)]
            cursor[f] += 1
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

    /// Ids closest to `id`, for "did you mean" messages.
    /// - Complexity: O(V · |id|²) in the worst case; call it only on the error path.
    public func suggestions(for id: String, limit: Int = 3) -> [String] {
        Suggestions.nearest(to: id, in: ids, limit: limit)
    }

    // MARK: Entity attributes

    @inlinable public func id(_ v: Int) -> String { ids[v] }
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
