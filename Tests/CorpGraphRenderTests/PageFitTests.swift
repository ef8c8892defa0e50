import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphRender

/// Page-like proportions, measured on the bounding box Graphviz returns; labels still apart after fitting.
@Suite("Page fit")
struct PageFitTests {
    /// The shape of `render/generate_overview.py`: a holding tree over 10 countries, `n / 3` payments and `n / 10`
    /// directorships between random entities, every 37th entity listed.
    static func overviewGraph(_ n: Int, seed: UInt64 = 300) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "overview.yaml")
        let countries = ["RU", "CY", "AE", "SG", "JP", "DE", "KZ", "HK", "GB", "CH"]
        let roles = ["Генеральный директор", "代表取締役", "CEO", "Managing director", "boardAppointment"]
        for i in 0..<n {
            let kind: EntityKind = i % 9 == 4 ? .person : .company
            let listed = i % 37 == 5 ? [Designation(list: "OFAC-SDN", listed: day("2022-04-05"))] : []
            b.add(
                Entity(
                    id: "g\(i)", kind: kind, name: "Generated \(kind) \(i)", aliases: [],
                    jurisdiction: countries.randomElement(using: &rng)!, identifiers: [:], tags: [],
                    designations: listed, sources: [], attributes: [:]), at: at)
        }
        var k = 0
        for i in 1..<n {
            let parent = Int.random(in: 0..<i, using: &rng)
            b.add(
                Relationship(
                    id: "t\(k)", kind: .owns, source: "g\(parent)", target: "g\(i)",
                    share: .exact(Percent([100, 51, 49, 25, 10].randomElement(using: &rng)!))), at: at)
            k += 1
        }
        for _ in 0..<(n / 3) {
            let a = Int.random(in: 0..<n, using: &rng), c = Int.random(in: 0..<n, using: &rng)
            guard a != c else { continue }
            b.add(
                Relationship(
                    id: "t\(k)", kind: .pays, source: "g\(a)", target: "g\(c)",
                    amount: Decimal(Int.random(in: 1..<900, using: &rng) * 1000), currency: "USDT",
                    date: day("2022-0\(Int.random(in: 1..<10, using: &rng))-15")), at: at)
            k += 1
        }
        for _ in 0..<(n / 10) {
            let a = Int.random(in: 0..<n, using: &rng), c = Int.random(in: 0..<n, using: &rng)
            guard a != c else { continue }
            b.add(
                Relationship(
                    id: "t\(k)", kind: .directs, source: "g\(a)", target: "g\(c)",
                    role: roles.randomElement(using: &rng)!), at: at)
            k += 1
        }
        return b.build().0
    }

    /// Like the Zala cluster: five owners and directors of one listed company in a row, one of them also owning two
    /// more companies.
    static func fanInGraph() -> Graph {
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "fan-in.yaml")
        func entity(_ id: String, _ kind: EntityKind, _ name: String, listed: Bool = false) {
            b.add(
                Entity(
                    id: id, kind: kind, name: name, aliases: [], jurisdiction: "RU", identifiers: [:], tags: [],
                    designations: listed ? [Designation(list: "OFAC-SDN", listed: day("2022-03-01"))] : [],
                    sources: [], attributes: [:]), at: at)
        }
        entity("hub", .company, "LLC Hub Unmanned Systems", listed: true)
        entity("o1", .person, "Alexander Vyacheslavovich Example")
        entity("o2", .company, "JSC Example Concern")
        entity("o3", .company, "Акционерное общество «Пример Холдинг»")
        entity("o4", .person, "Svetlana Nikolaevna Example")
        entity("o5", .person, "Абашкин Константин Игоревич")
        entity("s1", .company, "Товариство з обмеженою відповідальністю «Приклад»")
        entity("s2", .company, "Некоммерческое партнёрство «Ассоциация»")
        var k = 0
        func rel(_ kind: RelationshipKind, _ s: String, _ t: String, share: Int? = nil, role: String? = nil) {
            b.add(
                Relationship(
                    id: "r\(k)", kind: kind, source: s, target: t, share: share.map { .exact(Percent($0)) },
                    role: role), at: at)
            k += 1
        }
        rel(.owns, "o1", "hub", share: 50)
        rel(.directs, "o1", "hub", role: "Leader or official of")
        rel(.owns, "o2", "hub", share: 49)
        rel(.owns, "o3", "hub", share: 2)
        rel(.owns, "o4", "hub", share: 1)
        rel(.directs, "o5", "hub", role: "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР")
        rel(.owns, "o1", "s1", share: 100)
        rel(.directs, "o1", "s2", role: "Исполнительный директор")
        return b.build().0
    }

    static func options(_ name: String, fitPage: Bool = true) -> DiagramOptions {
        DiagramOptions(datasetName: name, asOf: day("2022-12-31"), registry: isoRegistry, fitPage: fitPage)
    }

    /// Width / height of the drawing Graphviz lays out, and its layout.
    func aspect(_ d: Diagram) throws -> (Double, DiagramLayout) {
        let layout = try d.layout()
        return (layout.width / layout.height, layout)
    }

    func expectPageLike(_ d: Diagram, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
    {
        let (a, layout) = try aspect(d)
        #expect(
            a <= PageFit.maxAspect && a >= 1 / PageFit.maxAspect,
            "\(what): \(Int(layout.width)) × \(Int(layout.height)) pt is \(a):1", sourceLocation: sourceLocation)
        #expect(layout.overlaps.isEmpty, "\(what): \(layout.overlaps.prefix(5))", sourceLocation: sourceLocation)
        let png = try d.render(.png, warningsAreErrors: true)
        let (w, h) = pngSize(png)
        #expect(
            w > 0 && h > 0 && w <= RenderLimits.maxBitmapPixels && h <= RenderLimits.maxBitmapPixels,
            "\(what): PNG \(w) × \(h)", sourceLocation: sourceLocation)
    }

    @Test("the 300-node overview comes out page-like (it is about 4:1 unfitted), labels apart, PNG within limits")
    func overview300() throws {
        let g = Self.overviewGraph(300)
        #expect(g.entityCount == 300)
        let unfitted = try OwnershipDiagram.make(g, options: Self.options("overview", fitPage: false))
        let (wide, _) = try aspect(unfitted)
        #expect(wide > 2.5, "the unfitted overview is \(wide):1; the fixture no longer tests fitting")
        #expect(!unfitted.dotText.contains("ratio="))
        let fitted = try OwnershipDiagram.make(g, options: Self.options("overview"))
        #expect(fitted.dotText.contains("ratio="))
        try expectPageLike(fitted, "300-node overview")
    }

    @Test("the donations-shaped graph comes out page-like (it is about 7:1 unfitted), labels apart")
    func donations() throws {
        let g = LabelLayoutTests.donationsGraph()
        let (wide, _) = try aspect(try OwnershipDiagram.make(g, options: Self.options("donations", fitPage: false)))
        #expect(wide > 2.5, "unfitted \(wide):1")
        try expectPageLike(try OwnershipDiagram.make(g, options: Self.options("donations")), "donations")
    }

    @Test("a Zala-like fan-in: the row of owners is wrapped over two or more rows, and the drawing is page-like")
    func fanIn() throws {
        let g = Self.fanInGraph()
        let unfitted = try OwnershipDiagram.make(g, options: Self.options("fan-in", fitPage: false))
        let (wide, _) = try aspect(unfitted)
        #expect(wide > PageFit.maxAspect, "unfitted \(wide):1")
        let d = try OwnershipDiagram.make(g, options: Self.options("fan-in"))
        try expectPageLike(d, "fan-in")
        let rows = Set(
            try d.layout().boxes.filter { ["o1", "o2", "o3", "o4", "o5"].contains($0.name) }.map { Int($0.maxY) })
        #expect(rows.count >= 2, "owners on rows \(rows.sorted())")
    }

    @Test("drawings already page-like are left as built (the founding case's exposure views)")
    func pageLikeUntouched() throws {
        let g = SmallGraph.make()
        var o = SmallGraph.options()
        let fitted = try OwnershipDiagram.make(g, options: o)
        o.fitPage = false
        let plain = try OwnershipDiagram.make(g, options: o)
        let (a, _) = try aspect(plain)
        if a <= PageFit.maxAspect && a >= 1 / PageFit.maxAspect {
            #expect(fitted.dotText == plain.dotText)
        } else {
            #expect(fitted.dotText != plain.dotText)
            try expectPageLike(fitted, "small graph")
        }
    }

    @Test("a tall drawing (a long ownership chain) is widened to page-like")
    func tallChain() throws {
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "chain.yaml")
        for i in 0..<14 {
            b.add(
                Entity(
                    id: "c\(i)", kind: .company, name: "Chain company \(i)", aliases: [], jurisdiction: "CY",
                    identifiers: [:], tags: [], designations: [], sources: [], attributes: [:]), at: at)
            if i > 0 {
                b.add(
                    Relationship(
                        id: "r\(i)", kind: .owns, source: "c\(i - 1)", target: "c\(i)", share: .exact(Percent(100))),
                    at: at)
            }
        }
        let g = b.build().0
        let (tall, _) = try aspect(try OwnershipDiagram.make(g, options: Self.options("chain", fitPage: false)))
        #expect(tall < 1 / PageFit.maxAspect, "unfitted \(tall):1")
        try expectPageLike(try OwnershipDiagram.make(g, options: Self.options("chain")), "chain")
    }
}

@Suite("Graphviz warnings explained")
struct GraphvizWarningTests {
    @Test("a real Graphviz warning becomes an explanation with Graphviz's words kept, never the raw line alone")
    func unknownShape() throws {
        let rendered = try GraphvizEngine.render("digraph { a [shape=nosuchshape7] }")
        #expect(rendered.warnings == ["Warning: using box for unknown shape nosuchshape7"])
        let explained = rendered.explainedWarnings
        #expect(explained.count == 1)
        #expect(explained[0].kind == .attribute)
        #expect(explained[0].message == "using box for unknown shape nosuchshape7")
        #expect(explained[0].description.hasPrefix(explained[0].explanation))
        #expect(explained[0].description.hasSuffix("(Graphviz said: using box for unknown shape nosuchshape7)"))
        #expect(!explained[0].description.hasPrefix("Warning"))
    }

    @Test("cairo's bitmap limit: Graphviz's scaling warning is explained as such")
    func bitmapLimit() throws {
        // 400 inches at 96 dpi is 38 400 px, past cairo's 32 767; one pixel high keeps the bitmap small.
        let rendered = try GraphvizEngine.render(
            "digraph { a [shape=box, fixedsize=true, width=400, height=0.02, label=\"\"] }", format: .png)
        let explained = rendered.explainedWarnings
        #expect(explained.map(\.kind) == [.bitmapTooLarge], "\(rendered.warnings)")
        #expect(explained.first?.explanation.contains("32 767") == true)
        #expect(explained.first?.message.contains("too large for cairo-renderer bitmaps") == true)
        // Scaled by corpgraph before cairo sees it (Graphviz's own scaling prints to stderr, past the capture).
        let (w, h) = pngSize(rendered.data)
        #expect(w > 0 && w <= 32_767 && h > 0, "\(w) × \(h)")
    }

    @Test("kinds from Graphviz's messages; repeats collapse; blanks dropped")
    func classify() {
        let w = GraphvizWarning.explain([
            "Warning: Unable to reclaim box space in spline routing for edge \"a\" -> \"b\". Something is probably seriously wrong.",
            "Error: lost a b edge", "Warning: no hard-coded metrics for 'X'. Falling back to 'Times' metrics",
            "Error: lost a b edge", "  ", "Warning: something new",
        ])
        #expect(w.map(\.kind) == [.edgeRouting, .edgeRouting, .font, .other])
        #expect(Set(w.map(\.explanation)).count == 3)  // one per kind
    }

    @Test("corpgraph's own diagrams render without a Graphviz warning (PNG, SVG, PDF)")
    func ownDiagramsClean() throws {
        let d = try OwnershipDiagram.make(PageFitTests.fanInGraph(), options: PageFitTests.options("fan-in"))
        for format in [RenderFormat.png, .svg, .pdf] {
            #expect(try d.renderWithWarnings(format).explainedWarnings.isEmpty)
        }
    }
}
