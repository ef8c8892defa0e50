import ArgumentParser
import CorpGraphIO
import CorpGraphRender

/// The exposure paths `render --exposure` draws: every path from `subject` to a target (the exposure command's
/// semantics: simple paths, at most `maxDepth` hops, ending at the first target), as of `asOf`, at most 1000.
func exposurePaths(_ dataset: LoadedDataset, subject: Int, asOf: CalendarDate, maxDepth: Int,
                   direction: WalkDirection) -> (paths: [ExposureDiagramPath], truncated: Bool) {
    let targets = TargetSet(graph: dataset.graph, policy: dataset.policy, asOf: asOf)
    let filter = TraversalFilter(kinds: .all, direction: direction, asOf: asOf)
    let search = ExposureSearch(targets: targets, options: ExposureOptions(maxDepth: maxDepth, filter: filter, limit: 1000))
    let found = search.exposure(of: subject)
    let paths = found.paths.map { p in
        ExposureDiagramPath(nodes: p.nodes,
                            hops: p.hops.map { $0.relationships.map(\.relationship) + $0.payments.flatMap(\.relationships) },
                            reasons: p.reasons)
    }
    return (paths, found.truncated)
}
