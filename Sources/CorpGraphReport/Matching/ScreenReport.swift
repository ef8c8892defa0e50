import CorpGraph
import CorpGraphIO
import CorpGraphMatch

/// Text, CSV and JSON of a screening run: one row per counterparty, always.
public struct ScreenReport: Sendable {
    public let graph: Graph
    public let list: CounterpartyList
    public let rows: [ScreeningRow]
    public let regimes: [String]
    public let threshold: Double
    public let asOf: CalendarDate
    public let maxDepth: Int

    public init(
        graph: Graph, list: CounterpartyList, rows: [ScreeningRow], regimes: [String], threshold: Double,
        asOf: CalendarDate, maxDepth: Int
    ) {
        self.graph = graph
        self.list = list
        self.rows = rows
        self.regimes = regimes
        self.threshold = threshold
        self.asOf = asOf
        self.maxDepth = maxDepth
    }

    public var counts: [String: Int] {
        var c: [String: Int] = ["match": 0, "possible": 0, "none": 0, "self": 0, "exposed": 0, "clear": 0]
        for r in rows {
            c[r.decision.rawValue, default: 0] += 1
            if let v = r.verdict { c[v.rawValue, default: 0] += 1 }
        }
        return c
    }

    public func pathIDs(_ r: ScreeningRow) -> [String] { r.path.map { graph.id($0) } }

    public func json() -> JSONValue {
        let c = counts
        return [
            "algorithm": .string(MatchAlgorithm.label), "threshold": MatchReport.score(threshold), "asOf": .date(asOf),
            "maxDepth": .number(maxDepth), "regimes": .array(regimes.map { .string($0) }),
            "summary": .object(c.mapValues { .number($0) }),
            "rows": .array(rows.map(rowJSON)),
        ]
    }

    public func rowJSON(_ r: ScreeningRow) -> JSONValue {
        var o: [String: JSONValue] = [
            "ref": .string(r.counterparty.ref), "name": .string(r.counterparty.query.name),
            "line": .number(r.counterparty.line),
            "decision": .string(r.decision.rawValue),
            "candidates": .array(r.candidates.map { MatchReport.resultJSON($0, graph: graph) }),
            "notes": .array(r.counterparty.notes.map { .string($0) }),
        ]
        if !list.extraColumns.isEmpty {
            o["extra"] = .object(
                Dictionary(
                    zip(list.extraColumns, r.counterparty.extra.map { JSONValue.string($0) }),
                    uniquingKeysWith: { a, _ in a }))
        }
        if let v = r.entity {
            o["entity"] = ["id": .string(graph.id(v)), "name": .string(graph.name(v))]
            o["lists"] = .array(r.lists.map { .string($0) })
            o["status"] = .object(
                Dictionary(
                    r.statuses.map { ($0.regime, JSONValue.string($0.status.rawValue)) },
                    uniquingKeysWith: { a, _ in a }))
            o["exposure"] = [
                "verdict": .string(r.verdict?.rawValue), "path": .array(pathIDs(r).map { .string($0) }),
                "targets": .array(r.targetReasons.map { .string($0) }),
            ]
        }
        return .object(o)
    }

    public func csv() -> String {
        var header =
            ["ref", "name"] + list.extraColumns + ["decision", "score", "entity", "entityName", "candidates", "lists"]
        header += regimes.map { "status_\($0)" } + ["exposure", "path", "targets", "notes"]
        var out = OutputSafety.csvLine(header, spreadsheetSafe: true)
        for r in rows {
            var cells = [r.counterparty.ref, r.counterparty.query.name] + r.counterparty.extra
            cells.append(r.decision.rawValue)
            cells.append(r.candidates.first.map { MatchReport.scoreText($0.score) } ?? "")
            cells.append(r.entity.map { graph.id($0) } ?? "")
            cells.append(r.entity.map { graph.name($0) } ?? "")
            cells.append(r.candidates.map { "\($0.id)=\(MatchReport.scoreText($0.score))" }.joined(separator: ";"))
            cells.append(r.lists.joined(separator: ";"))
            let status = Dictionary(r.statuses.map { ($0.regime, $0.status.rawValue) }, uniquingKeysWith: { a, _ in a })
            cells += regimes.map { r.entity == nil ? "" : status[$0] ?? "" }
            cells.append(r.verdict?.rawValue ?? "")
            cells.append(pathIDs(r).joined(separator: ">"))
            cells.append(r.targetReasons.joined(separator: ";"))
            cells.append(r.counterparty.notes.joined(separator: "; "))
            out += OutputSafety.csvLine(cells, spreadsheetSafe: true)
        }
        return out
    }

    public func text() -> String {
        let c = counts
        var out =
            "screened \(rows.count) counterpart\(rows.count == 1 ? "y" : "ies") as of \(asOf) (\(MatchAlgorithm.label), "
            + "match at \(MatchReport.scoreText(threshold)), regimes \(regimes.joined(separator: ","))): "
            + "\(c["match"]!) match, \(c["possible"]!) possible, \(c["none"]!) none; "
            + "\(c["self"]!) self, \(c["exposed"]!) exposed, \(c["clear"]!) clear\n"
        for r in rows {
            let cp = OutputSafety.terminal("\(r.counterparty.ref) '\(r.counterparty.query.name)'")
            switch r.decision {
            case .none:
                out += "  none      \(cp)\n"
            case .possible:
                out +=
                    "  possible  \(cp): "
                    + r.candidates.map { "\(entityLabel(graph, $0.entity)) \(MatchReport.scoreText($0.score))" }
                    .joined(separator: ", ") + "\n"
            case .match:
                let v = r.entity!
                out += "  match     \(cp) → \(entityLabel(graph, v)) \(MatchReport.scoreText(r.candidates[0].score))\n"
                if !r.lists.isEmpty { out += "            listed: \(r.lists.joined(separator: ", "))\n" }
                out +=
                    "            status: " + r.statuses.map { "\($0.regime) \($0.status)" }.joined(separator: ", ")
                    + "\n"
                var exposure = "            exposure: \(r.verdict?.rawValue ?? "?")"
                if r.verdict == .exposed {
                    exposure += " via " + OutputSafety.terminal(pathIDs(r).joined(separator: " → "))
                }
                if !r.targetReasons.isEmpty {
                    exposure += " (" + OutputSafety.terminal(r.targetReasons.joined(separator: "; ")) + ")"
                }
                out += exposure + "\n"
            }
            for n in r.counterparty.notes { out += "            note: \(OutputSafety.terminal(n))\n" }
        }
        return out
    }
}
