import CorpGraph
import CorpGraphTestSupport

/// A tiny DSL for hand-checkable ownership graphs in tests.
struct TestGraph {
    var builder = GraphBuilder()
    private var line = 0
    private var declared = Set<String>()
    private var used = Set<String>()

    private mutating func here() -> SourceLocation {
        line += 1
        return SourceLocation(file: "test", line: line)
    }

    /// The lists a default test person is on: one each regime counts (OFAC, EU, UK), so every regime sees it.
    static let everyRegime = ["OFAC-SDN", "EU-FSF", "UK-FCDO"]

    /// A person; designated on `list` when given (default: on ``everyRegime``, with the same dates).
    mutating func person(_ id: String, list: String? = "*", listed: String? = nil, delisted: String? = nil) {
        let lists = list == "*" ? TestGraph.everyRegime : list.map { [$0] } ?? []
        let d = lists.map {
            Designation(
                list: $0, listed: listed.flatMap { CalendarDate(parsing: $0) },
                delisted: delisted.flatMap { CalendarDate(parsing: $0) })
        }
        declared.insert(id)
        builder.add(Entity(id: id, kind: .person, name: id, designations: d), at: here())
    }

    mutating func company(_ id: String, kind: EntityKind = .company, list: String? = nil) {
        declared.insert(id)
        builder.add(
            Entity(id: id, kind: kind, name: id, designations: list.map { [Designation(list: $0)] } ?? []),
            at: here())
    }

    /// `owns` with an exact share ("50", "33.33"), or `nil` for unknown.
    mutating func owns(
        _ a: String, _ b: String, _ share: String?, start: String? = nil, end: String? = nil,
        id: String? = nil, joint: String? = nil
    ) {
        let s: Share = share.flatMap { Percent(parsing: $0) }.map(Share.exact) ?? .unknown
        owns(a, b, share: s, start: start, end: end, id: id, joint: joint)
    }

    mutating func owns(
        _ a: String, _ b: String, share: Share, start: String? = nil, end: String? = nil,
        id: String? = nil, joint: String? = nil
    ) {
        used.formUnion([a, b])
        builder.add(
            Relationship(
                id: id, kind: .owns, source: a, target: b, share: share,
                start: start.flatMap { CalendarDate(parsing: $0) },
                end: end.flatMap { CalendarDate(parsing: $0) },
                attributes: joint.map { [SanctionsRegime.jointArrangementAttribute: $0] } ?? [:]),
            at: here())
    }

    /// `owns` with `basis: voting`: `a` holds `share` of `b`'s voting rights.
    mutating func votes(_ a: String, _ b: String, _ share: Share) {
        used.formUnion([a, b])
        builder.add(Relationship(kind: .owns, source: a, target: b, share: share, basis: "voting"), at: here())
    }

    mutating func votes(_ a: String, _ b: String, _ share: String) {
        votes(a, b, .exact(Percent(parsing: share)!))
    }

    mutating func controls(_ a: String, _ b: String, type: String?, end: String? = nil) {
        used.formUnion([a, b])
        builder.add(
            Relationship(
                kind: .controls, source: a, target: b, controlType: type,
                end: end.flatMap { CalendarDate(parsing: $0) }), at: here())
    }

    /// Builds the graph, creating a company for every id used but not declared.
    func graph() -> Graph {
        var b = builder
        let missing = used.subtracting(declared)
        for id in missing.sorted() {
            b.add(Entity(id: id, kind: .company, name: id), at: SourceLocation(file: "test"))
        }
        let (g, d) = b.build()
        precondition(d.isEmpty, "test graph problems: \(d)")
        return g
    }
}

extension TestGraph {
    /// DOMAIN §2 N2, a cross-holding: person P 80 % of A, A 30 % of B, B 20 % of A.
    static func crossHoldingN2() -> Graph {
        var t = TestGraph()
        t.person("P", list: nil)
        t.owns("P", "A", "80")
        t.owns("A", "B", "30")
        t.owns("B", "A", "20")
        return t.graph()
    }
}

func range(_ min: String?, _ max: String?, minExclusive: Bool = false, maxExclusive: Bool = false) -> Share {
    .range(
        ShareRange(
            min: min.flatMap { Percent(parsing: $0) }, max: max.flatMap { Percent(parsing: $0) },
            minExclusive: minExclusive, maxExclusive: maxExclusive))
}
