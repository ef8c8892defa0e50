import CorpGraph
import CorpGraphIO

/// The result of `corpgraph blocked` (and the server's equivalent) for one or more regimes on one as-of date:
/// every entity that is not plainly clear under at least one regime, with one status per regime side by side, and
/// optionally the derivation of one entity under each regime.
///
/// Build it with ``build(graph:regimes:policy:asOf:lists:explain:)`` (or from analyses already made), then encode
/// it with ``text()``, ``json()`` or ``csv()``.
public struct BlockedReport: Sendable {
    /// One regime's header: its rule, threshold and the lists it counts.
    public struct Regime: Sendable, Hashable {
        public var name: String
        public var rule: String
        public var citation: String
        public var threshold: Percent
        public var inclusive: Bool
        /// The lists counted; `nil` means every list.
        public var lists: [String]?
        public var listsOrigin: CountedListsOrigin
    }

    /// One entity: its status under each regime, in the order of ``BlockedReport/regimes``.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: EntityKind
        public var statuses: [SanctionsEntry]
        /// Lists the entity is on in force with no listing date (`dateUnknown`), sorted: flagged wherever they are
        /// shown.
        public var undatedLists: [String] = []
    }

    public static let disclaimer =
        "corpgraph supports analysts; it is not legal advice. Check the rule text and the facts."

    public var asOf: CalendarDate
    public var regimes: [Regime]
    public var rows: [Row]
    /// The derivation of the entity asked about, one per regime (empty when none was asked).
    public var explanations: [SanctionsExplanation]
    public var entityCount: Int

    /// The report of `analyses` (same graph and date), with the derivation of entity `explain` when given.
    public init(graph: Graph, asOf: CalendarDate, analyses: [SanctionsAnalysis], explain: Int? = nil) {
        self.asOf = asOf
        regimes = analyses.map {
            Regime(
                name: $0.regime.name, rule: $0.ruleText, citation: $0.regime.citation, threshold: $0.test.threshold,
                inclusive: $0.test.inclusive, lists: $0.countedLists, listsOrigin: $0.listsOrigin)
        }
        entityCount = graph.entityCount
        explanations = explain.map { v in analyses.map { $0.explain(v) } } ?? []
        if analyses.count == 1 {
            rows = analyses[0].entries.map { Row(id: $0.id, name: $0.name, kind: $0.kind, statuses: [$0]) }
            for k in rows.indices {
                rows[k].undatedLists = Self.undatedLists(graph, graph.index(of: rows[k].id)!, asOf: asOf)
            }
        } else {
            var seen = Set<String>()
            var indices: [Int] = []
            for a in analyses {
                for e in a.entries where seen.insert(e.id).inserted { indices.append(graph.index(of: e.id)!) }
            }
            rows = indices.map { v in
                Row(
                    id: graph.id(v), name: graph.name(v), kind: graph.kind(v), statuses: analyses.map { $0.entry(v) },
                    undatedLists: Self.undatedLists(graph, v, asOf: asOf))
            }.sorted { $0.id < $1.id }
        }
    }

    /// The lists of `v`'s designations in force on `asOf` (or possibly in force: undated, first seen later) that have
    /// no listing date, when no dated designation of that list is in force.
    static func undatedLists(_ g: Graph, _ v: Int, asOf: CalendarDate) -> [String] {
        guard g.hasDesignations(v) else { return [] }
        let ds = g.designations(v).filter { $0.isPossiblyInForce(on: asOf) }
        let dated = Set(ds.filter { !$0.dateUnknown }.map(\.list))
        return Array(Set(ds.filter { $0.dateUnknown && !dated.contains($0.list) }.map(\.list))).sorted()
    }

    /// Evaluates every regime in `regimes` (names: built-in `ofac`, `eu`, `uk` or defined by `policy`) on `graph`.
    ///
    /// - Parameters:
    ///   - lists: overrides every regime's lists (a command-line `--lists`).
    ///   - explain: the entity whose derivation to include.
    /// - Throws: ``SanctionsAnalysis/UnknownRegime`` for a name nobody defines, ``SanctionsAnalysis/RegimeError`` for a
    ///   regime definition without a test.
    public static func build(
        graph: Graph, regimes: [String], policy: Policy, asOf: CalendarDate,
        lists: [String]? = nil, explain: Int? = nil
    ) throws -> BlockedReport {
        let analyses = try regimes.map {
            try SanctionsAnalysis(graph: graph, regimeNamed: $0, policy: policy, asOf: asOf, lists: lists)
        }
        return BlockedReport(graph: graph, asOf: asOf, analyses: analyses, explain: explain)
    }

    /// Counts of one regime's statuses over ``rows``.
    public func count(_ status: SanctionsStatus, regime k: Int) -> Int {
        rows.filter { $0.statuses[k].status == status }.count
    }

    /// `OFAC-SDN (the regime's default lists)`, `every list`.
    static func listsText(_ r: Regime) -> String {
        guard let lists = r.lists else {
            return "every list (\(r.listsOrigin == .every ? "no list named" : r.listsOrigin.description))"
        }
        return (lists.isEmpty ? "none" : lists.joined(separator: ", ")) + " (\(r.listsOrigin))"
    }
}
