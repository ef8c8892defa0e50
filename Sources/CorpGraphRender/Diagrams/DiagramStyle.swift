import CorpGraph
/// The look of corpgraph diagrams (DESIGN §6) and the layout tuning, in one place.
///
/// Owners above what they own (`rankdir=TB`), arrows from holder to held; ownership solid with the share, payments
/// dashed with amount, currency and date, control dotted, directorship blue, operation green; ended relationships grey;
/// node shape by kind; listed red, derived-blocked orange, undetermined yellow; a double red border for an entity in a
/// sanctioned jurisdiction; exposure paths bold.
public struct DiagramStyle: Sendable {
    /// A font with Latin, Cyrillic and CJK coverage, so Japanese and Russian names render as text (needs
    /// `fonts-noto-cjk`; without it CJK glyphs come out as empty boxes).
    public var fontName = "Noto Sans CJK JP"
    public var fontSize = 11
    public var edgeFontSize = 9
    public var titleFontSize = 16

    public var ownsColor = "#212121"
    public var paysColor = "#00838f"
    public var controlsColor = "#6a1b9a"
    public var directsColor = "#1565c0"
    public var operatesColor = "#2e7d32"
    public var endedColor = "#9e9e9e"
    public var pathColor = "#c62828"
    public var detailColor = "#555555"
    /// Detail text on a status-coloured node.
    public var textOnFill = "#000000"

    public var plainFill = "#ffffff"
    public var listedFill = "#ef5350"
    public var blockedFill = "#ffa726"
    public var undeterminedFill = "#fff176"
    public var subjectFill = "#90caf9"
    public var sanctionedBorder = "#c62828"

    public var clusterColor = "#bdbdbd"
    public var clusterFill = "#fafafa"
    public var sanctionedClusterColor = "#e57373"
    public var sanctionedClusterFill = "#fff5f5"

    /// Node names are wrapped at this many columns (CJK counts two) …
    public var nameColumns = 30
    /// … on at most this many lines; longer names end with `…`.
    public var nameLines = 4

    public init() {}

    /// The default style.
    public static let standard = DiagramStyle()

    /// Node shape by entity kind.
    public func shape(for kind: EntityKind) -> String {
        switch kind {
        case .company: "box"
        case .person: "ellipse"
        case .exchange: "hexagon"
        case .site: "house"
        case .organization: "octagon"
        case .account: "note"
        }
    }

    /// Edge colour by relationship kind.
    public func color(for kind: RelationshipKind) -> String {
        switch kind {
        case .owns: ownsColor
        case .pays: paysColor
        case .controls: controlsColor
        case .directs: directsColor
        case .operates: operatesColor
        }
    }

    /// Edge line style by relationship kind.
    public func lineStyle(for kind: RelationshipKind) -> String {
        switch kind {
        case .owns, .directs, .operates: "solid"
        case .pays: "dashed"
        case .controls: "dotted"
        }
    }

    /// The arrowhead by relationship kind.
    public func arrowhead(for kind: RelationshipKind) -> String {
        switch kind {
        case .owns, .pays, .controls: "normal"
        case .directs: "empty"
        case .operates: "diamond"
        }
    }
}

/// Which layout engine to use; `auto` picks by size.
public enum LayoutChoice: String, CaseIterable, Sendable {
    /// `dot` with speed tuning for focused views, `sfdp` for big overviews, refusal past the node cap.
    case auto
    case dot
    case sfdp
}

/// How big a drawing may get. Measured on this 2-core machine (Graphviz 2.42) with the render benchmark
/// (`corpgraph-bench render`): tuned `dot` lays out a founding-case-like graph with 14 country clusters in 0.2 s CPU at
/// 300 nodes, 0.9 s at 1500 and 2.6 s at 3000; `sfdp` takes about 2 s at 3000.
public struct RenderLimits: Sendable, Hashable {
    /// Up to this many nodes `dot` lays out with full quality (curved splines, default iteration limits).
    public var fineDotNodes: Int
    /// Up to this many nodes `auto` uses `dot` (tuned above ``fineDotNodes``); above it, `sfdp`.
    public var autoDotNodes: Int
    /// An explicit `--layout dot` is refused above this many nodes (it would take minutes).
    public var maxDotNodes: Int
    /// Nothing is drawn above this many nodes; nobody reads a bigger drawing.
    public var maxNodes: Int

    public init(fineDotNodes: Int = 80, autoDotNodes: Int = 1500, maxDotNodes: Int = 3000, maxNodes: Int = 4000) {
        self.fineDotNodes = fineDotNodes
        self.autoDotNodes = autoDotNodes
        self.maxDotNodes = maxDotNodes
        self.maxNodes = maxNodes
    }

    public static let standard = RenderLimits()

    /// PNG renders are scaled down to at most this many pixels a side (at 96 dpi).
    public static let maxBitmapPixels = 10_000
}

/// A diagram that cannot be built as asked.
public struct DiagramError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// The drawing would have `nodes` nodes, more than `limit` for `layout`.
        case tooLarge(nodes: Int, limit: Int, layout: LayoutChoice)
        /// The subject id is not in the graph.
        case unknownSubject(String, suggestions: [String])
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .tooLarge(nodes, limit, layout):
            let what =
                layout == .dot
                ? "the dot layout is limited to \(limit) nodes (it would take minutes)"
                : "diagrams are limited to \(limit) nodes (nobody reads a bigger drawing)"
            let alternative =
                layout == .dot && nodes <= RenderLimits.standard.maxNodes
                ? ", or use --layout sfdp (or auto) for an overview" : ""
            return "refusing to draw \(nodes) nodes: \(what). Cut the graph to a neighbourhood with "
                + "--subject ID --radius N (for example --radius 2)\(alternative), or export it with "
                + "'corpgraph export --to dot' and lay it out elsewhere."
        case let .unknownSubject(id, suggestions):
            return "unknown subject id '\(id)'\(Suggestions.hint(suggestions))"
        }
    }
}

/// The engine and graph attributes for a drawing of a given size.
public struct LayoutPlan: Hashable, Sendable {
    public var engine: LayoutEngine
    /// Graph attributes that depend on the engine and the size (speed tuning).
    public var attributes: DOTAttributes
    /// Whether country clusters are drawn (`sfdp` ignores clusters, so the country goes into the node label).
    public var clusters: Bool
    /// Whether payments and control edges take part in ranking. Below ``RenderLimits/fineDotNodes`` they do (payer
    /// above payee reads well, and a labelled edge that does not constrain ranks can end up flat on the top rank,
    /// which Graphviz 2.42 mishandles). Above it they do not: random payment chains would stretch the drawing over
    /// dozens of ranks and cost 20× the layout time; ranks then follow ownership, control of directors and operation.
    public var crossEdgesConstrainRanks: Bool

    /// Resolves `choice` for `nodes` nodes, or refuses (when `enforceLimits`) with advice.
    ///
    /// `dot` always gets `newrank=true`: without it, clusters make `dot` 2.42 fail with `trouble in init_rank` and lose
    /// edges. Above ``RenderLimits/fineDotNodes`` it also gets `nslimit`, `nslimit1`, `mclimit` and straight polyline
    /// edges, which cuts a 300-node layout from ~27 s to about a second. Edge text is never an edge
    /// `label` or `xlabel` (either can land on another label); each link's text is a node of its own (``DrawnLink``).
    public static func resolve(
        _ choice: LayoutChoice, nodes: Int, limits: RenderLimits = .standard,
        enforceLimits: Bool = true
    ) throws(DiagramError) -> LayoutPlan {
        if enforceLimits && nodes > limits.maxNodes {
            throw DiagramError(.tooLarge(nodes: nodes, limit: limits.maxNodes, layout: choice))
        }
        let engine: LayoutEngine
        switch choice {
        case .auto: engine = nodes <= limits.autoDotNodes ? .dot : .sfdp
        case .dot:
            if enforceLimits && nodes > limits.maxDotNodes {
                throw DiagramError(.tooLarge(nodes: nodes, limit: limits.maxDotNodes, layout: .dot))
            }
            engine = .dot
        case .sfdp: engine = .sfdp
        }
        var a: DOTAttributes = ["layout": .text(engine.rawValue)]
        switch engine {
        case .dot:
            a["rankdir"] = "TB"
            a["newrank"] = true
            a["nodesep"] = 0.35
            a["ranksep"] = 0.55
            if nodes > limits.fineDotNodes {
                a["nslimit"] = 2
                a["nslimit1"] = 2
                a["mclimit"] = 0.1
                a["splines"] = "polyline"
                a["searchsize"] = 10
            } else {
                a["splines"] = "true"
            }
        case .sfdp:
            // `prism` overlap removal takes 10 s of CPU on 3000 labelled nodes, `scale` 2 s; `false` (none) makes
            // label placement explode (minutes).
            a["overlap"] = "scale"
            a["splines"] = "false"
            a["outputorder"] = "edgesfirst"
        }
        let tunedDot = engine == .dot && nodes > limits.fineDotNodes
        return LayoutPlan(
            engine: engine, attributes: a, clusters: engine == .dot,
            crossEdgesConstrainRanks: !tunedDot)
    }
}
