import CorpGraph

/// What one drawing holds, handed from a view (ownership, exposure) to ``DiagramCanvas/document(_:)``.
struct DiagramContent {
    /// Entity indices drawn and their nodes, in the same order.
    var entities: [Int]
    var nodes: [DOTNode]
    /// Furniture nodes beside the entities ("+N more" summaries), each with the entity whose country box it joins.
    var extraNodes: [(node: DOTNode, beside: Int)] = []
    var links: [DrawnLink]
    /// Relationship indices drawn, for the legend.
    var relationships: [Int]
    var title: String
    /// Caption lines under the title: what was drawn and how.
    var caption: [String]
    var subject: Bool
    var exposurePaths: Bool
    var notes: SourceNotes
}

extension DiagramCanvas {
    /// The whole document: title and caption, clusters per country (when the engine draws clusters), nodes, link
    /// text nodes, edges, legend (with the numbered sources when asked).
    func document(_ content: DiagramContent) -> DOTGraph {
        var g = DOTGraph(name: "corpgraph")
        var attributes = plan.attributes
        var label = HTMLLabel.font(.text(content.title), bold: true)
        for line in content.caption {
            label = label + .text("\n") + .font(.text(line), pointSize: style.fontSize, color: style.detailColor)
        }
        attributes.merge([
            "charset": "UTF-8", "fontname": .text(style.fontName), "fontsize": .text(String(style.titleFontSize)),
            "labelloc": "t", "labeljust": "c", "pad": 0.3, "label": .html(label),
        ])
        g.attributes = attributes
        g.nodeDefaults = [
            "fontname": .text(style.fontName), "fontsize": .text(String(style.fontSize)),
            "style": "filled", "fillcolor": .text(style.plainFill), "color": "#424242",
            "margin": "0.12,0.06",
        ]
        g.edgeDefaults = [
            "fontname": .text(style.fontName), "fontsize": .text(String(style.edgeFontSize)),
            "arrowsize": 0.7,
        ]
        let gridEdges = isolatedGrid(content)
        if plan.clusters {
            func country(_ v: Int) -> String? { graph.jurisdiction(v).map { String(Jurisdiction.country(of: $0)) } }
            var byCountry: [String: [DOTNode]] = [:]
            var top: [DOTNode] = []
            func place(_ n: DOTNode, _ c: String?) {
                if let c { byCountry[c, default: []].append(n) } else { top.append(n) }
            }
            for (i, n) in content.nodes.enumerated() { place(n, country(content.entities[i])) }
            for x in content.extraNodes { place(x.node, country(x.beside)) }
            // A link's text sits beside its holder or payer, so it joins that end's country box (outside every box, a
            // box's many outgoing texts would be pushed to its sides and widen the drawing).
            for l in content.links { place(l.labelNode, country(l.source)) }
            for n in top { g.add(.node(n)) }
            for code in byCountry.keys.sorted() {
                let sanctioned = options.policy.sanctioningEntry(for: code) != nil
                let name = jurisdictionName(code).map { "\($0) (\(code))" } ?? code
                g.add(
                    .subgraph(
                        DOTSubgraph(
                            "cluster_" + code,
                            attributes: [
                                "label": .text(name + (sanctioned ? " · sanctioned" : "")),
                                "style": "rounded,filled",
                                "color": .text(sanctioned ? style.sanctionedClusterColor : style.clusterColor),
                                "fillcolor": .text(sanctioned ? style.sanctionedClusterFill : style.clusterFill),
                                "fontcolor": .text(sanctioned ? style.sanctionedBorder : style.detailColor),
                                "fontsize": .text(String(style.fontSize - 1)), "labeljust": "l",
                            ], statements: byCountry[code, default: []].map { .node($0) })))
            }
        } else {
            for n in content.nodes { g.add(.node(n)) }
            for x in content.extraNodes { g.add(.node(x.node)) }
            for l in content.links { g.add(.node(l.labelNode)) }
        }
        for l in content.links { for s in l.segments { g.add(.edge(s)) } }
        for e in gridEdges { g.add(.edge(e)) }
        let usage = LegendUsage(
            canvas: self, entities: content.entities, relationships: content.relationships,
            subject: content.subject, exposurePaths: content.exposurePaths,
            summaries: !content.extraNodes.isEmpty)
        let legend = DOTNode(
            reservedID("legend"),
            [
                "shape": "plain", "style": "solid",
                "label": .html(legendLabel(usage, sources: content.notes.entries)),
            ])
        if plan.engine == .dot {
            g.add(
                .subgraph(
                    DOTSubgraph(reservedID("legend-rank"), attributes: ["rank": "sink"], statements: [.node(legend)])))
        } else {
            g.add(.node(legend))
        }
        return g
    }

    /// Invisible edges that stack entities with no drawn link into rows (per country box), instead of one long row.
    private func isolatedGrid(_ content: DiagramContent) -> [DOTEdge] {
        var linked = Set<Int>()
        for l in content.links { linked.insert(l.source); linked.insert(l.target) }
        for x in content.extraNodes { linked.insert(x.beside) }
        var groups: [String: [Int]] = [:]
        for v in content.entities where !linked.contains(v) {
            let key = plan.clusters ? graph.jurisdiction(v).map { String(Jurisdiction.country(of: $0)) } ?? "" : ""
            groups[key, default: []].append(v)
        }
        var out: [DOTEdge] = []
        for key in groups.keys.sorted() {
            let members = groups[key, default: []]
            guard members.count > 2 else { continue }
            var columns = 2
            while columns * columns < members.count { columns += 1 }
            for i in 0..<max(0, members.count - columns) {
                out.append(DOTEdge(graph.id(members[i]), graph.id(members[i + columns]), ["style": "invis"]))
            }
        }
        return out
    }
}
