import Foundation

/// Entities as columns, filled by a bulk reader (the CSV pair) without touching a ``GraphBuilder``, so it can run on
/// its own thread; then handed over whole with ``GraphBuilder/append(_:file:)-(EntityColumns,_)``.
///
/// Codes and tags are interned per batch; the builder maps them to its own tables when the batch is appended.
public struct EntityColumns: Sendable {
    var ids = StringColumn()
    var names = StringColumn()
    var kinds: [EntityKind] = []
    var jurisdictionOf: [Int32] = []
    var jurisdictions = InternTable()
    var tagOffsets: [Int32] = [0]
    var tagIDs: [Int32] = []
    var tags = InternTable()
    var designationOffsets: [Int32] = [0]
    var designationStore: [Designation] = []
    var extras = RowExtras<EntityExtras>()
    var lines: [Int32] = []
    /// The ids hashed, when ``indexIDs()`` ran: `idSlots[r]` as from ``StringTable/insertAll(_:)``.
    var idTable: StringTable?
    var idSlots: [Int32] = []
    /// Whether problems with a row (a duplicate id) name the row's id as the record of their location, as
    /// ``GraphBuilder/add(_:at:)-(Entity,_)`` does for a reader that passes it (FtM).
    public var locationsNameRecords = false

    public init() {}

    /// Rows appended so far.
    public var count: Int { kinds.count }

    /// Builds the id hash table now (on the reader's thread), so that appending the batch to an empty builder only
    /// adopts it. Call it once, after the last ``append(idUTF8:kind:nameUTF8:jurisdiction:tags:designations:aliases:identifiers:line:)``.
    public mutating func indexIDs() {
        if let table = StringTable(indexing: ids) {
            idSlots = Array(0..<Int32(ids.count))
            idTable = table
        } else {
            var table = StringTable()
            idSlots = table.insertAll(ids)
            idTable = table
        }
    }

    /// Reserves room for `rows` rows with `textBytes` bytes of ids and names.
    public mutating func reserve(rows: Int, textBytes: Int) {
        ids.reserveCapacity(strings: rows, bytes: rows * 12)
        names.reserveCapacity(strings: rows, bytes: textBytes)
        kinds.reserveCapacity(rows); jurisdictionOf.reserveCapacity(rows); lines.reserveCapacity(rows)
        tagOffsets.reserveCapacity(rows + 1); designationOffsets.reserveCapacity(rows + 1)
        tagIDs.reserveCapacity(rows * 2)
    }

    /// A batch-local index for a jurisdiction code.
    public mutating func internJurisdiction(_ code: String) -> Int32 {
        jurisdictions.intern(code)
    }

    /// A batch-local index for a tag.
    public mutating func internTag(_ tag: String) -> Int32 {
        tags.intern(tag)
    }

    /// Appends one entity. `idUTF8` and `nameUTF8` must be valid UTF-8; `jurisdiction` is an
    /// ``internJurisdiction(_:)`` result or -1; `tags` are ``internTag(_:)`` results.
    public mutating func append(
        idUTF8: UnsafeBufferPointer<UInt8>, kind: EntityKind, nameUTF8: UnsafeBufferPointer<UInt8>,
        jurisdiction: Int32, tags: UnsafeBufferPointer<Int32>, designations: [Designation],
        aliases: [String] = [], identifiers: [String: String] = [:], sources: [SourceRef] = [],
        attributes: [String: String] = [:], line: Int32
    ) {
        if !aliases.isEmpty || !identifiers.isEmpty || !sources.isEmpty || !attributes.isEmpty {
            extras.append(
                Int32(kinds.count),
                EntityExtras(aliases: aliases, identifiers: identifiers, sources: sources, attributes: attributes))
        }
        ids.append(utf8: idUTF8)
        names.append(utf8: nameUTF8)
        kinds.append(kind)
        jurisdictionOf.append(jurisdiction)
        if !tags.isEmpty { tagIDs.append(contentsOf: tags) }
        tagOffsets.append(Int32(tagIDs.count))
        if !designations.isEmpty { designationStore.append(contentsOf: designations) }
        designationOffsets.append(Int32(designationStore.count))
        lines.append(line)
    }

    func entity(_ r: Int) -> Entity {
        let x = extras[Int32(r)]
        let j = jurisdictionOf[r]
        return Entity(
            id: ids[r], kind: kinds[r], name: names[r], aliases: x?.aliases ?? [],
            jurisdiction: j < 0 ? nil : jurisdictions[j], identifiers: x?.identifiers ?? [:],
            tags: (Int(tagOffsets[r])..<Int(tagOffsets[r + 1])).map { tags[tagIDs[$0]] },
            designations: Array(designationStore[Int(designationOffsets[r])..<Int(designationOffsets[r + 1])]),
            sources: x?.sources ?? [], attributes: x?.attributes ?? [:])
    }
}

/// Relationships as columns, filled by a bulk reader without a ``GraphBuilder`` (ends are kept as id text), then
/// handed over with ``GraphBuilder/append(_:file:)-(RelationshipColumns,_)``, which resolves the ids in batches.
public struct RelationshipColumns: Sendable {
    /// Source and target id bytes, back to back; `endpointEnds[2r]` ends row r's source, `[2r + 1]` its target.
    var endpointBytes: [UInt8] = []
    var endpointEnds: [UInt32] = []
    var kinds: [RelationshipKind] = []
    var shares: [PackedShare] = []
    var dates: [Int32] = []
    var starts: [Int32] = []
    var ends: [Int32] = []
    var payment: [Int32] = []
    var amounts: [Decimal] = []
    var currency: [Int32] = []
    var currencies = InternTable()
    var extras = RowExtras<RelationshipExtras>()
    var lines: [Int32] = []
    /// Whether problems with a row (a self-loop, a repeated relationship id) name the row's relationship id as the
    /// record of their location, as ``GraphBuilder/add(_:at:)-(Relationship,_)`` does for a reader that passes it.
    public var locationsNameRecords = false

    public init() {}

    /// Rows appended so far.
    public var count: Int { kinds.count }

    /// Whether the id text store is near its 4 GiB limit: start another batch.
    public var isFull: Bool { endpointBytes.count > Int(UInt32.max) - (1 << 24) }

    public mutating func reserve(rows: Int, idBytes: Int) {
        endpointBytes.reserveCapacity(idBytes); endpointEnds.reserveCapacity(2 * rows)
        kinds.reserveCapacity(rows); shares.reserveCapacity(rows); dates.reserveCapacity(rows)
        starts.reserveCapacity(rows); ends.reserveCapacity(rows); payment.reserveCapacity(rows)
        lines.reserveCapacity(rows)
    }

    /// A batch-local index for a currency code.
    public mutating func internCurrency(_ code: String) -> Int32 {
        currencies.intern(code)
    }

    /// Appends one relationship. Ids must be valid UTF-8 (source ≠ target is checked by the builder); `currency` is
    /// an ``internCurrency(_:)`` result or -1. An `owns` relationship with `share == nil` gets an unknown share.
    public mutating func append(
        sourceUTF8: UnsafeBufferPointer<UInt8>, targetUTF8: UnsafeBufferPointer<UInt8>,
        kind: RelationshipKind, share: Share?, amount: Decimal?, currency: Int32,
        date: CalendarDate?, start: CalendarDate?, end: CalendarDate?, line: Int32,
        id: String? = nil, controlType: String? = nil, role: String? = nil, basis: String? = nil,
        confidence: String? = nil, shareText: String? = nil, sources: [SourceRef] = [],
        attributes: [String: String] = [:]
    ) {
        // Most rows have no extras: test the arguments rather than build (and destroy) an empty value per row.
        if id != nil || shareText != nil || basis != nil || controlType != nil || role != nil || confidence != nil
            || !sources.isEmpty || !attributes.isEmpty
        {
            extras.append(
                Int32(kinds.count),
                RelationshipExtras(
                    id: id, shareText: shareText, basis: basis, controlType: controlType, role: role,
                    sources: sources, confidence: confidence, attributes: attributes))
        }
        endpointBytes.append(contentsOf: sourceUTF8)
        endpointEnds.append(UInt32(truncatingIfNeeded: endpointBytes.count))
        endpointBytes.append(contentsOf: targetUTF8)
        endpointEnds.append(UInt32(truncatingIfNeeded: endpointBytes.count))
        kinds.append(kind)
        shares.append(PackedShare(kind == .owns ? (share ?? .unknown) : share))
        dates.append(date?.rawValue ?? 0)
        starts.append(start?.rawValue ?? 0)
        ends.append(end?.rawValue ?? 0)
        if amount != nil || currency >= 0 {
            payment.append(Int32(amounts.count))
            amounts.append(amount ?? .nan)
            self.currency.append(currency)
        } else {
            payment.append(-1)
        }
        lines.append(line)
    }

    /// Row `r`'s line.
    public func line(_ r: Int) -> Int32 { lines[r] }

    /// Row `r`'s relationship id, if it has one.
    public func id(_ r: Int) -> String? { extras[Int32(r)]?.id }

    /// Calls `body` with row `r`'s source and target id bytes.
    public func withEndpoints<T>(_ r: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        endpointBytes.withUnsafeBufferPointer { bytes in
            endpointEnds.withUnsafeBufferPointer { ends in
                body(RelationshipColumns.endpoint(bytes, ends, r, 0), RelationshipColumns.endpoint(bytes, ends, r, 1))
            }
        }
    }

    /// Row `r` as a ``Relationship`` (ends as their id text).
    public func relationship(_ r: Int) -> Relationship {
        let (sid, tid) = withEndpoints(r) { (String(decoding: $0, as: UTF8.self), String(decoding: $1, as: UTF8.self)) }
        let x = extras[Int32(r)]
        let pay = payment[r]
        let amount: Decimal? = pay < 0 || amounts[Int(pay)].isNaN ? nil : amounts[Int(pay)]
        let cur: String? = pay < 0 || currency[Int(pay)] < 0 ? nil : currencies[currency[Int(pay)]]
        return Relationship(
            id: x?.id, kind: kinds[r], source: sid, target: tid, share: shares[r].share, shareText: x?.shareText,
            basis: x?.basis, controlType: x?.controlType, role: x?.role, amount: amount, currency: cur,
            date: dates[r] == 0 ? nil : CalendarDate(rawValue: dates[r]),
            start: starts[r] == 0 ? nil : CalendarDate(rawValue: starts[r]),
            end: ends[r] == 0 ? nil : CalendarDate(rawValue: ends[r]), sources: x?.sources ?? [],
            confidence: x?.confidence, attributes: x?.attributes ?? [:])
    }

    /// Appends row `r` of `other` (currencies re-interned here).
    public mutating func append(row r: Int, of other: RelationshipColumns) {
        if let x = other.extras[Int32(r)] { extras.append(Int32(kinds.count), x) }
        other.withEndpoints(r) { s, t in
            endpointBytes.append(contentsOf: s)
            endpointEnds.append(UInt32(truncatingIfNeeded: endpointBytes.count))
            endpointBytes.append(contentsOf: t)
            endpointEnds.append(UInt32(truncatingIfNeeded: endpointBytes.count))
        }
        kinds.append(other.kinds[r]); shares.append(other.shares[r]); dates.append(other.dates[r])
        starts.append(other.starts[r]); ends.append(other.ends[r]); lines.append(other.lines[r])
        let pay = other.payment[r]
        if pay >= 0 {
            payment.append(Int32(amounts.count))
            amounts.append(other.amounts[Int(pay)])
            let c = other.currency[Int(pay)]
            currency.append(c < 0 ? -1 : currencies.intern(other.currencies[c]))
        } else {
            payment.append(-1)
        }
    }

    /// Row `r`'s source (`end == 0`) or target (`end == 1`) id bytes, within `bytes` (the `endpointBytes` storage).
    @inline(__always)
    static func endpoint(_ bytes: UnsafeBufferPointer<UInt8>, _ ends: UnsafeBufferPointer<UInt32>, _ r: Int, _ end: Int)
        -> UnsafeBufferPointer<UInt8>
    {
        let k = 2 * r + end
        let from = k == 0 ? 0 : Int(ends[k - 1])
        return UnsafeBufferPointer(rebasing: bytes[from..<Int(ends[k])])
    }
}

/// Cold values of some rows of a batch, in row order (rows are appended in order: no hashing, no sorting).
struct RowExtras<Value: Sendable>: Sendable, Sequence {
    private(set) var rows: [Int32] = []
    private(set) var values: [Value] = []

    var isEmpty: Bool { rows.isEmpty }
    var count: Int { rows.count }

    /// Adds `value` for `row`, which must be past every row added so far.
    mutating func append(_ row: Int32, _ value: Value) {
        rows.append(row)
        values.append(value)
    }

    /// The value of `row`, if it has one (binary search).
    subscript(row: Int32) -> Value? {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid] < row { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo] == row ? values[lo] : nil
    }

    /// The rows kept by `map` (old row → new row, -1 when dropped), renumbered.
    func renumbered(_ map: [Int32]) -> RowExtras {
        var out = RowExtras()
        for (r, x) in self where map[Int(r)] >= 0 { out.append(map[Int(r)], x) }
        return out
    }

    func makeIterator() -> Zip2Sequence<[Int32], [Value]>.Iterator { zip(rows, values).makeIterator() }
}

/// Sendable carrier of raw pointers for the two halves of a parallel loop that write disjoint ranges.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Runs `body(0)` and `body(1)` on two threads and waits for both; on one thread when `work` (a rough item count)
/// is too small for a second thread to pay.
func inParallel(work: Int = .max, _ body: @escaping @Sendable (Int) -> Void) {
    if work < 20_000 {
        body(0)
        body(1)
        return
    }
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { body(1) }
    body(0)
    group.wait()
}
