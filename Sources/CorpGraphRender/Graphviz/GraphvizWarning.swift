/// A message Graphviz printed during a render that still produced output, explained for the person who asked for the
/// drawing: what it means for the drawing and what to do. Graphviz's own text is kept (quoted) so it can be searched.
public struct GraphvizWarning: Sendable, Hashable, CustomStringConvertible {
    /// What the message is about.
    public enum Kind: String, Sendable, CaseIterable {
        /// The bitmap would exceed cairo's 32 767-pixel limit: Graphviz scaled it down.
        case bitmapTooLarge
        /// An edge could not be routed (or ranked) as planned: it may be missing, straight or misplaced.
        case edgeRouting
        /// A font, glyph or text layout problem: some text may show as boxes or in another font.
        case font
        /// An attribute value Graphviz did not understand (a shape, colour, style …): it used its default.
        case attribute
        /// Anything else Graphviz said.
        case other
    }

    public var kind: Kind
    /// Graphviz's text, as it printed it (without `Warning:` / `Error:` and trailing blanks).
    public var message: String

    public init(_ raw: String) {
        var text = Substring(raw)
        for prefix in ["Warning: ", "Error: ", "warning: ", "error: "] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        message = String(text).trimmingBlanks()
        kind = GraphvizWarning.classify(message.lowercased())
    }

    static func classify(_ m: String) -> Kind {
        if m.contains("too large for cairo") || m.contains("cairo-renderer bitmaps") { return .bitmapTooLarge }
        if m.contains("font") || m.contains("glyph") || m.contains("pango") || m.contains("metrics") { return .font }
        for clue in [
            "spline", "pshortestpath", "shortestpath", "lost ", "routesplines", "init_rank", "flat edge",
            "reclaim box", "overlap", "edge",
        ] where m.contains(clue) {
            return .edgeRouting
        }
        for clue in [
            "unknown shape", "illegal", "unknown", "invalid", "not supported", "no such", "syntax",
            "attribute", "color", "style",
        ] where m.contains(clue) {
            return .attribute
        }
        return .other
    }

    /// What the message means for the drawing (the caller adds how to avoid it in its own terms).
    public var explanation: String {
        switch kind {
        case .bitmapTooLarge:
            "the bitmap would be wider or taller than cairo's 32 767-pixel limit, so Graphviz scaled it down and "
                + "small text may be unreadable"
        case .edgeRouting:
            "Graphviz could not route or rank an edge as planned, so a relationship it names may be missing, drawn "
                + "straight or misplaced"
        case .font:
            "some text may show as empty boxes or in another font (the diagrams need the Noto CJK fonts, "
                + "Debian package fonts-noto-cjk)"
        case .attribute:
            "Graphviz did not understand an attribute value and used its default, so a shape, colour or style may "
                + "differ from the legend"
        case .other:
            "the drawing was written, but a part Graphviz names may be missing or misplaced"
        }
    }

    /// One line: the explanation, then Graphviz's own words.
    public var description: String { "\(explanation) (Graphviz said: \(message))" }

    /// Each of Graphviz's messages explained, one per distinct message, in the order Graphviz printed them.
    public static func explain(_ messages: [String]) -> [GraphvizWarning] {
        var seen = Set<GraphvizWarning>()
        var out: [GraphvizWarning] = []
        for m in messages {
            let w = GraphvizWarning(m)
            if !w.message.isEmpty && seen.insert(w).inserted { out.append(w) }
        }
        return out
    }
}

extension RenderedDiagram {
    /// ``warnings`` explained (``GraphvizWarning/explain(_:)``): what a caller shows instead of Graphviz's raw text.
    public var explainedWarnings: [GraphvizWarning] { GraphvizWarning.explain(warnings) }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        return String(s)
    }
}
