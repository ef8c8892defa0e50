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
    }

    private let graph: Graph
    private let built = Mutex<MatchIndex?>(nil)
    let screeners = BoundedCache<ScreenKey, Screener>(capacity: 8)

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
