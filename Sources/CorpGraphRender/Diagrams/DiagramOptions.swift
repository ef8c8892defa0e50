import CorpGraph

/// A derived sanctions status to colour an entity by, e.g. from the sanctions-ownership engine's results.
public enum DerivedStatus: String, Sendable, Hashable, CaseIterable {
    /// Blocked by ownership or control under the regime (orange).
    case blocked
    /// Could be blocked: unknown or ranged shares leave the answer open (yellow).
    case undetermined
}

/// What a diagram shows and how; shared by the ownership and exposure views.
public struct DiagramOptions: Sendable {
    /// The dataset name for the title.
    public var datasetName: String
    /// Relationships valid on this day are drawn; designations in force on it count.
    public var asOf: CalendarDate
    /// Draw relationships that ended before ``asOf`` in grey instead of hiding them.
    public var showEnded: Bool
    /// Sanctioned jurisdictions and the lists that count.
    public var policy: Policy
    /// Country and subdivision names (iso-codes) for cluster and node labels; `nil` shows codes only.
    public var registry: CodeRegistry?
    /// Derived statuses by entity index (blocked → orange, undetermined → yellow). Feed it from the sanctions
    /// ownership results (`SanctionsOwnership`); listed entities are red from their own designations regardless.
    public var derivedStatus: [Int: DerivedStatus]
    /// The regime the derived statuses come from (`ofac`, `eu`, `uk`), for the legend.
    public var regimeName: String?
    public var layout: LayoutChoice
    public var limits: RenderLimits
    /// Refuse drawings above the limits (`render`); `export` writes DOT of any size.
    public var enforceLimits: Bool
    public var style: DiagramStyle
    /// Where the policy came from (`built-in`, a file), for the caption.
    public var policyOrigin: String?
    /// Number each link's sources with footnote marks and list them under the legend (for PNG/PDF, where hover text
    /// is lost); SVG always carries the sources as each link's `<title>` and link.
    public var sourceNotes: Bool
    /// Past this many leaf neighbours on one side of an entity (payers, holdings, …), the rest are drawn as one
    /// "+N more" node with their totals; `nil` draws all. The ownership view only (exposure paths are never cut).
    public var maxFanOut: Int?
    /// Leave out entities with no drawn relationship (the subject stays).
    public var hideIsolated: Bool
    /// Give a `dot` drawing page-like proportions (``PageFit``: at most 1.6 : 1 either way) from a probe layout;
    /// `export --to dot` fits too, so its DOT is what `render` lays out (big graphs go to sfdp and are not probed).
    public var fitPage: Bool

    public init(
        datasetName: String, asOf: CalendarDate, showEnded: Bool = false, policy: Policy = .builtIn,
        registry: CodeRegistry? = nil, derivedStatus: [Int: DerivedStatus] = [:], regimeName: String? = nil,
        layout: LayoutChoice = .auto, limits: RenderLimits = .standard, enforceLimits: Bool = true,
        style: DiagramStyle = .standard, policyOrigin: String? = nil, sourceNotes: Bool = false,
        maxFanOut: Int? = 12, hideIsolated: Bool = false, fitPage: Bool = true
    ) {
        self.fitPage = fitPage
        self.policyOrigin = policyOrigin
        self.sourceNotes = sourceNotes
        self.maxFanOut = maxFanOut
        self.hideIsolated = hideIsolated
        self.datasetName = datasetName
        self.asOf = asOf
        self.showEnded = showEnded
        self.policy = policy
        self.registry = registry
        self.derivedStatus = derivedStatus
        self.regimeName = regimeName
        self.layout = layout
        self.limits = limits
        self.enforceLimits = enforceLimits
        self.style = style
    }
}

/// A built diagram: the DOT document and the engine to lay it out with.
public struct Diagram: Sendable {
    public var dot: DOTGraph
    public var engine: LayoutEngine
    /// Entity indices drawn, ascending.
    public var entities: [Int]
    /// Relationship indices drawn (folded payments count each), ascending.
    public var relationships: [Int]

    /// The DOT text (deterministic).
    public var dotText: String { dot.encoded() }

    /// Lays the diagram out and renders it; a bitmap is scaled down to at most
    /// ``RenderLimits/maxBitmapPixels`` a side (cairo's own limit is 32 767, past which it prints a warning).
    public func render(_ format: RenderFormat, warningsAreErrors: Bool = false) throws(GraphvizError) -> [UInt8] {
        try renderWithWarnings(format, warningsAreErrors: warningsAreErrors).data
    }

    /// ``render(_:warningsAreErrors:)`` with the messages Graphviz printed, for the caller to explain.
    public func renderWithWarnings(_ format: RenderFormat, warningsAreErrors: Bool = false) throws(GraphvizError)
        -> RenderedDiagram
    {
        try GraphvizEngine.render(
            document(for: format), layout: engine, format: format, warningsAreErrors: warningsAreErrors)
    }

    /// The DOT text Graphviz lays out for `format` (a bitmap's is capped in size), for a renderer elsewhere
    /// (``RenderWorkerPool``).
    public func document(for format: RenderFormat) -> String {
        var document = dot
        if format == .png {
            let inches = Double(RenderLimits.maxBitmapPixels) / 96
            document.attributes.merge(["size": .text("\(inches),\(inches)")])
        }
        return document.encoded()
    }
}
