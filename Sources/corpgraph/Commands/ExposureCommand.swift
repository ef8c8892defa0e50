import ArgumentParser
import CorpGraph
import CorpGraphIO
import Foundation

extension WalkDirection: ExpressibleByArgument {}

struct ExposureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "Exposure paths: chains of ownership, control, directorship, operation and payment from a subject to "
            + "a sanctioned jurisdiction or a designated party.",
        discussion: """
            A target is an entity designated on a list the policy counts (in force on the as-of date) or located in a \
            jurisdiction the policy names (a country covers its subdivisions: RU covers RU-IRK). A path is simple, has \
            at most --max-depth hops and ends at the first target it meets. Paths are ranked by hops, then strength \
            (the product of ownership shares along the path; other hops count 1), then ids. --reach lists every target \
            within the depth with its shortest distance instead, without stopping at targets.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("subject"), help: "Entity id to start from (repeatable).")
    var subjects: [String] = []

    @Flag(help: "Every entity is a subject (only the exposed ones are listed).")
    var all = false

    @Option(help: "With --all: only entities of these kinds (comma-separated: company,person,exchange,site,organization,account).")
    var kind: String?

    @Option(name: .customLong("max-depth"), parsing: .unconditional, help: "Longest path, in hops.")
    var maxDepth = 6

    @Option(help: "Relationship kinds to walk (comma-separated: owns,controls,directs,operates,pays; default all).")
    var via: String?

    @Option(help: "down: what the subject owns, controls, directs, operates and pays; up: its owners, controllers, directors, operators and payers; both: either way at each hop.")
    var direction: WalkDirection = .down

    @OptionGroup var asOf: AsOfOption

    @Flag(name: .customLong("time-respecting"),
          help: "Payment hops must be in time order: money cannot leave before it arrived.")
    var timeRespecting = false

    @Option(help: "Paths kept per subject (the shortest first); the result says when it was truncated. Default 1000.")
    var limit: Int?

    @Flag(help: "List every target within the depth with its shortest distance, without enumerating paths.")
    var reach = false

    @Option(help: "Also count as targets the entities blocked under this regime's ownership and control rules (ofac, eu, uk, or one the policy defines).")
    var derived: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func validate() throws {
        if subjects.isEmpty && !all { throw ValidationError("Missing subject: pass --subject ID (repeatable) or --all.") }
        if !subjects.isEmpty && all { throw ValidationError("Pass either --subject or --all, not both.") }
        if kind != nil && !all { throw ValidationError("--kind selects subjects for --all; use it together with --all.") }
        if !(1...64).contains(maxDepth) {
            throw ValidationError("--max-depth must be ≥ 1 (and at most 64), got \(maxDepth).")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit).") }
        if reach && timeRespecting {
            throw ValidationError("--time-respecting applies to paths; --reach lists distances and ignores payment timing.")
        }
        if reach && limit != nil { throw ValidationError("--limit applies to paths; --reach lists every target within the depth.") }
        _ = try kinds()
        _ = try entityKinds()
    }

    func kinds() throws -> RelationshipKindSet { try parseRelationshipKinds(via) }

    func entityKinds() throws -> Set<EntityKind>? {
        guard let kind else { return nil }
        var set = Set<EntityKind>()
        for word in kind.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let k = EntityKind(name: word) else {
                let names = EntityKind.allCases.map(\.description)
                throw ValidationError("Unknown entity kind '\(word)' in --kind; expected \(names.joined(separator: ", ")).")
            }
            set.insert(k)
        }
        return set
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        let day = try asOf.date
        let subjectIndices = try resolveSubjects(g)
        let targets = TargetSet(graph: g, policy: dataset.policy, asOf: day,
                                extra: try derived.map { try derivedTargets(g, policy: dataset.policy, asOf: day, regime: $0) } ?? [:])
        let filter = TraversalFilter(kinds: try kinds(), direction: direction, asOf: day)
        let report = ExposureReport(graph: g, targets: targets, policyOrigin: dataset.policyOrigin, asOf: day,
                                    filter: filter, maxDepth: maxDepth, timeRespecting: timeRespecting, derived: derived,
                                    all: all, checked: subjectIndices.count)
        let write: ([UInt8]) -> Void = { FileHandle.standardOutput.write(Data($0)) }
        if reach {
            let reached = g.targetsWithin(maxDepth, of: subjectIndices, targets: targets, walking: filter)
            var rows = zip(subjectIndices, reached).map { (subject: $0, targets: g.sortedByDistanceThenID($1)) }
            if all { rows = rows.filter { !$0.targets.isEmpty } }
            report.reach(rows, format: format, emit: write)
            return
        }
        let search = ExposureSearch(
            targets: targets,
            options: ExposureOptions(maxDepth: maxDepth, filter: filter, timeRespecting: timeRespecting, limit: limit ?? 1000))
        var enumerator = search.makeEnumerator(order: .byLength)
        // The CSV is streamed a subject at a time (`--all` on a large graph holds one subject's paths, not all of
        // them); text and JSON need every subject first.
        if format == .csv { write(Array(report.pathsCSVHeader.utf8)) }
        var results: [SubjectExposure] = []
        for s in subjectIndices {
            let r = search.exposure(of: s, using: &enumerator)
            if format == .csv {
                if !r.paths.isEmpty { write(Array(report.pathsCSVRows(r).utf8)) }
            } else if !(all && r.paths.isEmpty) {
                results.append(r)
            }
        }
        switch format {
        case .csv: break
        case .json: write(Array((report.pathsJSON(results).encoded() + "\n").utf8))
        case .text: write(Array(report.pathsText(results).utf8))
        }
    }

    /// Subject indices in the order given (`--subject`), or every entity of the chosen kinds in id order (`--all`).
    /// An unknown id is a usage error naming the closest ids.
    private func resolveSubjects(_ g: Graph) throws -> [Int] {
        if all {
            let kinds = try entityKinds()
            return g.sortedByID((0..<g.entityCount).filter { kinds?.contains(g.kind($0)) ?? true })
        }
        var out: [Int] = []
        var unknown: [String] = []
        for id in subjects {
            if let v = g.index(of: id) {
                if !out.contains(v) { out.append(v) }
            } else {
                let hint = Suggestions.hint(g.suggestions(for: id))
                unknown.append("error: unknown subject '\(OutputSafety.terminal(id))'\(OutputSafety.terminal(hint))")
            }
        }
        if !unknown.isEmpty {
            unknown.forEach(printError)
            throw ExitCode(2)
        }
        return out
    }
}

/// Formats exposure results as text, JSON (DESIGN §5) or CSV.
struct ExposureReport {
    let graph: Graph
    let targets: TargetSet
    let policyOrigin: String
    let asOf: CalendarDate
    let filter: TraversalFilter
    let maxDepth: Int
    let timeRespecting: Bool
    let derived: String?
    let all: Bool
    let checked: Int

    private var g: Graph { graph }

    // MARK: Paths

    private var viaText: String {
        filter.kinds == .all ? "all kinds" : RelationshipKind.allCases.filter { filter.kinds.contains($0) }.map(\.description).joined(separator: ",")
    }

    private var header: String {
        var s = "as of \(asOf) · policy \(policyOrigin) · direction \(filter.direction) · depth ≤ \(maxDepth) · via \(viaText)"
        if timeRespecting { s += " · time-respecting" }
        if let derived { s += " · derived \(derived)" }
        return OutputSafety.terminal(s)
    }

    func pathsText(_ results: [SubjectExposure]) -> String {
        var out = "Exposure paths " + header + "\n"
        if all {
            out += "\(results.count) of \(checked) subject(s) exposed\n"
            if results.isEmpty { out += "no exposure path found\n" }
        }
        for r in results {
            out += "\n" + label(g, r.subject)
            out += r.paths.isEmpty ? "\n" : " — \(r.paths.count) path\(r.paths.count == 1 ? "" : "s")\n"
            if !r.subjectReasons.isEmpty {
                out += "  note: the subject is itself a target (\(OutputSafety.terminal(r.subjectReasons.joined(separator: "; "))))\n"
            }
            if r.paths.isEmpty {
                out += "  no exposure path found\n"
                continue
            }
            for (i, p) in r.paths.enumerated() {
                out += "  \(i + 1). \(p.hops.count) hop\(p.hops.count == 1 ? "" : "s"), strength \(p.strength)"
                out += " ⇒ \(OutputSafety.terminal(g.id(p.target))) (\(OutputSafety.terminal(p.reasons.joined(separator: "; "))))\n"
                var chain = "     " + label(g, p.subject)
                for hop in p.hops { chain += " " + hopText(hop) + " " + label(g, hop.to) }
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

    private var policyJSON: JSONValue {
        [
            "origin": .string(policyOrigin),
            "jurisdictions": .array(targets.policy.jurisdictions.map { .string($0) }),
            "lists": targets.policy.lists.map { .array($0.map { .string($0) }) } ?? .null,
        ]
    }

    private var queryJSON: JSONValue {
        [
            "direction": .string(filter.direction.rawValue), "maxDepth": .number(maxDepth),
            "via": .array(RelationshipKind.allCases.filter { filter.kinds.contains($0) }.map { .string($0.description) }),
            "timeRespecting": .bool(timeRespecting), "derived": .string(derived),
        ]
    }

    func pathsJSON(_ results: [SubjectExposure]) -> JSONValue {
        var root: [String: JSONValue] = [
            "asOf": .string(asOf.description), "policy": policyJSON, "query": queryJSON,
            "subjects": .array(results.map { r in
                var o: [String: JSONValue] = [
                    "subject": .string(g.id(r.subject)), "name": .string(g.name(r.subject)),
                    "jurisdiction": .string(g.jurisdiction(r.subject)), "truncated": .bool(r.truncated),
                    "paths": .array(r.paths.map(pathJSON)),
                ]
                if !r.subjectReasons.isEmpty { o["subjectReasons"] = .array(r.subjectReasons.map { .string($0) }) }
                return .object(o)
            }),
        ]
        if all { root["subjectsChecked"] = .number(checked) }
        return .object(root)
    }

    private func pathJSON(_ p: ExposurePath) -> JSONValue {
        var o: [String: JSONValue] = [
            "target": .string(g.id(p.target)),
            "reasons": .array(p.reasons.map { .string($0) }),
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

    private func shareJSON(_ share: Share?) -> JSONValue {
        switch share {
        case nil: return .null
        case .exact(let p)?: return .number(p)
        case .unknown?: return .string("unknown")
        case .range(let r)?:
            return .object([
                "min": r.min.map { .number($0) } ?? .null, "max": r.max.map { .number($0) } ?? .null,
                "minExclusive": .bool(r.minExclusive), "maxExclusive": .bool(r.maxExclusive),
            ])
        }
    }

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
        if primaryKind == .owns, let first = hop.relationships.first { o["share"] = shareJSON(g.share(first.relationship)) }
        if hop.paymentsOutOfTimeOrder > 0 { o["paymentsOutOfTimeOrder"] = .number(hop.paymentsOutOfTimeOrder) }
        return .object(o)
    }

    static let pathsCSVColumns = [
        "subject", "path", "hop", "from", "to", "kinds", "directions", "share", "payments", "payment_totals",
        "first_payment", "last_payment", "relationship_ids", "target", "reasons", "strength", "strength_min",
        "strength_max", "path_hops",
    ]

    var pathsCSVHeader: String { OutputSafety.csvLine(ExposureReport.pathsCSVColumns) }

    /// One subject's rows of the paths CSV: a row per hop.
    func pathsCSVRows(_ r: SubjectExposure) -> String {
        var out = ""
        let subject = g.id(r.subject)
        for (i, p) in r.paths.enumerated() {
            // Path-wide cells, made once per path rather than once per hop.
            let minimum = "\(p.strength.minimum)"
            let maximum = p.strength.isExact ? minimum : "\(p.strength.maximum)"
            let target = g.id(p.target), reasons = p.reasons.joined(separator: ";")
            for (h, hop) in p.hops.enumerated() {
                let kinds = hop.relationships.map { g.kind(ofRelationship: $0.relationship).description }
                    + hop.payments.map { _ in "pays" }
                let dirs = hop.relationships.map(\.direction.rawValue) + hop.payments.map(\.direction.rawValue)
                let owns = hop.relationships.first { g.kind(ofRelationship: $0.relationship) == .owns }
                let ids = hop.relationships.map { g.relationshipID($0.relationship) ?? "" }
                    + hop.payments.flatMap { $0.relationships.map { g.relationshipID($0) ?? "" } }
                let totals = hop.payments.flatMap { $0.totals }.map { "\($0.amount)" + ($0.currency.map { " \($0)" } ?? "") }
                out += OutputSafety.csvLine([
                    subject, String(i + 1), String(h + 1), g.id(hop.from), g.id(hop.to),
                    kinds.joined(separator: ";"), dirs.joined(separator: ";"),
                    owns.flatMap { g.share($0.relationship) }.map { "\($0)" } ?? "",
                    String(hop.payments.reduce(0) { $0 + $1.count }), totals.joined(separator: ";"),
                    hop.payments.compactMap(\.first).min().map(\.description) ?? "",
                    hop.payments.compactMap(\.last).max().map(\.description) ?? "",
                    ids.filter { !$0.isEmpty }.joined(separator: ";"),
                    target, reasons, p.strength.isExact ? minimum : "", minimum, maximum, String(p.hops.count),
                ], spreadsheetSafe: true)
            }
        }
        return out
    }

    // MARK: Reach

    /// The `--reach` CSV, a row per subject and target, handed to `emit` in chunks of about 1 MiB (tens of millions
    /// of rows for `--all` on a large graph are streamed, not held as one string).
    func reachCSV(_ rows: [(subject: Int, targets: [ReachedEntity])], emit: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        out.append(contentsOf: OutputSafety.csvLine(["subject", "target", "distance", "reasons"]).utf8)
        // A target reached by many subjects is written many times: its cells are made once.
        var cells: [Int32: (id: [UInt8], reasons: [UInt8])] = [:]
        for row in rows {
            let subject = Array(OutputSafety.csvCell(g.id(row.subject), spreadsheetSafe: true).utf8)
            for t in row.targets {
                let target = cells[Int32(t.entity)] ?? {
                    let c = (Array(OutputSafety.csvCell(g.id(t.entity), spreadsheetSafe: true).utf8),
                             Array(OutputSafety.csvCell(targets.reasons(for: t.entity).joined(separator: ";"),
                                                        spreadsheetSafe: true).utf8))
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

    /// The `--reach` report handed to `emit`: the CSV streamed in chunks, text and JSON whole.
    func reach(_ rows: [(subject: Int, targets: [ReachedEntity])], format: OutputFormat, emit: ([UInt8]) -> Void) {
        switch format {
        case .csv: reachCSV(rows, emit: emit)
        case .json: emit(Array(reachJSON(rows).utf8))
        case .text: emit(Array(reachText(rows).utf8))
        }
    }

    private func reachJSON(_ rows: [(subject: Int, targets: [ReachedEntity])]) -> String {
        var root: [String: JSONValue] = [
            "asOf": .string(asOf.description), "policy": policyJSON, "query": queryJSON, "mode": "reach",
            "subjects": .array(rows.map { row in
                [
                    "subject": .string(g.id(row.subject)), "name": .string(g.name(row.subject)),
                    "targets": .array(row.targets.map {
                        ["id": .string(g.id($0.entity)), "name": .string(g.name($0.entity)),
                         "distance": .number($0.distance),
                         "reasons": .array(targets.reasons(for: $0.entity).map { .string($0) })]
                    }),
                ]
            }),
        ]
        if all { root["subjectsChecked"] = .number(checked) }
        return JSONValue.object(root).encoded() + "\n"
    }

    private func reachText(_ rows: [(subject: Int, targets: [ReachedEntity])]) -> String {
        var out = "Targets within reach " + header + "\n"
        if all {
            out += "\(rows.count) of \(checked) subject(s) reach a target\n"
            if rows.isEmpty { out += "no target within reach\n" }
        }
        for row in rows {
            out += "\n" + label(g, row.subject)
            out += row.targets.isEmpty ? "\n  no target within \(maxDepth) hops\n" : " — \(row.targets.count) target\(row.targets.count == 1 ? "" : "s")\n"
            for t in row.targets {
                out += "  \(t.distance) hop\(t.distance == 1 ? " " : "s") \(label(g, t.entity)) (\(OutputSafety.terminal(targets.reasons(for: t.entity).joined(separator: "; "))))\n"
            }
        }
        return out
    }
}
