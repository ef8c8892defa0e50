import CorpGraph
import CorpGraphIO
import Foundation

/// `corpgraph ownership --all-holders`: what every person ultimately owns at or above the threshold
/// (``LookThroughOwnership/holdings(index:holders:threshold:)``), in the encodings of ``OwnershipReport``: the same
/// entry fields, percentages and loop warnings, one block (text), object (JSON) or row group (CSV) per holder, holders
/// by id and each one's entries in the order of `ownership --holder`. No chains are listed.
///
/// A holder none of whose holdings can reach the threshold and that reaches no closed loop is left out.
public struct HoldingsReport: Report {
    public var holdings: LookThroughHoldings

    public init(_ holdings: LookThroughHoldings) { self.holdings = holdings }

    /// Per holder to show: its name and result (entries, closed loops).
    private var results: [(name: String, result: LookThroughResult)] {
        holdings.holders.indices.compactMap { i in
            guard !holdings.entries(ofHolderAt: i).isEmpty || !holdings.closedLoops(ofHolderAt: i).isEmpty else {
                return nil
            }
            return (holdings.graph.name(Int(holdings.holders[i])), holdings.result(ofHolderAt: i))
        }
    }

    public var json: JSONValue {
        .object([
            "method": .string(holdings.method.rawValue),
            "direction": .string(LookThroughDirection.holder.rawValue),
            "threshold": .number(holdings.threshold),
            "asOf": .string(holdings.asOf.description),
            "holderCount": .number(holdings.holders.count),
            "holders": .array(
                results.map { name, r in
                    var o: [String: JSONValue] = [
                        "holder": .string(r.subject), "name": .string(name),
                        "entries": .array(r.entries.map { .object(OwnershipReport.entryFields($0)) }),
                    ]
                    if !r.closedLoops.isEmpty {
                        o["closedLoops"] = .array(r.closedLoops.map { .array($0.map { .string($0) }) })
                    }
                    return .object(o)
                }),
        ])
    }

    /// One row per (holder, entry): the holder's id and name, then the columns of ``OwnershipReport/csv(_:declared:)``
    /// but the declared shares.
    public var csv: String {
        var out = OutputSafety.csvLine(
            [
                "holder_id", "holder_name", "id", "name", "kind", "role", "effective_percent_min",
                "effective_percent_max", "beneficial_owner", "above_threshold", "method",
            ],
            spreadsheetSafe: true)
        for (name, r) in results {
            for e in r.entries {
                out += OutputSafety.csvLine(
                    [
                        r.subject, name, e.id, e.name, e.kind.description, e.role.description,
                        OwnershipReport.percentCell(e.effectiveLower), OwnershipReport.percentCell(e.effectiveUpper),
                        e.beneficialOwner ? "true" : "false", e.aboveThreshold.rawValue, r.method.rawValue,
                    ],
                    spreadsheetSafe: true)
            }
        }
        return out
    }

    public var text: String {
        let shown = results
        var lines = [
            "look-through ownership: what every person ultimately owns, as of \(holdings.asOf)",
            "method: \(OwnershipReport.methodText(holdings.method)); beneficial-owner threshold \(holdings.threshold) %"
                + " (EU AMLR Art. 52); holdings that can reach it",
        ]
        var entries = 0
        for (name, r) in shown {
            lines.append(r.subject + (name != r.subject ? " (\(name))" : "") + ":")
            for loop in r.closedLoops { lines.append("  " + OwnershipReport.closedLoopLine(loop, method: r.method)) }
            for e in r.entries { lines.append(OwnershipReport.entryLine(e, indent: "  ")) }
            entries += r.entries.count
        }
        lines.append(
            "\(holdings.holders.count) holder(s), \(shown.count) with holdings that can reach \(holdings.threshold) %,"
                + " \(entries) holding(s)")
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
