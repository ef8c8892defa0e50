import CorpGraph
/// A cut of the graph: the subject and everything within `radius` relationships of it (in either direction).
public struct DiagramFocus: Sendable, Hashable {
    public var subject: Int
    public var radius: Int

    public init(subject: Int, radius: Int) {
        self.subject = subject
        self.radius = radius
    }

    /// Resolves a subject id, or fails with "did you mean" suggestions.
    public init(subjectID: String, radius: Int, in graph: Graph) throws(DiagramError) {
        guard let v = graph.index(of: subjectID) else {
            throw DiagramError(.unknownSubject(subjectID, suggestions: graph.suggestions(for: subjectID)))
        }
        self.init(subject: v, radius: radius)
    }
}

/// The ownership view: who owns, controls, directs, operates and pays whom, as of a day.
public enum OwnershipDiagram {
    /// Builds the DOT for the whole graph, or for the neighbourhood of `focus`.
    ///
    /// Relationships valid on the as-of day are drawn; ended ones are hidden, or grey with
    /// ``DiagramOptions/showEnded``; future ones never. The neighbourhood walks only drawn relationships.
    /// - Throws: ``DiagramError`` when the drawing exceeds the limits (with advice) under ``DiagramOptions/enforceLimits``.
    /// - Complexity: O(V + E) for the selection plus O(E log E) for sorting the drawn relationships.
    public static func make(_ graph: Graph, focus: DiagramFocus? = nil, options: DiagramOptions) throws(DiagramError) -> Diagram {
        let entities: [Int]
        if let focus {
            entities = neighbourhood(graph, of: focus.subject, radius: focus.radius, including: { RelationshipState.isDrawable($0, in: graph, options: options) })
        } else {
            entities = Array(0..<graph.entityCount)
        }
        let canvas = try DiagramCanvas(graph: graph, options: options, nodeCount: entities.count)
        var inSet = [Bool](repeating: false, count: graph.entityCount)
        for v in entities { inSet[v] = true }
        var relationships: [Int] = []
        for v in entities {
            for e in graph.outRelationships(v) {
                let e = Int(e)
                if inSet[graph.target(e)] && canvas.isDrawable(e) { relationships.append(e) }
            }
        }
        relationships.sort()
        let nodes = entities.map { canvas.node($0, role: $0 == focus?.subject ? .subject : .plain) }
        let ended = options.showEnded ? "ended relationships grey" : "ended relationships hidden"
        let title: String
        if let focus {
            title = "\(options.datasetName) — ownership around \(graph.name(focus.subject)) (\(graph.id(focus.subject))), "
                + "radius \(focus.radius), as of \(options.asOf)"
        } else {
            title = "\(options.datasetName) — ownership as of \(options.asOf)"
        }
        let subtitle = "\(entities.count) entities, \(relationships.count) relationships; owners above what they own; \(ended)"
        let dot = canvas.document(nodes: nodes, entityOf: entities, edges: canvas.edges(relationships),
                                  relationships: relationships, title: title, subtitle: subtitle,
                                  subject: focus != nil, exposurePaths: false)
        return Diagram(dot: dot, engine: canvas.plan.engine, entities: entities, relationships: relationships)
    }

    /// Entities within `radius` hops of `subject`, walking relationships that pass `including` in either direction.
    /// - Returns: the indices, ascending.
    /// - Complexity: O(V + E) at most; proportional to the neighbourhood's size.
    public static func neighbourhood(_ graph: Graph, of subject: Int, radius: Int,
                                     including: (Int) -> Bool = { _ in true }) -> [Int] {
        var distance: [Int: Int] = [subject: 0]
        var frontier = [subject]
        var depth = 0
        while !frontier.isEmpty && depth < radius {
            depth += 1
            var next: [Int] = []
            for v in frontier {
                for (e, w) in zip(graph.outRelationships(v), graph.outNeighbours(v)) where distance[Int(w)] == nil && including(Int(e)) {
                    distance[Int(w)] = depth
                    next.append(Int(w))
                }
                for (e, w) in zip(graph.inRelationships(v), graph.inNeighbours(v)) where distance[Int(w)] == nil && including(Int(e)) {
                    distance[Int(w)] = depth
                    next.append(Int(w))
                }
            }
            frontier = next
        }
        return distance.keys.sorted()
    }
}
