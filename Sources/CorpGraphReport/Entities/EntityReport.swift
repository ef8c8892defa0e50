import CorpGraph
import CorpGraphIO

/// One entity's facts: kind, name, aliases, jurisdiction, identifiers, tags, designations with dates (and whether
/// each is in force on the as-of date), sources, and how many relationships of each kind it has each way.
public struct EntityReport: Report {
    public var entity: Entity
    public var jurisdictionName: String?
    public var asOf: CalendarDate
    /// Relationship kind → (outgoing, incoming) counts, every date.
    public var counts: [RelationshipKind: (out: Int, in: Int)]
    public var location: SourceLocation

    public init(_ g: Graph, entity v: Int, asOf: CalendarDate, registry: CodeRegistry? = nil) {
        entity = g.entity(v)
        jurisdictionName = g.jurisdiction(v).flatMap { registry?.name(ofJurisdiction: $0) }
        self.asOf = asOf
        location = g.location(ofEntity: v)
        var counts: [RelationshipKind: (out: Int, in: Int)] = [:]
        for e in g.outRelationships(v) { counts[g.kind(ofRelationship: Int(e)), default: (0, 0)].out += 1 }
        for e in g.inRelationships(v) { counts[g.kind(ofRelationship: Int(e)), default: (0, 0)].in += 1 }
        self.counts = counts
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(entity.id), "kind": .string(entity.kind.description), "name": .string(entity.name),
            "aliases": .array(entity.aliases.map { .string($0) }),
            "jurisdiction": .string(entity.jurisdiction),
            "identifiers": .object(entity.identifiers.mapValues { .string($0) }),
            "tags": .array(entity.tags.map { .string($0) }),
            "designations": .array(
                entity.designations.map { d in
                    guard case .object(var x) = ReportJSON.designation(d) else { return .null }
                    x["inForce"] = .bool(d.isInForce(on: asOf))
                    return .object(x)
                }),
            "sources": .array(entity.sources.map(\.json)),
            "asOf": .string(asOf.description),
            "relationships": .object(
                Dictionary(
                    uniqueKeysWithValues: counts.map { k, c in
                        (k.description, ["out": .number(c.out), "in": .number(c.in)] as JSONValue)
                    })),
            "file": .string(location.file), "line": location.line.map { .number($0) } ?? .null,
        ]
        if let jurisdictionName { o["jurisdictionName"] = .string(jurisdictionName) }
        if !entity.attributes.isEmpty { o["attributes"] = .object(entity.attributes.mapValues { .string($0) }) }
        return .object(o)
    }

    /// One row per fact: `field,key,value`.
    public var csv: String {
        var out = OutputSafety.csvLine(["field", "key", "value"], spreadsheetSafe: true)
        func row(_ f: String, _ k: String, _ v: String) {
            out += OutputSafety.csvLine([f, k, v], spreadsheetSafe: true)
        }
        row("id", "", entity.id)
        row("kind", "", entity.kind.description)
        row("name", "", entity.name)
        for a in entity.aliases { row("alias", "", a) }
        row("jurisdiction", "", entity.jurisdiction ?? "")
        for (k, v) in entity.identifiers.sorted(by: { $0.key < $1.key }) { row("identifier", k, v) }
        for t in entity.tags { row("tag", "", t) }
        for d in entity.designations {
            row(
                "designation", d.list,
                [
                    d.program ?? "", d.listed?.description ?? "", d.delisted?.description ?? "",
                    d.isInForce(on: asOf) ? "in force" : "not in force",
                ].joined(separator: ";"))
        }
        for s in entity.sources { row("source", s.title ?? "", s.url ?? "") }
        for (k, c) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            row("relationships", k.description, "out \(c.out); in \(c.in)")
        }
        return out
    }

    public var text: String {
        var lines: [String] = []
        lines.append(
            "\(entity.name) [\(entity.id)], \(entity.kind)"
                + (entity.jurisdiction.map { ", \($0)" + (jurisdictionName.map { " (\($0))" } ?? "") } ?? ""))
        if !entity.aliases.isEmpty { lines.append("aliases: " + entity.aliases.joined(separator: "; ")) }
        for (k, v) in entity.identifiers.sorted(by: { $0.key < $1.key }) { lines.append("identifier \(k): \(v)") }
        if !entity.tags.isEmpty { lines.append("tags: " + entity.tags.joined(separator: ", ")) }
        if entity.designations.isEmpty { lines.append("designations: none") }
        for d in entity.designations {
            var s = "designation \(d.list)"
            if let p = d.program { s += " (\(p))" }
            if let l = d.listed { s += ", listed \(l)" }
            if let x = d.delisted { s += ", delisted \(x)" }
            s += d.isInForce(on: asOf) ? ": in force on \(asOf)" : ": not in force on \(asOf)"
            lines.append(s)
        }
        for s in entity.sources {
            lines.append(
                "source: "
                    + [s.title, s.url, s.retrieved.map { "retrieved \($0)" }].compactMap { $0 }.joined(separator: ", "))
        }
        for (k, c) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("\(k) relationships: \(c.out) out, \(c.in) in")
        }
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
