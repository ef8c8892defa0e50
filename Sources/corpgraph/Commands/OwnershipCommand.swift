import ArgumentParser
import CorpGraph
import CorpGraphIO
import Foundation

extension LookThroughMethod: ExpressibleByArgument {}

struct OwnershipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ownership",
        abstract: "Look-through (integrated) ownership: who ultimately owns an entity, or what it ultimately owns.",
        discussion: """
            Multiplies shares down every chain and adds the chains (EU AMLR Art. 52(1)). --method full sums all walks \
            (E = W(I − W)⁻¹, cross-holdings as a convergent series); --method paths sums simple paths only. The two \
            differ with cross-holdings, so the output names the method. This is not a sanctions test: sanctions \
            regimes never multiply percentages (see 'corpgraph blocked').
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Who ultimately owns this entity id.") var of: String?
    @Option(help: "What this entity id ultimately owns.") var holder: String?
    @Option(help: "Beneficial-owner threshold in percent (EU AMLR Art. 52: 25).") var threshold: String = "25"
    @Option(help: "full (all walks) or paths (simple paths only).") var method: LookThroughMethod = .full
    @Option(name: .customLong("max-chains"), help: "Chains shown per entry.") var maxChains: Int = 5
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard (of == nil) != (holder == nil) else { throw ValidationError("Pass exactly one of --of ID or --holder ID.") }
        guard let t = Percent(parsing: threshold), t >= .zero, t <= .hundred else {
            throw ValidationError("Invalid --threshold '\(threshold)': expected a percentage between 0 and 100, e.g. 25.")
        }
        guard maxChains >= 0 else { throw ValidationError("--max-chains must be 0 or more.") }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        let id = of ?? holder ?? ""
        guard let v = g.index(of: id) else {
            throw ValidationError("Unknown entity id '\(id)'" + Suggestions.hint(g.suggestions(for: id)))
        }
        let options = LookThroughOptions(method: method, asOf: try asOf.date, threshold: Percent(parsing: threshold) ?? Percent(25),
                                         maxChains: maxChains)
        let result: LookThroughResult
        do {
            result = try LookThroughOwnership.compute(graph: g, subject: v, direction: of != nil ? .of : .holder, options: options)
        } catch let e as LookThroughError {
            throw ValidationError("\(e.description); pass --method full")
        }
        let text: String
        switch format {
        case .json: text = OwnershipReport.json(result).encoded() + "\n"
        case .csv: text = OwnershipReport.csv(result)
        case .text: text = OwnershipReport.text(result, declared: OwnershipReport.declaredFacts(g, subject: v, direction: of != nil ? .of : .holder, asOf: options.asOf))
        }
        try writeOutput(text, to: output, inputs: input.protectedPaths)
    }
}

/// Rendering of `ownership` results.
enum OwnershipReport {
    static func percent(_ fraction: Double) -> JSONValue { .number(fraction * 100, digits: 6) }

    static func percentText(_ fraction: Double?) -> String {
        guard let fraction else { return "unbounded" }
        guard case .number(let s) = percent(fraction) else { return "?" }
        return s + " %"
    }

    static func effectiveText(_ e: LookThroughEntry) -> String {
        if e.isUnbounded { return "unbounded (walks round a closed loop)" }
        return e.isExact ? percentText(e.effectiveLower) : "[\(percentText(e.effectiveLower)), \(percentText(e.effectiveUpper))]"
    }

    static func methodText(_ m: LookThroughMethod) -> String {
        m == .full ? "full (all walks, E = W(I − W)⁻¹)" : "paths (simple paths only)"
    }

    static func json(_ r: LookThroughResult) -> JSONValue {
        var o: [String: JSONValue] = [
            "method": .string(r.method.rawValue),
            r.direction == .of ? "of" : "holder": .string(r.subject),
            "threshold": .number(r.threshold),
            "asOf": .string(r.asOf.description),
            "entries": .array(r.entries.map { e in
                var x: [String: JSONValue] = [
                    "id": .string(e.id), "name": .string(e.name), "kind": .string(e.kind.description),
                    "role": .string(e.role.description),
                    "effectivePercent": e.isUnbounded ? .null : percent(e.effectiveLower),
                    "beneficialOwner": .bool(e.beneficialOwner),
                    "aboveThreshold": .string(e.aboveThreshold.rawValue),
                    "chains": .array(e.chains.map { c in
                        var co: [String: JSONValue] = [
                            "entities": .array(c.entities.map { .string($0) }),
                            "shares": .array(c.shares.map(BlockedReport.share)),
                            "percent": percent(c.productLower),
                        ]
                        if c.productUpper != c.productLower { co["percentMax"] = percent(c.productUpper) }
                        return .object(co)
                    }),
                ]
                if e.isUnbounded {
                    x["unbounded"] = .bool(true)
                } else if !e.isExact {
                    x["effectivePercentInterval"] = ["min": percent(e.effectiveLower),
                                                     "max": e.effectiveUpper.map(percent) ?? .null]
                }
                return .object(x)
            }),
            "chainsTruncated": .bool(r.chainsTruncated),
        ]
        if !r.closedLoops.isEmpty { o["closedLoops"] = .array(r.closedLoops.map { .array($0.map { .string($0) }) }) }
        return .object(o)
    }

    static func csv(_ r: LookThroughResult) -> String {
        var out = OutputSafety.csvLine(["id", "name", "kind", "role", "effective_percent_min", "effective_percent_max",
                                        "beneficial_owner", "above_threshold", "method"], spreadsheetSafe: true)
        func num(_ x: Double?) -> String {
            guard let x, x.isFinite, case .number(let s) = percent(x) else { return "" }
            return s
        }
        for e in r.entries {
            out += OutputSafety.csvLine([e.id, e.name, e.kind.description, e.role.description, num(e.effectiveLower),
                                         num(e.effectiveUpper), e.beneficialOwner ? "true" : "false",
                                         e.aboveThreshold.rawValue, r.method.rawValue], spreadsheetSafe: true)
        }
        return out
    }

    /// Facts the data declares about the subject beside what is computed: declared indirect interests (BODS
    /// `directOrIndirect: indirect`, FtM indirect ownerships, GLEIF ultimate parents), which summarise a chain and are
    /// not multiplied in, and owners the data declares unknown (BODS `unspecifiedRecord`), distinct from no owner data.
    static func declaredFacts(_ g: Graph, subject v: Int, direction: LookThroughDirection, asOf: CalendarDate) -> [String] {
        var out: [String] = []
        let edges = direction == .of ? g.inRelationships(v) : g.outRelationships(v)
        for e32 in edges {
            let e = Int(e32)
            guard g.kind(ofRelationship: e) == .owns, g.isValid(e, on: asOf) else { continue }
            let r = g.relationship(e)
            guard r.attributes["declaredIndirect"] == "true" else { continue }
            let other = direction == .of ? g.source(e) : g.target(e)
            let share = r.share.map { "\($0)" } ?? "an unknown share"
            out.append(direction == .of
                ? "  \(g.id(other)) declares an indirect \(share) of \(g.id(v)) (\(g.location(ofRelationship: e)))"
                : "  \(g.id(v)) declares an indirect \(share) of \(g.id(other)) (\(g.location(ofRelationship: e)))")
        }
        if direction == .of, let reason = g.entity(v).attributes["bods.unspecifiedInterestedParty"] {
            out.append("  owner declared unknown (\(reason)): the data says an owner exists and is not named, which is not the same as no owner data")
        }
        return out
    }

    static func text(_ r: LookThroughResult, declared: [String] = []) -> String {
        var lines: [String] = []
        let what = r.direction == .of ? "who ultimately owns \(r.subject)" : "what \(r.subject) ultimately owns"
        lines.append("look-through ownership: \(what), as of \(r.asOf)")
        lines.append("method: \(methodText(r.method)); beneficial-owner threshold \(r.threshold) % (EU AMLR Art. 52)")
        for loop in r.closedLoops {
            lines.append("warning: closed ownership loop with no outside owner: \(loop.joined(separator: ", "))"
                + (r.method == .full ? "; walks round it add up without end, so what it feeds is unbounded (--method paths counts each chain once)"
                                     : "; each simple chain through it counted once"))
        }
        if r.entries.isEmpty {
            lines.append(declared.contains { $0.contains("owner declared unknown") } && r.direction == .of
                ? "no named owners on this date" : "no \(r.direction == .of ? "owners" : "holdings") on this date")
        }
        var lastRole: LookThroughEntry.Role?
        for e in r.entries {
            if r.direction == .of && e.role != lastRole {
                lines.append(e.role == .person ? "persons:" : e.role == .topHolder ? "top holders:" : "intermediate holders:")
                lastRole = e.role
            }
            var s = "  \(e.id)"
            if e.name != e.id { s += " (\(e.name))" }
            s += ": \(effectiveText(e))"
            if e.beneficialOwner { s += ", beneficial owner" } else if e.aboveThreshold == .undetermined { s += ", threshold undetermined" }
            lines.append(s)
            for c in e.chains {
                var chain = c.entities[0]
                for (i, next) in c.entities.dropFirst().enumerated() { chain += " →(\(c.shares[i]))→ \(next)" }
                lines.append("      \(chain) = \(percentText(c.productLower))"
                             + (c.productUpper != c.productLower ? "–\(percentText(c.productUpper))" : ""))
            }
        }
        if r.chainsTruncated { lines.append("(chain listing truncated; the effective values are complete)") }
        if r.method == .full, r.entries.contains(where: { !$0.isUnbounded && $0.effectiveLower > 1 + 1e-9 }) {
            lines.append("above 100 %: the holder sits in a cross-holding and indirectly owns part of itself; the full series"
                         + " counts those walks too (no Vitali correction is applied)")
        }
        if !declared.isEmpty {
            lines.append("declared in the data (shown beside the computed figures, not multiplied in):")
            lines += declared
        }
        if r.method == .full { lines.append("chains are simple paths; the full method also adds walks round cross-holdings") }
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
