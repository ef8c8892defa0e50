import Foundation

/// Cold entity attributes, stored only for entities that have any.
package struct EntityExtras: Hashable, Sendable {
    package var aliases: [String] = []
    package var identifiers: [String: String] = [:]
    package var sources: [SourceRef] = []
    package var attributes: [String: String] = [:]
    package var isEmpty: Bool { aliases.isEmpty && identifiers.isEmpty && sources.isEmpty && attributes.isEmpty }
    package init(
        aliases: [String] = [], identifiers: [String: String] = [:], sources: [SourceRef] = [],
        attributes: [String: String] = [:]
    ) {
        self.aliases = aliases
        self.identifiers = identifiers
        self.sources = sources
        self.attributes = attributes
    }
}

/// Cold relationship attributes, stored only for relationships that have any.
package struct RelationshipExtras: Hashable, Sendable {
    package var id: String?
    package var shareText: String?
    package var basis: String?
    package var controlType: String?
    package var role: String?
    package var sources: [SourceRef] = []
    package var confidence: String?
    package var attributes: [String: String] = [:]
    package var isEmpty: Bool {
        id == nil && shareText == nil && basis == nil && controlType == nil && role == nil && sources.isEmpty
            && confidence == nil && attributes.isEmpty
    }
    package init(
        id: String? = nil, shareText: String? = nil, basis: String? = nil, controlType: String? = nil,
        role: String? = nil, sources: [SourceRef] = [], confidence: String? = nil, attributes: [String: String] = [:]
    ) {
        self.id = id
        self.shareText = shareText
        self.basis = basis
        self.controlType = controlType
        self.role = role
        self.sources = sources
        self.confidence = confidence
        self.attributes = attributes
    }
}

/// Sparse cold attributes by entity or relationship index: a dictionary when built, or sorted keys with a decoder
/// over a snapshot's bytes (each record decoded when asked for).
package enum ExtrasTable<Value: Sendable>: Sendable {
    case owned([Int32: Value])
    /// `keys` sorted ascending; `decode(i)` is the value of `keys[i]` (`nil` when its bytes are damaged).
    case mapped(keys: Column<Int32>, decode: @Sendable (Int) -> Value?)

    package subscript(key: Int32) -> Value? {
        switch self {
        case .owned(let d): return d[key]
        case .mapped(let keys, let decode):
            // Dense keys (every index has a value, as every FtM relationship does): the key is its own position.
            if key >= 0, Int(key) < keys.count, keys[Int(key)] == key { return decode(Int(key)) }
            var lo = 0, hi = keys.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if keys[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            return lo < keys.count && keys[lo] == key ? decode(lo) : nil
        }
    }

    /// One flag per index `0..<count`: whether it has a value. O(count + number of values), no record decoded.
    package func presence(count: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: count)
        switch self {
        case .owned(let d):
            for k in d.keys where k >= 0 && Int(k) < count { out[Int(k)] = true }
        case .mapped(let keys, _):
            keys.withUnsafeBufferPointer { for k in $0 where k >= 0 && Int(k) < count { out[Int(k)] = true } }
        }
        return out
    }

    /// Calls `body` with every key that has a value, in no particular order (no record decoded, nothing sorted).
    package func forEachKey(_ body: (Int32) -> Void) {
        switch self {
        case .owned(let d): for k in d.keys { body(k) }
        case .mapped(let keys, _): keys.withUnsafeBufferPointer { for k in $0 { body(k) } }
        }
    }

    /// Every key that has a value, ascending.
    package var keys: [Int32] {
        switch self {
        case .owned(let d): d.keys.sorted()
        case .mapped(let keys, _): keys.array
        }
    }
}

/// Payment amounts: `Decimal`s when built, their canonical text in a snapshot (parsed when one is read).
package enum AmountColumn: Sendable {
    case owned([Decimal])
    case text(FrozenStrings)

    package var count: Int {
        switch self {
        case .owned(let a): a.count
        case .text(let t): t.count
        }
    }

    package subscript(i: Int) -> Decimal? {
        switch self {
        case .owned(let a): return a[i]
        case .text(let t): return Decimal(string: t[i], locale: Locale(identifier: "en_US_POSIX"))
        }
    }
}

/// Designations in struct-of-arrays form: `offsets[v]..<offsets[v + 1]` index the other columns; list codes and
/// programs are interned (`program` -1: none), dates are ``CalendarDate/rawValue`` (0: none).
public struct DesignationColumns: Sendable {
    public let offsets: Column<Int32>
    public let list: Column<Int32>
    public let program: Column<Int32>
    public let listed: Column<Int32>
    public let delisted: Column<Int32>
    /// When the source first saw an undated listing (FtM `first_seen`; 0: none).
    public let firstSeen: Column<Int32>
    public let listCodes: FrozenStrings
    public let programs: FrozenStrings

    package init(
        offsets: Column<Int32>, list: Column<Int32>, program: Column<Int32>, listed: Column<Int32>,
        delisted: Column<Int32>, firstSeen: Column<Int32>, listCodes: FrozenStrings, programs: FrozenStrings
    ) {
        self.offsets = offsets
        self.list = list
        self.program = program
        self.listed = listed
        self.delisted = delisted
        self.firstSeen = firstSeen
        self.listCodes = listCodes
        self.programs = programs
    }

    /// Interns a builder's designations.
    init(offsets: [Int32], store: [Designation]) {
        var lists: [String: Int32] = [:], programs: [String: Int32] = [:]
        var listNames: [String] = [], programNames: [String] = []
        var l: [Int32] = [], p: [Int32] = [], a: [Int32] = [], d: [Int32] = [], f: [Int32] = []
        l.reserveCapacity(store.count); p.reserveCapacity(store.count)
        a.reserveCapacity(store.count); d.reserveCapacity(store.count); f.reserveCapacity(store.count)
        for x in store {
            if let i = lists[x.list] {
                l.append(i)
            } else {
                let i = Int32(listNames.count)
                lists[x.list] = i
                listNames.append(x.list)
                l.append(i)
            }
            if let prog = x.program {
                if let i = programs[prog] {
                    p.append(i)
                } else {
                    let i = Int32(programNames.count)
                    programs[prog] = i
                    programNames.append(prog)
                    p.append(i)
                }
            } else {
                p.append(-1)
            }
            a.append(x.listed?.rawValue ?? 0)
            d.append(x.delisted?.rawValue ?? 0)
            f.append(x.firstSeen?.rawValue ?? 0)
        }
        self.init(
            offsets: Column(offsets), list: Column(l), program: Column(p), listed: Column(a), delisted: Column(d),
            firstSeen: Column(f), listCodes: FrozenStrings(listNames), programs: FrozenStrings(programNames))
    }

    package func designation(_ i: Int) -> Designation {
        let prog = Int(program[i])
        return Designation(
            list: listCodes[Int(list[i])], program: prog < 0 ? nil : programs[prog],
            listed: listed[i] == 0 ? nil : CalendarDate(rawValue: listed[i]),
            delisted: delisted[i] == 0 ? nil : CalendarDate(rawValue: delisted[i]),
            firstSeen: firstSeen[i] == 0 ? nil : CalendarDate(rawValue: firstSeen[i]))
    }
}

/// The storage of a ``Graph``: struct-of-arrays columns and both CSR directions, immutable once built. Every column
/// is a ``Column`` (owned, or a view of a snapshot mapping); `CorpGraphSnapshot` writes and maps these fields.
public final class GraphStore: Sendable {
    // MARK: Entities (struct of arrays)
    /// Entity ids in index order, with O(1) lookup by text.
    public let ids: FrozenStringTable
    @usableFromInline let _kinds: Column<EntityKind>
    @inlinable public var kinds: Column<EntityKind> { _read { guards?.ensure(.kinds); yield _kinds } }
    /// Names in one UTF-8 buffer; `names[v]` makes the `String`.
    public let names: FrozenStrings
    @usableFromInline let _jurisdictionOf: Column<Int32>
    @inlinable public var jurisdictionOf: Column<Int32> {
        _read { guards?.ensure(.jurisdictionOf); yield _jurisdictionOf }
    }
    /// Interned jurisdiction codes; `jurisdictionOf` indexes into this.
    public let jurisdictionCodes: [String]
    @usableFromInline let _tagOffsets: Column<Int32>
    @inlinable public var tagOffsets: Column<Int32> { _read { guards?.ensure(.tagOffsets); yield _tagOffsets } }
    @usableFromInline let _tagIDs: Column<Int32>
    @inlinable public var tagIDs: Column<Int32> { _read { guards?.ensure(.tagIDs); yield _tagIDs } }
    /// Interned tags.
    public let tagNames: [String]
    @usableFromInline let _designations: DesignationColumns
    @inlinable public var designations: DesignationColumns {
        _read { guards?.ensure(.designations); yield _designations }
    }
    package let entityExtras: ExtrasTable<EntityExtras>
    @usableFromInline let _entityFile: Column<Int32>
    @inlinable public var entityFile: Column<Int32> { _read { guards?.ensure(.entityFile); yield _entityFile } }
    public let entityLine: Column<Int32>

    // MARK: Relationships (struct of arrays)
    @usableFromInline let _relSource: Column<Int32>
    @inlinable public var relSource: Column<Int32> { _read { guards?.ensure(.relSource); yield _relSource } }
    @usableFromInline let _relTarget: Column<Int32>
    @inlinable public var relTarget: Column<Int32> { _read { guards?.ensure(.relTarget); yield _relTarget } }
    @usableFromInline let _relKind: Column<RelationshipKind>
    @inlinable public var relKind: Column<RelationshipKind> { _read { guards?.ensure(.relKind); yield _relKind } }
    public let relShare: Column<PackedShare>
    public let relDate: Column<Int32>
    public let relStart: Column<Int32>
    public let relEnd: Column<Int32>
    @usableFromInline let _relPayment: Column<Int32>
    @inlinable public var relPayment: Column<Int32> { _read { guards?.ensure(.relPayment); yield _relPayment } }
    package let paymentAmounts: AmountColumn
    @usableFromInline let _paymentCurrency: Column<Int32>
    @inlinable public var paymentCurrency: Column<Int32> {
        _read { guards?.ensure(.paymentCurrency); yield _paymentCurrency }
    }
    /// Interned currency codes.
    public let currencyCodes: [String]
    package let relExtras: ExtrasTable<RelationshipExtras>
    @usableFromInline let _relFile: Column<Int32>
    @inlinable public var relFile: Column<Int32> { _read { guards?.ensure(.relFile); yield _relFile } }
    public let relLine: Column<Int32>
    /// Input files, in load order; locations index into this.
    public let files: [String]

    // MARK: CSR adjacency
    @usableFromInline let _outOffsets: Column<Int32>
    @inlinable public var outOffsets: Column<Int32> { _read { guards?.ensure(.outOffsets); yield _outOffsets } }
    @usableFromInline let _outEdgeList: Column<Int32>
    @inlinable public var outEdgeList: Column<Int32> { _read { guards?.ensure(.outEdges); yield _outEdgeList } }
    @usableFromInline let _outNeighbourList: Column<Int32>
    @inlinable public var outNeighbourList: Column<Int32> {
        _read { guards?.ensure(.outNeighbours); yield _outNeighbourList }
    }
    @usableFromInline let _inOffsets: Column<Int32>
    @inlinable public var inOffsets: Column<Int32> { _read { guards?.ensure(.inOffsets); yield _inOffsets } }
    @usableFromInline let _inEdgeList: Column<Int32>
    @inlinable public var inEdgeList: Column<Int32> { _read { guards?.ensure(.inEdges); yield _inEdgeList } }
    @usableFromInline let _inNeighbourList: Column<Int32>
    @inlinable public var inNeighbourList: Column<Int32> {
        _read { guards?.ensure(.inNeighbours); yield _inNeighbourList }
    }

    /// The lazy value checks of a snapshot's columns; nil for a store built in memory.
    @usableFromInline let guards: ColumnGuards?

    /// Every field given (the snapshot reader: `guards` checks the index columns before their first use).
    package init(
        ids: FrozenStringTable, kinds: Column<EntityKind>, names: FrozenStrings, jurisdictionOf: Column<Int32>,
        jurisdictionCodes: [String], tagOffsets: Column<Int32>, tagIDs: Column<Int32>, tagNames: [String],
        designations: DesignationColumns, entityExtras: ExtrasTable<EntityExtras>, entityFile: Column<Int32>,
        entityLine: Column<Int32>, relSource: Column<Int32>, relTarget: Column<Int32>,
        relKind: Column<RelationshipKind>, relShare: Column<PackedShare>, relDate: Column<Int32>,
        relStart: Column<Int32>, relEnd: Column<Int32>, relPayment: Column<Int32>, paymentAmounts: AmountColumn,
        paymentCurrency: Column<Int32>, currencyCodes: [String], relExtras: ExtrasTable<RelationshipExtras>,
        relFile: Column<Int32>, relLine: Column<Int32>, files: [String],
        out: (Column<Int32>, Column<Int32>, Column<Int32>), in inward: (Column<Int32>, Column<Int32>, Column<Int32>),
        guards: ColumnGuards? = nil
    ) {
        self.guards = guards
        self.ids = ids; self._kinds = kinds; self.names = names
        self._jurisdictionOf = jurisdictionOf; self.jurisdictionCodes = jurisdictionCodes
        self._tagOffsets = tagOffsets; self._tagIDs = tagIDs; self.tagNames = tagNames
        self._designations = designations
        self.entityExtras = entityExtras; self._entityFile = entityFile; self.entityLine = entityLine
        self._relSource = relSource; self._relTarget = relTarget; self._relKind = relKind; self.relShare = relShare
        self.relDate = relDate; self.relStart = relStart; self.relEnd = relEnd
        self._relPayment = relPayment; self.paymentAmounts = paymentAmounts; self._paymentCurrency = paymentCurrency
        self.currencyCodes = currencyCodes; self.relExtras = relExtras; self._relFile = relFile; self.relLine = relLine
        self.files = files
        (_outOffsets, _outEdgeList, _outNeighbourList) = out
        (_inOffsets, _inEdgeList, _inNeighbourList) = inward
    }

    /// Adopts a builder's arrays (no copy).
    convenience init(
        storage s: GraphBuilder.Storage, files: [String], out: ([Int32], [Int32], [Int32]),
        in inward: ([Int32], [Int32], [Int32])
    ) {
        self.init(
            ids: FrozenStringTable(s.ids), kinds: Column(s.kinds), names: FrozenStrings(s.names),
            jurisdictionOf: Column(s.codes.jurisdictionOf), jurisdictionCodes: s.codes.jurisdictions.values,
            tagOffsets: Column(s.codes.tagOffsets), tagIDs: Column(s.codes.tagIDs), tagNames: s.codes.tags.values,
            designations: DesignationColumns(offsets: s.codes.designationOffsets, store: s.codes.designationStore),
            entityExtras: s.entityExtras.table, entityFile: Column(s.entityFile), entityLine: Column(s.entityLine),
            relSource: Column(s.relSource), relTarget: Column(s.relTarget), relKind: Column(s.relKind),
            relShare: Column(s.relShare), relDate: Column(s.relDate), relStart: Column(s.relStart),
            relEnd: Column(s.relEnd), relPayment: Column(s.relPayment), paymentAmounts: .owned(s.paymentAmounts),
            paymentCurrency: Column(s.paymentCurrency), currencyCodes: s.currencies.values,
            relExtras: s.relExtras.table,
            relFile: Column(s.relFile), relLine: Column(s.relLine), files: files,
            out: (Column(out.0), Column(out.1), Column(out.2)),
            in: (Column(inward.0), Column(inward.1), Column(inward.2)))
    }
}
