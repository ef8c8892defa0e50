import CorpGraph
/// One exposure path as the exposure view needs it: plain indices, so any path finder can feed it.
public struct ExposureDiagramPath: Sendable, Hashable {
    /// Entity indices in walk order: the subject first, the target last.
    public var nodes: [Int]
    /// `hops[i]` lists the relationship indices joining `nodes[i]` and `nodes[i + 1]` (either direction; several
    /// payments between one pair are folded into one bold edge).
    public var hops: [[Int]]
    /// Why the last node is a target (``TargetReason``), as the exposure search gave them.
    public var reasons: [TargetReason]

    public init(nodes: [Int], hops: [[Int]], reasons: [TargetReason]) {
        self.nodes = nodes
        self.hops = hops
        self.reasons = reasons
    }

    /// The path as the exposure search found it: every relationship of each hop (its ownership, control, … links,
    /// then the payments folded into it).
    public init(_ path: ExposurePath) {
        self.init(
            nodes: path.nodes,
            hops: path.hops.map { hop in
                hop.relationships.map(\.relationship) + hop.payments.flatMap(\.relationships)
            },
            reasons: path.reasons)
    }

    public var target: Int { nodes[nodes.count - 1] }
}

/// What the exposure search walked, for the caption.
public struct ExposureQuery: Sendable, Hashable {
    public var direction: WalkDirection
    public var maxDepth: Int
    public var kinds: RelationshipKindSet
    public var timeRespecting: Bool
    /// The most paths kept per subject.
    public var pathLimit: Int?

    public init(
        direction: WalkDirection = .down, maxDepth: Int = 6, kinds: RelationshipKindSet = .all,
        timeRespecting: Bool = false, pathLimit: Int? = nil
    ) {
        self.direction = direction
        self.maxDepth = maxDepth
        self.kinds = kinds
        self.timeRespecting = timeRespecting
        self.pathLimit = pathLimit
    }

    var captionParts: [String] {
        let via =
            kinds == .all
            ? "all kinds"
            : RelationshipKind.allCases.filter { kinds.contains($0) }.map(\.description).joined(separator: ",")
        var parts = ["direction \(direction.rawValue)", "depth ≤ \(maxDepth)", "via \(via)"]
        if timeRespecting { parts.append("time-respecting") }
        return parts
    }
}

/// The exposure view: one or more subjects, every exposure path found from them (bold), the targets and why they are
/// targets; an entity on several subjects' paths is drawn once.
public enum ExposureDiagram {
    /// Builds the DOT for `subject`'s exposure `paths`.
    public static func make(
        _ graph: Graph, subject: Int, paths: [ExposureDiagramPath], truncated: Bool = false,
        query: ExposureQuery? = nil, options: DiagramOptions
    ) throws(DiagramError) -> Diagram {
        try make(graph, subjects: [subject], paths: paths, truncated: truncated, query: query, options: options)
    }

    /// Builds the DOT for the exposure `paths` of `subjects` (each path starts at its subject).
    ///
    /// Draws every entity on a path, the path relationships bold, other drawn relationships among those entities
    /// thin (context), the subjects blue with a thick border, and each target with its reasons.
    /// - Parameter truncated: the path finder stopped at its limit; the caption says so.
    /// - Throws: ``DiagramError`` when the drawing exceeds the limits.
    public static func make(
        _ graph: Graph, subjects: [Int], paths: [ExposureDiagramPath], truncated: Bool = false,
        query: ExposureQuery? = nil, options: DiagramOptions
    ) throws(DiagramError) -> Diagram {
        var onPath = Set(subjects)
        var highlighted: Set<Int> = []
        var reasons: [Int: [TargetReason]] = [:]
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
        let subjectSet = Set(subjects)
        let nodes = entities.map { v -> DOTNode in
            if subjectSet.contains(v) { return canvas.node(v, role: .subject) }
            if let r = reasons[v] { return canvas.node(v, role: .target(r)) }
            return canvas.node(v)
        }
        let who = subjects.map { "\(graph.name($0)) (\(graph.id($0)))" }
        let title =
            "\(options.datasetName) — exposure of "
            + (who.count <= 3
                ? who.joined(separator: ", ")
                : who.prefix(3).joined(separator: ", ") + " and \(who.count - 3) more")
        let targets = reasons.count
        var summary =
            paths.isEmpty
            ? "no exposure path found"
            : "\(paths.count) path\(paths.count == 1 ? "" : "s") to \(targets) target\(targets == 1 ? "" : "s"); paths bold"
        if truncated { summary += " (path limit reached: more paths exist)" }
        summary += options.showEnded ? "; ended relationships grey" : "; ended relationships hidden"
        let limit = query?.pathLimit.map { "at most \($0) paths per subject" } ?? "all paths found"
        var caption = canvas.caption(cut: limit, extra: query?.captionParts ?? [])
        caption.append(summary)
        let dot = PageFit.fit(engine: canvas.plan.engine, enabled: options.fitPage) { wrap in
            var notes = SourceNotes()
            let links = canvas.links(drawn, highlighted: highlighted, wrap: wrap, notes: &notes)
            return canvas.document(
                DiagramContent(
                    entities: entities, nodes: nodes, links: links, relationships: drawn, title: title,
                    caption: caption,
                    subject: true, exposurePaths: !highlighted.isEmpty, notes: notes))
        }
        return Diagram(dot: dot, engine: canvas.plan.engine, entities: entities, relationships: drawn)
    }
}
