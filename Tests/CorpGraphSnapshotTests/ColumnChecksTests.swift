import CorpGraph
@testable import CorpGraphSnapshot
import CorpGraphTestSupport
import Testing

@Suite struct ColumnChecksTests {
    /// The vectorised checks agree with plain loops on every length around their block sizes.
    @Test func agreeWithPlainLoops() {
        var rng = SplitMix64(seed: 5)
        for n in 0..<70 {
            for _ in 0..<20 {
                let values = (0..<n).map { _ in Int32(truncatingIfNeeded: rng.next() % 40) - 5 }
                #expect(ColumnChecks.range(Column(values), 0, 30) == values.allSatisfy { $0 >= 0 && $0 < 30 })
                var sorted = values.map { max(0, $0) }.sorted()
                if !sorted.isEmpty { sorted[0] = 0 }
                if n > 1 && rng.next() % 2 == 0 { sorted.swapAt(Int(rng.next() % UInt64(n - 1)) + 1, n - 1) }
                let monotone = !sorted.isEmpty && zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 }
                let total = Int(sorted.last ?? 0)
                #expect(
                    ColumnChecks.offsets(Column(sorted), count: n, total: total) == (monotone && n >= 1),
                    "\(sorted)")
                #expect(
                    ColumnChecks.offsets(Column(sorted.map(Int.init)), count: n, total: total) == (monotone && n >= 1))
            }
        }
    }
}
