import CorpGraph
import Foundation

/// Writes a graph as GraphML with typed keys (`attr.type` string, double, boolean), loadable in Gephi (node
/// labels from `label`) and yEd (map `label` with Edit › Properties Mapper). Node ids are the entity ids;
/// numbers are exact decimals; order follows the graph, so output is deterministic.
public enum GraphMLWriter {
    struct Key { var id: String; var domain: String; var name: String; var type: String }

    static let nodeKeys = [
        Key(id: "label", domain: "node", name: "label", type: "string"),
        Key(id: "kind", domain: "node", name: "kind", type: "string"),
        Key(id: "jurisdiction", domain: "node", name: "jurisdiction", type: "string"),
        Key(id: "tags", domain: "node", name: "tags", type: "string"),
        Key(id: "designations", domain: "node", name: "designations", type: "string"),
        Key(id: "designated", domain: "node", name: "designated", type: "boolean"),
        // Parallel to `designations` (`;`-separated, ISO dates, `-` for none), as in the Neo4j export.
        Key(id: "designationListed", domain: "node", name: "designationListed", type: "string"),
        Key(id: "designationDelisted", domain: "node", name: "designationDelisted", type: "string"),
        Key(id: "designationFirstSeen", domain: "node", name: "designationFirstSeen", type: "string"),
    ]
    static let edgeKeys = [
        Key(id: "e_kind", domain: "edge", name: "kind", type: "string"),
        Key(id: "e_id", domain: "edge", name: "relationshipId", type: "string"),
        Key(id: "e_share", domain: "edge", name: "share", type: "string"),
        Key(id: "e_shareLow", domain: "edge", name: "shareLow", type: "double"),
        Key(id: "e_shareHigh", domain: "edge", name: "shareHigh", type: "double"),
        Key(id: "e_shareExact", domain: "edge", name: "shareExact", type: "boolean"),
        Key(id: "e_controlType", domain: "edge", name: "controlType", type: "string"),
        Key(id: "e_role", domain: "edge", name: "role", type: "string"),
        Key(id: "e_basis", domain: "edge", name: "basis", type: "string"),
        Key(id: "e_amount", domain: "edge", name: "amount", type: "double"),
        Key(id: "e_currency", domain: "edge", name: "currency", type: "string"),
        Key(id: "e_date", domain: "edge", name: "date", type: "string"),
        Key(id: "e_start", domain: "edge", name: "start", type: "string"),
        Key(id: "e_end", domain: "edge", name: "end", type: "string"),
    ]

    public static func write(_ graph: Graph) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for k in nodeKeys + edgeKeys {
            out += "  <key id=\"\(k.id)\" for=\"\(k.domain)\" attr.name=\"\(k.name)\" attr.type=\"\(k.type)\"/>\n"
        }
        out += "  <graph id=\"corpgraph\" edgedefault=\"directed\">\n"
        for v in 0..<graph.entityCount {
            out += "    <node id=\"\(escape(graph.id(v)))\">"
            data(&out, "label", graph.name(v))
            data(&out, "kind", graph.kind(v).description)
            data(&out, "jurisdiction", graph.jurisdiction(v))
            let tags = graph.tags(v)
            if !tags.isEmpty { data(&out, "tags", tags.joined(separator: ";")) }
            let ds = graph.designations(v)
            if !ds.isEmpty { data(&out, "designations", ds.map(\.list).joined(separator: ";")) }
            data(&out, "designated", ds.isEmpty ? "false" : "true")
            if !ds.isEmpty {
                data(&out, "designationListed", Neo4jWriter.dateArray(ds.map(\.listed)))
                data(&out, "designationDelisted", Neo4jWriter.dateArray(ds.map(\.delisted)))
                data(&out, "designationFirstSeen", Neo4jWriter.dateArray(ds.map(\.firstSeen)))
            }
            out += "</node>\n"
        }
        for e in 0..<graph.relationshipCount {
            let r = graph.relationship(e)
            out += "    <edge id=\"e\(e)\" source=\"\(escape(r.source))\" target=\"\(escape(r.target))\">"
            data(&out, "e_kind", r.kind.description)
            data(&out, "e_id", r.id)
            if r.kind == .owns, let s = r.share {
                data(&out, "e_share", s.description)
                if s != .unknown {
                    data(&out, "e_shareLow", s.lowerBound.description)
                    data(&out, "e_shareHigh", s.upperBound.description)
                }
                data(&out, "e_shareExact", s.exactValue == nil ? "false" : "true")
            }
            data(&out, "e_controlType", r.controlType)
            data(&out, "e_role", r.role)
            data(&out, "e_basis", r.basis)
            data(&out, "e_amount", r.amount.map { "\($0)" })
            data(&out, "e_currency", r.currency)
            data(&out, "e_date", r.date?.description)
            data(&out, "e_start", r.start?.description)
            data(&out, "e_end", r.end?.description)
            out += "</edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    static func data(_ out: inout String, _ key: String, _ value: String?) {
        guard let value else { return }
        out += "<data key=\"\(key)\">\(escape(value))</data>"
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids (C0 controls but tab/LF/CR) become U+FFFD.
    static func escape(_ s: String) -> String {
        MarkupEscaping.escaped(s, apostrophe: "&apos;") { u in
            switch u {
            case "\n": "&#10;"
            case "\r": "&#13;"
            case "\t": "&#9;"
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: "\u{FFFD}"
            default: nil
            }
        }
    }
}
