import Foundation

extension LookThroughOwnership {
    /// What every holder in `holders` ultimately owns (method ``LookThroughMethod/full``, direction
    /// ``LookThroughDirection/holder``), keeping the entries that can be at or above `threshold` (certainly or
    /// undetermined; `Percent.zero` keeps every entry). Each holder's entries are those
    /// ``compute(index:subject:direction:options:)`` gives it, with the same values, outcomes and closed loops, but no
    /// chains, and as entity indices and fractions: no string is made until a caller asks
    /// (``LookThroughHoldings/result(ofHolderAt:)``).
    ///
    /// One sparse propagation per holder over arrays shared by all (``LookThroughPropagation``: the strongly connected
    /// components of the whole `owns` graph in topological order), with per-worker scratch reused across holders; the
    /// holders are split between the processors.
    /// - Parameter holders: entity indices; nil: every person with a holding on the index's date, by id (bytewise).
    /// - Complexity: O(V + E) once, then O(R_p log R_p + E_p · k) per holder p for the R_p entities and E_p holdings it
    ///   reaches, k the sweeps inside cross-holdings.
    public static func holdings(
        index: LookThroughIndex, holders: [Int32]? = nil, threshold: Percent = Percent(25)
    ) -> LookThroughHoldings {
        let g = index.graph
        let list = holders ?? LookThroughHoldings.personHolders(index)
        let system = LookThroughPropagation(index)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, list.count / 64 + 1))
        let parts = UnsafeMutableBufferPointer<LookThroughHoldings.Part>.allocate(capacity: workers)
        parts.initialize(repeating: LookThroughHoldings.Part())
        defer {
            _ = parts.deinitialize()
            parts.deallocate()
        }
        let box = PartsBox(parts: parts)
        let t = threshold.fraction
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            var scratch = LookThroughScratch(count: g.entityCount)
            defer { scratch.release() }
            var part = LookThroughHoldings.Part()
            let range = (list.count * k / workers)..<(list.count * (k + 1) / workers)
            for i in range {
                scratch.run(holder: Int(list[i]), system)
                for v32 in scratch.reach where Int(v32) != scratch.subject {
                    let v = Int(v32)
                    let lower = scratch.lower(v)
                    let upper = scratch.upper(v, exact: system.exact)
                    guard lower > 0 || (upper ?? 1) > 0,
                        LookThroughOwnership.outcome(lower: lower, upper: upper, threshold: t) != .notMet
                    else { continue }
                    part.entity.append(system.oldOf[v])
                    part.lower.append(lower)
                    part.upper.append(upper ?? .infinity)
                }
                part.entryEnds.append(part.entity.count)
                let first = part.loops.count
                for c in scratch.loopsLower + scratch.loopsUpper where !part.loops[first...].contains(c) {
                    part.loops.append(c)
                }
                part.loopEnds.append(part.loops.count)
                scratch.clear()
            }
            box.parts[k] = part
        }
        return LookThroughHoldings(
            graph: g, asOf: index.asOf, threshold: threshold, holders: list, parts: Array(parts),
            cycles: (0..<system.cycleStart.count).map { c in
                (Int(system.cycleStart[c])..<Int(system.cycleEnd[c])).map { system.oldOf[$0] }
            }, holdings: index.holdings)
    }

    /// An effective interval against the threshold fraction `t`: met at or above `t − 1e-9`, not met when the upper
    /// bound is below it, otherwise (or unbounded) undetermined.
    static func outcome(lower: Double, upper: Double?, threshold t: Double) -> TestOutcome {
        if lower.isInfinite { return .undetermined }
        if lower >= t - 1e-9 { return .met }
        return (upper.map { $0 < t - 1e-9 } ?? false) ? .notMet : .undetermined
    }
}

/// What many holders ultimately own (``LookThroughOwnership/holdings(index:holders:threshold:)``), as entity indices
/// and fractions of one: holder `i`'s entries are ``entries(ofHolderAt:)``, in topological order of the holdings.
public struct LookThroughHoldings: Sendable {
    public let graph: Graph
    public let asOf: CalendarDate
    public let threshold: Percent
    /// Always ``LookThroughMethod/full``: all walks.
    public var method: LookThroughMethod { .full }
    /// The holders, in the order asked.
    public let holders: [Int32]
    /// Per entry: the entity held, the effective lower bound (infinite: unbounded) and upper bound.
    public let entity: [Int32]
    public let lower: [Double]
    private let upperOrInfinity: [Double]
    private let entryOffsets: [Int]
    private let loopOffsets: [Int]
    private let loopCycles: [Int32]
    /// The members of every cross-holding of the graph (entity indices).
    private let cycles: [[Int32]]
    private let holdings: EffectiveHoldings

    struct Part {
        var entity: [Int32] = []
        var lower: [Double] = []
        var upper: [Double] = []
        var entryEnds: [Int] = []
        var loops: [Int32] = []
        var loopEnds: [Int] = []
    }

    init(
        graph: Graph, asOf: CalendarDate, threshold: Percent, holders: [Int32], parts: [Part], cycles: [[Int32]],
        holdings: EffectiveHoldings
    ) {
        self.graph = graph
        self.asOf = asOf
        self.threshold = threshold
        self.holders = holders
        var entity: [Int32] = [], lower: [Double] = [], upper: [Double] = [], offsets = [0]
        var loops: [Int32] = [], loopOffsets = [0]
        let total = parts.reduce(0) { $0 + $1.entity.count }
        entity.reserveCapacity(total); lower.reserveCapacity(total); upper.reserveCapacity(total)
        for part in parts {
            let (base, loopBase) = (entity.count, loops.count)
            entity += part.entity; lower += part.lower; upper += part.upper; loops += part.loops
            offsets += part.entryEnds.map { $0 + base }
            loopOffsets += part.loopEnds.map { $0 + loopBase }
        }
        self.entity = entity
        self.lower = lower
        upperOrInfinity = upper
        entryOffsets = offsets
        self.loopOffsets = loopOffsets
        loopCycles = loops
        self.cycles = cycles
        self.holdings = holdings
    }

    /// Every person with a holding on the index's date, by id (bytewise).
    public static func personHolders(_ index: LookThroughIndex) -> [Int32] {
        let g = index.graph
        let h = index.holdings
        return g.sortedByID(
            (0..<g.entityCount).filter { g.kind($0) == .person && !h.outRange($0).isEmpty }.map(Int32.init))
    }

    /// Entries of all holders.
    public var entryCount: Int { entity.count }

    /// The entries (indices into ``entity``, ``lower``, ``upper(_:)``) of holder `i` (an index into ``holders``).
    public func entries(ofHolderAt i: Int) -> Range<Int> { entryOffsets[i]..<entryOffsets[i + 1] }

    /// Entry `k`'s effective upper bound (nil: unbounded, a closed loop under the upper share bounds).
    public func upper(_ k: Int) -> Double? { upperOrInfinity[k].isInfinite ? nil : upperOrInfinity[k] }

    public func isUnbounded(_ k: Int) -> Bool { lower[k].isInfinite }

    /// Entry `k` against the threshold.
    public func aboveThreshold(_ k: Int) -> TestOutcome {
        LookThroughOwnership.outcome(lower: lower[k], upper: upper(k), threshold: threshold.fraction)
    }

    /// Closed loops holder `i` reaches (each one's members, entity indices), under the lower or the upper bounds.
    public func closedLoops(ofHolderAt i: Int) -> [[Int32]] {
        loopCycles[loopOffsets[i]..<loopOffsets[i + 1]].map { cycles[Int($0)] }
    }

    /// Holder `i`'s entries as ``LookThroughOwnership/compute(index:subject:direction:options:)`` gives them (method
    /// `full`, direction `holder`, no chains): the same entries, values, order and closed loops, less those that are
    /// certainly below the threshold.
    public func result(ofHolderAt i: Int) -> LookThroughResult {
        let g = graph
        let holder = Int(holders[i])
        var r = LookThroughResult(
            method: .full, direction: .holder, subject: g.id(holder), threshold: threshold, asOf: asOf)
        let isPerson = g.kind(holder) == .person
        for k in entries(ofHolderAt: i) {
            let v = Int(entity[k])
            let role: LookThroughEntry.Role =
                g.kind(v) == .person ? .person : (holdings.inRange(v).isEmpty ? .topHolder : .intermediate)
            let above = aboveThreshold(k)
            r.entries.append(
                LookThroughEntry(
                    id: g.id(v), name: g.name(v), kind: g.kind(v), role: role, effectiveLower: lower[k],
                    effectiveUpper: upper(k), aboveThreshold: above, beneficialOwner: isPerson && above == .met,
                    chains: []))
        }
        r.entries.sort { LookThroughEntry.precedes($0, $1, direction: .holder) }
        for loop in closedLoops(ofHolderAt: i) {
            let ids = loop.map { g.id(Int($0)) }.sorted()
            if !r.closedLoops.contains(ids) { r.closedLoops.append(ids) }
        }
        r.closedLoops.sort { $0.lexicographicallyPrecedes($1) }
        return r
    }
}

private struct PartsBox: @unchecked Sendable {
    let parts: UnsafeMutableBufferPointer<LookThroughHoldings.Part>
}
