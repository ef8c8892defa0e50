import CorpGraph
import Foundation

extension DiagramCanvas {

    /// DOT edges for `relationships` (ascending), with `highlighted` ones bold. Payments between one ordered pair in
    /// the same state and highlight are folded into one edge with count, totals per currency and date range.
    func edges(_ relationships: [Int], highlighted: Set<Int> = []) -> [DOTEdge] {
        struct FoldKey: Hashable { var source: Int; var target: Int; var state: Int; var highlighted: Bool }
        var groups: [FoldKey: [Int]] = [:]
        var order: [(key: FoldKey?, e: Int)] = []
        for e in relationships {
            if graph.kind(ofRelationship: e) == .pays {
                let key = FoldKey(source: graph.source(e), target: graph.target(e), state: state(e) == .ended ? 1 : 0,
                                  highlighted: highlighted.contains(e))
                if groups[key] == nil { order.append((key, e)) }
                groups[key, default: []].append(e)
            } else {
                order.append((nil, e))
            }
        }
        return order.map { item in
            if let key = item.key, let members = groups[key] {
                return edge(members, highlighted: key.highlighted)
            }
            return edge([item.e], highlighted: highlighted.contains(item.e))
        }
    }

    /// One edge for `members` (one relationship, or several payments between one pair).
    fileprivate func edge(_ members: [Int], highlighted: Bool) -> DOTEdge {
        let e = members[0]
        let kind = graph.kind(ofRelationship: e)
        let ended = state(e) == .ended
        var lines: [String]
        switch kind {
        case .owns:
            lines = [graph.share(e)?.description ?? "?"]
        case .pays:
            lines = paymentLabel(members)
        case .controls:
            lines = ["controls" + (graph.relationship(e).controlType.map { " (" + DiagramCanvas.words($0) + ")" } ?? "")]
        case .directs:
            lines = [graph.relationship(e).role.map(DiagramCanvas.words) ?? "directs"]
        case .operates:
            lines = ["operates"]
        }
        if ended, let end = graph.end(e) { lines.append("ended \(end)") }
        let colour = highlighted ? style.pathColor : ended ? style.endedColor : style.color(for: kind)
        // A `label` sits right beside its edge and a bold edge runs into the text: pad it off the line.
        let text = plan.edgeLabelAttribute == "label" ? lines.map { "  " + $0 }.joined(separator: "\n") : lines.joined(separator: "\n")
        var a: DOTAttributes = [
            plan.edgeLabelAttribute: .text(text),
            "color": .text(colour), "fontcolor": .text(colour),
            "style": .text(style.lineStyle(for: kind)), "arrowhead": .text(style.arrowhead(for: kind)),
        ]
        if highlighted { a["penwidth"] = 3 }
        if !plan.crossEdgesConstrainRanks && (kind == .pays || kind == .controls) { a["constraint"] = false }
        let ids = members.compactMap { graph.relationshipID($0) }
        if !ids.isEmpty {
            a["tooltip"] = .text(ids.prefix(6).joined(separator: ", ") + (ids.count > 6 ? ", … (\(ids.count))" : ""))
        }
        return DOTEdge(graph.id(graph.source(e)), graph.id(graph.target(e)), a)
    }

    /// `150,000 USDT` / `2022-05-16`, or for several: `6 payments`, totals per currency, `first – last`.
    fileprivate func paymentLabel(_ members: [Int]) -> [String] {
        var totals: [String: Decimal] = [:]
        var unknownAmounts = 0
        var dates: [CalendarDate] = []
        for e in members {
            if let d = graph.date(e) { dates.append(d) }
            if let amount = graph.amount(e), !amount.isNaN {
                totals[graph.currency(e) ?? "(no currency)", default: 0] += amount
            } else {
                unknownAmounts += 1
            }
        }
        var lines: [String] = []
        if members.count > 1 { lines.append("\(members.count) payments") }
        for (currency, total) in totals.sorted(by: { $0.key < $1.key }) {
            lines.append((members.count > 1 ? "total " : "") + DiagramCanvas.grouped(total) + " " + currency)
        }
        if unknownAmounts > 0 { lines.append(members.count > 1 ? "\(unknownAmounts) of unknown amount" : "amount unknown") }
        if let first = dates.min(), let last = dates.max() {
            lines.append(first == last ? "\(first)" : "\(first) – \(last)")
        }
        return lines
    }

}
