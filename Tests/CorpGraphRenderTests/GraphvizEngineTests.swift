import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphRender

@Suite("Graphviz engine")
struct GraphvizEngineTests {
    @Test("the same DOT renders to the same bytes every time (clusters in order of appearance, not of heap address)")
    func clustersRenderDeterministically() throws {
        var dot = "digraph {\n"
        for c in ["RU", "JP", "SG", "AE", "CY", "US", "BY", "KZ"] {
            dot += "subgraph \"cluster_\(c)\" { label=\"\(c)\"; \"\(c)-a\"; \"\(c)-b\"; \"\(c)-a\" -> \"\(c)-b\" }\n"
        }
        dot += "\"RU-a\" -> \"JP-b\"; \"SG-a\" -> \"AE-b\"; \"CY-a\" -> \"US-b\"\n}\n"
        let first = try GraphvizEngine.render(dot, format: .svg).data
        for _ in 0..<6 {
            // Interleave other graphs so the heap differs between the renders.
            _ = try GraphvizEngine.render("digraph { x -> y; subgraph cluster_z { z } }", format: .svg)
            #expect(try GraphvizEngine.render(dot, format: .svg).data == first)
        }
        let svg = String(decoding: first, as: UTF8.self)
        let order = ["RU", "JP", "SG", "AE", "CY", "US", "BY", "KZ"].compactMap {
            svg.range(of: "<title>cluster_\($0)</title>")?.lowerBound
        }
        #expect(order == order.sorted(), "clusters emitted in the order the DOT names them")
    }

    @Test("a tiny DOT graph renders to SVG (proves libgvc is installed and linked)")
    func tinySVG() throws {
        let diagram = try GraphvizEngine.render(
            "digraph { a -> b }", layout: .dot, format: .svg, warningsAreErrors: true)
        let svg = String(decoding: diagram.data, as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("<title>a</title>"))
        #expect(svg.contains("<title>b</title>"))
        #expect(svg.contains("<title>a&#45;&gt;b</title>"))
        #expect(diagram.warnings.isEmpty)
    }

    @Test("PNG and PDF come out with their signatures (binary data copied whole, NULs included)")
    func signatures() throws {
        let d = try OwnershipDiagram.make(SmallGraph.make(), options: SmallGraph.options())
        let png = try d.render(.png, warningsAreErrors: true)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.contains(0))
        #expect(png.suffix(8).starts(with: Array("IEND".utf8)))
        let pdf = try d.render(.pdf, warningsAreErrors: true)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: pdf.suffix(16), as: UTF8.self).contains("%%EOF"))
    }

    @Test("sfdp lays out too")
    func sfdp() throws {
        let d = try OwnershipDiagram.make(SmallGraph.make(), options: SmallGraph.options(layout: .sfdp))
        #expect(d.engine == .sfdp)
        #expect(d.dot.attributes["layout"] == "sfdp")
        let svg = String(decoding: try d.render(.svg, warningsAreErrors: true), as: UTF8.self)
        #expect(svgNodeTitles(svg).filter { !isLinkText($0) }.count == 8)  // 7 entities and the legend
    }

    @Test("bad DOT fails with Graphviz's own message, and stderr stays clean")
    func syntaxError() throws {
        #expect(throws: GraphvizError(stage: .parse, message: "Error: syntax error in line 1 near ';'")) {
            try GraphvizEngine.render("digraph { a -> ; }")
        }
        #expect(GraphvizEngine.parseError("digraph { a -> ; }")?.message == "Error: syntax error in line 1 near ';'")
        #expect(
            GraphvizEngine.parseError("digraph {\n a -> b\n \"unterminated }")?.message.contains("syntax error in line")
                == true)
        #expect(throws: GraphvizError.self) { try GraphvizEngine.render("") }
        #expect(throws: GraphvizError.self) { try GraphvizEngine.render("   \n") }
        // Only the first graph of a text is read; what follows never leaks into the next read.
        let first = try GraphvizEngine.render("digraph one { a }\ndigraph two { leaked }\n")
        #expect(svgNodeTitles(String(decoding: first.data, as: UTF8.self)) == ["a"])
        let next = try GraphvizEngine.render("digraph three { b }")
        #expect(svgNodeTitles(String(decoding: next.data, as: UTF8.self)) == ["b"])
        #expect(GraphvizEngine.parseError("digraph {\n a -> ; }")?.message == "Error: syntax error in line 2 near ';'")
        // The engine is usable after an error.
        #expect(throws: Never.self) { try GraphvizEngine.render("digraph { ok }", warningsAreErrors: true) }
    }

    @Test("warnings are captured and fail the render when asked")
    func warnings() throws {
        // Graphviz warns once per process about an unknown shape: use fresh names.
        let lenient = try GraphvizEngine.render("digraph { a [shape=nosuchshape1] }")
        #expect(lenient.warnings == ["Warning: using box for unknown shape nosuchshape1"])
        #expect(throws: GraphvizError(stage: .warnings, message: "Warning: using box for unknown shape nosuchshape2")) {
            try GraphvizEngine.render("digraph { a [shape=nosuchshape2] }", warningsAreErrors: true)
        }
        // A broken HTML-like label is reported with Graphviz's context lines.
        #expect(
            throws: GraphvizError(
                stage: .warnings, message: "Error: syntax error in line 1\n... <B></B> ...\nin label of node a")
        ) {
            try GraphvizEngine.render("digraph { a [label=<<B></B>>] }", warningsAreErrors: true)
        }
        // Messages do not leak into the next render.
        #expect(try GraphvizEngine.render("digraph { a }").warnings.isEmpty)
    }

    @Test("a labelled flat edge on the top rank (Graphviz 2.42 double free in gvFreeLayout) does not crash")
    func flatEdgeGuard() throws {
        let dot = """
            digraph { newrank=true; subgraph cluster_a { x; y } x -> y [label="flat", constraint=false] }
            """
        for _ in 0..<3 {
            let r = try GraphvizEngine.render(dot, format: .svg)
            #expect(String(decoding: r.data, as: UTF8.self).contains("flat"))
        }
    }

    @Test("8 concurrent renders succeed behind the one lock")
    func concurrentRenders() async throws {
        let d = try OwnershipDiagram.make(SmallGraph.make(), options: SmallGraph.options(showEnded: true))
        let text = d.dotText
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let format: RenderFormat = [.svg, .png, .pdf][i % 3]
                    let r = try GraphvizEngine.render(text, layout: .dot, format: format, warningsAreErrors: true)
                    if format == .svg {
                        #expect(
                            svgNodeTitles(String(decoding: r.data, as: UTF8.self)).filter { !isLinkText($0) }.count == 8
                        )
                    }
                    return r.data.count
                }
            }
            var all: [Int] = []
            for try await s in group { all.append(s) }
            return all
        }
        #expect(sizes.count == 8)
        #expect(sizes.allSatisfy { $0 > 1000 })
    }

    @Test("the library version is reported")
    func version() {
        #expect(GraphvizEngine.version.hasPrefix("2."))
    }
}
