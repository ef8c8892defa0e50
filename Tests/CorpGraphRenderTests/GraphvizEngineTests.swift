import Testing
@testable import CorpGraphRender

@Suite("Graphviz engine")
struct GraphvizEngineTests {
    @Test("a tiny DOT graph renders to SVG (proves libgvc is installed and linked)")
    func tinySVG() throws {
        let diagram = try GraphvizEngine.render("digraph { a -> b }", layout: .dot, format: .svg, warningsAreErrors: true)
        let svg = String(decoding: diagram.data, as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("<title>a</title>"))
        #expect(svg.contains("<title>b</title>"))
        #expect(svg.contains("<title>a&#45;&gt;b</title>"))
        #expect(diagram.warnings.isEmpty)
    }
}
