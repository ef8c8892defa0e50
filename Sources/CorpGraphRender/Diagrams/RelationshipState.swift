import CorpGraph

/// Whether a relationship counts on the as-of day.
enum RelationshipState: Equatable {
    case current
    /// Ended before the as-of day.
    case ended
    /// Starts (or was paid) after the as-of day: never drawn.
    case future

    init(_ e: Int, in graph: Graph, asOf: CalendarDate) {
        if graph.isValid(e, on: asOf) {
            self = .current
        } else if let end = graph.end(e), end < asOf {
            self = .ended
        } else {
            self = .future
        }
    }

    /// Whether relationship `e` is drawn: current ones always, ended ones with `showEnded`, future ones never.
    static func isDrawable(_ e: Int, in graph: Graph, options: DiagramOptions) -> Bool {
        switch RelationshipState(e, in: graph, asOf: options.asOf) {
        case .current: true
        case .ended: options.showEnded
        case .future: false
        }
    }
}

/// How a node is drawn beyond its own facts.
enum NodeRole: Equatable {
    case plain
    /// The focus subject (bold border; blue unless a status colours it).
    case subject
    /// An exposure target and the reasons it is one.
    case target([TargetReason])
}
