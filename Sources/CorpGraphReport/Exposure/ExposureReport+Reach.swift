import CorpGraph
import CorpGraphIO
import Foundation

extension ExposureReport {
    // MARK: Reach

    /// The `--reach` CSV, a row per subject and target, handed to `emit` in chunks of about 1 MiB (tens of millions
    /// of rows for `--all` on a large graph are streamed, not held as one string).
    public func reachCSV(_ rows: [(subject: Int, targets: [ReachedEntity])], emit: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        out.append(contentsOf: OutputSafety.csvLine(["subject", "target", "distance", "reasons"]).utf8)
        // A target reached by many subjects is written many times: its cells are made once.
        var cells: [Int32: (id: [UInt8], reasons: [UInt8])] = [:]
        for row in rows {
            let subject = Array(OutputSafety.csvCell(g.id(row.subject), spreadsheetSafe: true).utf8)
            for t in row.targets {
                let target =
                    cells[Int32(t.entity)]
                    ?? {
                        let c = (
                            Array(OutputSafety.csvCell(g.id(t.entity), spreadsheetSafe: true).utf8),
                            Array(
                                OutputSafety.csvCell(
                                    targets.reasons(for: t.entity).map(\.code).joined(separator: ";"),
                                    spreadsheetSafe: true
                                ).utf8)
                        )
                        cells[Int32(t.entity)] = c
                        return c
                    }()
                out.append(contentsOf: subject)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: target.id)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: String(t.distance).utf8)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: target.reasons)
                out.append(UInt8(ascii: "\n"))
                if out.count >= 1 << 20 {
                    emit(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        if !out.isEmpty { emit(out) }
    }

    public func reachJSON(_ rows: [(subject: Int, targets: [ReachedEntity])]) -> String {
        var root: [String: JSONValue] = [
            "asOf": .string(asOf.description), "policy": policyJSON, "query": queryJSON, "mode": "reach",
            "subjects": .array(
                rows.map { row in
                    [
                        "subject": .string(g.id(row.subject)), "name": .string(g.name(row.subject)),
                        "targets": .array(
                            row.targets.map {
                                [
                                    "id": .string(g.id($0.entity)), "name": .string(g.name($0.entity)),
                                    "distance": .number($0.distance),
                                    "reasons": .array(targets.reasons(for: $0.entity).map { .string($0.code) }),
                                    "reasonDetails": .array(targets.reasons(for: $0.entity).map(\.json)),
                                ]
                            }),
                    ]
                }),
        ]
        if all { root["subjectsChecked"] = .number(checked) }
        return JSONValue.object(root).encoded() + "\n"
    }

    public func reachText(_ rows: [(subject: Int, targets: [ReachedEntity])]) -> String {
        var out = "Targets within reach " + header + "\n"
        if all {
            out += "\(rows.count) of \(checked) subject(s) reach a target\n"
            if rows.isEmpty { out += "no target within reach\n" }
        }
        for row in rows {
            out += "\n" + entityLabel(g, row.subject)
            out +=
                row.targets.isEmpty
                ? "\n  no target within \(maxDepth) hops\n"
                : " — \(row.targets.count) target\(row.targets.count == 1 ? "" : "s")\n"
            for t in row.targets {
                out +=
                    "  \(t.distance) hop\(t.distance == 1 ? " " : "s") \(entityLabel(g, t.entity)) (\(OutputSafety.terminal(targets.reasons(for: t.entity).map(\.code).joined(separator: "; "))))\n"
            }
        }
        return out
    }
}
