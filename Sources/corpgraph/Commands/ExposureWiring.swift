import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphRender

/// The exposure paths `render --exposure` draws: every path from `subject` to a target (the exposure command's
/// semantics: simple paths, at most `maxDepth` hops, ending at the first target), as of `asOf`, at most 1000.
func exposurePaths(_ dataset: LoadedDataset, subject: Int, asOf: CalendarDate, maxDepth: Int, direction: WalkDirection,
                   kinds: RelationshipKindSet = .all, timeRespecting: Bool = false, derived: String? = nil) throws
    -> (paths: [ExposureDiagramPath], truncated: Bool)
{
    let extra = try derived.map { try derivedTargets(dataset.graph, policy: dataset.policy, asOf: asOf, regime: $0) } ?? [:]
    let targets = TargetSet(graph: dataset.graph, policy: dataset.policy, asOf: asOf, extra: extra)
    let filter = TraversalFilter(kinds: kinds, direction: direction, asOf: asOf)
    let search = ExposureSearch(targets: targets, options: ExposureOptions(maxDepth: maxDepth, filter: filter,
                                                                            timeRespecting: timeRespecting, limit: 1000))
    let found = search.exposure(of: subject)
    let paths = found.paths.map { p in
        ExposureDiagramPath(nodes: p.nodes,
                            hops: p.hops.map { hop in hop.relationships.map { $0.relationship } + hop.payments.flatMap { $0.relationships } },
                            reasons: p.reasons)
    }
    return (paths, found.truncated)
}

/// `--via owns,pays,…` → a kind set; an unknown word is a usage error with a suggestion.
func parseRelationshipKinds(_ via: String?) throws -> RelationshipKindSet {
    guard let via else { return .all }
    var set: [RelationshipKind] = []
    for word in via.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
        guard let k = RelationshipKind(name: word) else {
            let names = RelationshipKind.allCases.map(\.description)
            throw ValidationError("Unknown relationship kind '\(word)' in --via\(Suggestions.hint(for: word, in: names, limit: 1)); expected \(names.joined(separator: ", ")).")
        }
        set.append(k)
    }
    if set.isEmpty { throw ValidationError("--via needs at least one relationship kind.") }
    return RelationshipKindSet(set)
}

/// Entities blocked (not merely listed, not undetermined) under `regime`, with a reason naming the rule basis
/// and the holders or controllers: `derived:ofac ownership by person-s, person-t`.
func derivedTargets(_ g: Graph, policy: Policy, asOf day: CalendarDate, regime: String) throws -> [Int: [String]] {
    let analysis: SanctionsAnalysis
    do {
        analysis = try SanctionsAnalysis(graph: g, regimeNamed: regime, policy: policy, asOf: day)
    } catch let e as SanctionsAnalysis.UnknownRegime {
        throw ValidationError("--derived: \(e.description)")
    } catch {
        throw InputError("\(error)")
    }
    var extra: [Int: [String]] = [:]
    for v in 0..<g.entityCount where analysis.status(v) == .blocked {
        let entry = analysis.entry(v)
        var reason = "derived:\(analysis.regime.name)"
        if let basis = entry.basis {
            reason += " \(basis)"
            let who = basis == .control ? entry.controllers : entry.owners
            if !who.isEmpty { reason += " by " + who.joined(separator: ", ") }
        }
        extra[v] = [reason]
    }
    return extra
}

