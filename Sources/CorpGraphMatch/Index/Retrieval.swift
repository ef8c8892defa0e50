import CorpGraph

extension MatchIndex {
    /// Postings longer than this only re-rank records other tokens found (they do not add new ones) once some
    /// rarer token has found candidates: a query's common words cost a read, not a candidate list of millions.
    static let recallCap = 20_000

    /// The vocabulary tokens a query token stands for: itself, and for Latin words of 4+ letters the tokens within
    /// the typo bound (``TokenSimilarity``), found through shared trigrams. `(token, similarity)`.
    func expansions(of token: String) -> [(Int32, Double)] {
        var out: [(Int32, Double)] = []
        if let t = tokenIDs[token] { out.append((t, 1)) }
        guard Builder.isFuzzy(token) else { return out }
        let keys = Set(MatchIndex.trigramKeys(token))
        let cap = max(1, (token.utf8.count + 1) / 4)
        // Each edit destroys at most three trigrams.
        let needed = max(1, keys.count - 3 * cap)
        var shared: [Int32: Int] = [:]
        for k in keys { for t in trigrams[k] ?? [] { shared[t, default: 0] += 1 } }
        for (t, n) in shared where n >= needed && vocabulary[Int(t)] != token {
            let s = TokenSimilarity.similarity(token, vocabulary[Int(t)])
            if s > 0 { out.append((t, s)) }
        }
        out.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return out
    }

    /// The `count` name records with the largest sum of matched token weights, ties by record order.
    /// - Complexity: O(Σ postings read + touched · log count).
    func candidateRecords(_ queryTokens: [String], count: Int, scratch: SearchScratch) -> [Int] {
        var lists: [(token: Int32, similarity: Double)] = []
        for q in Set(queryTokens) { lists.append(contentsOf: expansions(of: q)) }
        lists.sort { a, b in
            let la = postingLength(a.token), lb = postingLength(b.token)
            return la != lb ? la < lb : a.token < b.token
        }
        var touched = scratch.touched
        touched.removeAll(keepingCapacity: true)
        scratch.accumulated.withUnsafeMutableBufferPointer { acc in
            postings.withUnsafeBufferPointer { postings in
                for (t, s) in lists {
                    let w = weights[Int(t)] * Float(s)
                    let lo = Int(postingOffsets[Int(t)]), hi = Int(postingOffsets[Int(t) + 1])
                    let addNew = touched.isEmpty || hi - lo <= MatchIndex.recallCap
                    for i in lo..<hi {
                        let r = Int(postings[i])
                        if acc[r] == 0 {
                            guard addNew else { continue }
                            touched.append(Int32(r))
                        }
                        acc[r] += w
                    }
                }
            }
        }
        // A min-heap of the best `count` (score, record) pairs.
        var heap: [(Float, Int32)] = []
        heap.reserveCapacity(count + 1)
        func worse(_ a: (Float, Int32), _ b: (Float, Int32)) -> Bool { a.0 != b.0 ? a.0 < b.0 : a.1 > b.1 }
        for r in touched {
            let item = (scratch.accumulated[Int(r)], r)
            scratch.accumulated[Int(r)] = 0
            if heap.count < count {
                heap.append(item)
                var c = heap.count - 1
                while c > 0 {
                    let p = (c - 1) / 2
                    if worse(heap[c], heap[p]) { heap.swapAt(c, p); c = p } else { break }
                }
            } else if worse(heap[0], item) {
                heap[0] = item
                var p = 0
                while true {
                    let l = 2 * p + 1, r = l + 1
                    var m = p
                    if l < heap.count && worse(heap[l], heap[m]) { m = l }
                    if r < heap.count && worse(heap[r], heap[m]) { m = r }
                    if m == p { break }
                    heap.swapAt(p, m); p = m
                }
            }
        }
        scratch.touched = touched
        heap.sort { worse($1, $0) }
        return heap.map { Int($0.1) }
    }

    @inline(__always) func postingLength(_ t: Int32) -> Int32 { postingOffsets[Int(t) + 1] - postingOffsets[Int(t)] }
}
