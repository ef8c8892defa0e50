import CorpGraph
import CorpGraphRender

/// Graphviz leaks by design (about 12 KB per `dot` layout with clusters, the same from C; see GRAPHVIZ.md) and so do
/// fontconfig's and pango's caches: LeakSanitizer ignores leaks whose stack passes through those libraries, so the
/// harness reports leaks in our code only.
@_cdecl("__lsan_default_suppressions")
public func lsanDefaultSuppressions() -> UnsafePointer<CChar> {
    let s: StaticString = """
        leak:libgvc.so
        leak:libcgraph.so
        leak:libcdt.so
        leak:libgvplugin_
        leak:libfontconfig.so
        leak:libpango
        leak:libcairo.so
        leak:libglib-2.0.so
        leak:libgobject-2.0.so
        leak:libharfbuzz.so
        leak:libfreetype.so

        """
    return UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// Feeds arbitrary text through the one DOT escaping function in every context (node id, edge ends, label, tooltip,
/// HTML-like label, graph and cluster names): Graphviz must parse the encoded document, and lay out small ones,
/// without a syntax error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var g = DOTGraph(name: text, attributes: ["charset": "UTF-8", "label": .text(text)])
    g.add(
        .subgraph(
            DOTSubgraph(
                "cluster_" + text, attributes: ["label": .text(text)],
                statements: [.node(DOTNode(text, ["label": .text(text), "tooltip": .text(text)]))])))
    g.add(.node(DOTNode("html " + text, ["label": .html(.font(.text(text), pointSize: 9, color: text, bold: true))])))
    g.add(.edge(DOTEdge(text, "html " + text, ["label": .text(text), "xlabel": .text(text)])))
    let encoded = g.encoded()
    if let error = GraphvizEngine.parseError(encoded) {
        fatalError("escaped DOT did not parse: \(error)\n\(encoded)")
    }
    // HTML-like labels are parsed at layout time: lay out small inputs and reject any syntax error.
    if size <= 256 {
        do {
            let r = try GraphvizEngine.render(encoded, layout: .dot, format: .svg)
            if let bad = r.warnings.first(where: { $0.contains("syntax error") }) {
                fatalError("escaped HTML label did not parse: \(bad)\n\(encoded)")
            }
        } catch {
            fatalError("escaped DOT did not render: \(error)\n\(encoded)")
        }
    }
    return 0
}
