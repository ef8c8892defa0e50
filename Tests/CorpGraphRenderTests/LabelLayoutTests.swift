import CorpGraph
import CorpGraphIO
import CorpGraphTestSupport
import Foundation
import Testing
@testable import CorpGraphRender

/// Labels intact and apart, on the layout Graphviz returns; drawing sizes within the bitmap limit.
@Suite("Label layout")
struct LabelLayoutTests {
    static let roles = ["Генеральный директор", "代表取締役社長", "CEO", "Managing director", "UBO", "boardAppointment"]

    /// `n` entities in a few countries with owns, pays, controls and directs between them, from `seed`.
    static func randomGraph(seed: UInt64, entities n: Int, relationships m: Int) -> Graph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "random.yaml")
        let countries = ["RU", "CY", "AE", "JP", "DE", nil]
        for i in 0..<n {
            let kind: EntityKind = Int.random(in: 0..<4, using: &rng) == 0 ? .person : .company
            b.add(
                Entity(
                    id: "e\(i)", kind: kind, name: "Entity \(i)", aliases: [],
                    jurisdiction: countries.randomElement(using: &rng)!,
                    identifiers: [:], tags: [], designations: [], sources: [], attributes: [:]), at: at)
        }
        for k in 0..<m {
            let a = Int.random(in: 0..<n, using: &rng), c = Int.random(in: 0..<n, using: &rng)
            guard a != c else { continue }
            let r: Relationship
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                r = Relationship(
                    id: "r\(k)", kind: .owns, source: "e\(a)", target: "e\(c)",
                    share: .exact(Percent(Int.random(in: 1...100, using: &rng))))
            case 1:
                r = Relationship(
                    id: "r\(k)", kind: .pays, source: "e\(a)", target: "e\(c)",
                    amount: Decimal(Int.random(in: 1...9_000_000, using: &rng)),
                    currency: "EUR", date: CalendarDate(parsing: "2022-0\(Int.random(in: 1...9, using: &rng))-15"),
                    sources: [SourceRef(title: "register \(k % 5)", url: "https://example.org/\(k % 5)")])
            case 2:
                r = Relationship(
                    id: "r\(k)", kind: .controls, source: "e\(a)", target: "e\(c)",
                    controlType: roles.randomElement(using: &rng))
            default:
                r = Relationship(
                    id: "r\(k)", kind: .directs, source: "e\(a)", target: "e\(c)",
                    role: roles.randomElement(using: &rng))
            }
            b.add(r, at: at)
        }
        return b.build().0
    }

    func expectNoOverlaps(_ d: Diagram, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        let layout = try d.layout()
        #expect(layout.boxes.count >= d.entities.count, sourceLocation: sourceLocation)
        let overlaps = layout.overlaps
        #expect(overlaps.isEmpty, "\(what): \(overlaps.prefix(5))", sourceLocation: sourceLocation)
    }

    @Test("free-text roles and control types are shown as written; only known enum spellings become words")
    func rolesAsWritten() throws {
        #expect(DiagramCanvas.words("Генеральный директор") == "Генеральный директор")
        #expect(DiagramCanvas.words("代表取締役社長") == "代表取締役社長")
        #expect(DiagramCanvas.words("CEO") == "CEO")
        #expect(DiagramCanvas.words("Managing director") == "Managing director")
        #expect(DiagramCanvas.words("UBO") == "UBO")
        #expect(DiagramCanvas.words("boardAppointment") == "board appointment")
        let g = Self.randomGraph(seed: 7, entities: 20, relationships: 60)
        let d = try OwnershipDiagram.make(
            g, options: DiagramOptions(datasetName: "random", asOf: CalendarDate(parsing: "2022-12-31")!))
        let text = d.dotText
        #expect(text.contains("label=\"Генеральный директор\"") || text.contains("(Генеральный директор)"))
        #expect(text.contains("代表取締役社長"))
        #expect(text.contains("controls (UBO)") || text.contains("label=\"UBO\""))
        #expect(!text.contains("C e o") && !text.contains("Г е н") && !text.contains("U b o"))
        let svg = String(decoding: try d.render(.svg), as: UTF8.self)
        #expect(svg.contains("Генеральный директор") && svg.contains("代表取締役社長"))
    }

    @Test("no two labels or nodes overlap on the committed founding-case diagrams")
    func committedDiagrams() throws {
        let dataset = try DatasetLoader.load([repoRoot.appendingPathComponent("fixtures/seed/seed.yaml").path])
        let g = dataset.graph
        func options(_ asOf: String, regime: String? = nil) -> DiagramOptions {
            DiagramOptions(
                datasetName: "seed.yaml", asOf: day(asOf), showEnded: true, policy: dataset.policy,
                registry: isoRegistry)
        }
        try expectNoOverlaps(try OwnershipDiagram.make(g, options: options("2022-12-31")), "seed ownership")
        try expectNoOverlaps(
            try OwnershipDiagram.make(
                g, focus: DiagramFocus(subjectID: "d-ru-ops", radius: 3, in: g),
                options: options("2024-07-02")), "d-ru-ops radius 3")
    }

    @Test("no overlaps on seeded random 50-node graphs", arguments: [1, 2, 3] as [UInt64])
    func randomGraphs(seed: UInt64) throws {
        let g = Self.randomGraph(seed: seed, entities: 50, relationships: 90)
        let d = try OwnershipDiagram.make(
            g, options: DiagramOptions(datasetName: "random", asOf: day("2022-12-31"), registry: isoRegistry))
        try expectNoOverlaps(d, "random seed \(seed)")
        _ = try d.render(.png, warningsAreErrors: true)
    }

    /// Donations-shaped: 8 parties, 88 donors, 290 dated payments (the OpenSanctions party-donations sample's shape).
    static func donationsGraph() -> Graph {
        var rng = SplitMix64(seed: 96)
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "donations.yaml")
        for i in 0..<96 {
            let kind: EntityKind = i < 8 ? .organization : i % 3 == 0 ? .person : .company
            b.add(
                Entity(
                    id: "d\(i)", kind: kind, name: i < 8 ? "Party \(i)" : "Donor \(i) GmbH", aliases: [],
                    jurisdiction: "DE",
                    identifiers: [:], tags: [], designations: [], sources: [], attributes: [:]), at: at)
        }
        for k in 0..<290 {
            let party = Int.random(in: 0..<8, using: &rng), donor = Int.random(in: 8..<96, using: &rng)
            b.add(
                Relationship(
                    id: "p\(k)", kind: .pays, source: "d\(donor)", target: "d\(party)",
                    amount: Decimal(Int.random(in: 50_000...900_000, using: &rng)), currency: "EUR",
                    date: day("2021-0\(1 + k % 9)-01")), at: at)
        }
        return b.build().0
    }

    @Test("a donations-shaped graph (96 entities, 290 payments) renders within the bitmap limit, without warnings")
    func donationsSize() throws {
        let g = Self.donationsGraph()
        #expect(g.relationshipCount == 290)
        let d = try OwnershipDiagram.make(g, options: DiagramOptions(datasetName: "donations", asOf: day("2022-12-31")))
        let png = try d.render(.png, warningsAreErrors: true)
        let (width, height) = pngSize(png)
        #expect(width <= RenderLimits.maxBitmapPixels && height <= RenderLimits.maxBitmapPixels, "\(width) × \(height)")
        #expect(width > 0 && height > 0)
    }

    @Test("past the fan-out cap, leaves are summarised as one '+N more' node with their totals")
    func fanOutCap() throws {
        var b = GraphBuilder()
        let at = CorpGraph.SourceLocation(file: "fan.yaml")
        func entity(_ id: String) {
            b.add(
                Entity(
                    id: id, kind: .company, name: id, aliases: [], jurisdiction: "DE", identifiers: [:], tags: [],
                    designations: [], sources: [], attributes: [:]), at: at)
        }
        entity("hub")
        entity("alone")
        for i in 0..<30 {
            entity("payer\(i)")
            b.add(
                Relationship(
                    id: "p\(i)", kind: .pays, source: "payer\(i)", target: "hub", amount: 1000, currency: "EUR",
                    date: day("2022-01-01")), at: at)
        }
        let g = b.build().0
        var o = DiagramOptions(datasetName: "fan", asOf: day("2022-12-31"), maxFanOut: 10, hideIsolated: true)
        let d = try OwnershipDiagram.make(g, options: o)
        #expect(d.entities.count == 10)  // the hub and 9 payers; "alone" hidden
        #expect(d.dotText.contains("+21 more payers"))
        #expect(d.dotText.contains("21 payments") && d.dotText.contains("total 21,000 EUR"))
        o.maxFanOut = nil
        o.hideIsolated = false
        #expect(try OwnershipDiagram.make(g, options: o).entities.count == 32)
    }
}
