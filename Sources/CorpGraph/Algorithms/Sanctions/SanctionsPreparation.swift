import Foundation

/// What several ``SanctionsAnalysis`` of one graph on one as-of date share.
///
/// An analysis reads the effective holdings (the `owns` relationships valid on the date, one per owner–asset pair,
/// with their share bounds) straight from the graph's adjacency, only for the entities it reaches, so there is no
/// whole-graph holdings table to build. What is left to share is what needs a pass over the relationships' cold
/// attributes: the joint arrangements (per-person regimes, per voting-rights split) and whether any voting-rights
/// holding is in force on the date. Build one preparation per (graph, date) and pass it to every analysis of that
/// graph and date (``SanctionsAnalysis/init(preparation:regime:policy:lists:)``): each piece is computed the first
/// time an analysis needs it and reused by the next one. Results equal those of
/// ``SanctionsAnalysis/init(graph:regime:policy:asOf:lists:)`` exactly.
///
/// Safe to share between threads (`Sendable`): concurrent analyses asking for the same piece compute it once, the
/// others wait for it; different pieces are computed in parallel.
///
/// ```swift
/// let prepared = SanctionsPreparation(graph: g, asOf: day)
/// let ofac = try SanctionsAnalysis(preparation: prepared, regimeNamed: "ofac")
/// let eu = try SanctionsAnalysis(preparation: prepared, regimeNamed: "eu")
/// ```
public final class SanctionsPreparation: @unchecked Sendable {
    public let graph: Graph
    public let asOf: CalendarDate
    private let lock = NSLock()
    private var joint: [Bool: Slot<JointArrangements>] = [:]
    private let votingSlot = Slot<Bool>()

    public init(graph: Graph, asOf: CalendarDate) {
        self.graph = graph
        self.asOf = asOf
    }

    /// One piece, computed once.
    private final class Slot<Value>: @unchecked Sendable {
        let lock = NSLock()
        var value: Value?
        func get(_ make: () -> Value) -> Value {
            lock.lock()
            defer { lock.unlock() }
            if let v = value { return v }
            let v = make()
            value = v
            return v
        }
    }

    /// The joint arrangements of the equity holdings, with voting-rights holdings counted apart (`splitVoting`) or not.
    func jointArrangements(splitVoting: Bool) -> JointArrangements {
        lock.lock()
        let slot: Slot<JointArrangements>
        if let s = joint[splitVoting] {
            slot = s
        } else {
            slot = Slot()
            joint[splitVoting] = slot
        }
        lock.unlock()
        return slot.get { JointArrangements(graph: graph, day: asOf.rawValue, splitVoting: splitVoting) }
    }

    /// Whether some voting-rights holding (`owns` with `basis: voting`) is in force on the date.
    var hasVotingHoldings: Bool {
        votingSlot.get {
            let g = graph
            let day = asOf.rawValue
            var found = false
            g.relExtras.forEachKey { r in
                guard !found, r >= 0, Int(r) < g.relationshipCount else { return }
                if HoldingRule.role(Int(r), g, day: day, votingRights: true, splitVoting: true) == .candidate {
                    found = true
                }
            }
            return found
        }
    }
}
