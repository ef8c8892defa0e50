import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphRender

/// Inputs the DOT fuzzer (Fuzz/harnesses/dot.swift) found: each text goes through the escaping function in every
/// context and the document must parse and lay out without a syntax error.
@Suite struct DOTFuzzRegressionTests {
    static func document(_ text: String) -> String {
        var g = DOTGraph(name: text, attributes: ["charset": "UTF-8", "label": .text(text)])
        g.add(
            .subgraph(
                DOTSubgraph(
                    "cluster_" + text, attributes: ["label": .text(text)],
                    statements: [.node(DOTNode(text, ["label": .text(text), "tooltip": .text(text)]))])))
        g.add(
            .node(DOTNode("html " + text, ["label": .html(.font(.text(text), pointSize: 9, color: text, bold: true))])))
        g.add(.edge(DOTEdge(text, "html " + text, ["label": .text(text), "xlabel": .text(text)])))
        return g.encoded()
    }

    /// "\r\r" once made the escaping put `<BR/>` inside an HTML attribute (`COLOR="<BR/><BR/>"`), and Graphviz 2.42
    /// aborted the whole process on it.
    @Test(arguments: ["\r\r", "\r\n\r", "\n", "\u{2028}x", "a\"b<c>&d\\", "]", "[", "}"])
    func lineBreaksInEveryContext(_ text: String) throws {
        let dot = Self.document(text)
        #expect(GraphvizEngine.parseError(dot) == nil, "\(dot)")
        let r = try GraphvizEngine.render(dot, layout: .dot, format: .svg)
        #expect(!r.warnings.contains { $0.contains("syntax error") }, "\(r.warnings)\n\(dot)")
    }

    @Test func htmlAttributesNeverContainMarkup() {
        let label = HTMLLabel.font(.text("x"), color: "red\r\n<BR/>\"&")
        #expect(label.markup == "<FONT COLOR=\"red &lt;BR/&gt;&quot;&amp;\">x</FONT>")
    }
}
