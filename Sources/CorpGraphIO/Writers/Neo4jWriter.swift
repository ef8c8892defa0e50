import CorpGraph
import Foundation

/// Writes a graph for `neo4j-admin database import full` (Neo4j 5.x): `nodes.csv` and `relationships.csv` with typed
/// headers (docs/FORMATS-IMPORT.md §6, checked against the operations manual's header-format page):
/// - one ID space (`id:ID`, `:START_ID`, `:END_ID`), labels `Entity;<Kind>` in `:LABEL`, types in `:TYPE`;
/// - typed columns: `share:double` (exact shares), `shareLow:double`/`shareHigh:double` (bounds), `start:date`,
///   `end:date`, `date:date`, `amount:double`, booleans always written as `true` or `false`;
/// - arrays `tags:string[]`, `designations:string[]`, `aliases:string[]` split on `;` (a `;` inside a value is
///   written as `,`);
/// - designation dates as arrays parallel to `designations` (element k belongs to designation k):
///   `designationListed:string[]`, `designationDelisted:string[]`, `designationFirstSeen:string[]`, ISO dates with `-`
///   for "none" (strings, so that ISO order compares them and `-` sorts before every date);
/// - a line break inside a value is written as the two characters `\n` (`\r` likewise), so no field spans lines
///   and `--multiline-fields` (slow) is never needed.
/// Also `import.sh` (the 5.x command), `constraints.cypher` (run once after the import) and `queries.cypher` (the
/// exposure query with as-of filtering).
public enum Neo4jWriter {
    public static let nodeHeader = [
        "id:ID", ":LABEL", "name", "kind", "jurisdiction", "country", "aliases:string[]",
        "tags:string[]", "designations:string[]", "designated:boolean",
        "designationListed:string[]", "designationDelisted:string[]",
        "designationFirstSeen:string[]",
    ]
    public static let relationshipHeader = [
        ":START_ID", ":END_ID", ":TYPE", "id", "share:double", "shareLow:double",
        "shareHigh:double", "shareExact:boolean", "shareText", "basis", "controlType",
        "role", "amount:double", "currency", "date:date", "start:date", "end:date",
    ]

    static let labels: [EntityKind: String] = [
        .company: "Company", .person: "Person", .exchange: "Exchange", .site: "Site", .organization: "Organization",
        .account: "Account",
    ]

    /// The files, by name.
    public static func files(_ graph: Graph, policy: Policy) -> [(name: String, contents: String)] {
        var nodes = OutputSafety.csvLine(nodeHeader)
        for v in 0..<graph.entityCount {
            let j = graph.jurisdiction(v)
            let ds = graph.designations(v)
            nodes += line([
                graph.id(v), "Entity;" + (labels[graph.kind(v)] ?? "Entity"), graph.name(v), graph.kind(v).description,
                j ?? "", j.map { String(Jurisdiction.country(of: $0)) } ?? "", arrayCell(graph.entity(v).aliases),
                arrayCell(graph.tags(v)), arrayCell(ds.map(\.list)), ds.isEmpty ? "false" : "true",
                dateArray(ds.map(\.listed)), dateArray(ds.map(\.delisted)), dateArray(ds.map(\.firstSeen)),
            ])
        }
        var rels = OutputSafety.csvLine(relationshipHeader)
        for e in 0..<graph.relationshipCount {
            let r = graph.relationship(e)
            var share = "", low = "", high = "", text = ""
            var exact = false
            if r.kind == .owns, let s = r.share {
                text = r.shareText ?? s.description
                if s != .unknown { low = s.lowerBound.description; high = s.upperBound.description }
                if let x = s.exactValue { share = x.description; exact = true }
            }
            rels += line([
                r.source, r.target, r.kind.description.uppercased(), r.id ?? "", share, low, high,
                exact ? "true" : "false",
                text, r.basis ?? "", r.controlType ?? "", r.role ?? "", r.amount.map { "\($0)" } ?? "",
                r.currency ?? "",
                r.date?.description ?? "", r.start?.description ?? "", r.end?.description ?? "",
            ])
        }
        return [
            ("nodes.csv", nodes), ("relationships.csv", rels), ("import.sh", importScript),
            ("constraints.cypher", constraints), ("queries.cypher", queries(policy)),
        ]
    }

    /// Writes the files into `directory` (created if needed), each atomically; `import.sh` is made executable.
    public static func write(_ graph: Graph, policy: Policy, to directory: String, protecting inputs: [String] = [])
        throws
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, contents) in files(graph, policy: policy) {
            let path = (directory as NSString).appendingPathComponent(name)
            try OutputSafety.write(Data(contents.utf8), to: path, protecting: inputs)
            if name.hasSuffix(".sh") {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        }
    }

    /// One CSV row, line breaks inside values escaped.
    static func line(_ cells: [String]) -> String { OutputSafety.csvLine(cells.map(escapeLineBreaks)) }

    /// `a\nb` → `a\\nb`: no field of the import files spans lines.
    static func escapeLineBreaks(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return s }
        return s.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Dates parallel to the designations, `-` for none; empty when there is no designation.
    static func dateArray(_ dates: [CalendarDate?]) -> String {
        dates.map { $0?.description ?? "-" }.joined(separator: ";")
    }

    /// A `;`-separated array cell; `;` inside a value would split it, so it becomes `,`.
    static func arrayCell(_ values: [String]) -> String {
        values.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";")
    }
}
