import CorpGraph
import CorpGraphIO
import Foundation

/// `corpgraph ownership`: a look-through result and its encodings.
public struct OwnershipReport: Report {
    public var result: LookThroughResult
    /// What the data declares beside the computed figures (``DeclaredOwnership``); `nil`: not looked up.
    public var declared: DeclaredOwnership?

    public init(_ result: LookThroughResult, declared: DeclaredOwnership? = nil) {
        self.result = result
        self.declared = declared
    }

    public var json: JSONValue { OwnershipReport.json(result, declared: declared) }
    public var csv: String { OwnershipReport.csv(result, declared: declared) }
    public var text: String { OwnershipReport.text(result, declared: declared?.textLines ?? []) }
}

/// The encoders of ``OwnershipReport`` (one implementation for the CLI and the server).
extension OwnershipReport {
    public static func percent(_ fraction: Double) -> JSONValue { .number(fraction * 100, digits: 6) }

    public static func percentText(_ fraction: Double?) -> String {
        guard let fraction else { return "unbounded" }
        guard case .number(let s) = percent(fraction) else { return "?" }
        return s + " %"
    }

    public static func effectiveText(_ e: LookThroughEntry) -> String {
        if e.isUnbounded { return "unbounded (walks round a closed loop)" }
        return e.isExact
            ? percentText(e.effectiveLower) : "[\(percentText(e.effectiveLower)), \(percentText(e.effectiveUpper))]"
    }

    public static func methodText(_ m: LookThroughMethod) -> String {
        m == .full ? "full (all walks, E = W(I − W)⁻¹)" : "paths (simple paths only)"
    }

    /// An entry's JSON fields other than its chains and declared shares: identity, role, the effective percentage
    /// (`null` when unbounded, then `unbounded: true`; an interval adds `effectivePercentInterval`) and the outcomes.
    public static func entryFields(_ e: LookThroughEntry) -> [String: JSONValue] {
        var x: [String: JSONValue] = [
            "id": .string(e.id), "name": .string(e.name), "kind": .string(e.kind.description),
            "role": .string(e.role.description),
            "effectivePercent": e.isUnbounded ? .null : percent(e.effectiveLower),
            "beneficialOwner": .bool(e.beneficialOwner),
            "aboveThreshold": .string(e.aboveThreshold.rawValue),
        ]
        if e.isUnbounded {
            x["unbounded"] = .bool(true)
        } else if !e.isExact {
            x["effectivePercentInterval"] = [
                "min": percent(e.effectiveLower),
                "max": e.effectiveUpper.map(percent) ?? .null,
            ]
        }
        return x
    }

    /// The result as JSON. With `declared`, each entry the data declares an indirect interest for carries
    /// `declaredIndirectShares` (the declared shares, in the one JSON share encoding) beside its computed
    /// `effectivePercent`, and the top level `declared` (``DeclaredOwnership/json``) lists every declared fact.
    public static func json(_ r: LookThroughResult, declared: DeclaredOwnership? = nil) -> JSONValue {
        var o: [String: JSONValue] = [
            "method": .string(r.method.rawValue),
            r.direction == .of ? "of" : "holder": .string(r.subject),
            "threshold": .number(r.threshold),
            "asOf": .string(r.asOf.description),
            "entries": .array(
                r.entries.map { e in
                    var x = entryFields(e)
                    x["chains"] = .array(
                        e.chains.map { c in
                            var co: [String: JSONValue] = [
                                "entities": .array(c.entities.map { .string($0) }),
                                "shares": .array(c.shares.map(\.json)),
                                "percent": percent(c.productLower),
                            ]
                            if c.productUpper != c.productLower { co["percentMax"] = percent(c.productUpper) }
                            return .object(co)
                        })
                    if let shares = declared?.shares(of: e.id), !shares.isEmpty {
                        x["declaredIndirectShares"] = .array(shares.map { ($0 ?? .unknown).json })
                    }
                    return .object(x)
                }),
            "chainsTruncated": .bool(r.chainsTruncated),
        ]
        if !r.closedLoops.isEmpty { o["closedLoops"] = .array(r.closedLoops.map { .array($0.map { .string($0) }) }) }
        if let declared, !declared.isEmpty { o["declared"] = declared.json }
        return .object(o)
    }

    /// One row per entry. `declared_indirect_share`: the shares the data declares for that entry's indirect
    /// interest, as ``CorpGraphIO/Share/csv`` writes a share (docs/FORMATS.md: `30`, `25-50`, `>25-<50`, `>=50`,
    /// `unknown`), several joined by `;`. A holder (or holding) with a declared indirect interest but no
    /// computed figure gets a row of its own, role `declared`, with the computed columns empty.
    public static func csv(_ r: LookThroughResult, declared: DeclaredOwnership? = nil) -> String {
        var out = OutputSafety.csvLine(
            [
                "id", "name", "kind", "role", "effective_percent_min", "effective_percent_max",
                "beneficial_owner", "above_threshold", "method", "declared_indirect_share",
            ],
            spreadsheetSafe: true)
        func declaredCell(_ id: String) -> String {
            (declared?.shares(of: id) ?? []).map { ($0 ?? .unknown).csv }.joined(separator: ";")
        }
        var listed = Set<String>()
        for e in r.entries {
            listed.insert(e.id)
            out += OutputSafety.csvLine(
                [
                    e.id, e.name, e.kind.description, e.role.description, percentCell(e.effectiveLower),
                    percentCell(e.effectiveUpper), e.beneficialOwner ? "true" : "false",
                    e.aboveThreshold.rawValue, r.method.rawValue, declaredCell(e.id),
                ],
                spreadsheetSafe: true)
        }
        for i in declared?.indirect ?? [] {
            let id = i.counterpart(r.direction)
            guard listed.insert(id).inserted else { continue }
            out += OutputSafety.csvLine(
                [id, "", "", "declared", "", "", "", "", r.method.rawValue, declaredCell(id)],
                spreadsheetSafe: true)
        }
        return out
    }

    /// A percentage cell of the CSV encodings (the JSON number's text; empty when unbounded).
    public static func percentCell(_ x: Double?) -> String {
        guard let x, x.isFinite, case .number(let s) = percent(x) else { return "" }
        return s
    }

    /// An entry's text line: `  id (name): 30 %, beneficial owner` (indent included).
    public static func entryLine(_ e: LookThroughEntry, indent: String = "  ") -> String {
        var s = indent + e.id
        if e.name != e.id { s += " (\(e.name))" }
        s += ": \(effectiveText(e))"
        if e.beneficialOwner {
            s += ", beneficial owner"
        } else if e.aboveThreshold == .undetermined {
            s += ", threshold undetermined"
        }
        return s
    }

    /// A closed loop's warning line.
    public static func closedLoopLine(_ loop: [String], method: LookThroughMethod) -> String {
        "warning: closed ownership loop with no outside owner: \(loop.joined(separator: ", "))"
            + (method == .full
                ? "; walks round it add up without end, so what it feeds is unbounded (--method paths counts each chain once)"
                : "; each simple chain through it counted once")
    }

    /// Facts the data declares about the subject beside what is computed (``DeclaredOwnership``), as text lines.
    public static func declaredFacts(_ g: Graph, subject v: Int, direction: LookThroughDirection, asOf: CalendarDate)
        -> [String]
    {
        DeclaredOwnership(g, subject: v, direction: direction, asOf: asOf).textLines
    }

    public static func text(_ r: LookThroughResult, declared: [String] = []) -> String {
        var lines: [String] = []
        let what = r.direction == .of ? "who ultimately owns \(r.subject)" : "what \(r.subject) ultimately owns"
        lines.append("look-through ownership: \(what), as of \(r.asOf)")
        lines.append("method: \(methodText(r.method)); beneficial-owner threshold \(r.threshold) % (EU AMLR Art. 52)")
        for loop in r.closedLoops { lines.append(closedLoopLine(loop, method: r.method)) }
        if r.entries.isEmpty {
            lines.append(
                declared.contains { $0.contains("owner declared unknown") } && r.direction == .of
                    ? "no named owners on this date" : "no \(r.direction == .of ? "owners" : "holdings") on this date")
        }
        var lastRole: LookThroughEntry.Role?
        for e in r.entries {
            if r.direction == .of && e.role != lastRole {
                lines.append(
                    e.role == .person ? "persons:" : e.role == .topHolder ? "top holders:" : "intermediate holders:")
                lastRole = e.role
            }
            lines.append(entryLine(e))
            for c in e.chains {
                var chain = c.entities[0]
                for (i, next) in c.entities.dropFirst().enumerated() { chain += " →(\(c.shares[i]))→ \(next)" }
                lines.append(
                    "      \(chain) = \(percentText(c.productLower))"
                        + (c.productUpper != c.productLower ? "–\(percentText(c.productUpper))" : ""))
            }
        }
        if r.chainsTruncated { lines.append("(chain listing truncated; the effective values are complete)") }
        if r.method == .full, r.entries.contains(where: { !$0.isUnbounded && $0.effectiveLower > 1 + 1e-9 }) {
            lines.append(
                "above 100 %: the holder sits in a cross-holding and indirectly owns part of itself; the full series"
                    + " counts those walks too (no Vitali correction is applied)")
        }
        if !declared.isEmpty {
            lines.append("declared in the data (shown beside the computed figures, not multiplied in):")
            lines += declared
        }
        if r.method == .full {
            lines.append("chains are simple paths; the full method also adds walks round cross-holdings")
        }
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
