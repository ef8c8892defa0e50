import CorpGraph
import CorpGraphMatch
import Synchronization

/// The search index of the served graph (built once, on first use or by ``ServiceState/warmUp()``: 4 s on the 1M
/// benchmark graph) and prepared screeners, one per set of screening options (their sanctions analyses and target
/// set depend only on the date, regimes and depth).
final class MatchState: Sendable {
    struct ScreenKey: Hashable, Sendable {
        var asOf: CalendarDate
        var regimes: [String]
        var maxDepth: Int
        var threshold: Double
        var candidates: Int
        /// What a prepared screener depends on (threshold and candidates do not).
        var prepared: ScreenKey {
            ScreenKey(asOf: asOf, regimes: regimes, maxDepth: maxDepth, threshold: 0, candidates: 0)
        }
    }

    private let graph: Graph
    private let built = Mutex<MatchIndex?>(nil)
    /// Prepared screeners (their analyses are the size of the graph: a few are kept).
    let screeners = BoundedCache<ScreenKey, Screener>(capacity: 2)
    /// One preparation at a time (tens of seconds on the 1M graph); another request meanwhile gets a 503.
    let preparing = QueryGate(capacity: 1, what: "screening preparations")

    init(graph: Graph) { self.graph = graph }

    /// The index; the first caller builds it while later ones wait for the same index.
    var index: MatchIndex {
        built.withLock { slot in
            if let index = slot { return index }
            let index = MatchIndex(graph: graph)
            slot = index
            return index
        }
    }

    var isBuilt: Bool { built.withLock { $0 != nil } }
}
