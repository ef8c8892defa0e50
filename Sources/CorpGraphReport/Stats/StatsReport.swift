import CorpGraph
import CorpGraphIO

/// `corpgraph stats`: counts by kind and jurisdiction, designated entities, ownership cycles and weak components.
public struct StatsReport: Report {
    public var title: String
    public var entities: Int
    public var relationships: Int
    public var entityKinds: [String: Int]
    public var relationshipKinds: [String: Int]
    /// Entities per country (`RU` counts `RU-IRK`); `unknown` when no jurisdiction.
    public var countries: [String: Int]
    /// Entities per jurisdiction code as given (`RU-IRK`, `RU`).
    public var jurisdictions: [String: Int]
    public var designated: Int
    /// Ownership cycles as id lists.
    public var ownershipCycles: [[String]]
    public var components: Int
    public var largestComponent: Int
    /// Country names for the text form (`RU` → `Russian Federation`), from the code registry when there is one.
    public var countryNames: [String: String]

    /// Computes the statistics of `dataset` (one pass over entities and relationships, then cycles and components).
    public init(_ dataset: LoadedDataset, registry: CodeRegistry? = nil) {
        let g = dataset.graph
        title = dataset.title
        entities = g.entityCount
        relationships = g.relationshipCount
        // Tallied by interned index (no hashing per entity), then named.
        var kindCounts = [Int](repeating: 0, count: Int(UInt8.max) + 1)
        var codeCounts = [Int](repeating: 0, count: g.jurisdictionCodes.count + 1)  // last: no jurisdiction
        var designated = 0
        for v in 0..<g.entityCount {
            kindCounts[Int(g.kind(v).rawValue)] += 1
            let j = g.jurisdictionIndex(v)
            codeCounts[j < 0 ? g.jurisdictionCodes.count : j] += 1
            if g.hasDesignations(v) { designated += 1 }
        }
        var entityKinds: [String: Int] = [:], countries: [String: Int] = [:], jurisdictions: [String: Int] = [:]
        for k in EntityKind.allCases where kindCounts[Int(k.rawValue)] > 0 {
            entityKinds[k.description] = kindCounts[Int(k.rawValue)]
        }
        for (j, n) in codeCounts.enumerated() where n > 0 {
            let code = j < g.jurisdictionCodes.count ? g.jurisdictionCodes[j] : nil
            countries[code.map { String(Jurisdiction.country(of: $0)) } ?? "unknown", default: 0] += n
            jurisdictions[code ?? "unknown", default: 0] += n
        }
        var relCounts = [Int](repeating: 0, count: Int(UInt8.max) + 1)
        for e in 0..<g.relationshipCount { relCounts[Int(g.kind(ofRelationship: e).rawValue)] += 1 }
        var relKinds: [String: Int] = [:]
        for k in RelationshipKind.allCases where relCounts[Int(k.rawValue)] > 0 {
            relKinds[k.description] = relCounts[Int(k.rawValue)]
        }
        ownershipCycles = StronglyConnectedComponents.cycles(in: g).map { $0.map { g.id($0) } }
        let weak = StronglyConnectedComponents.weakComponents(of: g)
        var sizes: [Int32: Int] = [:]
        for c in weak.component { sizes[c, default: 0] += 1 }
        components = weak.count
        largestComponent = sizes.values.max() ?? 0
        self.entityKinds = entityKinds
        self.relationshipKinds = relKinds
        self.countries = countries
        self.jurisdictions = jurisdictions
        self.designated = designated
        var names: [String: String] = [:]
        if let registry {
            for k in countries.keys { if let n = registry.name(ofJurisdiction: k) { names[k] = n } }
        }
        countryNames = names
    }

    public var json: JSONValue {
        [
            "entities": .number(entities), "relationships": .number(relationships),
            "entityKinds": .object(entityKinds.mapValues { .number($0) }),
            "relationshipKinds": .object(relationshipKinds.mapValues { .number($0) }),
            "countries": .object(countries.mapValues { .number($0) }),
            "jurisdictions": .object(jurisdictions.mapValues { .number($0) }),
            "designated": .number(designated),
            "ownershipCycles": .array(ownershipCycles.map { .array($0.map { .string($0) }) }),
            "components": .number(components), "largestComponent": .number(largestComponent),
        ]
    }

    public var csv: String {
        var out = OutputSafety.csvLine(["metric", "key", "value"])
        out += OutputSafety.csvLine(["entities", "", String(entities)])
        out += OutputSafety.csvLine(["relationships", "", String(relationships)])
        for (k, n) in entityKinds.sorted(by: { $0.key < $1.key }) {
            out += OutputSafety.csvLine(["entityKind", k, String(n)])
        }
        for (k, n) in relationshipKinds.sorted(by: { $0.key < $1.key }) {
            out += OutputSafety.csvLine(["relationshipKind", k, String(n)])
        }
        for (k, n) in countries.sorted(by: { $0.key < $1.key }) {
            out += OutputSafety.csvLine(["country", k, String(n)])
        }
        for (k, n) in jurisdictions.sorted(by: { $0.key < $1.key }) {
            out += OutputSafety.csvLine(["jurisdiction", k, String(n)])
        }
        out += OutputSafety.csvLine(["designated", "", String(designated)])
        out += OutputSafety.csvLine(["ownershipCycles", "", String(ownershipCycles.count)])
        out += OutputSafety.csvLine(["components", "", String(components)])
        out += OutputSafety.csvLine(["largestComponent", "", String(largestComponent)])
        return out
    }

    public var text: String {
        var lines: [String] = []
        lines.append("\(entities) entities, \(relationships) relationships (\(OutputSafety.terminal(title)))")
        lines.append(
            "entities by kind:       "
                + entityKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append(
            "relationships by kind:  "
                + relationshipKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("entities by country (subdivisions below):")
        let byCount: ((key: String, value: Int), (key: String, value: Int)) -> Bool = {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }
        for (k, n) in countries.sorted(by: byCount) {
            lines.append(OutputSafety.terminal("  \(k) \(countryNames[k].map { "(\($0))" } ?? ""): \(n)"))
            // Subdivisions (RU-IRK …) under their country.
            let subs = jurisdictions.filter { $0.key.hasPrefix(k + "-") }.sorted(by: byCount)
            if !subs.isEmpty {
                lines.append(
                    OutputSafety.terminal("      " + subs.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            }
        }
        lines.append("designated entities:    \(designated)")
        lines.append("ownership cycles:       \(ownershipCycles.count)")
        for c in ownershipCycles.prefix(20) {
            lines.append("  " + c.map { OutputSafety.terminal($0) }.joined(separator: " → "))
        }
        if ownershipCycles.count > 20 { lines.append("  … \(ownershipCycles.count - 20) more") }
        lines.append("weak components:        \(components) (largest \(largestComponent) entities)")
        return lines.joined(separator: "\n") + "\n"
    }
}
