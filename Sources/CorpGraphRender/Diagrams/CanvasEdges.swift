import CorpGraph
import Foundation

/// One drawn link between two entities: its text is a node of its own between two edge segments, so Graphviz keeps it
/// clear of every other label and node (an edge `label` or `xlabel` is placed after the nodes and can land on another).
struct DrawnLink {
    /// Entity indices at the ends (holder/payer first).
    var source: Int
    var target: Int
    /// The text node, and the segments source → text → target.
    var labelNode: DOTNode
    var segments: [DOTEdge]
    /// The relationships drawn (folded payments count each).
    var members: [Int]
}

/// Sources of the drawn links numbered in order of first use, for footnote marks and the list under the legend.
struct SourceNotes {
    private(set) var entries: [SourceRef] = []
    private var numbers: [SourceRef: Int] = [:]

    /// The 1-based numbers of `refs`, adding the new ones.
    mutating func numbers(for refs: [SourceRef]) -> [Int] {
        var out: [Int] = []
        for r in refs {
            if let n = numbers[r] { if !out.contains(n) { out.append(n) }; continue }
            entries.append(r)
            numbers[r] = entries.count
            out.append(entries.count)
        }
        return out
    }

    static func describe(_ r: SourceRef) -> String { RelationshipText.describe(r) }
}

extension DiagramCanvas {
    /// Links for `relationships` (ascending), with `highlighted` ones bold. Payments between one ordered pair in the
    /// same state and highlight are folded into one link with count, totals per currency and date range.
    /// `notes` numbers the sources when the options ask for footnote marks.
    /// `wrap` says when and how wide rows of top owners, payers and end points are spread over several rows.
    func links(
        _ relationships: [Int], highlighted: Set<Int> = [], wrap: RowWrap = .standard,
        notes: inout SourceNotes
    ) -> [DrawnLink] {
        struct FoldKey: Hashable { var source: Int; var target: Int; var state: Int; var highlighted: Bool }
        var groups: [FoldKey: [Int]] = [:]
        var order: [(key: FoldKey?, e: Int)] = []
        for e in relationships {
            if graph.kind(ofRelationship: e) == .pays {
                let key = FoldKey(
                    source: graph.source(e), target: graph.target(e), state: state(e) == .ended ? 1 : 0,
                    highlighted: highlighted.contains(e))
                if groups[key] == nil { order.append((key, e)) }
                groups[key, default: []].append(e)
            } else {
                order.append((nil, e))
            }
        }
        var degree: [Int: Int] = [:], indegree: [Int: Int] = [:], outdegree: [Int: Int] = [:]
        for e in relationships {
            degree[graph.source(e), default: 0] += 1
            degree[graph.target(e), default: 0] += 1
            outdegree[graph.source(e), default: 0] += 1
            indegree[graph.target(e), default: 0] += 1
        }
        let levels = DiagramCanvas.staggerLevels(
            sources: outdegree.keys.filter { indegree[$0] == nil },
            sinks: indegree.keys.filter { outdegree[$0] == nil }, wrap: wrap)
        return order.enumerated().map { i, item in
            let members = item.key.flatMap { groups[$0] } ?? [item.e]
            let bold = item.key?.highlighted ?? highlighted.contains(item.e)
            let s = graph.source(item.e), t = graph.target(item.e)
            let leaf = degree[s] == 1 || degree[t] == 1 || indegree[s] == nil
            let stagger = max(levels[s] ?? 0, levels[t] ?? 0)
            return link(members, highlighted: bold, index: i, touchesLeaf: leaf, stagger: stagger, notes: &notes)
        }
    }

    /// Wraps wide rows: past ``RowWrap/threshold`` entities with nothing drawn above them (payers, top owners), or
    /// with nothing drawn below them, they are spread over up to ``RowWrap/maxRows`` rows of about
    /// ``RowWrap/perRow`` (the link to them is `1 + level` ranks long), as Graphviz's `unflatten` does, so a
    /// donations-like fan-in reads on a page instead of one row thousands of pixels wide.
    static func staggerLevels(sources: [Int], sinks: [Int], wrap: RowWrap = .standard) -> [Int: Int] {
        var levels: [Int: Int] = [:]
        for group in [sources.sorted(), sinks.sorted()] where group.count > wrap.threshold {
            let rows = min(wrap.maxRows, (group.count + wrap.perRow - 1) / wrap.perRow)
            for (i, v) in group.enumerated() { levels[v] = i % rows }
        }
        return levels
    }

    /// The text lines of one link (before source marks).
    func linkText(_ members: [Int]) -> [String] {
        let e = members[0]
        var lines: [String]
        switch graph.kind(ofRelationship: e) {
        case .owns: lines = [graph.share(e)?.description ?? "?"]
        case .pays: lines = paymentLabel(members)
        case .controls:
            lines = [
                "controls" + (graph.relationship(e).controlType.map { " (" + DiagramCanvas.words($0) + ")" } ?? "")
            ]
        case .directs: lines = [graph.relationship(e).role.map(DiagramCanvas.words) ?? "directs"]
        case .operates: lines = ["operates"]
        }
        if state(e) == .ended, let end = graph.end(e) { lines.append("ended \(end)") }
        return lines.map { DiagramCanvas.wrap($0, columns: 36, lines: 2).joined(separator: "\n") }
    }

    /// One link for `members` (one relationship, or several payments between one pair).
    fileprivate func link(
        _ members: [Int], highlighted: Bool, index: Int, touchesLeaf: Bool, stagger: Int,
        notes: inout SourceNotes
    ) -> DrawnLink {
        let e = members[0]
        let kind = graph.kind(ofRelationship: e)
        let ended = state(e) == .ended
        var lines = linkText(members)
        var sources: [SourceRef] = []
        for m in members { for s in graph.relationship(m).sources where !sources.contains(s) { sources.append(s) } }
        if options.sourceNotes && !sources.isEmpty {
            lines[lines.count - 1] += " [" + notes.numbers(for: sources).map(String.init).joined(separator: ",") + "]"
        }
        let colour = highlighted ? style.pathColor : ended ? style.endedColor : style.color(for: kind)
        // Hover text (SVG <title>): the relationship ids and every source.
        let ids = members.compactMap { graph.relationshipID($0) }
        var hover: [String] = []
        if !ids.isEmpty {
            hover.append(ids.prefix(6).joined(separator: ", ") + (ids.count > 6 ? ", … (\(ids.count))" : ""))
        }
        for s in sources.prefix(8) { hover.append("source: " + SourceNotes.describe(s)) }
        if sources.count > 8 { hover.append("… \(sources.count - 8) more sources") }
        var common: DOTAttributes = ["color": .text(colour), "style": .text(style.lineStyle(for: kind))]
        if highlighted { common["penwidth"] = 3 }
        if !hover.isEmpty { common["tooltip"] = .text(hover.joined(separator: "\n")) }
        if let url = sources.lazy.compactMap(\.url).first { common["URL"] = .text(url) }
        let labelID = reservedID("link-\(index)")
        var labelAttributes: DOTAttributes = [
            "label": .text(lines.joined(separator: "\n")), "shape": "plaintext", "style": "solid",
            "fontsize": .text(String(style.edgeFontSize)), "fontcolor": .text(colour), "margin": "0.04,0.02",
            "width": 0, "height": 0,
        ]
        if let t = common["tooltip"] { labelAttributes["tooltip"] = t }
        if let u = common["URL"] { labelAttributes["URL"] = u }
        var first = common
        first["arrowhead"] = "none"
        // The text stays beside the holder or payer.
        first["weight"] = 4
        var second = common
        second["arrowhead"] = .text(style.arrowhead(for: kind))
        if stagger > 0 { second["minlen"] = .text(String(1 + stagger)) }
        // Payments and control between hubs do not rank their ends in big drawings (random payment chains would
        // stretch the drawing over dozens of ranks); the first segment still ranks the text below the payer.
        if !plan.crossEdgesConstrainRanks && (kind == .pays || kind == .controls) && !touchesLeaf {
            second["constraint"] = false
        }
        let from = graph.id(graph.source(e)), to = graph.id(graph.target(e))
        return DrawnLink(
            source: graph.source(e), target: graph.target(e), labelNode: DOTNode(labelID, labelAttributes),
            segments: [DOTEdge(from, labelID, first), DOTEdge(labelID, to, second)], members: members)
    }

    /// `150,000 USDT` / `2022-05-16`, or for several: `6 payments`, totals per currency, `first – last`.
    func paymentLabel(_ members: [Int]) -> [String] {
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
            lines.append((members.count > 1 ? "total " : "") + NumberText.grouped(total) + " " + currency)
        }
        if unknownAmounts > 0 {
            lines.append(members.count > 1 ? "\(unknownAmounts) of unknown amount" : "amount unknown")
        }
        if let first = dates.min(), let last = dates.max() {
            lines.append(first == last ? "\(first)" : "\(first) – \(last)")
        }
        return lines
    }
}
