import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphRender

@Suite("Hostile names")
struct HostileNamesTests {
    static let names: [String] = [
        #"Quote "Inc" \"escaped\" \ trailing\"#,
        "Braces {a} [b] ; c=d -> e -- f",
        "<b>HTML</b> <script>alert(1)</script> &amp; &lt;tag&gt; &#65;",
        "Line one\nline two\r\nline three\rfour",
        "Control \u{0}\u{1}\u{7}\u{1b}[31m red \u{7f}\u{85}\u{9b}",
        "شركة الخليج للتعدين ذ.م.م",
        "חברת הכרייה בע״מ",
        "\u{202E}RTL override\u{202C} and \u{200F}mark",
        "南風マイニング株式会社 Минамикадзе",
        "Graphviz escapes \\N \\G \\E \\T \\H \\L \\l \\r \\n",
        String(repeating: "Very long name ", count: 667),  // 10 005 characters
        String(repeating: "長", count: 10_000),
        "",
        "   ",
    ]

    /// A graph whose entity ids and names are the hostile strings, linked in a chain with every relationship kind.
    static func graph() -> Graph {
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "hostile")
        for (i, n) in names.enumerated() {
            // Ids are hostile too (the empty and blank ones get a prefix so they stay unique and valid).
            let id = n.isEmpty || n.allSatisfy(\.isWhitespace) ? "blank-\(i)" + n : n
            b.add(
                Entity(
                    id: id, kind: EntityKind.allCases[i % EntityKind.allCases.count], name: n, aliases: [],
                    jurisdiction: ["RU", "JP", "IL", "SA", "UA-43", nil][i % 6], identifiers: [:], tags: [],
                    designations: i % 4 == 0 ? [Designation(list: "OFAC-SDN", program: n)] : [], sources: [],
                    attributes: [:]), at: at)
        }
        let ids = (0..<names.count).map { i in
            names[i].isEmpty || names[i].allSatisfy(\.isWhitespace) ? "blank-\(i)" + names[i] : names[i]
        }
        for i in 1..<ids.count {
            let kind = RelationshipKind.allCases[i % RelationshipKind.allCases.count]
            b.add(
                Relationship(
                    id: "rel \(names[i].prefix(40))", kind: kind, source: ids[i - 1], target: ids[i],
                    share: kind == .owns ? .exact(Percent(50)) : nil, controlType: kind == .controls ? names[i] : nil,
                    role: kind == .directs ? names[i] : nil, amount: kind == .pays ? 1 : nil,
                    currency: kind == .pays ? "USD" : nil), at: at)
        }
        let (graph, diagnostics) = b.build()
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return graph
    }

    @Test("hostile ids and names keep the DOT well-formed: it parses, renders without warnings, one node per entity")
    func diagram() throws {
        let g = Self.graph()
        let d = try OwnershipDiagram.make(g, options: SmallGraph.options())
        let text = d.dotText
        #expect(GraphvizEngine.parseError(text) == nil)
        // Nothing but the structure we wrote is a statement: exactly one line per node, edge and furniture.
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        // header, 3 defaults, a node line each, 3 lines per country cluster (RU JP IL SA UA), per link a text node
        // and two segments, 4 lines of legend, closing brace.
        #expect(text.split(separator: "\n").count == 1 + 3 + g.entityCount + 5 * 3 + 3 * d.relationships.count + 4 + 1)
        #expect(text.contains("(no name)"))
        let svg = String(decoding: try d.render(.svg, warningsAreErrors: true), as: UTF8.self)
        let titles = svgNodeTitles(svg).filter { !isLinkText($0) }
        #expect(titles.count == g.entityCount + 1)
        // Entity ids come back as written (control characters replaced, line breaks as \n).
        for v in 0..<g.entityCount {
            // Graphviz writes `&…;` sequences of an id into SVG as entities, so they read back decoded.
            let expected = xmlUnescape(
                DOTEscaping.escape(g.id(v), for: .identifier).dropFirst().dropLast()
                    .replacingOccurrences(of: "\\\"", with: "\""))
            #expect(titles.contains(expected), "node for \(g.id(v).prefix(40).debugDescription) missing")
        }
        #expect(svg.contains("南風マイニング株式会社"))
        #expect(svg.contains("شركة الخليج"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(!svg.contains("<script>"))
        let png = try d.render(.png, warningsAreErrors: true)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("an unwrapped 10 000-character label and hostile HTML go through the DOT model and Graphviz intact")
    func rawModel() throws {
        var g = DOTGraph(name: "hostile \"graph\" {", attributes: ["charset": "UTF-8"])
        for (i, n) in Self.names.enumerated() {
            g.add(.node(DOTNode("n\(i) " + n, ["label": .text(n), "tooltip": .text(n)])))
        }
        g.add(
            .node(
                DOTNode("html", ["label": .html(.text(Self.names[2]) + .font(.text("\n" + Self.names[0]), bold: true))])
            ))
        g.add(.node(DOTNode("tail")))
        g.add(.edge(DOTEdge("html", "tail", ["label": .text(Self.names[3] + Self.names[0])])))
        let text = g.encoded()
        #expect(GraphvizEngine.parseError(text) == nil)
        // Unwrapped, the 10 000-character names make nodes wider than Graphviz routes edges across; it says so.
        let r = try GraphvizEngine.render(text, format: .svg)
        #expect(r.warnings.allSatisfy { $0.contains("larger than maximum 65535 allowed") })
        let svg = String(decoding: r.data, as: UTF8.self)
        #expect(svgNodeTitles(svg).count == Self.names.count + 2)
        #expect(svg.contains(String(repeating: "長", count: 10_000)))
        #expect(svg.contains("&lt;b&gt;HTML&lt;/b&gt;"))
    }
}
