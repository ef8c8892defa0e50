import CorpGraph
import CorpGraphIO

/// What to list of an entity's neighbours: relationship kinds, direction, an optional date, and a page.
public struct AdjacentQuery: Sendable, Hashable {
    public var kinds: RelationshipKindSet
    /// `down`: relationships leaving the entity (what it owns, pays, …); `up`: entering it; `both`.
    public var direction: WalkDirection
    /// Only relationships valid on this day count; nil: every date.
    public var asOf: CalendarDate?
    public var limit: Int
    public var offset: Int

    /// The largest page a query may ask for.
    public static let maxLimit = 500

    public init(
        kinds: RelationshipKindSet = .all, direction: WalkDirection = .both, asOf: CalendarDate? = nil,
        limit: Int = 50, offset: Int = 0
    ) {
        self.kinds = kinds
        self.direction = direction
        self.asOf = asOf
        self.limit = limit
        self.offset = offset
    }
}

/// A page of an entity's relationships with the neighbour at the other end, and the counts per kind and
/// direction of everything the query matches (so a node with 10 000 holders gives a page and "N more", not a flood).
/// Order: outgoing before incoming, then neighbour id, then relationship index (stable across pages).
public struct AdjacentReport: Report {
    public struct Row: Sendable, Hashable {
        public var relationship: Int
        public var neighbour: Int
        /// `out` (the entity is the source) or `in`.
        public var outgoing: Bool
    }

    public let graph: Graph
    public var entity: Int
    public var query: AdjacentQuery
    /// Matches per kind: (outgoing, incoming).
    public var counts: [RelationshipKind: (out: Int, in: Int)]
    public var total: Int
    public var rows: [Row]

    public init(_ g: Graph, entity v: Int, query: AdjacentQuery) {
        graph = g
        entity = v
        self.query = query
        var counts: [RelationshipKind: (out: Int, in: Int)] = [:]
        var out: [Row] = [], inc: [Row] = []
        func matches(_ e: Int) -> Bool {
            query.kinds.contains(g.kind(ofRelationship: e)) && (query.asOf.map { g.isValid(e, on: $0) } ?? true)
        }
        if query.direction != .up {
            for e in g.outRelationships(v) where matches(Int(e)) {
                counts[g.kind(ofRelationship: Int(e)), default: (0, 0)].out += 1
                out.append(Row(relationship: Int(e), neighbour: g.target(Int(e)), outgoing: true))
            }
        }
        if query.direction != .down {
            for e in g.inRelationships(v) where matches(Int(e)) {
                counts[g.kind(ofRelationship: Int(e)), default: (0, 0)].in += 1
                inc.append(Row(relationship: Int(e), neighbour: g.source(Int(e)), outgoing: false))
            }
        }
        self.counts = counts
        total = out.count + inc.count
        let order: (Row, Row) -> Bool = { a, b in
            let ia = g.id(a.neighbour), ib = g.id(b.neighbour)
            return ia != ib ? ia.utf8.lexicographicallyPrecedes(ib.utf8) : a.relationship < b.relationship
        }
        let all = out.sorted(by: order) + inc.sorted(by: order)
        let start = min(max(0, query.offset), all.count)
        rows = Array(all[start..<min(all.count, start + max(0, query.limit))])
    }

    /// What a relationship says beyond its ends, for people: the share, the payment, the role or control type.
    public static func detail(_ g: Graph, _ e: Int) -> String {
        switch g.kind(ofRelationship: e) {
        case .owns: return g.share(e).map { $0 == .unknown ? "share unknown" : $0.description } ?? ""
        case .pays:
            return [g.amount(e).map { "\($0)" }, g.currency(e), g.date(e).map(\.description)].compactMap { $0 }.joined(
                separator: " ")
        case .controls: return g.relationship(e).controlType ?? ""
        case .directs: return g.relationship(e).role ?? ""
        case .operates: return ""
        }
    }

    /// The offset of the next page, when there is one.
    public var nextOffset: Int? {
        let end = max(0, query.offset) + rows.count
        return end < total ? end : nil
    }

    public var json: JSONValue {
        [
            "entity": .string(graph.id(entity)),
            "direction": .string(query.direction.rawValue),
            "kinds": .array(RelationshipKind.allCases.filter(query.kinds.contains).map { .string($0.description) }),
            "asOf": .date(query.asOf),
            "total": .number(total), "offset": .number(query.offset), "limit": .number(query.limit),
            "next": nextOffset.map { .number($0) } ?? .null,
            "counts": .object(
                Dictionary(
                    uniqueKeysWithValues: counts.map { k, c in
                        (k.description, ["out": .number(c.out), "in": .number(c.in)] as JSONValue)
                    })),
            "adjacent": .array(
                rows.map { r in
                    [
                        "direction": .string(r.outgoing ? "out" : "in"),
                        "relationship": ReportJSON.relationship(graph, r.relationship),
                        "entity": ReportJSON.entityBrief(graph, r.neighbour),
                    ]
                }),
        ]
    }

    public var csv: String {
        var out = OutputSafety.csvLine(
            [
                "entity", "direction", "kind", "relationship_id", "neighbour", "neighbour_name",
                "neighbour_kind", "share", "start", "end",
            ], spreadsheetSafe: true)
        for r in rows {
            let e = r.relationship
            let share = graph.kind(ofRelationship: e) == .owns ? graph.share(e)?.csv ?? "" : ""
            out += OutputSafety.csvLine(
                [
                    graph.id(entity), r.outgoing ? "out" : "in", graph.kind(ofRelationship: e).description,
                    graph.relationshipID(e) ?? "", graph.id(r.neighbour), graph.name(r.neighbour),
                    graph.kind(r.neighbour).description, share,
                    graph.start(e)?.description ?? "", graph.end(e)?.description ?? "",
                ],
                spreadsheetSafe: true)
        }
        return out
    }

    public var text: String {
        var lines: [String] = []
        let shown = rows.isEmpty ? "none" : "\(query.offset + 1)–\(query.offset + rows.count)"
        lines.append("\(graph.id(entity)): \(total) relationship(s) \(query.direction), showing \(shown)")
        for (k, c) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("  \(k): \(c.out) out, \(c.in) in")
        }
        for r in rows {
            let e = r.relationship
            var s = r.outgoing ? "  → \(graph.kind(ofRelationship: e)) " : "  ← \(graph.kind(ofRelationship: e)) by "
            s += "\(graph.name(r.neighbour)) [\(graph.id(r.neighbour))]"
            let detail = AdjacentReport.detail(graph, e)
            if !detail.isEmpty { s += " " + detail }
            lines.append(s)
        }
        if let next = nextOffset { lines.append("  … \(total - next) more (offset \(next))") }
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
