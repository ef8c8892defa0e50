import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphRender

@Suite("DOT model and escaping")
struct DOTTests {
    @Test("the plain-ASCII shortcuts of escaping and wrapping give the general result")
    func shortcutsAgree() {
        var rng = SplitMix64(seed: 11)
        let alphabet = Array("aZ09 -_.,;:()'/#%+=*  \"\\&<>][\t\n\rй漢")
        var texts = [
            "", " ", "  ", "a", " a", "a ", "a  b", "]x", "x]", "&", "plain words here", "exactly-twenty-chars",
        ]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...40, using: &rng)
            let plain = Bool.random(using: &rng)
            texts.append(
                String(
                    (0..<n).map { _ in
                        plain
                            ? Array("abc XYZ-01.")[Int.random(in: 0..<11, using: &rng)]
                            : alphabet.randomElement(using: &rng)!
                    }))
        }
        for t in texts {
            for context in [DOTEscaping.Context.identifier, .text, .html, .htmlAttribute] {
                #expect(
                    DOTEscaping.escape(t, for: context) == DOTEscaping.escapeScalars(t, for: context),
                    "\(t.debugDescription) \(context)")
            }
            for (columns, lines) in [(20, 2), (28, 3), (5, 1), (40, 0)] {
                #expect(
                    DiagramCanvas.wrap(t, columns: columns, lines: lines)
                        == DiagramCanvas.wrapWords(t, columns: columns, lines: lines),
                    "\(t.debugDescription) \(columns)×\(lines)")
            }
        }
    }

    @Test("identifiers and text are always quoted; quotes and backslashes escaped")
    func quoting() {
        #expect(DOTEscaping.escape("a", for: .identifier) == "\"a\"")
        #expect(DOTEscaping.escape("", for: .identifier) == "\"\"")
        #expect(DOTEscaping.escape("say \"hi\"", for: .text) == #""say \"hi\"""#)
        #expect(DOTEscaping.escape(#"C:\New\N"#, for: .text) == #""C:\\New\\N""#)
        #expect(DOTEscaping.escape("a}b{c];d<e>f", for: .identifier) == "\"a}b{c];d<e>f\"")
    }

    @Test("line breaks become \\n, tabs spaces, other control characters U+FFFD")
    func controls() {
        #expect(DOTEscaping.escape("a\nb\r\nc\rd\u{2028}e", for: .text) == #""a\nb\nc\nd\ne""#)
        #expect(DOTEscaping.escape("a\tb", for: .text) == "\"a b\"")
        #expect(
            DOTEscaping.escape("a\u{0}b\u{1b}[31mc\u{7f}\u{9b}", for: .text)
                == "\"a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}\u{FFFD}\"")
    }

    @Test("ampersands are entity-escaped in text (Graphviz decodes entities in labels) but not in ids")
    func ampersands() {
        #expect(DOTEscaping.escape("AT&T &lt;", for: .text) == "\"AT&amp;T &amp;lt;\"")
        #expect(DOTEscaping.escape("AT&T", for: .identifier) == "\"AT&T\"")
    }

    @Test("HTML context escapes markup and turns line breaks into <BR/>")
    func html() {
        #expect(
            DOTEscaping.escape("<b>\"x\" & y</b>\nz", for: .html) == "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;<BR/>z")
        #expect(HTMLLabel.text("<script>").markup == "&lt;script&gt;")
        #expect(
            HTMLLabel.font(.text("a<b"), pointSize: 9, color: "#fff\"", bold: true).markup
                == "<FONT POINT-SIZE=\"9\" COLOR=\"#fff&quot;\"><B>a&lt;b</B></FONT>")
    }

    @Test("non-Latin text passes through unchanged")
    func nonLatin() {
        let names = ["南風マイニング株式会社", "ООО «Сибирь»", "شركة الخليج", "חברה בע״מ", "🏦"]
        for n in names { #expect(DOTEscaping.escape(n, for: .text) == "\"" + n + "\"") }
    }

    @Test("the encoder writes statements in order and attributes sorted, byte for byte")
    func encoder() {
        var g = DOTGraph(name: "g", attributes: ["rankdir": "TB", "charset": "UTF-8"], nodeDefaults: ["shape": "box"])
        g.add(
            .subgraph(
                DOTSubgraph(
                    "cluster_JP", attributes: ["label": "Japan"],
                    statements: [.node(DOTNode("a", ["label": "A \"1\"", "color": "red"]))])))
        g.add(.node(DOTNode("b")))
        g.add(.edge(DOTEdge("a", "b", ["label": .html(.text("60 %")), "style": "dashed"])))
        g.add(.node(DOTNode("c", ["weird-name": 1])))
        let expected = """
            digraph "g" {
            \tgraph [charset="UTF-8", rankdir="TB"];
            \tnode [shape="box"];
            \tsubgraph "cluster_JP" {
            \t\tgraph [label="Japan"];
            \t\t"a" [color="red", label="A \\"1\\""];
            \t}
            \t"b";
            \t"a" -> "b" [label=<60 %>, style="dashed"];
            \t"c" ["weird-name"="1"];
            }

            """
        #expect(g.encoded() == expected)
        #expect(g.encoded() == g.encoded())
        #expect(g.nodeCount == 3 && g.edgeCount == 1)
        #expect(GraphvizEngine.parseError(g.encoded()) == nil)
    }

    @Test("undirected graphs use --")
    func undirected() {
        var g = DOTGraph(name: "u", directed: false)
        g.add(.edge(DOTEdge("x", "y")))
        #expect(g.encoded() == "graph \"u\" {\n\t\"x\" -- \"y\";\n}\n")
    }

    @Test("wrapping counts CJK as two columns and ends cut names with an ellipsis")
    func wrapping() {
        #expect(
            DiagramCanvas.wrap("Aozora Exchange K.K. (あおぞら取引所株式会社)", columns: 30, lines: 4)
                == ["Aozora Exchange K.K.", "(あおぞら取引所株式会社)"])
        #expect(DiagramCanvas.wrap("南風マイニング株式会社南風マイニング株式会社", columns: 10, lines: 2) == ["南風マイニ", "ング株式…"])
        #expect(
            DiagramCanvas.wrap(String(repeating: "x", count: 10_000), columns: 30, lines: 4).map(\.count) == [
                30, 30, 30, 30,
            ])
        #expect(DiagramCanvas.wrap("a\nb", columns: 30, lines: 4) == ["a b"])
        #expect(DiagramCanvas.wrap("", columns: 30, lines: 4) == [""])
    }

    @Test("amounts are grouped by thousands, exactly")
    func amounts() {
        #expect(NumberText.grouped(30_000_000) == "30,000,000")
        #expect(NumberText.grouped(Decimal(string: "1234.5")!) == "1,234.5")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(-1000) == "-1,000")
    }
}
