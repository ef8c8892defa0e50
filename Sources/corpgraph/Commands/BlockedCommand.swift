import ArgumentParser
import CorpGraph
import CorpGraphIO
import Foundation

struct BlockedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocked",
        abstract: "Entities blocked under a sanctions regime's ownership and control rules (OFAC 50 % rule, EU, UK).",
        discussion: """
            Lists every entity that is not plainly clear: listed (designated on a counted list, in force on the as-of \
            date), blocked (owned or controlled per the regime) or undetermined (share ranges or unknown shares allow \
            both answers). --explain ID prints the derivation of one entity, also when it is not blocked.
            The rules are documented in docs/SANCTIONS.md. This tool supports analysts; it is not legal advice.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Regime: ofac, eu, uk, or one the policy defines (default: the policy's regime, else ofac).")
    var regime: String?

    @Option(help: "Comma-separated designation lists that count (default: the regime's, else the policy's, else all).")
    var lists: String?

    @Option(help: "Explain the status of this entity id: owners, shares, sum, threshold, recursively.")
    var explain: String?

    @Option(help: "Output format.") var format: OutputFormat = .text

    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if explain != nil && format == .csv {
            throw ValidationError("--explain prints a derivation, as text or JSON; use --format text or --format json with it.")
        }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        let date = try asOf.date
        let name = regime ?? dataset.policy.regime ?? "ofac"
        let countedLists = lists.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let analysis: SanctionsAnalysis
        do {
            analysis = try SanctionsAnalysis(graph: g, regimeNamed: name, policy: dataset.policy, asOf: date, lists: countedLists)
        } catch let e as SanctionsAnalysis.UnknownRegime {
            throw ValidationError(e.description)
        } catch {
            throw InputError("\(error)")
        }
        var explained: SanctionsExplanation?
        if let id = explain {
            guard let v = g.index(of: id) else {
                throw ValidationError("Unknown entity id '\(id)' for --explain" + Suggestions.hint(g.suggestions(for: id)))
            }
            explained = analysis.explain(v)
        }
        let entries = analysis.entries
        let text: String
        switch format {
        case .json: text = BlockedReport.json(analysis, entries: entries, explanation: explained).encoded() + "\n"
        case .csv: text = BlockedReport.csv(entries)
        case .text: text = BlockedReport.text(analysis, entries: entries, explanation: explained, entityCount: g.entityCount)
        }
        try writeOutput(text, to: output, inputs: input.protectedPaths)
    }
}

/// Rendering of `blocked` results.
enum BlockedReport {
    static let disclaimer = "corpgraph supports analysts; it is not legal advice. Check the rule text and the facts."

    static func interval(_ p: PercentInterval?) -> JSONValue {
        guard let p else { return .null }
        if p.isExact { return .number(p.lower) }
        return ["min": .number(p.lower), "max": .number(p.upper),
                "minExclusive": .bool(p.lowerExclusive), "maxExclusive": .bool(p.upperExclusive)]
    }

    static func json(_ a: SanctionsAnalysis, entries: [SanctionsEntry], explanation: SanctionsExplanation?) -> JSONValue {
        var obj: [String: JSONValue] = [
            "regime": .string(a.regime.name),
            "asOf": .string(a.asOf.description),
            "rule": .string(a.ruleText),
            "citation": .string(a.regime.citation),
            "threshold": .number(a.test.threshold),
            "inclusive": .bool(a.test.inclusive),
            "lists": a.countedLists.map { .array($0.map { .string($0) }) } ?? .null,
            "entities": .array(entries.map(entry)),
            "disclaimer": .string(disclaimer),
        ]
        if let explanation { obj["explanation"] = json(explanation, top: true) }
        return .object(obj)
    }

    static func entry(_ e: SanctionsEntry) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(e.id), "name": .string(e.name), "kind": .string(e.kind.description),
            "status": .string(e.status.rawValue), "basis": .string(e.basis?.rawValue),
        ]
        if !e.lists.isEmpty { o["lists"] = .array(e.lists.map { .string($0) }) }
        if let own = e.ownership { o["ownershipPercent"] = interval(own) }
        if !e.owners.isEmpty { o["owners"] = .array(e.owners.map { .string($0) }) }
        if !e.controllers.isEmpty { o["controllers"] = .array(e.controllers.map { .string($0) }) }
        if let p = e.person { o["person"] = .string(p) }
        return .object(o)
    }

    static func json(_ x: SanctionsExplanation, top: Bool = false) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(x.id), "name": .string(x.name), "kind": .string(x.kind.description),
            "status": .string(x.status.rawValue), "basis": .string(x.basis?.rawValue),
        ]
        if let p = x.person { o["person"] = .string(p) }
        if x.seeAbove {
            o["seeAbove"] = .bool(true)
            return .object(o)
        }
        if !x.designations.isEmpty {
            o["designations"] = .array(x.designations.map {
                ["list": .string($0.list), "program": .string($0.program), "listed": .date($0.listed), "delisted": .date($0.delisted)]
            })
        }
        if !x.designationsNotCounted.isEmpty {
            o["designationsNotCounted"] = .array(x.designationsNotCounted.map {
                ["list": .string($0.designation.list), "program": .string($0.designation.program), "reason": .string($0.reason)]
            })
        }
        if top { o["rule"] = .string(x.rule) }
        if x.status != .listed || x.person != nil {
            o["threshold"] = .number(x.threshold)
            o["inclusive"] = .bool(x.inclusive)
            o["holdings"] = .array(x.holdings.map { h in
                var ho: [String: JSONValue] = [
                    "owner": .string(h.owner), "ownerStatus": .string(h.ownerStatus.rawValue),
                    "relationship": .string(h.relationshipID), "share": share(h.share),
                ]
                if x.total != nil { ho["countedPercent"] = interval(h.counted) }
                if let j = h.jointArrangement { ho["jointArrangement"] = .string(j) }
                if let d = h.detail.first { ho["because"] = json(d) }
                return .object(ho)
            })
            if let t = x.total { o["sumPercent"] = interval(t) }
            if let r = x.ownershipTest { o["ownershipTest"] = .string(r.rawValue) }
        }
        if !x.controls.isEmpty {
            o["controls"] = .array(x.controls.map { c in
                var co: [String: JSONValue] = [
                    "controller": .string(c.controller), "controllerStatus": .string(c.controllerStatus.rawValue),
                    "relationship": .string(c.relationshipID), "controlType": .string(c.controlType),
                    "sufficient": .bool(c.sufficient), "effect": .string(c.effect.rawValue),
                ]
                if let d = c.detail.first { co["because"] = json(d) }
                return .object(co)
            })
        }
        if !x.perPerson.isEmpty { o["perPerson"] = .array(x.perPerson.map { json($0) }) }
        if !x.ignored.isEmpty {
            o["notCounted"] = .array(x.ignored.map {
                ["owner": .string($0.owner), "relationship": .string($0.relationshipID), "reason": .string($0.reason)]
            })
        }
        return .object(o)
    }

    static func share(_ s: Share) -> JSONValue {
        switch s {
        case .exact(let p): return .number(p)
        case .unknown: return .null
        case .range: return interval(PercentInterval(s))
        }
    }

    static func csv(_ entries: [SanctionsEntry]) -> String {
        var out = OutputSafety.csvLine(["id", "name", "kind", "status", "basis", "lists", "ownership_min", "ownership_max",
                                        "owners", "controllers", "person"], spreadsheetSafe: true)
        for e in entries {
            out += OutputSafety.csvLine([
                e.id, e.name, e.kind.description, e.status.rawValue, e.basis?.rawValue ?? "", e.lists.joined(separator: ";"),
                e.ownership.map { $0.lower.description } ?? "", e.ownership.map { $0.upper.description } ?? "",
                e.owners.joined(separator: ";"), e.controllers.joined(separator: ";"), e.person ?? "",
            ], spreadsheetSafe: true)
        }
        return out
    }

    static func text(_ a: SanctionsAnalysis, entries: [SanctionsEntry], explanation: SanctionsExplanation?,
                     entityCount: Int) -> String {
        var lines: [String] = []
        lines.append("regime \(a.regime.name) as of \(a.asOf): \(a.ruleText)")
        lines.append("source: \(a.regime.citation)")
        if let l = a.countedLists { lines.append("lists counted: " + l.joined(separator: ", ")) }
        if let explanation {
            lines.append("")
            lines += explanation.textLines()
        } else {
            let count = { (s: SanctionsStatus) in entries.filter { $0.status == s }.count }
            lines.append("\(count(.listed)) listed, \(count(.blocked)) blocked, \(count(.undetermined)) undetermined "
                         + "of \(entityCount) entities")
            for e in entries {
                var s = e.status.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0) + e.id
                if e.name != e.id { s += " (\(e.name))" }
                switch e.basis {
                case .list?: s += ": " + e.lists.joined(separator: ", ")
                case .ownership?:
                    s += ": owned \(e.ownership.map(\.description) ?? "?")"
                    s += e.person.map { " by \($0)" } ?? ""
                    if !e.owners.isEmpty { s += " via " + e.owners.joined(separator: ", ") }
                case .control?:
                    s += ": controlled by " + (e.controllers.isEmpty ? (e.person ?? "?") : e.controllers.joined(separator: ", "))
                case nil: break
                }
                lines.append(s)
            }
            lines.append("run with --explain ID for the derivation of one entity")
        }
        lines.append(disclaimer)
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
