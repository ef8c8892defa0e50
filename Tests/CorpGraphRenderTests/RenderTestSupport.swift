import CorpGraph
import CorpGraphIO
import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraphRender

/// Jurisdiction names for goldens: a fixed registry, so an iso-codes update cannot break them.
let isoRegistry: CodeRegistry? = goldenRegistry

/// Compares `text` with the golden file `Fixtures/name`; `CORPGRAPH_UPDATE_GOLDEN=1` rewrites it instead.
func expectGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = repoRoot.appendingPathComponent("Tests/CorpGraphRenderTests/Fixtures/" + name)
    if updatingGoldens {
        try Data(text.utf8).write(to: url)
        return
    }
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(
        text == golden, "DOT differs from \(name); rerun with CORPGRAPH_UPDATE_GOLDEN=1 after checking the change",
        sourceLocation: sourceLocation)
}

/// A small hand-checkable graph: a Japanese holding, a Singapore subsidiary paying a Russian (Irkutsk) company three
/// times in USDT and once in USD, a designated person, an ownership ended before the as-of day, a site in Crimea
/// (a sanctioned subdivision of a non-sanctioned country), a payment after the as-of day.
enum SmallGraph {
    static let asOf = day("2022-12-31")

    static func make() -> Graph {
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "small.yaml")
        func entity(_ id: String, _ kind: EntityKind, _ name: String, _ j: String?, _ d: [Designation] = []) {
            b.add(
                Entity(
                    id: id, kind: kind, name: name, aliases: [], jurisdiction: j, identifiers: [:], tags: [],
                    designations: d, sources: [], attributes: [:]), at: at)
        }
        entity("hold-jp", .company, "Hōrai Holdings K.K. (蓬莱ホールディングス株式会社)", "JP")
        entity("sub-sg", .company, "Straits Sub Pte. Ltd.", "SG")
        entity("ops-ru", .company, "ООО «Ангара» (Angara LLC)", "RU-IRK")
        entity(
            "person-x", .person, "Ivan X.", "RU",
            [Designation(list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: day("2022-04-05"))])
        entity("old-ru", .company, "Old Moscow LLC", "RU-MOW")
        entity("site-ua", .site, "Crimea site", "UA-43")
        entity("bank-x", .organization, "Offshore Bank", nil)
        func rel(_ r: Relationship) { b.add(r, at: at) }
        rel(
            Relationship(
                id: "r1", kind: .owns, source: "hold-jp", target: "sub-sg", share: .exact(Percent(100)),
                start: day("2020-01-01")))
        rel(
            Relationship(
                id: "r2", kind: .owns, source: "sub-sg", target: "ops-ru",
                share: .range(ShareRange(min: Percent(25), max: Percent(50)))))
        rel(
            Relationship(
                id: "r3", kind: .owns, source: "hold-jp", target: "old-ru", share: .exact(Percent(60)),
                end: day("2022-04-30")))
        rel(Relationship(id: "r4", kind: .owns, source: "person-x", target: "ops-ru"))
        rel(
            Relationship(
                id: "r5", kind: .controls, source: "person-x", target: "sub-sg", controlType: "boardAppointment"))
        for (i, d) in ["2022-05-15", "2022-06-15", "2022-07-15"].enumerated() {
            rel(
                Relationship(
                    id: "p\(i)", kind: .pays, source: "sub-sg", target: "ops-ru", amount: 100_000, currency: "USDT",
                    date: day(d)))
        }
        rel(
            Relationship(
                id: "p3", kind: .pays, source: "sub-sg", target: "ops-ru", amount: Decimal(string: "50.5")!,
                currency: "USD", date: day("2022-06-01")))
        rel(
            Relationship(
                id: "p4", kind: .pays, source: "sub-sg", target: "ops-ru", amount: 1, currency: "USD",
                date: day("2023-02-01")))
        rel(Relationship(id: "r6", kind: .operates, source: "ops-ru", target: "site-ua"))
        rel(Relationship(id: "r7", kind: .directs, source: "bank-x", target: "hold-jp", role: "nomineeDirector"))
        let (graph, diagnostics) = b.build()
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return graph
    }

    static func options(showEnded: Bool = false, derived: [Int: DerivedStatus] = [:], layout: LayoutChoice = .auto)
        -> DiagramOptions
    {
        DiagramOptions(
            datasetName: "small", asOf: asOf, showEnded: showEnded, policy: .builtIn, registry: isoRegistry,
            derivedStatus: derived, regimeName: derived.isEmpty ? nil : "ofac", layout: layout)
    }
}

/// The `<title>` texts of the nodes in an SVG (one per node drawn).
func svgNodeTitles(_ svg: String) -> [String] {
    var titles: [String] = []
    var rest = Substring(svg)
    while let g = rest.range(of: "class=\"node\"") {
        rest = rest[g.upperBound...]
        guard let open = rest.range(of: "<title>"),
            let close = rest.range(of: "</title>", range: open.upperBound..<rest.endIndex)
        else { break }
        titles.append(xmlUnescape(String(rest[open.upperBound..<close.lowerBound])))
        rest = rest[close.upperBound...]
    }
    return titles
}

/// Reverses the XML escaping Graphviz applies in SVG text.
func xmlUnescape(_ s: String) -> String {
    var out = s
    var search = out.startIndex
    while let amp = out.range(of: "&#", range: search..<out.endIndex),
        let semi = out.range(of: ";", range: amp.upperBound..<out.endIndex)
    {
        let digits = out[amp.upperBound..<semi.lowerBound]
        if let n = UInt32(digits), let u = Unicode.Scalar(n) {
            out.replaceSubrange(amp.lowerBound..<semi.upperBound, with: String(Character(u)))
            search = amp.lowerBound
            search = out.index(after: search)
        } else {
            search = semi.upperBound
        }
    }
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
        .replacingOccurrences(of: "\u{A0}", with: " ")  // Graphviz writes runs of spaces as &#160;
}

/// Every statement of a document, clusters flattened.
func allStatements(_ s: [DOTStatement]) -> [DOTStatement] {
    s.flatMap { st -> [DOTStatement] in
        if case .subgraph(let g) = st { return allStatements(g.statements) }
        return [st]
    }
}

/// Whether a DOT node id is a link's text node (drawn between the two segments of a link).
func isLinkText(_ id: String) -> Bool {
    id.hasPrefix("corpgraph:link-") || id.hasPrefix("corpgraph:more-") && id.hasSuffix("-text")
}

/// The links of a diagram as entity-to-entity edges: the second segment's attributes with the text node's `label`.
func logicalEdges(_ d: Diagram) -> [DOTEdge] {
    let statements = allStatements(d.dot.statements)
    var labels: [String: DOTValue] = [:]
    var into: [String: String] = [:]
    for case .node(let n) in statements where isLinkText(n.id) { labels[n.id] = n.attributes["label"] }
    for case .edge(let e) in statements where isLinkText(e.to) { into[e.to] = e.from }
    var out: [DOTEdge] = []
    for case .edge(let e) in statements where isLinkText(e.from) {
        var a = e.attributes
        if let l = labels[e.from] { a["label"] = l }
        out.append(DOTEdge(into[e.from] ?? "?", e.to, a))
    }
    return out
}

/// Width and height of a PNG, from its IHDR chunk.
func pngSize(_ png: [UInt8]) -> (width: Int, height: Int) {
    guard png.count >= 24 else { return (0, 0) }
    return (png[16..<20].reduce(0) { $0 << 8 | Int($1) }, png[20..<24].reduce(0) { $0 << 8 | Int($1) })
}
