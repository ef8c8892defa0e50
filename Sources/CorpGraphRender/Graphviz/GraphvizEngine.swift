import CorpGraph
import CGraphviz
import Synchronization

/// An output format Graphviz renders to.
public enum RenderFormat: String, CaseIterable, Sendable {
    case svg, png, pdf
    /// Graphviz's JSON of the laid-out graph (positions and sizes), for checking a layout.
    case json

    /// The format name Graphviz knows (`png` goes through cairo so text is shaped by pango).
    var graphvizName: String {
        switch self {
        case .json: "json"
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        }
    }
}

/// A Graphviz layout engine.
public enum LayoutEngine: String, CaseIterable, Sendable {
    /// Hierarchical: owners above what they own. For focused views.
    case dot
    /// Scalable force-directed: for big overviews; ignores ranks and clusters.
    case sfdp
}

/// A failure reported by Graphviz, with Graphviz's own text.
public struct GraphvizError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Stage: String, Sendable {
        /// `agmemread` rejected the DOT text.
        case parse
        /// `gvLayout` failed.
        case layout
        /// `gvRenderData` failed.
        case render
        /// The render succeeded but Graphviz printed warnings, and the caller asked for them to count as failures.
        case warnings
    }

    public var stage: Stage
    /// What Graphviz said (its messages, one per line), or our explanation when it said nothing.
    public var message: String

    public init(stage: Stage, message: String) {
        self.stage = stage
        self.message = message
    }

    public var description: String { "graphviz \(stage.rawValue) failed: \(message)" }
}

/// The bytes of a rendered diagram and any warnings Graphviz printed while producing them.
public struct RenderedDiagram: Sendable {
    public var data: [UInt8]
    /// Graphviz's messages for a render that still produced output (`Warning: …`, and non-fatal `Error: …` such as an
    /// edge too long to route), in the order it emitted them; empty for a clean render.
    public var warnings: [String]
}

/// DOT text → `agmemread` → `gvLayout` → `gvRenderData`, serialised behind one process-wide lock.
///
/// libgvc is not thread-safe (four threads on one context crash), so every call takes the same lock; the context is
/// created once and reused. Graphviz's messages go to a capture buffer instead of stderr and come back in the error
/// or in ``RenderedDiagram/warnings``. A running layout cannot be cancelled.
///
/// Memory: a `dot` layout of a graph with clusters leaks about 12 KB inside Graphviz (the same from C). That is fine for
/// a CLI; a long-running service should render in a child process.
public enum GraphvizEngine {
    /// Renders `dot` text with `layout` to `format`.
    ///
    /// - Parameter warningsAreErrors: when `true`, any Graphviz warning turns into ``GraphvizError/Stage/warnings``.
    public static func render(
        _ dot: String, layout: LayoutEngine = .dot, format: RenderFormat = .svg,
        warningsAreErrors: Bool = false
    ) throws(GraphvizError) -> RenderedDiagram {
        let result: Result<RenderedDiagram, GraphvizError> = engine.withLock { state in
            state.render(dot, layout: layout, format: format)
        }
        let diagram = try result.get()
        if warningsAreErrors && !diagram.warnings.isEmpty {
            throw GraphvizError(stage: .warnings, message: diagram.warnings.joined(separator: "\n"))
        }
        return diagram
    }

    /// Lays `dot` out and draws it onto a caller's cairo context (`cairo_t *`) with Graphviz's cairo renderer.
    ///
    /// `target` gets the layout's size in points and returns the context to draw on (already placed and scaled by the
    /// caller), or `nil` to skip drawing. Graphviz's cairo `pdf` device ends the page *and finishes the surface* it
    /// draws on: give it a context on a sub-surface (`cairo_surface_create_for_rectangle`), never the document's own.
    /// Returns Graphviz's warnings.
    public static func draw(
        _ dot: String, layout: LayoutEngine = .dot,
        onto target: (_ width: Double, _ height: Double) -> UnsafeMutableRawPointer?
    )
        throws(GraphvizError) -> [String]
    {
        // The closure runs synchronously inside the lock on this thread; it never escapes.
        let result: Result<[String], GraphvizError> = withoutActuallyEscaping(target) { target in
            let t = CairoTarget(make: target)
            return engine.withLock { state in state.draw(dot, layout: layout, target: t.make) }
        }
        return try result.get()
    }

    /// Parses `dot` with `agmemread` only (no layout): `nil` when it parses, else Graphviz's message.
    public static func parseError(_ dot: String) -> GraphvizError? {
        engine.withLock { state in state.parseOnly(dot) }
    }

    /// The Graphviz library version (`2.43.0` on Debian bookworm).
    public static var version: String {
        engine.withLock { state in
            guard let v = gvcVersion(state.context) else { return "unknown" }
            return String(cString: v)
        }
    }

    private static let engine = Mutex(EngineState())
}

/// The caller's drawing target, carried into the engine lock (it runs synchronously there and never escapes).
private struct CairoTarget: @unchecked Sendable {
    let make: (Double, Double) -> UnsafeMutableRawPointer?
}

/// Messages Graphviz reported through the error callback during the current call. Only touched while the engine lock
/// is held; its own lock is uncontended and exists to satisfy strict concurrency.
private let capturedMessages = Mutex<[String]>([])

/// The error callback installed with `agseterrf`: it must not capture, so it writes to the global buffer.
private func captureGraphvizMessage(_ text: UnsafeMutablePointer<CChar>?) -> Int32 {
    guard let text else { return 0 }
    let message = String(cString: text)
    capturedMessages.withLock { messages in
        // Graphviz sends a message in pieces (prefix, then text; AGPREV continuations): join until a newline.
        if let last = messages.last, !last.hasSuffix("\n") {
            messages[messages.count - 1] = last + message
        } else {
            messages.append(message)
        }
    }
    return 0
}

/// The one Graphviz context, owned by the engine lock.
private struct EngineState: ~Copyable {
    let context: OpaquePointer?

    init() {
        context = gvContext()
        _ = agseterrf(captureGraphvizMessage)
    }

    private func drainMessages() -> [String] {
        capturedMessages.withLock { messages in
            defer { messages.removeAll() }
            return messages.map { $0.trimmingTrailingNewlines() }.filter { !$0.isEmpty }
        }
    }

    private func fail(_ stage: GraphvizError.Stage, _ fallback: String) -> GraphvizError {
        let messages = drainMessages()
        _ = agreseterrors()
        return GraphvizError(stage: stage, message: messages.isEmpty ? fallback : messages.joined(separator: "\n"))
    }

    private func read(_ dot: String) -> Result<UnsafeMutablePointer<Agraph_t>, GraphvizError> {
        _ = drainMessages()
        _ = agreseterrors()
        guard !dot.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) else {
            return .failure(
                GraphvizError(stage: .parse, message: "empty DOT text: expected a graph such as 'digraph { a -> b }'"))
        }
        // Read with ids in order of appearance (`corpgraph_memread`): cgraph's default ids are the addresses of the
        // names, and clusters were emitted in address order, so the same DOT rendered differently from run to run.
        // The lexer is global state: reset its line counter, and flush what it buffered past the first graph so
        // the next read starts clean (only the first graph of a text is read).
        agreadline(1)
        let parsed = dot.withCString({ corpgraph_memread($0) })
        aglexbad()
        guard let graph = parsed else {
            return .failure(fail(.parse, "the DOT text holds no graph"))
        }
        return .success(graph)
    }

    func parseOnly(_ dot: String) -> GraphvizError? {
        switch read(dot) {
        case .failure(let error): return error
        case .success(let graph):
            agclose(graph)
            let messages = drainMessages()
            return messages.isEmpty ? nil : GraphvizError(stage: .parse, message: messages.joined(separator: "\n"))
        }
    }

    /// The context and the graph read from `dot`, or why not.
    private func start(_ dot: String) -> Result<(OpaquePointer, UnsafeMutablePointer<Agraph_t>), GraphvizError> {
        guard let context else {
            return .failure(GraphvizError(stage: .layout, message: "gvContext() failed: Graphviz could not start"))
        }
        return read(dot).map { (context, $0) }
    }

    func draw(
        _ dot: String, layout: LayoutEngine,
        target: (Double, Double) -> UnsafeMutableRawPointer?
    ) -> Result<[String], GraphvizError> {
        let context: OpaquePointer, graph: UnsafeMutablePointer<Agraph_t>
        switch start(dot) {
        case .failure(let error): return .failure(error)
        case .success(let started): (context, graph) = started
        }
        defer { agclose(graph) }
        // The pdf device's default margin (36 pt) and pad (4 pt) would move the drawing off the caller's area: the
        // layout's bounding box is exactly what is drawn.
        for attribute in ["margin", "pad"] {
            _ = attribute.withCString { name in
                "0".withCString { value in
                    agsafeset(
                        UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: name),
                        UnsafeMutablePointer(mutating: value), UnsafeMutablePointer(mutating: value))
                }
            }
        }
        guard gvLayout(context, graph, layout.rawValue) == 0 else {
            return .failure(fail(.layout, "layout engine '\(layout.rawValue)' failed"))
        }
        let freeable = layout != .dot || corpgraph_dot_minrank(graph) >= 0
        defer { if freeable { gvFreeLayout(context, graph) } }
        var llx = 0.0, lly = 0.0, urx = 0.0, ury = 0.0
        corpgraph_graph_bb(graph, &llx, &lly, &urx, &ury)
        guard let cairo = target(urx - llx, ury - lly) else { return .success(drainMessages()) }
        guard gvRenderContext(context, graph, "pdf:cairo", cairo) == 0 else {
            return .failure(fail(.render, "drawing onto the cairo context failed"))
        }
        let warnings = drainMessages()
        _ = agreseterrors()
        return .success(warnings)
    }

    func render(_ dot: String, layout: LayoutEngine, format: RenderFormat) -> Result<RenderedDiagram, GraphvizError> {
        let context: OpaquePointer, graph: UnsafeMutablePointer<Agraph_t>
        switch start(dot) {
        case .failure(let error): return .failure(error)
        case .success(let started): (context, graph) = started
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, layout.rawValue) == 0 else {
            return .failure(
                fail(
                    .layout,
                    "layout engine '\(layout.rawValue)' failed; is the Graphviz plugin configuration installed (`dot -c`)?"
                ))
        }
        // Graphviz 2.42 bug: a labelled flat edge on the top rank makes `dot` add rank -1 and `gvFreeLayout` then frees
        // the old rank array twice (abort). Such a layout is leaked instead of freed; corpgraph's own diagrams never
        // produce one (every labelled edge constrains ranks), so this only guards caller-supplied DOT.
        var freeable = layout != .dot || corpgraph_dot_minrank(graph) >= 0
        defer { if freeable { gvFreeLayout(context, graph) } }
        // cairo cannot make a bitmap over 32 767 px a side; Graphviz would then scale it and print its warning
        // straight to stderr (not through the error callback). Scale it here instead, and report it as a warning.
        var scaled: String?
        if format == .png, freeable, let note = fitBitmap(graph) {
            gvFreeLayout(context, graph)
            guard gvLayout(context, graph, layout.rawValue) == 0 else {
                freeable = false
                return .failure(fail(.layout, "layout engine '\(layout.rawValue)' failed"))
            }
            freeable = layout != .dot || corpgraph_dot_minrank(graph) >= 0
            scaled = note
        }
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let status = gvRenderData(context, graph, format.graphvizName, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer else {
            return .failure(fail(.render, "rendering to \(format.rawValue) failed"))
        }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: Int(length)))
        let warnings = (scaled.map { [$0] } ?? []) + drainMessages()
        _ = agreseterrors()
        return .success(RenderedDiagram(data: bytes, warnings: warnings))
    }
}

/// The largest bitmap side cairo makes (`CAIRO_MAX_IMAGE_SIZE`); kept a little under.
private let cairoBitmapLimit = 32_000.0

/// When `graph`'s laid-out bitmap would pass cairo's limit: sets `size` so it fits (the caller lays it out again)
/// and returns the warning to report; else `nil`.
private func fitBitmap(_ graph: UnsafeMutablePointer<Agraph_t>) -> String? {
    var llx = 0.0, lly = 0.0, urx = 0.0, ury = 0.0
    corpgraph_graph_bb(graph, &llx, &lly, &urx, &ury)
    let dpiText =
        "dpi".withCString { agget(UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: $0)) }
        .map { String(cString: $0) } ?? ""
    let dpi = Double(dpiText).flatMap { $0 > 0 ? $0 : nil } ?? 96
    let width = (urx - llx) * dpi / 72, height = (ury - lly) * dpi / 72
    guard max(width, height) > 32_767 else { return nil }
    let inches = cairoBitmapLimit / dpi
    let size = String(format: "%.3f,%.3f", inches, inches)
    _ = "size".withCString { name in
        size.withCString { value in
            "".withCString { empty in
                agsafeset(
                    UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: name),
                    UnsafeMutablePointer(mutating: value), UnsafeMutablePointer(mutating: empty))
            }
        }
    }
    return String(
        format: "Warning: graph is too large for cairo-renderer bitmaps (%.0f × %.0f px at %.0f dpi); "
            + "scaled down to fit %.0f px", width, height, dpi, cairoBitmapLimit)
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s.removeLast() }
        return String(s)
    }
}
