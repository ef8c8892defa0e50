import ArgumentParser
import CorpGraph
import CorpGraphIO
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by kind and jurisdiction, designations, ownership cycles and connected components.")

    @OptionGroup var input: InputOptions
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        var entityKinds: [String: Int] = [:]
        var countries: [String: Int] = [:]
        /// Entities per jurisdiction code as given (`RU-IRK`, `RU`), beside the per-country totals.
        var jurisdictions: [String: Int] = [:]
        var designated = 0
        for v in 0..<g.entityCount {
            entityKinds[g.kind(v).description, default: 0] += 1
            countries[g.jurisdiction(v).map { String(Jurisdiction.country(of: $0)) } ?? "unknown", default: 0] += 1
            jurisdictions[g.jurisdiction(v) ?? "unknown", default: 0] += 1
            if g.hasDesignations(v) { designated += 1 }
        }
        var relKinds: [String: Int] = [:]
        for e in 0..<g.relationshipCount { relKinds[g.kind(ofRelationship: e).description, default: 0] += 1 }
        let cycles = StronglyConnectedComponents.cycles(in: g)
        let weak = StronglyConnectedComponents.weakComponents(of: g)
        var sizes: [Int32: Int] = [:]
        for c in weak.component { sizes[c, default: 0] += 1 }
        let largest = sizes.values.max() ?? 0
        switch format {
        case .json:
            let report: JSONValue = [
                "entities": .number(g.entityCount), "relationships": .number(g.relationshipCount),
                "entityKinds": .object(entityKinds.mapValues { .number($0) }),
                "relationshipKinds": .object(relKinds.mapValues { .number($0) }),
                "countries": .object(countries.mapValues { .number($0) }),
                "jurisdictions": .object(jurisdictions.mapValues { .number($0) }),
                "designated": .number(designated),
                "ownershipCycles": .array(cycles.map { .array($0.map { .string(g.id($0)) }) }),
                "components": .number(weak.count), "largestComponent": .number(largest),
            ]
            print(report.encoded())
        case .csv:
            var out = OutputSafety.csvLine(["metric", "key", "value"])
            out += OutputSafety.csvLine(["entities", "", String(g.entityCount)])
            out += OutputSafety.csvLine(["relationships", "", String(g.relationshipCount)])
            for (k, n) in entityKinds.sorted(by: { $0.key < $1.key }) { out += OutputSafety.csvLine(["entityKind", k, String(n)]) }
            for (k, n) in relKinds.sorted(by: { $0.key < $1.key }) { out += OutputSafety.csvLine(["relationshipKind", k, String(n)]) }
            for (k, n) in countries.sorted(by: { $0.key < $1.key }) { out += OutputSafety.csvLine(["country", k, String(n)]) }
            for (k, n) in jurisdictions.sorted(by: { $0.key < $1.key }) { out += OutputSafety.csvLine(["jurisdiction", k, String(n)]) }
            out += OutputSafety.csvLine(["designated", "", String(designated)])
            out += OutputSafety.csvLine(["ownershipCycles", "", String(cycles.count)])
            out += OutputSafety.csvLine(["components", "", String(weak.count)])
            out += OutputSafety.csvLine(["largestComponent", "", String(largest)])
            print(out, terminator: "")
        case .text:
            let registry = try? ISOCodes.shared()
            print("\(g.entityCount) entities, \(g.relationshipCount) relationships (\(OutputSafety.terminal(dataset.title)))")
            print("entities by kind:       " + entityKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            print("relationships by kind:  " + relKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            print("entities by country (subdivisions below):")
            let byCount: ((key: String, value: Int), (key: String, value: Int)) -> Bool = {
                $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
            }
            for (k, n) in countries.sorted(by: byCount) {
                print(OutputSafety.terminal("  \(k) \(registry?.name(ofJurisdiction: k).map { "(\($0))" } ?? ""): \(n)"))
                // Subdivisions (RU-IRK …) under their country.
                let subs = jurisdictions.filter { $0.key.hasPrefix(k + "-") }.sorted(by: byCount)
                if !subs.isEmpty {
                    print(OutputSafety.terminal("      " + subs.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
                }
            }
            print("designated entities:    \(designated)")
            print("ownership cycles:       \(cycles.count)")
            for c in cycles.prefix(20) { print("  " + c.map { OutputSafety.terminal(g.id($0)) }.joined(separator: " → ")) }
            if cycles.count > 20 { print("  … \(cycles.count - 20) more") }
            print("weak components:        \(weak.count) (largest \(largest) entities)")
        }
    }
}
