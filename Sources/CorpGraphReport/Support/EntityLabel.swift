import CorpGraph
import CorpGraphIO

/// `name [id, JURISDICTION]` for terminal output, control characters escaped.
public func entityLabel(_ graph: Graph, _ v: Int) -> String {
    let j = graph.jurisdiction(v).map { ", \($0)" } ?? ""
    return OutputSafety.terminal("\(graph.name(v)) [\(graph.id(v))\(j)]")
}
