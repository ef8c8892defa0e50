import CorpGraph

/// Wide fan-outs cut to a cap: past `cap` leaf neighbours on one side of an entity (entities whose every drawn
/// relationship joins that one entity), the rest are left out and summarised as one "+N more" node.
struct FanOutCap {
    /// One summary: `hidden` leaves of `hub` on one side, joined by `relationships`.
    struct Summary {
        var hub: Int
        /// `true`: the leaves point at the hub (payers, owners); `false`: the hub points at them.
        var incoming: Bool
        var hidden: [Int]
        var relationships: [Int]
    }

    var entities: [Int]
    var relationships: [Int]
    var summaries: [Summary]

    /// Applies `cap` to `entities` and their drawn `relationships` (ascending); `keep` entities are never hidden.
    /// Leaves kept are the ones with the most relationships to the hub, then by id.
    init(graph: Graph, entities: [Int], relationships: [Int], cap: Int?, keep: Set<Int>) {
        guard let cap, cap >= 1 else {
            self.entities = entities
            self.relationships = relationships
            self.summaries = []
            return
        }
        var neighbours: [Int: Set<Int>] = [:]
        var between: [Int: [Int: [Int]]] = [:]  // leaf → hub → relationships
        for e in relationships {
            let s = graph.source(e), t = graph.target(e)
            neighbours[s, default: []].insert(t)
            neighbours[t, default: []].insert(s)
            between[s, default: [:]][t, default: []].append(e)
            between[t, default: [:]][s, default: []].append(e)
        }
        // Leaves by hub and side.
        var sides: [Int: [Bool: [Int]]] = [:]
        for (v, ns) in neighbours where ns.count == 1 && !keep.contains(v) {
            let hub = ns.first!
            // Two entities joined only to each other: neither is the other's hub.
            guard neighbours[hub]?.count ?? 0 > 1 else { continue }
            let incoming = between[v]![hub]!.allSatisfy { graph.source($0) == v }
            sides[hub, default: [:]][incoming, default: []].append(v)
        }
        var hidden = Set<Int>()
        var summaries: [Summary] = []
        for hub in sides.keys.sorted() where !hidden.contains(hub) {
            for incoming in [true, false] {
                guard var leaves = sides[hub]?[incoming], leaves.count > cap else { continue }
                leaves.sort { a, b in
                    let na = between[a]![hub]!.count, nb = between[b]![hub]!.count
                    return na != nb ? na > nb : graph.id(a) < graph.id(b)
                }
                let cut = Array(leaves[(cap - 1)...]).sorted()
                hidden.formUnion(cut)
                summaries.append(
                    Summary(
                        hub: hub, incoming: incoming, hidden: cut,
                        relationships: cut.flatMap { between[$0]![hub]! }.sorted()))
            }
        }
        self.entities = entities.filter { !hidden.contains($0) }
        self.relationships = relationships.filter {
            !hidden.contains(graph.source($0)) && !hidden.contains(graph.target($0))
        }
        self.summaries = summaries
    }
}

extension DiagramCanvas {
    /// The "+N more" node and its link for `summary`; the link carries the totals of what it stands for.
    func summaryNode(_ summary: FanOutCap.Summary, index: Int) -> (DOTNode, DrawnLink) {
        let kinds = Set(summary.relationships.map { graph.kind(ofRelationship: $0) })
        let noun: String =
            switch (kinds.count == 1 ? kinds.first : nil, summary.incoming) {
            case (.pays?, true): "payers"
            case (.pays?, false): "payees"
            case (.owns?, true): "owners"
            case (.owns?, false): "holdings"
            case (.controls?, true): "controllers"
            case (.directs?, true): "directors"
            default: "related entities"
            }
        let id = reservedID("more-\(index)")
        let n = summary.hidden.count
        let node = DOTNode(
            id,
            [
                "label": .text("+\(n) more \(noun)"), "shape": "box", "style": "dashed,rounded",
                "tooltip": .text(
                    summary.hidden.prefix(20).map { graph.id($0) }.joined(separator: ", ")
                        + (n > 20 ? ", …" : "")),
            ])
        var lines: [String] = ["\(summary.relationships.count) relationships"]
        let payments = summary.relationships.filter { graph.kind(ofRelationship: $0) == .pays }
        if !payments.isEmpty { lines = paymentLabel(payments) }
        if payments.count == 1 { lines.insert("1 payment", at: 0) }
        let kind = kinds.count == 1 ? kinds.first! : .owns
        let colour = kinds.count == 1 ? style.color(for: kind) : style.detailColor
        let labelID = reservedID("more-\(index)-text")
        let label = DOTNode(
            labelID,
            [
                "label": .text(lines.joined(separator: "\n")), "shape": "plaintext", "style": "solid",
                "fontsize": .text(String(style.edgeFontSize)), "fontcolor": .text(colour),
                "margin": "0.04,0.02", "width": 0, "height": 0,
            ])
        let common: DOTAttributes = ["color": .text(colour), "style": .text(style.lineStyle(for: kind))]
        var first = common, second = common
        first["arrowhead"] = "none"
        second["arrowhead"] = .text(style.arrowhead(for: kind))
        let hub = graph.id(summary.hub)
        let (from, to) = summary.incoming ? (id, hub) : (hub, id)
        let link = DrawnLink(
            source: summary.hub, target: summary.hub, labelNode: label,
            segments: [DOTEdge(from, labelID, first), DOTEdge(labelID, to, second)],
            members: summary.relationships)
        return (node, link)
    }
}
