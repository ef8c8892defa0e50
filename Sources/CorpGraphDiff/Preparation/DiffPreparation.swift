import CorpGraph
import Foundation

/// Everything a comparison computes over a whole graph, computed once per side and shared by the parts that read it.
///
/// Per side (a graph read on its day): one ``SanctionsAnalysis`` per compared regime (all of them sharing one
/// ``SanctionsPreparation``, the holdings of that graph on that day), and the exposure query
/// (``TargetSet``, ``ExposureSearch``, and under the default watch list the distance of every entity to its nearest
/// target). The status changes, their causes and the exposure changes all read these; nothing is recomputed per
/// regime or per subject. When both sides are one graph on one day with the same policy, each piece is computed once
/// and used for both sides. The pieces are independent, so they run as one batch on every core, the costliest first.
public struct DiffPreparation: Sendable {
    /// Per compared regime (in the order asked): the analysis of each side.
    public var analyses: [(name: String, old: SanctionsAnalysis, new: SanctionsAnalysis)]
    public var exposure: ExposurePreparation

    /// The exposure query of both sides.
    public struct ExposurePreparation: Sendable {
        public var old: ExposureSearch
        public var new: ExposureSearch
        /// Distance of each entity to its nearest target within the query's depth (255: none in reach); computed
        /// only when the watch list is every entity exposed on either side (empty otherwise).
        public var oldReach: [UInt8]
        public var newReach: [UInt8]
    }

    /// Resolves the regimes on both sides and runs every whole-graph computation.
    /// - Throws: ``DiffError/unknownRegime(name:known:)`` for a regime a side's policy does not know,
    ///   ``DiffError/invalidRegime(name:reason:)`` for one that cannot be evaluated.
    public static func prepare(old: DiffSide, new: DiffSide, options: DiffOptions, sameGraph: Bool = false) throws
        -> DiffPreparation
    {
        try prepare(old: old, new: new, options: options, sameGraph: sameGraph, alongside: { 0 }).prepared
    }

    /// ``prepare(old:new:options:sameGraph:)`` with `work` run in the same batch (as its first job), for the parts
    /// of a comparison that need no preparation.
    public static func prepare<T: Sendable>(
        old: DiffSide, new: DiffSide, options: DiffOptions, sameGraph: Bool = false,
        alongside work: @escaping @Sendable () -> T
    ) throws
        -> (prepared: DiffPreparation, alongside: T)
    {
        let r = try run(old: old, new: new, options: options, sameGraph: sameGraph, exposure: true, alongside: work)
        guard let exposure = r.exposure, let value = r.alongside as? T else {
            preconditionFailure("exposure preparation missing")
        }
        return (DiffPreparation(analyses: r.analyses, exposure: exposure), value)
    }

    /// Only the analyses of `options.regimes` on both sides.
    static func analyses(old: DiffSide, new: DiffSide, options: DiffOptions, sameGraph: Bool = false) throws
        -> [(name: String, old: SanctionsAnalysis, new: SanctionsAnalysis)]
    {
        try run(old: old, new: new, options: options, sameGraph: sameGraph, exposure: false).analyses
    }

    static func run(
        old: DiffSide, new: DiffSide, options: DiffOptions, sameGraph: Bool, exposure wanted: Bool,
        alongside: (@Sendable () -> any Sendable)? = nil
    ) throws
        -> (
            analyses: [(name: String, old: SanctionsAnalysis, new: SanctionsAnalysis)], exposure: ExposurePreparation?,
            alongside: (any Sendable)?
        )
    {
        var regimes: [(name: String, old: SanctionsRegime, new: SanctionsRegime)] = []
        for name in options.regimes {
            guard let o = old.policy.regime(named: name) else {
                throw DiffError.unknownRegime(name: name, known: old.policy.regimeNames)
            }
            guard let n = new.policy.regime(named: name) else {
                throw DiffError.unknownRegime(name: name, known: new.policy.regimeNames)
            }
            regimes.append((name, o, n))
        }
        // One side's computations serve both when the two sides are the same graph, day and policy.
        let same = sameGraph && old.asOf == new.asOf && old.policy == new.policy
        let reach = options.subjects == nil
        let depth = options.maxDepth
        @Sendable func search(_ s: DiffSide) -> ExposureSearch {
            let filter = TraversalFilter(kinds: options.kinds, direction: options.direction, asOf: s.asOf)
            let targets = TargetSet(graph: s.graph, policy: s.policy, asOf: s.asOf)
            return ExposureSearch(
                targets: targets,
                options: ExposureOptions(maxDepth: depth, filter: filter, limit: options.pathLimit))
        }
        @Sendable func distances(_ s: ExposureSearch) -> [UInt8] {
            reach ? s.graph.distancesToNearest(s.targets, within: depth, walking: s.options.filter) : []
        }

        // The jobs, costliest first (per-person regimes walk each designated person's holdings).
        var jobs: [Job] = []
        let extraSlot = 2 * regimes.count + 2
        if let alongside { jobs.append(Job(slot: extraSlot) { .value(alongside()) }) }
        let ordered = regimes.indices.sorted {
            (!regimes[$0].old.aggregatesAcrossPersons ? 0 : 1, $0) < (
                !regimes[$1].old.aggregatesAcrossPersons ? 0 : 1, $1
            )
        }
        // The holdings the analyses read depend on the graph and the day only: one preparation per side, shared by
        // its regimes (and by both sides when they are one graph on one day).
        let oldHoldings = SanctionsPreparation(graph: old.graph, asOf: old.asOf)
        let newHoldings =
            sameGraph && old.asOf == new.asOf ? oldHoldings : SanctionsPreparation(graph: new.graph, asOf: new.asOf)
        for i in ordered {
            for (k, side, regime) in [(0, old, regimes[i].old), (1, new, regimes[i].new)] where k == 0 || !same {
                let holdings = k == 0 ? oldHoldings : newHoldings
                jobs.append(
                    Job(slot: 2 * i + k) {
                        .analysis(
                            Result {
                                try SanctionsAnalysis(preparation: holdings, regime: regime, policy: side.policy)
                            })
                    })
            }
        }
        let exposureSlot = 2 * regimes.count
        for (k, side) in [(0, old), (1, new)] where wanted && (k == 0 || !same) {
            jobs.append(
                Job(slot: exposureSlot + k) {
                    let s = search(side)
                    return .exposure(s, distances(s))
                })
        }
        let results = Job.runAll(jobs, slots: extraSlot + 1)

        var analyses: [(name: String, old: SanctionsAnalysis, new: SanctionsAnalysis)] = []
        for (i, r) in regimes.enumerated() {
            guard case .analysis(let a)? = results[2 * i], case .analysis(let b)? = results[same ? 2 * i : 2 * i + 1]
            else {
                throw DiffError.invalidRegime(name: r.name, reason: "not evaluated")
            }
            do {
                analyses.append((r.name, try a.get(), try b.get()))
            } catch {
                throw DiffError.invalidRegime(name: r.name, reason: "\(error)")
            }
        }
        guard case .exposure(let sa, let da)? = results[exposureSlot],
            case .exposure(let sb, let db)? = results[same ? exposureSlot : exposureSlot + 1]
        else {
            return (analyses, nil, nil)
        }
        var value: (any Sendable)?
        if case .value(let v)? = results[extraSlot] { value = v }
        return (analyses, ExposurePreparation(old: sa, new: sb, oldReach: da, newReach: db), value)
    }
}

/// One whole-graph computation of the preparation.
struct Job: Sendable {
    enum Output: @unchecked Sendable {
        case analysis(Result<SanctionsAnalysis, Error>)
        case exposure(ExposureSearch, [UInt8])
        case value(any Sendable)
    }

    let slot: Int
    let body: @Sendable () -> Output

    init(slot: Int, _ body: @escaping @Sendable () -> Output) {
        self.slot = slot
        self.body = body
    }

    /// Runs the jobs on every core, each worker taking the next job in order; results by slot.
    static func runAll(_ jobs: [Job], slots: Int) -> [Output?] {
        let box = JobResults(slots: slots)
        let workers = min(jobs.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = box.take(limit: jobs.count) {
                box.set(jobs[k].slot, jobs[k].body())
            }
        }
        return box.all
    }
}

/// The preparation's results and its next-job counter, shared by the workers.
final class JobResults: @unchecked Sendable {
    private var results: [Job.Output?]
    private var next = 0
    private let lock = NSLock()
    init(slots: Int) { results = Array(repeating: nil, count: slots) }
    func take(limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }
    func set(_ k: Int, _ r: Job.Output) { lock.withLock { results[k] = r } }
    var all: [Job.Output?] { lock.withLock { results } }
}
