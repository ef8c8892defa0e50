import CorpGraph
import CorpGraphDiff
import CorpGraphIO
import CorpGraphTestSupport
import Foundation

func fixture(_ path: String) -> String { repoRoot.appendingPathComponent("fixtures/" + path).path }

/// One side read from fixture files.
func side(_ paths: [String], asOf: String) throws -> DiffSide {
    let d = try DatasetLoader.load(paths.map(fixture))
    return DiffSide(graph: d.graph, policy: d.policy, asOf: day(asOf), label: paths.joined(separator: ", "))
}

/// fixtures/diff/old.yaml against new.yaml, both on 2024-01-01.
func pairReport(_ options: DiffOptions = DiffOptions()) throws -> DiffReport {
    try DatasetDiff.compare(
        old: side(["diff/old.yaml"], asOf: "2024-01-01"),
        new: side(["diff/new.yaml"], asOf: "2024-01-01"), options: options)
}

extension DiffReport {
    func statuses(_ regime: String) -> [String: StatusChange] {
        Dictionary(statuses.filter { $0.regime == regime }.map { ($0.entity, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
