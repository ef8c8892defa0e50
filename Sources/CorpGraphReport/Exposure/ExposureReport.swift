import CorpGraph
import CorpGraphIO
import Foundation

/// The exposure report of one query (DESIGN §5) and its encoders: text for people, JSON, CSV streamed a subject at a
/// time. Used by `corpgraph exposure` and meant for the server: build it with the query, then encode each subject's
/// ``SubjectExposure`` (from ``ExposureSearch/exposure(of:using:)``).
public struct ExposureReport: Sendable {
    public let graph: Graph
    public let targets: TargetSet
    public let policyOrigin: String
    public let asOf: CalendarDate
    public let filter: TraversalFilter
    public let maxDepth: Int
    public let timeRespecting: Bool
    public let derived: String?
    public let all: Bool
    public let checked: Int

    public init(
        graph: Graph, targets: TargetSet, policyOrigin: String, asOf: CalendarDate, filter: TraversalFilter,
        maxDepth: Int, timeRespecting: Bool, derived: String?, all: Bool, checked: Int
    ) {
        self.graph = graph
        self.targets = targets
        self.policyOrigin = policyOrigin
        self.asOf = asOf
        self.filter = filter
        self.maxDepth = maxDepth
        self.timeRespecting = timeRespecting
        self.derived = derived
        self.all = all
        self.checked = checked
    }

    var g: Graph { graph }

    // MARK: Paths

    private var viaText: String {
        filter.kinds == .all
            ? "all kinds"
            : RelationshipKind.allCases.filter { filter.kinds.contains($0) }.map(\.description).joined(separator: ",")
    }

    var header: String {
        var s =
            "as of \(asOf) · policy \(policyOrigin) · direction \(filter.direction) · depth ≤ \(maxDepth) · via \(viaText)"
        if timeRespecting { s += " · time-respecting" }
        if let derived { s += " · derived \(derived)" }
        s +=
            " · lists "
            + (targets.policy.lists.map { $0.isEmpty ? "none" : $0.sorted().joined(separator: ",") }
                ?? "every list (any sanctions exposure)")
        return OutputSafety.terminal(s)
    }

    public func pathsText(_ results: [SubjectExposure], exposed: Int, selfTargets: Int) -> String {
        var out = "Exposure paths " + header + "\n"
        if all {
            out +=
                "\(exposed) of \(checked) subject(s) exposed"
                + (selfTargets > 0
                    ? " (\(selfTargets) of them \(selfTargets == 1 ? "is" : "are") itself a target)" : "") + "\n"
            if exposed == 0 { out += "no exposure path found\n" }
        }
        for r in results {
            out += "\n" + entityLabel(g, r.subject)
            out += " — \(r.verdict.rawValue.uppercased())"
            out += r.paths.isEmpty ? "\n" : ", \(r.paths.count) path\(r.paths.count == 1 ? "" : "s")\n"
            if !r.subjectReasons.isEmpty {
                out +=
                    "  the subject is itself a target (\(OutputSafety.terminal(r.subjectReasons.map(\.code).joined(separator: "; "))))\n"
            }
            if r.paths.isEmpty {
                out += "  no exposure path found\n"
                continue
            }
            for (i, p) in r.paths.enumerated() {
                out += "  \(i + 1). \(p.hops.count) hop\(p.hops.count == 1 ? "" : "s"), strength \(p.strength)"
                out +=
                    " ⇒ \(OutputSafety.terminal(g.id(p.target))) (\(OutputSafety.terminal(p.reasons.map(\.code).joined(separator: "; "))))"
                out += p.severity == .jurisdiction ? "\n" : " [\(p.severity)]\n"
                var chain = "     " + entityLabel(g, p.subject)
                for hop in p.hops { chain += " " + hopText(hop) + " " + entityLabel(g, hop.to) }
                out += chain + "\n"
            }
            if r.truncated {
                out += "  … more paths exist: stopped at --limit \(r.paths.count); the shortest are shown\n"
            }
        }
        return out
    }

    /// `─owns 100 %, pays 1 000 000 USD (2022-05-02)→` walking down, `←owns 35 %─` walking up.
    private func hopText(_ hop: ExposureHop) -> String {
        var down: [String] = [], up: [String] = []
        for r in hop.relationships {
            let text = relationshipText(r.relationship)
            if r.direction == .down { down.append(text) } else { up.append(text) }
        }
        for p in hop.payments {
            if p.direction == .down { down.append(paymentText(p)) } else { up.append(paymentText(p)) }
        }
        var parts: [String] = []
        if !down.isEmpty { parts.append("─" + down.joined(separator: ", ") + "→") }
        if !up.isEmpty { parts.append("←" + up.joined(separator: ", ") + "─") }
        if hop.paymentsOutOfTimeOrder > 0 {
            let n = hop.paymentsOutOfTimeOrder
            parts.append("[\(n) payment\(n == 1 ? "" : "s") out of time order left out]")
        }
        return OutputSafety.terminal(parts.joined(separator: " "))
    }

    private func relationshipText(_ e: Int) -> String {
        var s = g.kind(ofRelationship: e).description
        if g.kind(ofRelationship: e) == .owns, let share = g.share(e) { s += " \(share)" }
        s += RelationshipText.details(g.relationship(e))
        if let start = g.start(e), let end = g.end(e) {
            s += " (\(start)…\(end))"
        } else if let start = g.start(e) {
            s += " (since \(start))"
        } else if let end = g.end(e) {
            s += " (until \(end))"
        }
        return s + RelationshipText.sources(g.relationship(e).sources)
    }

    private func paymentText(_ p: PaymentFold) -> String {
        var s = "pays"
        if p.count > 1 { s += " \(p.count)×" }
        let totals = p.totals.map { NumberText.grouped($0.amount) + ($0.currency.map { " \($0)" } ?? "") }
        if !totals.isEmpty { s += " " + totals.joined(separator: " + ") }
        if let first = p.first, let last = p.last {
            s += first == last ? " (\(first))" : " (\(first)…\(last))"
        }
        return s + RelationshipText.sources(p.relationships.flatMap { g.relationship($0).sources })
    }

    var policyJSON: JSONValue {
        [
            "origin": .string(policyOrigin),
            "jurisdictions": .array(targets.policy.jurisdictions.map { .string($0) }),
            "lists": targets.policy.lists.map { .array($0.sorted().map { .string($0) }) } ?? .null,
            "everyList": .bool(targets.policy.lists == nil),
        ]
    }

    var queryJSON: JSONValue {
        [
            "direction": .string(filter.direction.rawValue), "maxDepth": .number(maxDepth),
            "via": .array(
                RelationshipKind.allCases.filter { filter.kinds.contains($0) }.map { .string($0.description) }),
            "timeRespecting": .bool(timeRespecting), "derived": .string(derived),
        ]
    }

    public func pathsJSON(_ results: [SubjectExposure], exposed: Int, selfTargets: Int) -> JSONValue {
        var root: [String: JSONValue] = [
            "asOf": .string(asOf.description), "policy": policyJSON, "query": queryJSON,
            "subjects": .array(
                results.map { r in
                    let o: [String: JSONValue] = [
                        "subject": .string(g.id(r.subject)), "name": .string(g.name(r.subject)),
                        "jurisdiction": .string(g.jurisdiction(r.subject)), "truncated": .bool(r.truncated),
                        "verdict": .string(r.verdict.rawValue),
                        "selfReasons": .array(r.subjectReasons.map { .string($0.code) }),
                        "selfReasonDetails": .array(r.subjectReasons.map(\.json)),
                        "paths": .array(r.paths.map(pathJSON)),
                    ]
                    return .object(o)
                }),
        ]
        if all {
            root["subjectsChecked"] = .number(checked)
            root["subjectsExposed"] = .number(exposed)
            root["subjectsSelf"] = .number(selfTargets)
        }
        return .object(root)
    }

    private func pathJSON(_ p: ExposurePath) -> JSONValue {
        var o: [String: JSONValue] = [
            "target": .string(g.id(p.target)),
            "severity": .string(p.severity.description),
            "reasons": .array(p.reasons.map { .string($0.code) }),
            "reasonDetails": .array(p.reasons.map(\.json)),
            "nodes": .array(p.nodes.map { .string(g.id($0)) }),
            "length": .number(p.hops.count),
            "hops": .array(p.hops.map(hopJSON)),
            "strength": p.strength.isExact ? .number(p.strength.minimum) : .null,
        ]
        if !p.strength.isExact {
            o["strengthBounds"] = ["min": .number(p.strength.minimum), "max": .number(p.strength.maximum)]
        }
        return .object(o)
    }

    /// The one share encoding of every JSON output (``Share/json``, docs/FORMATS.md).
    private func shareJSON(_ share: Share?) -> JSONValue { share?.json ?? .null }

    private func hopJSON(_ hop: ExposureHop) -> JSONValue {
        var sources: [JSONValue] = []
        func addSources(_ e: Int) {
            for s in g.relationship(e).sources where !sources.contains(s.json) { sources.append(s.json) }
        }
        let rels: [JSONValue] = hop.relationships.map { w in
            let r = g.relationship(w.relationship)
            addSources(w.relationship)
            var o: [String: JSONValue] = [
                "id": .string(r.id), "kind": .string(r.kind.description), "direction": .string(w.direction.rawValue),
                "sources": .array(r.sources.map(\.json)),
            ]
            if r.kind == .owns { o["share"] = shareJSON(r.share) }
            if let c = r.controlType { o["controlType"] = .string(c) }
            if let role = r.role { o["role"] = .string(role) }
            if let s = r.start { o["start"] = .string(s.description) }
            if let e = r.end { o["end"] = .string(e.description) }
            return .object(o)
        }
        let pays: [JSONValue] = hop.payments.map { p in
            p.relationships.forEach(addSources)
            return [
                "direction": .string(p.direction.rawValue), "count": .number(p.count),
                "totals": .array(p.totals.map { ["currency": .string($0.currency), "amount": .number($0.amount)] }),
                "first": .date(p.first), "last": .date(p.last),
                "ids": .array(p.relationships.map { .string(g.relationshipID($0)) }),
            ]
        }
        let primaryKind = hop.primaryKind(in: g)
        var o: [String: JSONValue] = [
            "from": .string(g.id(hop.from)), "to": .string(g.id(hop.to)),
            "kind": .string(primaryKind.description), "direction": .string(hop.primaryDirection.rawValue),
            "relationships": .array(rels), "payments": .array(pays), "sources": .array(sources),
        ]
        if primaryKind == .owns, let first = hop.relationships.first {
            o["share"] = shareJSON(g.share(first.relationship))
        }
        if hop.paymentsOutOfTimeOrder > 0 { o["paymentsOutOfTimeOrder"] = .number(hop.paymentsOutOfTimeOrder) }
        return .object(o)
    }

    public static let pathsCSVColumns = [
        "subject", "path", "hop", "from", "to", "kinds", "directions", "share", "payments", "payment_totals",
        "first_payment", "last_payment", "relationship_ids", "target", "reasons", "strength", "strength_min",
        "strength_max", "path_hops", "severity", "verdict",
    ]

    public var pathsCSVHeader: String { OutputSafety.csvLine(ExposureReport.pathsCSVColumns) }

    /// One subject's rows of the paths CSV: its verdict row (path and hop empty; a self-target names itself as the
    /// target with its reasons), then a row per hop.
    public func pathsCSVRows(_ r: SubjectExposure) -> String {
        let subject = g.id(r.subject)
        let verdict = r.verdict.rawValue
        var out = OutputSafety.csvLine(
            [
                subject, "", "", "", "", "", "", "", "", "", "", "", "",
                r.verdict == .selfTarget ? subject : "", r.subjectReasons.map(\.code).joined(separator: ";"),
                "", "", "", "", "", verdict,
            ], spreadsheetSafe: true)
        for (i, p) in r.paths.enumerated() {
            // Path-wide cells, made once per path rather than once per hop.
            let minimum = "\(p.strength.minimum)"
            let maximum = p.strength.isExact ? minimum : "\(p.strength.maximum)"
            let target = g.id(p.target), reasons = p.reasons.map(\.code).joined(separator: ";")
            for (h, hop) in p.hops.enumerated() {
                let kinds =
                    hop.relationships.map { g.kind(ofRelationship: $0.relationship).description }
                    + hop.payments.map { _ in "pays" }
                let dirs = hop.relationships.map(\.direction.rawValue) + hop.payments.map(\.direction.rawValue)
                let owns = hop.relationships.first { g.kind(ofRelationship: $0.relationship) == .owns }
                let ids =
                    hop.relationships.map { g.relationshipID($0.relationship) ?? "" }
                    + hop.payments.flatMap { $0.relationships.map { g.relationshipID($0) ?? "" } }
                let totals = hop.payments.flatMap { $0.totals }.map {
                    "\($0.amount)" + ($0.currency.map { " \($0)" } ?? "")
                }
                out += OutputSafety.csvLine(
                    [
                        subject, String(i + 1), String(h + 1), g.id(hop.from), g.id(hop.to),
                        kinds.joined(separator: ";"), dirs.joined(separator: ";"),
                        owns.flatMap { g.share($0.relationship) }?.csv ?? "",
                        String(hop.payments.reduce(0) { $0 + $1.count }), totals.joined(separator: ";"),
                        hop.payments.compactMap(\.first).min().map(\.description) ?? "",
                        hop.payments.compactMap(\.last).max().map(\.description) ?? "",
                        ids.filter { !$0.isEmpty }.joined(separator: ";"),
                        target, reasons, p.strength.isExact ? minimum : "", minimum, maximum, String(p.hops.count),
                        p.severity.description, verdict,
                    ], spreadsheetSafe: true)
            }
        }
        return out
    }
}
