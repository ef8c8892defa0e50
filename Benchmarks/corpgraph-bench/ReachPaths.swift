import CorpGraph
import Foundation

// T2 (reach) and T3 (paths) of ../shared/bench/README.md, on the library's own engines.
//
// sanctioned(e) ⇔ sanctions(e) ≠ "" or country(jurisdiction(e)) ∈ {RU, BY, IR, KP}: a TargetSet under a policy naming
// those four countries and every list, with no as-of date (the bench data has no designation dates). The Link graph L
// is the relationship graph over all kinds with parallel relationships collapsed: the CSR keeps parallel
// relationships adjacent and both engines visit each neighbour once.
//
// The `seconds` returned are the compute time only (target classification, traversal, and for T3 the
// distance-to-target search), as the peers time theirs; formatting the oracle lines is not timed.

/// The bench's definition of sanctioned, as a ``Policy``.
let benchPolicy = Policy(jurisdictions: ["BY", "IR", "KP", "RU"], lists: nil)

/// Resolves subject ids; an unknown id is a setup error worth stopping for.
private func subjectIndices(_ graph: Graph, _ subjects: [String]) -> [Int] {
    subjects.map { id in
        guard let v = graph.index(of: id) else { preconditionFailure("bench subject '\(id)' is not in the graph") }
        return v
    }
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// T2: for each subject, the sanctioned entities within 6 forward hops on L (the subject excluded; targets do not
/// stop the search), by the multi-source bit-parallel BFS of ``Graph/targetsWithin(_:of:targets:walking:)``. Returns
/// the text of `reach.tsv` (lines `subject\tcount\tid,id,…\n`, ids sorted bytewise), the total and the seconds of the
/// search alone (the reached entities as indices, as the peers' timers stop at index arrays).
func benchReach(graph: Graph, subjects: [String]) -> (text: String, total: Int, seconds: Double) {
    let indices = subjectIndices(graph, subjects)
    let start = ContinuousClock.now
    let targets = TargetSet(graph: graph, policy: benchPolicy, asOf: nil)
    let reached = graph.targetsWithin(
        6, of: indices, targets: targets,
        walking: TraversalFilter(kinds: .all, direction: .down, asOf: nil))
    let elapsed = seconds(since: start)
    var text: [UInt8] = []
    var total = 0
    for (s, hits) in zip(subjects, reached) {
        total += hits.count
        text.append(contentsOf: s.utf8)
        text.append(9)
        text.append(contentsOf: String(hits.count).utf8)
        text.append(9)
        for (i, v) in graph.sortedByID(hits.map { Int32($0.entity) }).enumerated() {
            if i > 0 { text.append(44) }
            graph.appendID(v, to: &text)
        }
        text.append(10)
    }
    return (String(decoding: text, as: UTF8.self), total, elapsed)
}

/// T3: for each subject, the number of simple paths of 1–4 forward hops on L ending at the first sanctioned entity
/// (the subject's own status ignored), capped at 10 000. Lines are `subject\tcount\n`, the oracle's `paths.tsv`.
func benchPaths(graph: Graph, subjects: [String]) -> (lines: [String], total: Int, seconds: Double) {
    let indices = subjectIndices(graph, subjects)
    let start = ContinuousClock.now
    let targets = TargetSet(graph: graph, policy: benchPolicy, asOf: nil)
    let search = ExposureSearch(
        targets: targets,
        options: ExposureOptions(maxDepth: 4, filter: TraversalFilter(kinds: .all, direction: .down, asOf: nil)))
    var enumerator = search.makeEnumerator(order: .depthFirst)
    let counts = indices.map { enumerator.count(from: $0, cap: 10_000) }
    let elapsed = seconds(since: start)
    let lines = zip(subjects, counts).map { "\($0)\t\($1)\n" }
    return (lines, counts.reduce(0, +), elapsed)
}
