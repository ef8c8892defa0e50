import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphRender

@Suite("Ownership diagram")
struct OwnershipDiagramTests {
    let graph = SmallGraph.make()

    func edge(_ d: Diagram, _ from: String, _ to: String) -> [DOTEdge] {
        logicalEdges(d).filter { $0.from == from && $0.to == to }
    }

    /// An edge's text without the padding that keeps it off the line.
    func text(_ e: DOTEdge?) -> String? {
        guard case .text(let t)? = e?.attributes["label"] else { return nil }
        return t.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop(while: { $0 == " " }) }.joined(
            separator: "\n")
    }

    func node(_ d: Diagram, _ id: String) -> DOTNode? {
        func find(_ s: [DOTStatement]) -> DOTNode? {
            for st in s {
                switch st {
                case .node(let n) where n.id == id: return n
                case .subgraph(let g): if let n = find(g.statements) { return n }
                default: continue
                }
            }
            return nil
        }
        return find(d.dot.statements)
    }

    @Test("golden DOT of the small fixture (whole graph, ended relationships grey, derived statuses)")
    func golden() throws {
        let derived: [Int: DerivedStatus] = [
            graph.index(of: "sub-sg")!: .undetermined, graph.index(of: "ops-ru")!: .blocked,
        ]
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options(showEnded: true, derived: derived))
        try expectGolden(d.dotText, "small-ownership.dot")
        #expect(GraphvizEngine.parseError(d.dotText) == nil)
    }

    @Test("a share label on every owns edge: exact, range and unknown")
    func shares() throws {
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options())
        #expect(text(edge(d, "hold-jp", "sub-sg").first) == "100 %")
        #expect(text(edge(d, "person-x", "ops-ru").first) == "?")
        let owns = edge(d, "sub-sg", "ops-ru").filter { $0.attributes["style"] == "solid" }
        #expect(owns.map { text($0) } == ["25–50 %"])
    }

    @Test("repeated payments fold into one dashed edge per pair with count, totals per currency and date range")
    func paymentFolding() throws {
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options())
        let pays = edge(d, "sub-sg", "ops-ru").filter { $0.attributes["style"] == "dashed" }
        #expect(pays.count == 1)
        #expect(text(pays.first) == "4 payments\ntotal 50.5 USD\ntotal 300,000 USDT\n2022-05-15 – 2022-07-15")
        guard case .text(let raw)? = pays.first?.attributes["label"] else { Issue.record("no label"); return }
        #expect(raw.hasPrefix("4 payments\ntotal"))
        #expect(pays.first?.attributes["tooltip"] == .text("p0, p1, p2, p3"))
        // p4 (2023-02-01) is after the as-of day: not drawn, not counted.
        #expect(!d.relationships.contains(graph.relationshipCount - 3))
    }

    @Test("ended relationships are hidden by default and grey with showEnded")
    func ended() throws {
        let hidden = try OwnershipDiagram.make(graph, options: SmallGraph.options())
        #expect(edge(hidden, "hold-jp", "old-ru").isEmpty)
        let shown = try OwnershipDiagram.make(graph, options: SmallGraph.options(showEnded: true))
        let e = try #require(edge(shown, "hold-jp", "old-ru").first)
        #expect(e.attributes["color"] == .text(DiagramStyle.standard.endedColor))
        #expect(text(e) == "60 %\nended 2022-04-30")
    }

    @Test("control dotted, directs and operates styled, node shape by kind")
    func styles() throws {
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options())
        #expect(edge(d, "person-x", "sub-sg").first?.attributes["style"] == "dotted")
        #expect(text(edge(d, "person-x", "sub-sg").first) == "controls (board appointment)")
        #expect(text(edge(d, "bank-x", "hold-jp").first) == "nominee director")
        #expect(edge(d, "ops-ru", "site-ua").first?.attributes["arrowhead"] == "diamond")
        #expect(node(d, "person-x")?.attributes["shape"] == "ellipse")
        #expect(node(d, "site-ua")?.attributes["shape"] == "house")
        #expect(node(d, "bank-x")?.attributes["shape"] == "octagon")
    }

    @Test(
        "listed red; derived blocked orange and undetermined yellow from the status map; sanctioned jurisdictions marked"
    )
    func colours() throws {
        let s = DiagramStyle.standard
        let derived: [Int: DerivedStatus] = [
            graph.index(of: "sub-sg")!: .undetermined, graph.index(of: "ops-ru")!: .blocked,
        ]
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options(derived: derived))
        #expect(node(d, "person-x")?.attributes["fillcolor"] == .text(s.listedFill))
        #expect(node(d, "ops-ru")?.attributes["fillcolor"] == .text(s.blockedFill))
        #expect(node(d, "sub-sg")?.attributes["fillcolor"] == .text(s.undeterminedFill))
        #expect(node(d, "hold-jp")?.attributes["fillcolor"] == nil)
        #expect(node(d, "ops-ru")?.attributes["peripheries"] == 2)
        #expect(node(d, "site-ua")?.attributes["peripheries"] == 2)
        #expect(node(d, "hold-jp")?.attributes["peripheries"] == nil)
        // Crimea is sanctioned as a subdivision: the node says so (the Ukraine box does not).
        guard case .html(let label)? = node(d, "site-ua")?.attributes["label"] else {
            Issue.record("no HTML label"); return
        }
        #expect(label.markup.contains("sanctioned jurisdiction UA-43"))
    }

    @Test(
        "one cluster per country labelled with its iso-codes name; subdivisions inside their country and named in the node"
    )
    func clusters() throws {
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options())
        let clusters = d.dot.statements.compactMap { s -> DOTSubgraph? in
            if case .subgraph(let g) = s, g.id.hasPrefix("cluster_") { return g }
            return nil
        }
        #expect(clusters.map(\.id) == ["cluster_JP", "cluster_RU", "cluster_SG", "cluster_UA"])
        let ru = try #require(clusters.first { $0.id == "cluster_RU" })
        #expect(ru.attributes["label"] == "Russian Federation (RU) · sanctioned")
        let ids = ru.statements.compactMap { s -> String? in
            if case .node(let n) = s, !isLinkText(n.id) { return n.id } else { return nil }
        }
        #expect(ids == ["ops-ru", "person-x", "old-ru"])
        guard case .html(let label)? = node(d, "ops-ru")?.attributes["label"] else {
            Issue.record("no HTML label"); return
        }
        #expect(label.markup.contains("RU-IRK"))
        #expect(label.markup.contains("Irkutsk"))
        // An entity without jurisdiction stays outside every cluster.
        #expect(d.dot.statements.contains { if case .node(let n) = $0 { n.id == "bank-x" } else { false } })
    }

    @Test("title names the dataset and as-of day; legend present; newrank, speed and CJK font set")
    func furniture() throws {
        let d = try OwnershipDiagram.make(graph, options: SmallGraph.options())
        guard case .html(let title)? = d.dot.attributes["label"] else { Issue.record("no title"); return }
        #expect(title.markup.contains("small — ownership"))
        #expect(title.markup.contains("as of 2022-12-31 · policy as given · regime none · whole graph"))
        #expect(d.dot.attributes["newrank"] == "true")
        #expect(d.dot.attributes["rankdir"] == "TB")
        #expect(d.dot.attributes["fontname"] == "Noto Sans CJK JP")
        #expect(d.dot.nodeDefaults["fontname"] == "Noto Sans CJK JP")
        #expect(d.dotText.contains("\"corpgraph:legend\""))
        #expect(d.dotText.contains("Legend"))
        // The legend explains what the drawing uses, nothing else.
        let text = d.dotText
        for used in [
            "listed on a counted sanctions list", "owns (share)", "pays (amount", "controls<", "directs<",
            "operates<", "double red border", ">octagon<", ">house<",
        ] {
            #expect(text.contains(used), "legend lacks \(used)")
        }
        for unused in [
            "blocked by ownership", "undetermined: unknown", "subject", "exposure path", "ended before", ">note<",
        ] {
            #expect(!text.contains(unused), "legend has \(unused)")
        }
    }

    @Test("a cut keeps the subject and its radius neighbourhood over drawn relationships")
    func cut() throws {
        let ops = graph.index(of: "ops-ru")!
        let r1 = try OwnershipDiagram.make(
            graph, focus: DiagramFocus(subject: ops, radius: 1), options: SmallGraph.options())
        #expect(r1.entities.map(graph.id) == ["sub-sg", "ops-ru", "person-x", "site-ua"])
        let r2 = try OwnershipDiagram.make(
            graph, focus: DiagramFocus(subject: ops, radius: 2), options: SmallGraph.options())
        #expect(r2.entities.map(graph.id) == ["hold-jp", "sub-sg", "ops-ru", "person-x", "site-ua"])
        // old-ru is reachable only through an ended relationship.
        let hold = graph.index(of: "hold-jp")!
        let cutHidden = try OwnershipDiagram.make(
            graph, focus: DiagramFocus(subject: hold, radius: 1), options: SmallGraph.options())
        #expect(!cutHidden.entities.map(graph.id).contains("old-ru"))
        let cutShown = try OwnershipDiagram.make(
            graph, focus: DiagramFocus(subject: hold, radius: 1), options: SmallGraph.options(showEnded: true))
        #expect(cutShown.entities.map(graph.id).contains("old-ru"))
        #expect(node(r1, "ops-ru")?.attributes["penwidth"] == 3)
        #expect(throws: DiagramError.self) { try DiagramFocus(subjectID: "ops-rux", radius: 1, in: graph) }
        do {
            _ = try DiagramFocus(subjectID: "ops-rux", radius: 1, in: graph)
        } catch {
            #expect(error.description == "unknown subject id 'ops-rux'; did you mean 'ops-ru'?")
        }
    }

    @Test("the layout plan: dot tuned by size, sfdp for overviews, refusal with advice past the caps")
    func layoutPlan() throws {
        let small = try LayoutPlan.resolve(.auto, nodes: 30)
        #expect(small.engine == .dot && small.attributes["splines"] == "true")
        let medium = try LayoutPlan.resolve(.auto, nodes: 300)
        #expect(medium.engine == .dot && medium.attributes["splines"] == "polyline")
        #expect(
            medium.attributes["nslimit"] == "2" && medium.attributes["mclimit"] == "0.1"
                && medium.attributes["newrank"] == "true")
        let big = try LayoutPlan.resolve(.auto, nodes: 3000)
        #expect(big.engine == .sfdp && !big.clusters)
        #expect(throws: DiagramError(.tooLarge(nodes: 5000, limit: 4000, layout: .auto))) {
            try LayoutPlan.resolve(.auto, nodes: 5000)
        }
        #expect(throws: DiagramError(.tooLarge(nodes: 3500, limit: 3000, layout: .dot))) {
            try LayoutPlan.resolve(.dot, nodes: 3500)
        }
        #expect(try LayoutPlan.resolve(.auto, nodes: 1500).engine == .dot)
        #expect(try LayoutPlan.resolve(.auto, nodes: 1501).engine == .sfdp)
        #expect(medium.crossEdgesConstrainRanks == false && small.crossEdgesConstrainRanks == true)
        let message = DiagramError(.tooLarge(nodes: 5000, limit: 4000, layout: .auto)).description
        #expect(message.contains("--subject ID --radius N"))
        #expect(message.hasPrefix("refusing to draw 5000 nodes"))
        #expect(DiagramError(.tooLarge(nodes: 3500, limit: 3000, layout: .dot)).description.contains("--layout sfdp"))
        // export writes any size
        #expect(try LayoutPlan.resolve(.auto, nodes: 50_000, enforceLimits: false).engine == .sfdp)
    }
}
