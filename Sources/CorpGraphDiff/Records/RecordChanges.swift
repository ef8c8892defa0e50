import CorpGraph
import Foundation

/// Entities and relationships added, removed or (entities) changed between two versions.
///
/// Entities are matched by ``EntityMatch``. A relationship is its content: kind, holder and held (matched), share,
/// dates, amount and currency; two relationships with the same content are a multiset (a third identical payment is
/// one added). A share that moved is one relationship removed and one added here; the ownership section reports it
/// as a share change.
public struct RecordChanges: Sendable, Hashable {
    public var entitiesAdded: [String] = []
    public var entitiesRemoved: [String] = []
    /// Matched entities whose kind, name or jurisdiction differ.
    public var entitiesChanged: [EntityChange] = []
    public var relationshipsAdded: [RelationshipRecord] = []
    public var relationshipsRemoved: [RelationshipRecord] = []

    public var isEmpty: Bool {
        entitiesAdded.isEmpty && entitiesRemoved.isEmpty && entitiesChanged.isEmpty && relationshipsAdded.isEmpty
            && relationshipsRemoved.isEmpty
    }

    /// One matched entity whose record fields differ.
    public struct EntityChange: Sendable, Hashable {
        public var id: String
        /// `field: old → new` per field, in field order (kind, name, jurisdiction).
        public var fields: [FieldChange]
    }

    public struct FieldChange: Sendable, Hashable {
        public var field: String
        public var old: String?
        public var new: String?
    }

    /// No change.
    public init() {}

    /// Compares the records of `old` and `new`.
    /// - Complexity: O(V + E log d) for maximum out-degree d.
    public init(old: Graph, new: Graph, match: EntityMatch) {
        self.init(old: old, new: new, match: match, unchanged: UnchangedOutLists(old: old, new: new, match: match))
    }

    /// Compares the records, the pairs whose out-lists `unchanged` marks equal skipped.
    init(old: Graph, new: Graph, match: EntityMatch, unchanged: UnchangedOutLists) {
        for v in 0..<old.entityCount where match.newOf[v] < 0 { entitiesRemoved.append(old.id(v)) }
        for w in 0..<new.entityCount where match.oldOf[w] < 0 { entitiesAdded.append(new.id(w)) }
        entitiesRemoved.sort()
        entitiesAdded.sort()
        let fields = RecordFields(old: old, new: new)
        let content = SameContent(old: old, new: new, match: match)
        for v in 0..<old.entityCount {
            guard let w = match.new(v) else {
                for e in old.outRelationships(v) { relationshipsRemoved.append(RelationshipRecord(old, Int(e))) }
                continue
            }
            if old.kind(v) != new.kind(w) || !fields.sameName(v, w) || !fields.sameJurisdiction(v, w) {
                var changed: [FieldChange] = []
                if old.kind(v) != new.kind(w) {
                    changed.append(
                        FieldChange(field: "kind", old: old.kind(v).description, new: new.kind(w).description))
                }
                let on = old.name(v), nn = new.name(w)
                if on != nn { changed.append(FieldChange(field: "name", old: on, new: nn)) }
                let oj = old.jurisdiction(v), nj = new.jurisdiction(w)
                if oj != nj { changed.append(FieldChange(field: "jurisdiction", old: oj, new: nj)) }
                if !changed.isEmpty { entitiesChanged.append(EntityChange(id: new.id(w), fields: changed)) }
            }
            if !unchanged.same[v] { compareOut(old: old, v: v, new: new, w: w, match: match, content: content) }
        }
        for w in 0..<new.entityCount where match.oldOf[w] < 0 {
            for e in new.outRelationships(w) { relationshipsAdded.append(RelationshipRecord(new, Int(e))) }
        }
        entitiesChanged.sort { $0.id < $1.id }
        relationshipsAdded.sort()
        relationshipsRemoved.sort()
    }

    /// The out-relationships of one matched pair whose out-lists differ (``UnchangedOutLists``), compared as
    /// multisets of content, target by target (``TargetGroups``; the whole lists when the match reorders targets).
    private mutating func compareOut(old: Graph, v: Int, new: Graph, w: Int, match: EntityMatch, content: SameContent) {
        let aRels = old.storage.outEdgeList, bRels = new.storage.outEdgeList
        let grouped = TargetGroups.pair(old: old, v, new: new, w, match: match) { r, s, _ in
            if content.same(r, s) { return }
            compare(old: old, r.map { Int(aRels[$0]) }, new: new, s.map { Int(bRels[$0]) }, match: match)
        }
        if !grouped {
            compare(
                old: old, old.outRelationships(v).map(Int.init), new: new, new.outRelationships(w).map(Int.init),
                match: match)
        }
    }

    /// Relationships `a` (old) and `b` (new) of one holder compared as multisets of content: for each content, the
    /// first surplus ones in `a`'s order are removed, the surplus ones after the first matched in `b`'s order added.
    private mutating func compare(old: Graph, _ a: [Int], new: Graph, _ b: [Int], match: EntityMatch) {
        if a.isEmpty && b.isEmpty { return }
        // Targets in new-index space; an unmatched old target gets a value no new index has.
        let oldKeys = a.map { e in
            ContentKey(
                old, e,
                target: match.newOf[old.target(e)] >= 0 ? Int64(match.newOf[old.target(e)]) : -1 - Int64(old.target(e)))
        }
        let newKeys = b.map { f in ContentKey(new, f, target: Int64(new.target(f))) }
        if oldKeys == newKeys { return }
        var count: [ContentKey: Int] = [:]
        for k in oldKeys { count[k, default: 0] += 1 }
        var added: [Int] = []
        for (i, k) in newKeys.enumerated() {
            if let c = count[k], c > 0 { count[k] = c - 1 } else { added.append(b[i]) }
        }
        var left = count
        for (i, k) in oldKeys.enumerated() {
            if let c = left[k], c > 0 {
                left[k] = c - 1
                relationshipsRemoved.append(RelationshipRecord(old, a[i]))
            }
        }
        for e in added { relationshipsAdded.append(RelationshipRecord(new, e)) }
    }
}

/// The content of one relationship, the holder left out (it is the pair being compared).
struct ContentKey: Hashable {
    var kind: UInt8
    var target: Int64
    var lo: Int64, hi: Int64
    var exact: Bool
    var date: Int32, start: Int32, end: Int32
    var amount: Decimal?
    var currency: String?

    init(_ g: Graph, _ e: Int, target: Int64) {
        kind = g.kind(ofRelationship: e).rawValue
        self.target = target
        let s = g.shareBounds(e)
        lo = s.lo
        hi = s.hi
        exact = s.exact
        date = g.date(e)?.rawValue ?? 0
        start = g.start(e)?.rawValue ?? 0
        end = g.end(e)?.rawValue ?? 0
        let payment = g.kind(ofRelationship: e) == .pays
        amount = payment ? g.amount(e) : nil
        currency = payment ? g.currency(e) : nil
    }
}

/// A relationship as reports show it.
public struct RelationshipRecord: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var id: String?
    public var kind: RelationshipKind
    public var source: String
    public var target: String
    public var share: Share?
    public var start: CalendarDate?
    public var end: CalendarDate?
    public var date: CalendarDate?
    public var amount: Decimal?
    public var currency: String?

    public init(_ g: Graph, _ e: Int) {
        id = g.relationshipID(e)
        kind = g.kind(ofRelationship: e)
        source = g.id(g.source(e))
        target = g.id(g.target(e))
        share = kind == .owns ? g.share(e) ?? .unknown : nil
        start = g.start(e)
        end = g.end(e)
        date = g.date(e)
        amount = g.amount(e)
        currency = g.currency(e)
    }

    public static func < (a: RelationshipRecord, b: RelationshipRecord) -> Bool {
        // The description (built only on a tie) orders records that agree on everything else.
        if (a.source, a.target, a.kind.rawValue, a.id ?? "") != (b.source, b.target, b.kind.rawValue, b.id ?? "") {
            return (a.source, a.target, a.kind.rawValue, a.id ?? "") < (b.source, b.target, b.kind.rawValue, b.id ?? "")
        }
        return a.description < b.description
    }

    /// `source -owns 25 %-> target [id] from … until …`.
    public var description: String {
        var s = "\(source) -\(kind)"
        if let share { s += " \(share)" }
        if let amount { s += " \(amount)" + (currency.map { " \($0)" } ?? "") }
        if let date { s += " on \(date)" }
        s += "-> \(target)"
        if let start { s += " from \(start)" }
        if let end { s += " until \(end)" }
        if let id { s += " [\(id)]" }
        return s
    }
}
