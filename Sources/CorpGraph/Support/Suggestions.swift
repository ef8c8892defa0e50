/// "Did you mean" helpers: Levenshtein distance over Unicode scalars.
public enum Suggestions {
    /// Up to `limit` candidates nearest to `word`, closest first, ties by text; only reasonably close ones.
    public static func nearest<C: Collection>(to word: String, in candidates: C, limit: Int = 3) -> [String]
    where C.Element == String {
        let w = Array(word.uppercased().unicodeScalars)
        let maxDistance = max(1, min(3, w.count / 3))
        var scored: [(Int, Int, String)] = []
        for c in candidates {
            let d = distance(w, Array(c.uppercased().unicodeScalars), cap: maxDistance)
            if d <= maxDistance { scored.append((d, abs(c.unicodeScalars.count - w.count), c)) }
        }
        // Closest first; among equals, the same length first (a transposition before a deletion), then by text.
        scored.sort { ($0.0, $0.1) != ($1.0, $1.1) ? ($0.0, $0.1) < ($1.0, $1.1) : $0.2 < $1.2 }
        return scored.prefix(limit).map(\.2)
    }

    /// Optimal-string-alignment edit distance (insert, delete, substitute, swap two neighbours), with an early exit
    /// above `cap`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int = .max) -> Int {
        if abs(a.count - b.count) > cap { return cap + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > cap { return cap + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
