import CorpGraph

/// How alike two comparison tokens are, in [0, 1].
public enum TokenSimilarity {
    /// 1 for equal tokens; for Latin words of 4+ letters, 1 − d / longer length when the edit distance d is at most
    /// a quarter of the longer one (at least 1); 0.5 for an initial against a word it starts (`o` ~ `olga`); 0
    /// otherwise. Numbers and CJK bigrams match only exactly.
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let au = a.utf8, bu = b.utf8
        if au.count == 1 || bu.count == 1 {
            let (short, long) = au.count == 1 ? (a, b) : (b, a)
            return long.utf8.count > 1 && long.utf8.first == short.utf8.first && isLetters(short) && isLetters(long)
                ? 0.5 : 0
        }
        guard au.count >= 4, bu.count >= 4, isLetters(a), isLetters(b) else { return 0 }
        let longer = max(au.count, bu.count)
        let cap = max(1, longer / 4)
        if abs(au.count - bu.count) > cap { return 0 }
        let d = Suggestions.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), cap: cap)
        return d <= cap ? 1 - Double(d) / Double(longer) : 0
    }

    @inline(__always) static func isLetters(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }
}

/// The best one-to-one pairing of two token lists, weighted: the `name` feature.
public struct NameAlignment: Sendable, Hashable {
    /// Weighted Dice coefficient in [0, 1]: 2 · Σ sim · (wq + wc) / 2 over paired tokens, divided by the sum of all
    /// weights on both sides.
    public var score: Double
    /// Pairs `(query token, candidate token, similarity)`, in query order.
    public var pairs: [(String, String, Double)]
    public static func == (l: NameAlignment, r: NameAlignment) -> Bool {
        l.score == r.score && l.pairs.map { "\($0.0) \($0.1) \($0.2)" } == r.pairs.map { "\($0.0) \($0.1) \($0.2)" }
    }
    public func hash(into h: inout Hasher) { h.combine(score) }

    /// Pairs tokens greedily by similarity (then by position), each token used once. For persons, unpaired tokens
    /// strictly inside the longer name (middle names, patronymics) weigh a quarter: `Sergei Ivanov` ~ `Sergei
    /// Petrovich Ivanov`.
    public static func align(
        query: [String], queryWeights: [Double], candidate: [String], candidateWeights: [Double],
        person: Bool
    ) -> NameAlignment {
        guard !query.isEmpty, !candidate.isEmpty else { return NameAlignment(score: 0, pairs: []) }
        var edges: [(Double, Int, Int)] = []
        for (i, q) in query.enumerated() {
            for (j, c) in candidate.enumerated() {
                let s = TokenSimilarity.similarity(q, c)
                if s > 0 { edges.append((s, i, j)) }
            }
        }
        edges.sort { $0.0 != $1.0 ? $0.0 > $1.0 : ($0.1, $0.2) < ($1.1, $1.2) }
        var usedQ = [Bool](repeating: false, count: query.count),
            usedC = [Bool](repeating: false, count: candidate.count)
        var matched = 0.0, paired = 0.0
        var pairs: [(Int, Int, Double)] = []
        for (s, i, j) in edges where !usedQ[i] && !usedC[j] {
            usedQ[i] = true; usedC[j] = true
            matched += s * (queryWeights[i] + candidateWeights[j])
            paired += queryWeights[i] + candidateWeights[j]
            pairs.append((i, j, s))
        }
        func unmatched(_ used: [Bool], _ w: [Double]) -> Double {
            var sum = 0.0
            for k in used.indices where !used[k] {
                let inside = person && used.count >= 3 && k > 0 && k < used.count - 1
                sum += inside ? w[k] * 0.25 : w[k]
            }
            return sum
        }
        let total = paired + unmatched(usedQ, queryWeights) + unmatched(usedC, candidateWeights)
        pairs.sort { $0.0 < $1.0 }
        return NameAlignment(
            score: total > 0 ? min(1, matched / total) : 0,
            pairs: pairs.map { (query[$0.0], candidate[$0.1], $0.2) })
    }
}
