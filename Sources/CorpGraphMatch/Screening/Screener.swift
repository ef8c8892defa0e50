import CorpGraph
import Foundation

/// The decision on one counterparty.
public enum ScreeningDecision: String, Sendable, Hashable, CustomStringConvertible {
    /// The best candidate scores at or above the threshold.
    case match
    /// The best candidate scores at or above ``MatchAlgorithm/possibleThreshold`` but below the threshold, or two
    /// candidates above it are within ``Screener/tieMargin``: review.
    case possible
    /// No candidate close enough.
    case none
    public var description: String { rawValue }
}

/// The exposure verdict of a matched entity.
public enum ExposureVerdict: String, Sendable, Hashable, CustomStringConvertible {
    /// The entity is itself a target (listed, blocked under a regime asked, or in a sanctioned jurisdiction).
    case `self`
    /// A path of at most `maxDepth` hops leads to a target.
    case exposed
    /// Neither.
    case clear
    public var description: String { rawValue }
}

/// Options of a screening run.
public struct ScreeningOptions: Sendable {
    public var threshold: Double
    public var possibleThreshold: Double
    /// Candidates kept per counterparty.
    public var candidates: Int
    /// Regimes whose status is reported (`ofac`, `eu`, `uk`, or ones the policy defines).
    public var regimes: [String]
    public var maxDepth: Int
    public var asOf: CalendarDate
    public var policy: Policy

    public init(
        threshold: Double = MatchAlgorithm.defaultThreshold,
        possibleThreshold: Double = MatchAlgorithm.possibleThreshold,
        candidates: Int = 3, regimes: [String] = ["ofac", "eu", "uk"], maxDepth: Int = 6, asOf: CalendarDate,
        policy: Policy
    ) {
        self.threshold = threshold
        self.possibleThreshold = possibleThreshold
        self.candidates = candidates
        self.regimes = regimes
        self.maxDepth = maxDepth
        self.asOf = asOf
        self.policy = policy
    }
}

/// What screening found for one counterparty: always one per input row.
public struct ScreeningRow: Sendable, Hashable {
    public var counterparty: Counterparty
    public var decision: ScreeningDecision
    /// Best first.
    public var candidates: [MatchResult]
    /// The matched entity (the best candidate) when the decision is `match`.
    public var entity: Int?
    /// Lists the matched entity is designated on, in force on the as-of day.
    public var lists: [String]
    /// `(regime, status)` in the order asked.
    public var statuses: [(regime: String, status: SanctionsStatus)]
    public var verdict: ExposureVerdict?
    /// The shortest exposure path (entity indices, the matched entity first), when exposed.
    public var path: [Int]
    /// Why the path's last entity (or, for `self`, the entity) is a target.
    public var targetReasons: [String]

    public static func == (a: ScreeningRow, b: ScreeningRow) -> Bool {
        a.counterparty == b.counterparty && a.decision == b.decision && a.candidates == b.candidates
            && a.entity == b.entity
            && a.lists == b.lists
            && a.statuses.map { "\($0.regime)=\($0.status)" } == b.statuses.map { "\($0.regime)=\($0.status)" }
            && a.verdict == b.verdict && a.path == b.path && a.targetReasons == b.targetReasons
    }
    public func hash(into h: inout Hasher) { h.combine(counterparty.ref) }
}

/// Batch screening (DESIGN §10): match every counterparty, then for a match report its lists, its status under each
/// regime (``SanctionsAnalysis``) and its exposure (``ExposureSearch``: the shortest path to a target).
public struct Screener: Sendable {
    public let index: MatchIndex
    public let options: ScreeningOptions
    let analyses: [SanctionsAnalysis]
    let search: ExposureSearch
    /// A best candidate leading the next one, itself above the threshold, by less than this is `possible`, not a match.
    public static let tieMargin = 0.05

    /// Prepares the run: one sanctions analysis per regime and the exposure search, computed once.
    /// - Throws: ``SanctionsAnalysis/UnknownRegime`` for a regime neither built in nor in the policy.
    public init(index: MatchIndex, options: ScreeningOptions) throws {
        self.index = index
        self.options = options
        let g = index.graph
        analyses = try options.regimes.map {
            try SanctionsAnalysis(graph: g, regimeNamed: $0, policy: options.policy, asOf: options.asOf)
        }
        let targets = TargetSet(graph: g, policy: options.policy, asOf: options.asOf)
        search = ExposureSearch(
            targets: targets,
            options: ExposureOptions(
                maxDepth: options.maxDepth,
                filter: TraversalFilter(asOf: options.asOf),
                limit: 1))
    }

    /// The same prepared run (sanctions analyses and exposure search: same date, regimes and depth) with another
    /// match threshold and candidate count, without computing them again.
    public init(reusing prepared: Screener, threshold: Double, candidates: Int) {
        index = prepared.index
        var o = prepared.options
        o.threshold = threshold
        o.candidates = candidates
        options = o
        analyses = prepared.analyses
        search = prepared.search
    }

    /// Screens every counterparty, in input order, on `threads` threads.
    public func screen(_ counterparties: [Counterparty], threads: Int = 2) -> [ScreeningRow] {
        final class Slots: @unchecked Sendable {
            var rows: [ScreeningRow?]
            init(_ n: Int) { rows = Array(repeating: nil, count: n) }
        }
        let slots = Slots(counterparties.count)
        let workers = max(1, min(threads, counterparties.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let scratch = SearchScratch(index: index)
            var enumerator = search.makeEnumerator(order: .byLength)
            var i = w
            while i < counterparties.count {
                slots.rows[i] = screen(counterparties[i], scratch: scratch, enumerator: &enumerator)
                i += workers
            }
        }
        return slots.rows.map { $0! }
    }

    /// Screens one counterparty.
    public func screen(_ c: Counterparty, scratch: SearchScratch? = nil, enumerator: inout PathEnumerator)
        -> ScreeningRow
    {
        let found =
            c.query.name.isEmpty && c.query.identifiers.isEmpty
            ? []
            : index.match(
                c.query,
                options: MatchOptions(
                    limit: options.candidates, threshold: options.threshold,
                    minimumScore: options.possibleThreshold), scratch: scratch)
        var row = ScreeningRow(
            counterparty: c, decision: .none, candidates: found, entity: nil, lists: [], statuses: [],
            verdict: nil, path: [], targetReasons: [])
        guard let best = found.first else { return row }
        guard best.score >= options.threshold else {
            row.decision = .possible
            return row
        }
        // Two parties fit about equally well: a person must choose.
        if found.count > 1, found[1].score >= options.threshold, best.score - found[1].score < Screener.tieMargin {
            row.decision = .possible
            row.counterparty.notes.append(
                "ambiguous: \(found[0].id) and \(found[1].id) score within \(Screener.tieMargin)")
            return row
        }
        row.decision = .match
        let v = best.entity
        row.entity = v
        let g = index.graph
        row.lists = Array(Set(g.designations(v).filter { $0.isInForce(on: options.asOf) }.map(\.list))).sorted()
        row.statuses = zip(options.regimes, analyses).map { ($0, $1.status(v)) }
        let targets = search.targets
        if targets.contains(v) || row.statuses.contains(where: { $0.status == .listed || $0.status == .blocked }) {
            row.verdict = .self
            row.targetReasons =
                targets.reasons(for: v).map(\.code)
                + row.statuses.filter { $0.status == .blocked }.map { "blocked:\($0.regime)" }
            return row
        }
        let exposure = search.exposure(of: v, using: &enumerator)
        if let p = exposure.paths.first {
            row.verdict = .exposed
            row.path = p.nodes
            row.targetReasons = p.reasons.map(\.code)
        } else {
            row.verdict = .clear
        }
        return row
    }
}
