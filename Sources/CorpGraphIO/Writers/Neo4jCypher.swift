import CorpGraph
import Foundation

extension Neo4jWriter {
    /// The Neo4j 5.x bulk import of the two files (the database must be new or stopped).
    static let importScript = """
        #!/bin/sh
        # corpgraph export for Neo4j 5.x: bulk import into a new (or stopped) database, then run constraints.cypher.
        #   ./import.sh [DATABASE]        (default: neo4j; NEO4J_HOME/bin must be on PATH, or set NEO4J_ADMIN)
        set -eu
        cd "$(dirname "$0")"
        "${NEO4J_ADMIN:-neo4j-admin}" database import full \\
          --nodes=nodes.csv --relationships=relationships.csv \\
          --array-delimiter=";" --id-type=string --overwrite-destination "${1:-neo4j}"

        """

    /// Uniqueness of entity ids and the indexes the exposure query uses (run after the import, once).
    static let constraints = """
        // corpgraph export for Neo4j 5.x: run once after import.sh (cypher-shell -f constraints.cypher).
        CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
        CREATE INDEX entity_country IF NOT EXISTS FOR (e:Entity) ON (e.country);
        CREATE INDEX entity_designated IF NOT EXISTS FOR (e:Entity) ON (e.designated);

        """

    static func queries(_ policy: Policy) -> String {
        let jurisdictions = policy.jurisdictions.map { "'\($0)'" }.joined(separator: ", ")
        let lists = policy.lists.map { "[" + $0.map { "'\($0)'" }.joined(separator: ", ") + "]" } ?? "null"
        return """
            // corpgraph export for Neo4j 5.x (after import.sh and constraints.cypher), in cypher-shell or the browser.
            // Node label :Entity plus one of :Company :Person :Exchange :Site :Organization :Account.
            // Relationship types OWNS CONTROLS DIRECTS OPERATES PAYS, holder or payer first (as in corpgraph).

            // Policy of the exported dataset (edit to taste).
            :param jurisdictions => [\(jurisdictions)];
            :param lists => \(lists);
            :param subject => 'SUBJECT-ID';
            :param asOf => date();

            // Exposure paths (corpgraph exposure --direction down --max-depth 6): simple paths from the subject along
            // relationships valid on $asOf, ending at the first target (designated on a counted list on $asOf, or in a
            // sanctioned jurisdiction; a country covers its subdivisions), with no target strictly inside.
            // A designation counts on $asOf when listed on or before it (or undated) and not delisted on or before it;
            // an undated one first seen after $asOf does not count (corpgraph: undetermined). Dates are ISO strings,
            // '-' for none (designationListed/Delisted/FirstSeen run parallel to designations).
            // Fewest hops first. Payments count when dated on or before $asOf.
            MATCH p = (s:Entity {id: $subject})-[:OWNS|CONTROLS|DIRECTS|OPERATES|PAYS*1..6]->(t:Entity)
            WITH p, t, toString($asOf) AS day
            WITH p, t, [n IN nodes(p) | any(k IN range(0, size(coalesce(n.designations, [])) - 1)
                           WHERE ($lists IS NULL OR n.designations[k] IN $lists)
                             AND n.designationListed[k] <= day
                             AND (n.designationDelisted[k] = '-' OR n.designationDelisted[k] > day)
                             AND NOT (n.designationListed[k] = '-' AND n.designationFirstSeen[k] <> '-'
                                      AND n.designationFirstSeen[k] > day))
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
