import CorpGraph
import Foundation

/// A derived sanctions status to colour an entity by, e.g. from the sanctions-ownership engine's results.
public enum DerivedStatus: String, Sendable, Hashable, CaseIterable {
    /// Blocked by ownership or control under the regime (orange).
    case blocked
    /// Could be blocked: unknown or ranged shares leave the answer open (yellow).
    case undetermined
}

/// What a diagram shows and how; shared by the ownership and exposure views.
public struct DiagramOptions: Sendable {
    /// The dataset name for the title.
    public var datasetName: String
    /// Relationships valid on this day are drawn; designations in force on it count.
    public var asOf: CalendarDate
    /// Draw relationships that ended before ``asOf`` in grey instead of hiding them.
    public var showEnded: Bool
    /// Sanctioned jurisdictions and the lists that count.
    public var policy: Policy
    /// Country and subdivision names (iso-codes) for cluster and node labels; `nil` shows codes only.
    public var registry: CodeRegistry?
    /// Derived statuses by entity index (blocked → orange, undetermined → yellow). Feed it from the sanctions
    /// ownership results (`SanctionsOwnership`); listed entities are red from their own designations regardless.
    public var derivedStatus: [Int: DerivedStatus]
    /// The regime the derived statuses come from (`ofac`, `eu`, `uk`), for the legend.
    public var regimeName: String?
    public var layout: LayoutChoice
    public var limits: RenderLimits
    /// Refuse drawings above the limits (`render`); `export` writes DOT of any size.
    public var enforceLimits: Bool
    public var style: DiagramStyle

    public init(datasetName: String, asOf: CalendarDate, showEnded: Bool = false, policy: Policy = .builtIn,
                registry: CodeRegistry? = nil, derivedStatus: [Int: DerivedStatus] = [:], regimeName: String? = nil,
                layout: LayoutChoice = .auto, limits: RenderLimits = .standard, enforceLimits: Bool = true,
                style: DiagramStyle = .standard) {
        self.datasetName = datasetName
        self.asOf = asOf
        self.showEnded = showEnded
        self.policy = policy
        self.registry = registry
        self.derivedStatus = derivedStatus
        self.regimeName = regimeName
        self.layout = layout
        self.limits = limits
        self.enforceLimits = enforceLimits
        self.style = style
    }
}

/// A built diagram: the DOT document and the engine to lay it out with.
public struct Diagram: Sendable {
    public var dot: DOTGraph
    public var engine: LayoutEngine
    /// Entity indices drawn, ascending.
    public var entities: [Int]
    /// Relationship indices drawn (folded payments count each), ascending.
    public var relationships: [Int]

    /// The DOT text (deterministic).
    public var dotText: String { dot.encoded() }

    /// Lays the diagram out and renders it.
    public func render(_ format: RenderFormat, warningsAreErrors: Bool = false) throws(GraphvizError) -> [UInt8] {
        try GraphvizEngine.render(dotText, layout: engine, format: format, warningsAreErrors: warningsAreErrors).data
    }
}

/// Whether a relationship counts on the as-of day.
enum RelationshipState: Equatable {
    case current
    /// Ended before the as-of day.
    case ended
    /// Starts (or was paid) after the as-of day: never drawn.
    case future

    init(_ e: Int, in graph: Graph, asOf: CalendarDate) {
        if graph.isValid(e, on: asOf) {
            self = .current
        } else if let end = graph.end(e), end < asOf {
            self = .ended
        } else {
            self = .future
        }
    }

    /// Whether relationship `e` is drawn: current ones always, ended ones with `showEnded`, future ones never.
    static func isDrawable(_ e: Int, in graph: Graph, options: DiagramOptions) -> Bool {
        switch RelationshipState(e, in: graph, asOf: options.asOf) {
        case .current: true
        case .ended: options.showEnded
        case .future: false
        }
    }
}

/// How a node is drawn beyond its own facts.
enum NodeRole: Equatable {
    case plain
    /// The focus subject (bold border; blue unless a status colours it).
    case subject
    /// An exposure target and the reasons it is one.
    case target([String])
}

/// The shared machinery of the ownership and exposure views: node and edge styling, payment folding, clusters,
/// legend and title.
struct DiagramCanvas {
    let graph: Graph
    let options: DiagramOptions
    let plan: LayoutPlan
    /// Per interned jurisdiction code (``Graph/jurisdictionCodes``), the policy entry that sanctions it: a lookup
    /// per node instead of a scan of the policy.
    let sanctioningEntries: [String: String]
    var style: DiagramStyle { options.style }

    init(graph: Graph, options: DiagramOptions, nodeCount: Int) throws(DiagramError) {
        self.graph = graph
        self.options = options
        self.plan = try LayoutPlan.resolve(options.layout, nodes: nodeCount, limits: options.limits,
                                           enforceLimits: options.enforceLimits)
        var entries: [String: String] = [:]
        for code in graph.jurisdictionCodes {
            if let entry = options.policy.sanctioningEntry(for: code) { entries[code] = entry }
        }
        sanctioningEntries = entries
    }

    // MARK: Facts

    func state(_ e: Int) -> RelationshipState { RelationshipState(e, in: graph, asOf: options.asOf) }

    /// Whether relationship `e` is drawn at all under the options.
    func isDrawable(_ e: Int) -> Bool { RelationshipState.isDrawable(e, in: graph, options: options) }

    /// Designations on counted lists in force on the as-of day.
    func listings(_ v: Int) -> [Designation] {
        graph.designations(v).filter { options.policy.counts(list: $0.list) && $0.isInForce(on: options.asOf) }
    }

    /// The policy entry that sanctions `v`'s jurisdiction.
    func sanctionedJurisdiction(_ v: Int) -> String? {
        graph.jurisdiction(v).flatMap { sanctioningEntries[$0] }
    }

    func jurisdictionName(_ code: String) -> String? { options.registry?.name(ofJurisdiction: code) }

    // MARK: Nodes

    /// DOT node ids are entity ids; diagram furniture gets an id no entity has.
    func reservedID(_ base: String) -> String {
        var id = "corpgraph:" + base
        while graph.index(of: id) != nil { id += "_" }
        return id
    }

    func node(_ v: Int, role: NodeRole = .plain) -> DOTNode {
        let listed = listings(v)
        let derived = options.derivedStatus[v]
        let sanctioned = sanctionedJurisdiction(v)
        var details: [(String, String?)] = []  // (text, colour)
        var idLine = graph.id(v) + " · " + graph.kind(v).description
        if let code = graph.jurisdiction(v) {
            let isSubdivision = code.utf8.contains(UInt8(ascii: "-"))
            if isSubdivision || !plan.clusters {
                idLine += " · " + code
                if let name = jurisdictionName(code) { details.append((name, nil)) }
            }
        }
        details.insert((idLine, nil), at: 0)
        let isTarget: Bool = if case .target = role { true } else { false }
        // A target's reasons say why it is listed or sanctioned; do not say it twice.
        for d in listed where !isTarget {
            var text = "listed " + d.list
            if let listedDay = d.listed { text += " since \(listedDay)" }
            details.append((text, nil))
        }
        switch derived {
        case .blocked: details.append(("blocked by ownership" + (options.regimeName.map { " (\($0.uppercased()))" } ?? ""), nil))
        case .undetermined: details.append(("status undetermined" + (options.regimeName.map { " (\($0.uppercased()))" } ?? ""), nil))
        case nil: break
        }
        // The country box already says "sanctioned" when the whole country is; say it in the node otherwise
        // (a sanctioned subdivision such as UA-43, or no boxes under sfdp).
        if let sanctioned, !isTarget, !(plan.clusters && !sanctioned.utf8.contains(UInt8(ascii: "-"))) {
            let name = jurisdictionName(sanctioned).map { " (\($0))" } ?? ""
            details.append(("sanctioned jurisdiction " + sanctioned + name, style.sanctionedBorder))
        }
        if case .target(let reasons) = role {
            for r in reasons { details.append(("target: " + describe(reason: r), style.pathColor)) }
        }

        let fill: String? = if !listed.isEmpty { style.listedFill }
            else if derived == .blocked { style.blockedFill }
            else if derived == .undetermined { style.undeterminedFill }
            else if role == .subject { style.subjectFill }
            else { nil }
        let name = graph.name(v).allSatisfy(\.isWhitespace) ? "(no name)" : graph.name(v)
        var label = HTMLLabel.font(.text(DiagramCanvas.wrap(name, columns: style.nameColumns, lines: style.nameLines)
            .joined(separator: "\n")), bold: true)
        for (text, colour) in details {
            // On a coloured fill, grey and red detail text is unreadable: use the text colour.
            let c = fill == nil ? colour ?? style.detailColor : style.textOnFill
            label = label + HTMLLabel.text("\n")
                + .font(.text(DiagramCanvas.wrap(text, columns: 44, lines: 3).joined(separator: "\n")),
                        pointSize: style.fontSize - 2, color: c)
        }

        var a: DOTAttributes = ["label": .html(label), "shape": .text(style.shape(for: graph.kind(v))),
                                "tooltip": .text(graph.id(v))]
        if let fill { a["fillcolor"] = .text(fill) }
        if sanctioned != nil {
            a["peripheries"] = 2
            a["color"] = .text(style.sanctionedBorder)
        }
        if role == .subject { a["penwidth"] = 3 }
        if case .target = role { a["penwidth"] = 2 }
        return DOTNode(graph.id(v), a)
    }

    /// Human text for an exposure reason code (`jurisdiction:RU`, `jurisdiction:RU via RU-IRK`,
    /// `list:OFAC-SDN since 2022-04-05`, `derived:ofac ownership by person-s, person-t`).
    func describe(reason: String) -> String {
        guard let colon = reason.firstIndex(of: ":") else { return reason }
        let key = reason[..<colon]
        let value = String(reason[reason.index(after: colon)...])
        switch key {
        case "jurisdiction":
            // `RU` or `RU via RU-IRK` (a subdivision of a sanctioned country).
            let parts = value.components(separatedBy: " via ")
            let code = parts[0]
            return "sanctioned jurisdiction " + code + (jurisdictionName(code).map { " (\($0))" } ?? "")
                + (parts.count > 1 ? " via " + parts[1...].joined(separator: " via ") : "")
        case "list": return "listed on " + value
        case "derived": return "blocked (derived): " + value
        default: return reason
        }
    }

    // MARK: Edges

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
    private func edge(_ members: [Int], highlighted: Bool) -> DOTEdge {
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
    private func paymentLabel(_ members: [Int]) -> [String] {
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

    // MARK: Assembly

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

    /// What a drawing uses, so the legend explains only that.
    struct LegendUsage {
        var listed = false, blocked = false, undetermined = false, sanctioned = false, ended = false
        var subject: Bool
        var exposurePaths: Bool
        var edgeKinds: Set<RelationshipKind> = []
        var entityKinds: Set<EntityKind> = []

        init(canvas c: DiagramCanvas, entities: [Int], relationships: [Int], subject: Bool, exposurePaths: Bool) {
            self.subject = subject
            self.exposurePaths = exposurePaths
            for v in entities {
                entityKinds.insert(c.graph.kind(v))
                if !c.listings(v).isEmpty { listed = true }
                if c.options.derivedStatus[v] == .blocked { blocked = true }
                if c.options.derivedStatus[v] == .undetermined { undetermined = true }
                if c.sanctionedJurisdiction(v) != nil { sanctioned = true }
            }
            for e in relationships {
                edgeKinds.insert(c.graph.kind(ofRelationship: e))
                if c.state(e) == .ended { ended = true }
            }
        }
    }

    private func legendLabel(_ usage: LegendUsage) -> HTMLLabel {
        typealias Cell = HTMLLabel.Cell
        let small = style.fontSize - 2
        func text(_ s: String, _ colour: String? = nil, bold: Bool = false) -> HTMLLabel {
            .font(.text(s), pointSize: small, color: colour, bold: bold)
        }
        func swatch(_ colour: String, _ what: String) -> [Cell] {
            [Cell(text(" "), background: colour, width: 40), Cell(text(what))]
        }
        func line(_ sample: String, _ colour: String, _ what: String) -> [Cell] {
            [Cell(text(sample, colour, bold: true), align: "CENTER"), Cell(text(what, colour))]
        }
        var rows: [[Cell]] = [[Cell(text("Legend", bold: true), columnSpan: 2)]]
        let regime = options.regimeName.map { " (\($0.uppercased()))" } ?? ""
        if usage.listed { rows.append(swatch(style.listedFill, "listed on a counted sanctions list")) }
        if usage.blocked { rows.append(swatch(style.blockedFill, "blocked by ownership" + regime)) }
        if usage.undetermined { rows.append(swatch(style.undeterminedFill, "undetermined: unknown or ranged shares" + regime)) }
        if usage.subject { rows.append(swatch(style.subjectFill, usage.exposurePaths ? "subject of the exposure search" : "subject")) }
        if usage.sanctioned {
            rows.append([Cell(text("□", style.sanctionedBorder, bold: true), align: "CENTER"),
                         Cell(text("double red border: in a sanctioned jurisdiction", style.sanctionedBorder))])
        }
        if usage.exposurePaths { rows.append(line("━━▶", style.pathColor, "exposure path (bold)")) }
        let edgeRows: [(RelationshipKind, String, String)] = [
            (.owns, "——▶", "owns (share)"), (.pays, "- - ▶", "pays (amount, currency, date; repeats folded)"),
            (.controls, "···▶", "controls"), (.directs, "——▷", "directs"), (.operates, "——◆", "operates"),
        ]
        for (kind, sample, what) in edgeRows where usage.edgeKinds.contains(kind) {
            rows.append(line(sample, style.color(for: kind), what))
        }
        if usage.ended { rows.append(line("——", style.endedColor, "ended before the as-of date")) }
        for kind in EntityKind.allCases where usage.entityKinds.contains(kind) {
            rows.append([Cell(text(style.shape(for: kind)), align: "CENTER"), Cell(text(kind.description))])
        }
        return .table(rows, border: 1, cellBorder: 0, cellSpacing: 1, cellPadding: 2)
    }

    // MARK: Text helpers

    /// Greedy word wrap at `columns` display columns (East Asian wide characters count two), at most `lines` lines;
    /// cut text ends with `…`. Words longer than a line are split.
    static func wrap(_ text: String, columns: Int, lines maxLines: Int) -> [String] {
        // Printable ASCII that fits on one line, words separated by single spaces: already wrapped.
        let bytes = text.utf8
        if maxLines > 0, bytes.count <= columns, let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 {
            var previous: UInt8 = 0
            if bytes.allSatisfy({ b in defer { previous = b }; return (b > 0x20 && b < 0x7F) || (b == 0x20 && previous != 0x20) }) {
                return [text]
            }
        }
        if bytes.allSatisfy({ $0 < 0x80 }) { return wrapASCII(Array(bytes), columns: columns, lines: maxLines) }
        return wrapWords(text, columns: columns, lines: maxLines)
    }

    /// ``wrapWords(_:columns:lines:)`` on ASCII bytes: every character one column wide, whitespace the six ASCII
    /// whitespace characters (as `Character.isWhitespace` says for ASCII).
    static func wrapASCII(_ text: [UInt8], columns: Int, lines maxLines: Int) -> [String] {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var lines: [String] = []
        var current: [UInt8] = []
        var truncated = false
        func flush() {
            while current.last == 0x20 { current.removeLast() }
            lines.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        var i = 0
        outer: while i < text.count {
            if isSpace(text[i]) { i += 1; continue }
            var end = i
            while end < text.count && !isSpace(text[end]) { end += 1 }
            if !current.isEmpty && current.count + 1 + (end - i) > columns {
                flush()
                if lines.count == maxLines { truncated = true; break }
            }
            if !current.isEmpty { current.append(0x20) }
            for k in i..<end {
                if current.count + 1 > columns && !current.isEmpty {
                    flush()
                    if lines.count == maxLines { truncated = true; break outer }
                }
                current.append(text[k])
            }
            i = end
        }
        if !truncated && !current.isEmpty { flush() }
        return ellipsised(lines, truncated: truncated)
    }

    /// ``wrap(_:columns:lines:)`` word by word (every input; `wrap` skips it for a short plain line).
    static func wrapWords(_ text: String, columns: Int, lines maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var width = 0
        func flush() {
            lines.append(current.trimmingSuffixSpaces())
            current = ""
            width = 0
        }
        var truncated = false
        outer: for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let w = word.reduce(0) { $0 + displayWidth($1) }
            if width > 0 && width + 1 + w > columns {
                flush()
                if lines.count == maxLines { truncated = true; break }
            }
            if width > 0 { current += " "; width += 1 }
            for ch in word {
                let cw = displayWidth(ch)
                if width + cw > columns && width > 0 {
                    flush()
                    if lines.count == maxLines { truncated = true; break outer }
                }
                current.append(ch)
                width += cw
            }
        }
        if !truncated && !current.isEmpty { flush() }
        return ellipsised(lines, truncated: truncated)
    }

    /// The wrapped lines as returned: one empty line for no text, and an ellipsis in place of the last character
    /// when text was cut.
    static func ellipsised(_ lines: [String], truncated: Bool) -> [String] {
        if lines.isEmpty { return [""] }
        guard truncated else { return lines }
        var out = lines
        var last = out[out.count - 1]
        if last.count > 1 { last.removeLast() }
        out[out.count - 1] = last + "…"
        return out
    }

    static func displayWidth(_ ch: Character) -> Int {
        guard let s = ch.unicodeScalars.first?.value else { return 0 }
        switch s {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD: return 2
        default: return 1
        }
    }

    /// `boardAppointment` → `board appointment`.
    static func words(_ camel: String) -> String {
        var out = ""
        for ch in camel {
            if ch.isUppercase && !out.isEmpty { out += " " + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    /// `30000000` → `30,000,000`; decimals kept (`1234.5` → `1,234.5`).
    static func grouped(_ amount: Decimal) -> String {
        let text = "\(amount)"
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first ?? "0")
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return (negative ? "-" : "") + out
    }
}

extension String {
    fileprivate func trimmingSuffixSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
