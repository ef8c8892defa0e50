import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphRender

@Suite("Exposure diagram")
struct ExposureDiagramTests {
    let graph = SmallGraph.make()

    /// hold-jp → sub-sg (owns) → ops-ru (owns and four payments): ops-ru is in RU-IRK; and hold-jp → sub-sg ← person-x.
    func paths() -> [ExposureDiagramPath] {
        let g = graph
        let hold = g.index(of: "hold-jp")!, sub = g.index(of: "sub-sg")!, ops = g.index(of: "ops-ru")!,
            px = g.index(of: "person-x")!
        func rels(_ a: Int, _ b: Int) -> [Int] {
            (0..<g.relationshipCount).filter {
                (g.source($0) == a && g.target($0) == b) || (g.source($0) == b && g.target($0) == a)
            }
            .filter { g.isValid($0, on: SmallGraph.asOf) }
        }
        return [
            ExposureDiagramPath(
                nodes: [hold, sub, ops], hops: [rels(hold, sub), rels(sub, ops)],
                reasons: [.jurisdiction(entry: "RU", via: nil)]),
            ExposureDiagramPath(
                nodes: [hold, sub, px], hops: [rels(hold, sub), rels(sub, px)],
                reasons: [
                    .jurisdiction(entry: "RU", via: nil),
                    .list(code: "OFAC-SDN", since: nil, until: nil, dateUnknown: false),
                ]),
        ]
    }

    @Test("golden DOT: subject blue and thick, path edges bold red, targets with their reasons")
    func golden() throws {
        let d = try ExposureDiagram.make(
            graph, subject: graph.index(of: "hold-jp")!, paths: paths(), options: SmallGraph.options())
        try expectGolden(d.dotText, "small-exposure.dot")
        #expect(GraphvizEngine.parseError(d.dotText) == nil)
        #expect(d.entities.map(graph.id) == ["hold-jp", "sub-sg", "ops-ru", "person-x"])
        let text = d.dotText
        #expect(text.contains("target: sanctioned jurisdiction RU (Russian<BR/>Federation)"))
        #expect(text.contains("target: listed on OFAC-SDN"))
        #expect(text.contains("exposure of Hōrai Holdings K.K. (蓬莱ホールディングス株式会社) (hold-jp)"))
        #expect(text.contains("as of 2022-12-31 · policy as given · regime none · all paths found"))
        #expect(text.contains("2 paths to 2 targets; paths bold"))
    }

    @Test("every hop relationship is bold; the folded payment edge on a path is bold too")
    func bold() throws {
        let d = try ExposureDiagram.make(
            graph, subject: graph.index(of: "hold-jp")!, paths: paths(), options: SmallGraph.options())
        let edges = logicalEdges(d)
        let bold = edges.filter { $0.attributes["penwidth"] == "3" }
        #expect(
            bold.map { "\($0.from)>\($0.to)" } == [
                "hold-jp>sub-sg", "sub-sg>ops-ru", "person-x>sub-sg", "sub-sg>ops-ru",
            ])
        // person-x owns ops-ru too: drawn as thin context.
        #expect(edges.contains { $0.from == "person-x" && $0.to == "ops-ru" && $0.attributes["penwidth"] == nil })
        #expect(svgRenders(d), "SVG of \\(d.entities.count) entities")
    }

    @Test("reason codes read as sentences")
    func reasons() throws {
        let canvas = try DiagramCanvas(graph: graph, options: SmallGraph.options(), nodeCount: 3)
        #expect(
            canvas.describe(reason: .jurisdiction(entry: "RU", via: "RU-IRK"))
                == "sanctioned jurisdiction RU (Russian Federation) via RU-IRK")
        #expect(
            canvas.describe(reason: .jurisdiction(entry: "UA-43", via: nil))
                == "sanctioned jurisdiction UA-43 (Avtonomna Respublika Krym)")
        #expect(
            canvas.describe(
                reason: .list(
                    code: "OFAC-SDN", since: CalendarDate(parsing: "2022-04-05"), until: nil, dateUnknown: false))
                == "listed on OFAC-SDN since 2022-04-05")
        #expect(
            canvas.describe(reason: .list(code: "UK-HMT", since: nil, until: nil, dateUnknown: true))
                == "listed on UK-HMT (listing date unknown)")
        #expect(
            canvas.describe(
                reason: .derived(regime: "ofac", status: .blocked, basis: .ownership, by: ["person-s", "person-t"]))
                == "blocked (derived): ofac ownership by person-s, person-t")
        #expect(
            canvas.describe(reason: .derived(regime: "eu", status: .undetermined, basis: .control, by: ["person-s"]))
                == "undetermined (derived): eu control by person-s")
        #expect(
            canvas.describe(reason: .heldBy(holder: "person-s", lists: ["OFAC-SDN"])) == "held by person-s, OFAC-SDN")
    }

    @Test("no paths: the subject alone with a note")
    func empty() throws {
        let d = try ExposureDiagram.make(
            graph, subject: graph.index(of: "bank-x")!, paths: [], options: SmallGraph.options())
        #expect(d.entities == [graph.index(of: "bank-x")!])
        #expect(d.dotText.contains("no exposure path found"))
        #expect(svgRenders(d), "SVG of \\(d.entities.count) entities")
    }

    func svgRenders(_ d: Diagram) -> Bool {
        do {
            let svg = try d.render(.svg, warningsAreErrors: true)
            return Set(svgNodeTitles(String(decoding: svg, as: UTF8.self))).isSuperset(of: d.entities.map(graph.id))
        } catch {
            Issue.record("\(error)")
            return false
        }
    }
}
