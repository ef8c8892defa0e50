import CorpGraph
import Foundation

/// Writes a graph as a native JSON dataset (`{policy, entities, relationships}`), with exactly the field names the
/// native reader takes (docs/FORMATS.md): loading the output gives the same graph back. Keys are sorted and
/// entities and relationships keep graph order, so the output is deterministic.
public enum NativeWriter {
    public static func write(_ graph: Graph, policy: Policy? = nil) -> String {
        // The text of `{"entities": […], "policy": …, "relationships": […]}` encoded pretty with sorted keys, written
        // a record at a time: no value tree of the whole graph is built.
        var out = "{"
        func key(_ k: String, first: Bool = false) {
            out += first ? "\n  " : ",\n  "
            JSONValue.quote(k, into: &out)
            out += ": "
        }
        key("entities", first: true)
        JSONValue.writeArray(count: graph.entityCount, into: &out, indent: 1) { entityValue(graph.entity($0)) }
        if let policy {
            key("policy")
            policyValue(policy).write(into: &out, indent: 1)
        }
        key("relationships")
        JSONValue.writeArray(count: graph.relationshipCount, into: &out, indent: 1) {
            relationshipValue(graph.relationship($0))
        }
        out += "\n}\n"
        return out
    }

    static func policyValue(_ p: Policy) -> JSONValue {
        var o: [String: JSONValue] = ["jurisdictions": .array(p.jurisdictions.map { .string($0) })]
        if let lists = p.lists { o["lists"] = .array(lists.map { .string($0) }) }
        if let r = p.regime { o["regime"] = .string(r) }
        return .object(o)
    }

    static func sourcesValue(_ s: [SourceRef]) -> JSONValue {
        .array(
            s.map { src in
                var o: [String: JSONValue] = [:]
                if let t = src.title { o["title"] = .string(t) }
                if let u = src.url { o["url"] = .string(u) }
                if let r = src.retrieved { o["retrieved"] = .string(r.description) }
                if let q = src.quote { o["quote"] = .string(q) }
                return .object(o)
            })
    }

    static func map(_ m: [String: String]) -> JSONValue { .object(m.mapValues { .string($0) }) }

    static func entityValue(_ e: Entity) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(e.id), "kind": .string(e.kind.description), "name": .string(e.name),
        ]
        if !e.aliases.isEmpty { o["aliases"] = .array(e.aliases.map { .string($0) }) }
        if let j = e.jurisdiction { o["jurisdiction"] = .string(j) }
        if !e.identifiers.isEmpty { o["identifiers"] = map(e.identifiers) }
        if !e.tags.isEmpty { o["tags"] = .array(e.tags.map { .string($0) }) }
        if !e.designations.isEmpty {
            o["designations"] = .array(
                e.designations.map { d in
                    var x: [String: JSONValue] = ["list": .string(d.list)]
                    if let p = d.program { x["program"] = .string(p) }
                    if let l = d.listed { x["listed"] = .string(l.description) }
                    if let l = d.delisted { x["delisted"] = .string(l.description) }
                    if let f = d.firstSeen { x["firstSeen"] = .string(f.description) }
                    return .object(x)
                })
        }
        if !e.sources.isEmpty { o["sources"] = sourcesValue(e.sources) }
        if !e.attributes.isEmpty { o["attributes"] = map(e.attributes) }
        return .object(o)
    }

    /// The one share encoding of every JSON output (``Share/json``).
    static func shareValue(_ s: Share) -> JSONValue { s.json }

    static func relationshipValue(_ r: Relationship) -> JSONValue {
        var o: [String: JSONValue] = [
            "kind": .string(r.kind.description), "source": .string(r.source), "target": .string(r.target),
        ]
        if let id = r.id { o["id"] = .string(id) }
        if r.kind == .owns, let s = r.share { o["share"] = shareValue(s) }
        if let t = r.shareText { o["shareText"] = .string(t) }
        if let b = r.basis { o["basis"] = .string(b) }
        if let c = r.controlType { o["controlType"] = .string(c) }
        if let x = r.role { o["role"] = .string(x) }
        if let a = r.amount { o["amount"] = .number(a) }
        if let c = r.currency { o["currency"] = .string(c) }
        if let d = r.date { o["date"] = .string(d.description) }
        if let d = r.start { o["start"] = .string(d.description) }
        if let d = r.end { o["end"] = .string(d.description) }
        if !r.sources.isEmpty { o["sources"] = sourcesValue(r.sources) }
        if let c = r.confidence { o["confidence"] = .string(c) }
        if !r.attributes.isEmpty { o["attributes"] = map(r.attributes) }
        return .object(o)
    }
}
