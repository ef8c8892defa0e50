import CorpGraph
import Foundation

/// Writes a graph for `neo4j-admin database import full`: `nodes.csv` and `relationships.csv` with typed headers
/// (`id:ID`, `:LABEL`, `share:double`, `start:date`, arrays `;`-separated), plus `queries.cypher` with the
/// import command and the exposure query for this schema (docs/FORMATS-IMPORT.md §6).
public enum Neo4jWriter {
    public static let nodeHeader = ["id:ID", ":LABEL", "name", "kind", "jurisdiction", "country", "tags:string[]",
                                    "designations:string[]", "designated:boolean"]
    public static let relationshipHeader = [":START_ID", ":END_ID", ":TYPE", "id", "share", "shareLow:double",
                                            "shareHigh:double", "shareExact:boolean", "basis", "controlType", "role",
                                            "amount:double", "currency", "date:date", "start:date", "end:date"]

    static let labels: [EntityKind: String] = [
        .company: "Company", .person: "Person", .exchange: "Exchange", .site: "Site", .organization: "Organization",
        .account: "Account",
    ]

    /// The three files, by name.
    public static func files(_ graph: Graph, policy: Policy) -> [(name: String, contents: String)] {
        var nodes = OutputSafety.csvLine(nodeHeader)
        for v in 0..<graph.entityCount {
            let j = graph.jurisdiction(v)
            let ds = graph.designations(v)
            nodes += OutputSafety.csvLine([
                graph.id(v), "Entity;" + (labels[graph.kind(v)] ?? "Entity"), graph.name(v), graph.kind(v).description,
                j ?? "", j.map { String(Jurisdiction.country(of: $0)) } ?? "", arrayCell(graph.tags(v)), arrayCell(ds.map(\.list)),
                ds.isEmpty ? "false" : "true",
            ])
        }
        var rels = OutputSafety.csvLine(relationshipHeader)
        for e in 0..<graph.relationshipCount {
            let r = graph.relationship(e)
            var share = "", low = "", high = "", exact = ""
            if r.kind == .owns, let s = r.share {
                share = s.description
                if s != .unknown { low = s.lowerBound.description; high = s.upperBound.description }
                exact = s.exactValue == nil ? "false" : "true"
            }
            rels += OutputSafety.csvLine([
                r.source, r.target, r.kind.description.uppercased(), r.id ?? "", share, low, high, exact, r.basis ?? "",
                r.controlType ?? "", r.role ?? "", r.amount.map { "\($0)" } ?? "", r.currency ?? "",
                r.date?.description ?? "", r.start?.description ?? "", r.end?.description ?? "",
            ])
        }
        return [("nodes.csv", nodes), ("relationships.csv", rels), ("queries.cypher", queries(policy))]
    }

    /// Writes the files into `directory` (created if needed), each atomically.
    public static func write(_ graph: Graph, policy: Policy, to directory: String, protecting inputs: [String] = []) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, contents) in files(graph, policy: policy) {
            try OutputSafety.write(Data(contents.utf8), to: (directory as NSString).appendingPathComponent(name), protecting: inputs)
        }
    }

    /// A `;`-separated array cell; `;` inside a value would split it, so it becomes `,`.
    static func arrayCell(_ values: [String]) -> String {
        values.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";")
    }

    static func queries(_ policy: Policy) -> String {
        let jurisdictions = policy.jurisdictions.map { "'\($0)'" }.joined(separator: ", ")
        let lists = policy.lists.map { "[" + $0.map { "'\($0)'" }.joined(separator: ", ") + "]" } ?? "null"
        return """
        // corpgraph export for Neo4j 5. Bulk import (database must be new or stopped):
        //   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
        //     --array-delimiter=";" --overwrite-destination neo4j
        // Node label :Entity plus one of :Company :Person :Exchange :Site :Organization :Account.
        // Relationship types OWNS CONTROLS DIRECTS OPERATES PAYS, holder or payer first (as in corpgraph).

        CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
        CREATE INDEX entity_country IF NOT EXISTS FOR (e:Entity) ON (e.country);

        // Policy of the exported dataset (edit to taste).
        :param jurisdictions => [\(jurisdictions)];
        :param lists => \(lists);
        :param subject => 'SUBJECT-ID';
        :param asOf => date();

        // Exposure paths (corpgraph exposure --direction down --max-depth 6): simple paths from the subject along
        // relationships valid on $asOf, ending at the first target (designated on a counted list, or in a
        // sanctioned jurisdiction; a country covers its subdivisions), with no target strictly inside.
        // Fewest hops first. Payments count when dated on or before $asOf.
        MATCH p = (s:Entity {id: $subject})-[:OWNS|CONTROLS|DIRECTS|OPERATES|PAYS*1..6]->(t:Entity)
        WITH p, t, [n IN nodes(p) | n.designated = true
                     AND ($lists IS NULL OR any(l IN n.designations WHERE l IN $lists))
                     OR n.country IN $jurisdictions OR n.jurisdiction IN $jurisdictions] AS hit
        WHERE last(hit) AND NOT any(x IN hit[1..-1] WHERE x)
          AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
          AND all(r IN relationships(p) WHERE (r.start IS NULL OR r.start <= $asOf)
                                          AND (r.end IS NULL OR r.end >= $asOf)
                                          AND (r.date IS NULL OR r.date <= $asOf))
        RETURN t.id AS target, [n IN nodes(p) | n.id] AS path, [r IN relationships(p) | type(r)] AS kinds,
               length(p) AS hops,
               reduce(s = 1.0, r IN relationships(p) | CASE WHEN type(r) = 'OWNS' AND r.shareLow IS NOT NULL
                                                            THEN s * r.shareLow / 100 ELSE s END) AS strength
        ORDER BY hops, strength DESC, target
        LIMIT 1000;

        // With APOC installed, the simple-path test can read: AND size(apoc.coll.toSet(nodes(p))) = size(nodes(p))

        """
    }
}
