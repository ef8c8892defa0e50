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
    public static func make(_ graph: Graph, focus: DiagramFocus? = nil, options: DiagramOptions) throws(DiagramError)
        -> Diagram
    {
        let selected: [Int]
        if let focus {
            selected = neighbourhood(
                graph, of: focus.subject, radius: focus.radius,
                including: { RelationshipState.isDrawable($0, in: graph, options: options) })
        } else {
            selected = Array(0..<graph.entityCount)
        }
        var inSet = [Bool](repeating: false, count: graph.entityCount)
        for v in selected { inSet[v] = true }
        var all: [Int] = []
        var linked = Set<Int>()
        for v in selected {
            for e in graph.outRelationships(v) {
                let e = Int(e)
                if inSet[graph.target(e)] && RelationshipState.isDrawable(e, in: graph, options: options) {
                    all.append(e)
                    linked.insert(v)
                    linked.insert(graph.target(e))
                }
            }
        }
        all.sort()
        let keep: Set<Int> = focus.map { [$0.subject] } ?? []
        let shown = options.hideIsolated ? selected.filter { linked.contains($0) || keep.contains($0) } : selected
        let cap = FanOutCap(graph: graph, entities: shown, relationships: all, cap: options.maxFanOut, keep: keep)
        let entities = cap.entities, relationships = cap.relationships
        let canvas = try DiagramCanvas(graph: graph, options: options, nodeCount: entities.count)
        let nodes = entities.map { canvas.node($0, role: $0 == focus?.subject ? .subject : .plain) }
        func content(_ wrap: RowWrap) -> (links: [DrawnLink], extra: [(node: DOTNode, beside: Int)], notes: SourceNotes)
        {
            var notes = SourceNotes()
            var links = canvas.links(relationships, wrap: wrap, notes: &notes)
            var extra: [(node: DOTNode, beside: Int)] = []
            for (i, summary) in cap.summaries.enumerated() {
                let (node, link) = canvas.summaryNode(summary, index: i)
                extra.append((node, summary.hub))
                links.append(link)
            }
            return (links, extra, notes)
        }
        let title: String
        if let focus {
            title =
                "\(options.datasetName) — ownership around \(graph.name(focus.subject)) (\(graph.id(focus.subject)))"
        } else {
            title = "\(options.datasetName) — ownership"
        }
        var counts = "\(entities.count) entities, \(relationships.count) relationships"
        if !cap.summaries.isEmpty {
            let hidden = cap.summaries.reduce(0) { $0 + $1.hidden.count }
            counts +=
                "; \(hidden) more in \(cap.summaries.count) \"+N more\" node\(cap.summaries.count == 1 ? "" : "s") "
                + "(over \(options.maxFanOut ?? 0) per entity and side)"
        }
        if options.hideIsolated && shown.count < selected.count {
            counts += "; \(selected.count - shown.count) without a drawn relationship left out"
        }
        let cut = focus.map { "radius \($0.radius) around \(graph.id($0.subject))" } ?? "whole graph"
        var caption = canvas.caption(cut: cut)
        caption.append(
            counts + "; owners above what they own; "
                + (options.showEnded ? "ended relationships grey" : "ended relationships hidden"))
        let dot = PageFit.fit(engine: canvas.plan.engine, enabled: options.fitPage) { wrap in
            let (links, extra, notes) = content(wrap)
            return canvas.document(
                DiagramContent(
                    entities: entities, nodes: nodes, extraNodes: extra, links: links, relationships: relationships,
                    title: title, caption: caption, subject: focus != nil, exposurePaths: false, notes: notes))
        }
        return Diagram(dot: dot, engine: canvas.plan.engine, entities: entities, relationships: relationships)
    }

    /// Entities within `radius` hops of `subject`, walking relationships that pass `including` in either direction.
    /// - Returns: the indices, ascending.
    /// - Complexity: O(V + E) at most; proportional to the neighbourhood's size.
    public static func neighbourhood(
        _ graph: Graph, of subject: Int, radius: Int,
        including: (Int) -> Bool = { _ in true }
    ) -> [Int] {
        var distance: [Int: Int] = [subject: 0]
        var frontier = [subject]
        var depth = 0
        while !frontier.isEmpty && depth < radius {
            depth += 1
            var next: [Int] = []
            for v in frontier {
                for (e, w) in zip(graph.outRelationships(v), graph.outNeighbours(v))
                where distance[Int(w)] == nil && including(Int(e)) {
                    distance[Int(w)] = depth
                    next.append(Int(w))
                }
                for (e, w) in zip(graph.inRelationships(v), graph.inNeighbours(v))
                where distance[Int(w)] == nil && including(Int(e)) {
                    distance[Int(w)] = depth
                    next.append(Int(w))
                }
            }
            frontier = next
        }
        return distance.keys.sorted()
    }
}
