import CorpGraph
/// One exposure path as the exposure view needs it: plain indices, so any path finder can feed it.
public struct ExposureDiagramPath: Sendable, Hashable {
    /// Entity indices in walk order: the subject first, the target last.
    public var nodes: [Int]
    /// `hops[i]` lists the relationship indices joining `nodes[i]` and `nodes[i + 1]` (either direction; several
    /// payments between one pair are folded into one bold edge).
    public var hops: [[Int]]
    /// Why the last node is a target: `jurisdiction:RU`, `list:OFAC-SDN`, `derived:blocked`, or free text.
    public var reasons: [String]

    public init(nodes: [Int], hops: [[Int]], reasons: [String]) {
        self.nodes = nodes
        self.hops = hops
        self.reasons = reasons
    }

    public var target: Int { nodes[nodes.count - 1] }
}

/// The exposure view: a subject, every exposure path found from it (bold), the targets and why they are targets.
public enum ExposureDiagram {
    /// Builds the DOT for `subject`'s exposure `paths`.
    ///
    /// Draws every entity on a path, the path relationships bold, other drawn relationships among those entities
    /// thin (context), the subject blue with a thick border, and each target with its reasons.
    /// - Parameter truncated: the path finder stopped at its limit; the subtitle says so.
    /// - Throws: ``DiagramError`` when the drawing exceeds the limits.
    public static func make(_ graph: Graph, subject: Int, paths: [ExposureDiagramPath], truncated: Bool = false,
                            options: DiagramOptions) throws(DiagramError) -> Diagram {
        var onPath: Set<Int> = [subject]
        var highlighted: Set<Int> = []
        var reasons: [Int: [String]] = [:]
        for p in paths {
            onPath.formUnion(p.nodes)
            for hop in p.hops { highlighted.formUnion(hop) }
            var seen = reasons[p.target, default: []]
            for r in p.reasons where !seen.contains(r) { seen.append(r) }
            reasons[p.target] = seen
        }
        let entities = onPath.sorted()
        let canvas = try DiagramCanvas(graph: graph, options: options, nodeCount: entities.count)
        var relationships = Set(highlighted)
        for v in entities {
            for (e, w) in zip(graph.outRelationships(v), graph.outNeighbours(v))
            where onPath.contains(Int(w)) && canvas.isDrawable(Int(e)) {
                relationships.insert(Int(e))
            }
        }
        let drawn = relationships.sorted()
        let nodes = entities.map { v -> DOTNode in
            if v == subject { return canvas.node(v, role: .subject) }
            if let r = reasons[v] { return canvas.node(v, role: .target(r)) }
            return canvas.node(v)
        }
        let title = "\(options.datasetName) — exposure of \(graph.name(subject)) (\(graph.id(subject))) as of \(options.asOf)"
        let targets = reasons.count
        var subtitle = paths.isEmpty
            ? "no exposure path found"
            : "\(paths.count) path\(paths.count == 1 ? "" : "s") to \(targets) target\(targets == 1 ? "" : "s"); paths bold"
        if truncated { subtitle += " (path limit reached: more paths exist)" }
        subtitle += options.showEnded ? "; ended relationships grey" : "; ended relationships hidden"
        let dot = canvas.document(nodes: nodes, entityOf: entities, edges: canvas.edges(drawn, highlighted: highlighted),
                                  relationships: drawn, title: title, subtitle: subtitle, subject: true,
                                  exposurePaths: !highlighted.isEmpty)
        return Diagram(dot: dot, engine: canvas.plan.engine, entities: entities, relationships: drawn)
    }
}
