import CorpGraph
import Foundation

extension CaseReportBuilder {
    static func regimeVerdict(_ v: Int, regime: String, analysis: SanctionsAnalysis) -> RegimeVerdict {
        let explanation = analysis.explain(v)
        let status: RegimeVerdict.Status
        switch analysis.status(v) {
        case .listed: status = .listed
        case .blocked: status = .blocked
        case .undetermined: status = .undetermined
        case .notBlocked: status = .clear
        }
        let lines = explanation.textLines().map { line -> DerivationLine in
            let pad = line.prefix { $0 == " " }.count
            return DerivationLine(depth: pad / 2, text: String(line.dropFirst(pad)))
        }
        var range: RangeOutcome?
        if let total = explanation.total, total.lower != total.upper {
            let low = meets(total.lower, explanation), high = meets(total.upper, explanation)
            range = RangeOutcome(
                minimum: "\(total.lower) % → \(low ? "meets" : "does not meet") the test",
                maximum: "\(total.upper) % → \(high ? "meets" : "does not meet") the test",
                holdsAcrossRange: low == high)
        }
        return RegimeVerdict(
            regime: regime, status: status, rule: analysis.ruleText, derivation: lines, range: range,
            countedLists: analysis.countedLists)
    }

    private static func meets(_ p: Percent, _ x: SanctionsExplanation) -> Bool {
        x.inclusive ? p >= x.threshold : p > x.threshold
    }

    static func pathEvidence(_ path: ExposurePath, graph: Graph) -> PathEvidence {
        let hops = path.hops.map { hop -> HopEvidence in
            var facts: [String] = []
            var sources: [SourceCitation] = []
            var relationships = hop.relationships.map(\.relationship)
            for fold in hop.payments {
                let totals = fold.totals.map { "\(NumberText.grouped($0.amount)) \($0.currency ?? "")" }.joined(
                    separator: " + ")
                let when = [fold.first, fold.last].compactMap { $0?.description }
                let span = when.isEmpty ? "undated" : Set(when).count == 1 ? when[0] : "\(when[0]) to \(when[1])"
                facts.append("pays \(fold.direction) ×\(fold.count): \(totals), \(span)")
                relationships += fold.relationships
            }
            for walked in hop.relationships {
                facts.append(fact(graph.relationship(walked.relationship), direction: walked.direction))
            }
            for e in relationships {
                let r = graph.relationship(e)
                for s in r.sources {
                    sources.append(
                        SourceCitation(
                            title: s.title ?? s.url ?? "source", url: s.url,
                            retrieved: s.retrieved?.description, record: r.id))
                }
                if r.sources.isEmpty, let id = r.id {
                    sources.append(
                        SourceCitation(title: "record \(id) (no source given)", url: nil, retrieved: nil, record: id))
                }
            }
            return HopEvidence(
                from: graph.id(hop.from), fromName: graph.name(hop.from), to: graph.id(hop.to),
                toName: graph.name(hop.to), facts: facts, sources: dedupe(sources))
        }
        return PathEvidence(
            target: graph.id(path.target), targetName: graph.name(path.target), reasons: path.reasons,
            strength: path.strength.description, hops: hops)
    }

    private static func dedupe(_ s: [SourceCitation]) -> [SourceCitation] {
        var seen = Set<SourceCitation>()
        return s.filter { seen.insert($0).inserted }
    }

    static func fact(_ r: Relationship, direction: HopDirection) -> String {
        var text = "\(r.kind) (\(direction))"
        if r.kind == .owns { text += " " + (r.share?.description ?? "?") }
        if let c = r.controlType { text += ", \(c)" }
        if let role = r.role { text += ", \(role)" }
        if let a = r.amount { text += " \(NumberText.grouped(a)) \(r.currency ?? "")" }
        if let d = r.date { text += " on \(d)" }
        switch (r.start, r.end) {
        case (nil, nil): text += "; no validity dates"
        case (let s?, nil): text += "; from \(s)"
        case (nil, let e?): text += "; until \(e)"
        case (let s?, let e?): text += "; \(s) to \(e)"
        }
        return text
    }

    static func lookThroughOwners(_ v: Int, graph: Graph, query: CaseQuery) -> ([OwnerRow], String?) {
        let options = LookThroughOptions(method: .full, asOf: query.asOf, threshold: query.ownerThreshold)
        do {
            let result = try LookThroughOwnership.compute(graph: graph, subject: v, direction: .of, options: options)
            let rows = result.entries.filter { $0.id != graph.id(v) }.map { e in
                OwnerRow(
                    id: e.id, name: e.name, kind: e.kind.description, effective: effective(e),
                    beneficialOwner: e.beneficialOwner, chains: e.chains.count)
            }
            return (rows, rows.isEmpty ? "No owners on record as of \(query.asOf)." : nil)
        } catch {
            return ([], "Look-through ownership could not be computed: \(error)")
        }
    }

    private static func effective(_ e: LookThroughEntry) -> String {
        if e.isUnbounded { return "unbounded (closed ownership loop)" }
        func pct(_ x: Double) -> String { String(format: "%.2f %%", x * 100) }
        guard let upper = e.effectiveUpper else { return "≥ " + pct(e.effectiveLower) }
        return abs(upper - e.effectiveLower) < 1e-12 ? pct(e.effectiveLower) : pct(e.effectiveLower) + "–" + pct(upper)
    }

    /// The findings in plain words, the most severe first.
    static func findings(
        _ v: Int, graph: Graph, verdict: ExposureVerdict.Verdict, selfReasons: [TargetReason],
        paths: [PathEvidence], verdicts: [RegimeVerdict], owners: [OwnerRow]
    ) -> [String] {
        var out: [String] = []
        if verdict == .self {
            out.append("\(graph.name(v)) is itself a target: \(selfReasons.map(\.code).joined(separator: "; ")).")
        }
        for r in verdicts where r.status != .clear {
            let reason = r.derivation.dropFirst().first { $0.depth == 1 && !$0.text.hasPrefix("rule:") }?.text
            out.append(
                "\(r.status.rawValue.capitalized) under \(r.regime.uppercased())" + (reason.map { ": \($0)" } ?? "."))
        }
        if verdict != .self {
            if let shortest = paths.first {
                out.append(
                    "Exposed: \(paths.count) path(s); the shortest reaches \(shortest.targetName) (\(shortest.target)) "
                        + "in \(shortest.hops.count) hop(s) because \(shortest.reasons.map(\.code).joined(separator: "; "))."
                )
            } else {
                out.append("No exposure path within the searched scope.")
            }
        }
        for r in verdicts where r.status == .clear {
            out.append("Not listed and not blocked under \(r.regime.uppercased()).")
        }
        let bos = owners.filter(\.beneficialOwner)
        if !bos.isEmpty {
            out.append("Beneficial owners: " + bos.map { "\($0.name) (\($0.effective))" }.joined(separator: ", ") + ".")
        }
        return out
    }
}
