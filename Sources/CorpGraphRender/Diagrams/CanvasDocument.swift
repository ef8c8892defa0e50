import CorpGraph

extension DiagramCanvas {

    /// The whole document: title, clusters per country (when the engine draws clusters), nodes, edges, legend.
    func document(nodes: [DOTNode], entityOf: [Int], edges: [DOTEdge], relationships: [Int], title: String,
                  subtitle: String, subject: Bool, exposurePaths: Bool) -> DOTGraph {
        var g = DOTGraph(name: "corpgraph")
        var attributes = plan.attributes
        attributes.merge([
            "charset": "UTF-8", "fontname": .text(style.fontName), "fontsize": .text(String(style.titleFontSize)),
            "labelloc": "t", "labeljust": "c", "pad": 0.3,
            "label": .html(.font(.text(title), bold: true)
                + .text("\n") + .font(.text(subtitle), pointSize: style.fontSize, color: style.detailColor)),
        ])
        g.attributes = attributes
        g.nodeDefaults = ["fontname": .text(style.fontName), "fontsize": .text(String(style.fontSize)),
                          "style": "filled", "fillcolor": .text(style.plainFill), "color": "#424242",
                          "margin": "0.12,0.06"]
        g.edgeDefaults = ["fontname": .text(style.fontName), "fontsize": .text(String(style.edgeFontSize)),
                          "arrowsize": 0.7]
        if plan.clusters {
            var byCountry: [String: [DOTNode]] = [:]
            for (i, n) in nodes.enumerated() {
                if let code = graph.jurisdiction(entityOf[i]) {
                    byCountry[String(Jurisdiction.country(of: code)), default: []].append(n)
                } else {
                    g.add(.node(n))
                }
            }
            for country in byCountry.keys.sorted() {
                let sanctioned = options.policy.sanctioningEntry(for: country) != nil
                let name = jurisdictionName(country).map { "\($0) (\(country))" } ?? country
                g.add(.subgraph(DOTSubgraph("cluster_" + country, attributes: [
                    "label": .text(name + (sanctioned ? " · sanctioned" : "")),
                    "style": "rounded,filled",
                    "color": .text(sanctioned ? style.sanctionedClusterColor : style.clusterColor),
                    "fillcolor": .text(sanctioned ? style.sanctionedClusterFill : style.clusterFill),
                    "fontcolor": .text(sanctioned ? style.sanctionedBorder : style.detailColor),
                    "fontsize": .text(String(style.fontSize - 1)), "labeljust": "l",
                ], statements: byCountry[country, default: []].map { .node($0) })))
            }
        } else {
            for n in nodes { g.add(.node(n)) }
        }
        for e in edges { g.add(.edge(e)) }
        let usage = LegendUsage(canvas: self, entities: entityOf, relationships: relationships, subject: subject,
                                exposurePaths: exposurePaths)
        let legend = DOTNode(reservedID("legend"), ["shape": "plain", "style": "solid", "label": .html(legendLabel(usage))])
        if plan.engine == .dot {
            g.add(.subgraph(DOTSubgraph(reservedID("legend-rank"), attributes: ["rank": "sink"], statements: [.node(legend)])))
        } else {
            g.add(.node(legend))
        }
        return g
    }
}
