import CorpGraphTestSupport
import CorpGraphRender
import Foundation
import Testing
@testable import corpgraph

/// What `render` prints when Graphviz warns: the explanation and advice first, Graphviz's words quoted after.
@Suite struct RenderWarningCLITests {
    @Test("a Graphviz warning reaches the user explained, with advice and Graphviz's own words, never as the raw line")
    func explainedWarningLine() throws {
        // A real warning from Graphviz (an unknown shape), through the same path render uses.
        let rendered = try GraphvizEngine.render("digraph { a [shape=nosuchshape9] }", format: .svg)
        #expect(rendered.warnings == ["Warning: using box for unknown shape nosuchshape9"])
        let lines = rendered.explainedWarnings.map { RenderCommand.explained($0, output: "out.svg") }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasPrefix("warning: 'out.svg' was written, but Graphviz did not understand an attribute value"))
        #expect(line.contains("check the drawing"))
        #expect(line.hasSuffix("(Graphviz said: using box for unknown shape nosuchshape9)\n"))
        #expect(!line.contains("Warning: using box"))
        // Every kind gets its own advice, naming the flags that help.
        for kind in GraphvizWarning.Kind.allCases {
            var w = GraphvizWarning("x")
            w.kind = kind
            let text = RenderCommand.explained(w, output: "o.png")
            #expect(text.contains(w.explanation) && text.contains("; ") && text.hasSuffix("(Graphviz said: x)\n"))
        }
        #expect(
            RenderCommand.explained(
                GraphvizWarning("graph is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit"),
                output: "o.png"
            ).contains("write .svg or .pdf"))
    }

    @Test("render of the founding case and of a wide fan-in prints no Graphviz warning, and the drawing is page-like")
    func cleanRender() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-warn-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, args) in [("seed.png", ["--show-ended"]), ("cut.svg", ["--subject", "d-ru-ops", "--radius", "3"])] {
            let out = dir.appendingPathComponent(name).path
            let r = try CLI.run(
                ["render", CLI.fixture("seed/seed.yaml"), "--as-of", "2022-12-31"] + args + ["-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stderr.contains("warning"), "\(r.stderr)")
        }
        let svg = try String(contentsOfFile: dir.appendingPathComponent("cut.svg").path, encoding: .utf8)
        let box = try #require(svg.range(of: #"viewBox="0.00 0.00 [0-9.]+ [0-9.]+""#, options: .regularExpression))
        let numbers = svg[box].dropFirst("viewBox=\"".count).dropLast().split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count == 4)
        if numbers.count == 4 {
            #expect(numbers[2] / numbers[3] <= 1.6 && numbers[3] / numbers[2] <= 1.6, "\(numbers)")
        }
        let plain = dir.appendingPathComponent("plain.dot").path
        let r = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--as-of", "2022-12-31", "--show-ended", "--no-fit-page", "-o",
            plain,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!(try String(contentsOfFile: plain, encoding: .utf8)).contains("ratio="))
        let committed = try String(
            contentsOfFile: CLI.root.appendingPathComponent("render/seed-ownership.dot").path, encoding: .utf8)
        #expect(committed.contains("ratio="))
    }
}
