import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphRender

/// The exposure paths `render --exposure` draws: every path from `subject` to a target (the exposure command's
/// semantics: simple paths, at most `maxDepth` hops, ending at the first target), as of `asOf`, at most 1000.
func exposurePaths(
    _ dataset: LoadedDataset, subject: Int, asOf: CalendarDate, maxDepth: Int, direction: WalkDirection,
    kinds: RelationshipKindSet = .all, timeRespecting: Bool = false, derived: String? = nil
) throws
    -> (paths: [ExposureDiagramPath], truncated: Bool)
{
    // One subject: targets classified and pruning distances found on demand (same paths as the whole-graph search).
    let targets = try exposureTargets(dataset, asOf: asOf, derived: derived, onDemand: true)
    let filter = TraversalFilter(kinds: kinds, direction: direction, asOf: asOf)
    let search = ExposureSearch(
        targets: targets,
        options: ExposureOptions(
            maxDepth: maxDepth, filter: filter,
            timeRespecting: timeRespecting, limit: 1000),
        subjects: [subject])
    let found = search.exposure(of: subject)
    return (found.paths.map(ExposureDiagramPath.init), found.truncated)
}

/// The targets of an exposure query. Without `derived`, designations on the lists the policy counts (every list
/// unless the policy names some: "any sanctions exposure?"); with `derived`, the lists that regime counts, plus the
/// entities blocked under it.
/// `onDemand`: classify each entity when the search asks (a query about a few subjects; ``TargetSet``).
func exposureTargets(_ dataset: LoadedDataset, asOf: CalendarDate, derived: String?, onDemand: Bool = false) throws
    -> TargetSet
{
    guard let derived else {
        return TargetSet(graph: dataset.graph, policy: dataset.policy, asOf: asOf, onDemand: onDemand)
    }
    let (extra, severity, lists) = try derivedTargets(
        dataset.graph, policy: dataset.policy, asOf: asOf, regime: derived)
    var policy = dataset.policy
    policy.lists = lists
    return TargetSet(
        graph: dataset.graph, policy: policy, asOf: asOf, extra: extra, extraSeverity: severity, onDemand: onDemand)
}

/// Entities blocked (severity derived) or undetermined (severity possible) under `regime`, not merely listed, with a reason naming the rule basis
/// and the holders or controllers: `derived:ofac ownership by person-s, person-t`.
func derivedTargets(_ g: Graph, policy: Policy, asOf day: CalendarDate, regime: String) throws
    -> (targets: [Int: [TargetReason]], severity: [Int: TargetSeverity], lists: [String]?)
{
    let analysis: SanctionsAnalysis
    do {
        analysis = try SanctionsAnalysis(graph: g, regimeNamed: regime, policy: policy, asOf: day)
    } catch let e as SanctionsAnalysis.UnknownRegime {
        throw ValidationError("--derived: \(e.description)")
    } catch {
        throw InputError("\(error)")
    }
    var extra: [Int: [TargetReason]] = [:]
    var severity: [Int: TargetSeverity] = [:]
    for v in 0..<g.entityCount {
        let status = analysis.status(v)
        guard status == .blocked || status == .undetermined else { continue }
        let entry = analysis.entry(v)
        // UNDETERMINED is a target of its own (`possible`), ranked below certain ones, never silently clear.
        let reason = TargetReason.derived(
            regime: analysis.regime.name, status: status, basis: entry.basis,
            by: entry.basis == .control ? entry.controllers : entry.owners)
        severity[v] = reason.severity
        extra[v] = [reason]
    }
    return (extra, severity, analysis.countedLists)
}
