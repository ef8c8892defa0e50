import CorpGraph
import CorpGraphIO

extension ReportJSON {
    /// A relationship's facts (absent ones left out): id, kind, source, target, share, dates, payment, sources.
    public static func relationship(_ g: Graph, _ e: Int) -> JSONValue {
        let r = g.relationship(e)
        var o: [String: JSONValue] = [
            "id": .string(r.id), "kind": .string(r.kind.description),
            "source": .string(r.source), "target": .string(r.target),
            "sources": .array(r.sources.map(\.json)),
        ]
        if r.kind == .owns, let s = r.share { o["share"] = share(s) }
        if let t = r.shareText { o["shareText"] = .string(t) }
        if let b = r.basis { o["basis"] = .string(b) }
        if let c = r.controlType { o["controlType"] = .string(c) }
        if let role = r.role { o["role"] = .string(role) }
        if let a = r.amount { o["amount"] = .number(a) }
        if let c = r.currency { o["currency"] = .string(c) }
        if let d = r.date { o["date"] = .string(d.description) }
        if let s = r.start { o["start"] = .string(s.description) }
        if let e = r.end { o["end"] = .string(e.description) }
        if let c = r.confidence { o["confidence"] = .string(c) }
        return .object(o)
    }

    /// An entity in brief: id, name, kind, jurisdiction, whether it has designations.
    public static func entityBrief(_ g: Graph, _ v: Int) -> JSONValue {
        [
            "id": .string(g.id(v)), "name": .string(g.name(v)), "kind": .string(g.kind(v).description),
            "jurisdiction": .string(g.jurisdiction(v)), "designated": .bool(g.hasDesignations(v)),
        ]
    }
}
