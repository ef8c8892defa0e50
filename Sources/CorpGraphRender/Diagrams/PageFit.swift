import Foundation

/// When rows of entities with nothing drawn above them (payers, top owners) or below them are spread over several
/// rows (``DiagramCanvas/staggerLevels(sources:sinks:wrap:)``).
struct RowWrap: Hashable {
    /// Rows of more than this many such entities are wrapped …
    var threshold: Int
    /// … into rows of about this many …
    var perRow: Int
    /// … at most this many rows.
    var maxRows: Int

    /// Wide fan-ins only (a donations-like row of payers).
    static let standard = RowWrap(threshold: 12, perRow: 8, maxRows: 12)
    /// For a drawing that came out too wide: a row of four or more is wrapped into rows of about three.
    static let tight = RowWrap(threshold: 3, perRow: 3, maxRows: 12)
}

/// Page-like proportions: a drawing wider or taller than ``maxAspect`` : 1 is first rebuilt with tighter row wrapping,
/// then, if still outside, given Graphviz's `ratio` so that the layout is stretched along its short side (positions
/// only; text and nodes keep their size) to ``targetAspect`` : 1.
///
/// Measured on the layout Graphviz returns (the bounding box of a probe layout), so the decision is the same on
/// every run for the same graph. `ratio` never shrinks anything and never moves one node onto another.
public enum PageFit {
    /// The widest (and, inverted, the tallest) proportion left as it is: about A4 landscape (1.41) with room.
    public static let maxAspect = 1.6
    /// The proportion a stretched drawing gets (inside ``maxAspect``: the title and legend are not stretched).
    public static let targetAspect = 1.5

    /// The graph from `build` with page-like proportions. Only `dot` layouts are fitted (sfdp's are roughly
    /// square); a probe that fails leaves the graph as built (the real render reports the failure).
    /// - Complexity: one or two extra layouts of the drawing.
    static func fit(engine: LayoutEngine, enabled: Bool, build: (RowWrap) -> DOTGraph) -> DOTGraph {
        let first = build(.standard)
        guard enabled, engine == .dot, var best = measure(first, engine: engine) else { return first }
        if best.aspect > maxAspect {
            let tighter = build(.tight)
            // No row the tighter wrap would touch: the same graph, no second probe.
            if tighter.encoded() != first.encoded(), let m = measure(tighter, engine: engine), m.aspect < best.aspect {
                best = m
            }
        }
        guard best.aspect > maxAspect || best.aspect < 1 / maxAspect else { return best.graph }
        // `ratio` is height / width. `dot` does not always reach it (it stretches rank positions, and the title,
        // legend and country boxes stretch less), so the probe corrects it by what it missed, up to three times.
        let desired = best.aspect > maxAspect ? 1 / targetAspect : targetAspect
        var ratio = desired
        var graph = best.graph
        for _ in 0..<3 {
            var attempt = best.graph
            attempt.attributes.merge(["ratio": .text(String(format: "%.3f", ratio))])
            graph = attempt
            guard let m = measure(attempt, engine: engine) else { break }
            if m.aspect <= maxAspect && m.aspect >= 1 / maxAspect { break }
            ratio *= desired * m.aspect
        }
        return graph
    }

    /// Width / height of `graph`'s layout.
    static func measure(_ graph: DOTGraph, engine: LayoutEngine) -> (graph: DOTGraph, aspect: Double)? {
        guard let layout = try? DiagramLayout.of(graph.encoded(), engine: engine), layout.width > 0, layout.height > 0
        else { return nil }
        return (graph, layout.width / layout.height)
    }
}
