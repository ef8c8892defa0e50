/// "Did you mean": the candidates nearest to a word by optimal-string-alignment distance (insert, delete,
/// substitute, swap two neighbours) over upper-cased Unicode scalars, and the one way such hints are written.
///
/// ``SuggestionIndex`` holds the candidates once (built once per load, or per code list) and answers each query
/// without scanning every candidate and without allocating per comparison. ``nearest(to:in:limit:)`` builds a
/// throw-away index for a one-off question.
public enum Suggestions {
    /// Up to `limit` candidates nearest to `word`, closest first, ties by text; only reasonably close ones.
    public static func nearest<C: Collection>(to word: String, in candidates: C, limit: Int = 3) -> [String]
    where C.Element == String {
        SuggestionIndex(candidates).nearest(to: word, limit: limit)
    }

    /// `; did you mean 'a', 'b'?`, or nothing when there is no suggestion: the one spelling of the hint.
    public static func hint(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
    }

    /// The hint for `word` among `candidates`.
    public static func hint<C: Collection>(for word: String, in candidates: C, limit: Int = 3) -> String
    where C.Element == String {
        hint(nearest(to: word, in: candidates, limit: limit))
    }

    /// The largest distance worth suggesting for a word of `length` scalars: 1 for short words, up to 3.
    static func maxDistance(forLength length: Int) -> Int { max(1, min(3, length / 3)) }

    /// Optimal-string-alignment distance between `a` and `b`, or `cap + 1` as soon as it is known to exceed `cap`.
    /// Works in `work` (at least `3 · (b.count + 1)` elements); allocates nothing.
    static func distance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, cap: Int,
                                    work: UnsafeMutableBufferPointer<Int32>) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > cap { return cap + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        let width = m + 1
        var beforePrevious = work.baseAddress!
        var previous = beforePrevious + width
        var current = previous + width
        for j in 0...m { previous[j] = Int32(j) }
        for i in 1...n {
            current[0] = Int32(i)
            var rowMin = Int32(i)
            let ai = a[i - 1]
            for j in 1...m {
                let cost: Int32 = ai == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, beforePrevious[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if Int(rowMin) > cap { return cap + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return Int(previous[m])
    }

    /// Optimal-string-alignment distance, with an early exit above `cap` (for tests and one-off use).
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int = .max) -> Int {
        let x = a.map(\.value), y = b.map(\.value)
        let c = min(cap, max(x.count, y.count))
        return x.withUnsafeBufferPointer { xa in
            y.withUnsafeBufferPointer { yb in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * (yb.count + 1)) { work in
                    let d = distance(xa, yb, cap: c, work: work)
                    return d > c ? (cap == .max ? d : cap + 1) : d
                }
            }
        }
    }
}

/// The candidates of "did you mean" questions, indexed once.
///
/// - Candidates are stored upper-cased as scalars in one buffer, with a 64-bit presence mask each and grouped by
///   length, so a comparison reads memory and allocates nothing.
/// - Everything within one edit is found exactly through a deletion index (each candidate and each candidate with one
///   scalar deleted, by hash; a word shares such a key with every candidate one edit away, swaps included), so the
///   common case (a typo, an id from the same registry) never scans.
/// - Candidates two or three edits away are found by scanning the candidates of nearby length, each first screened
///   by its mask (a word and a candidate differing in `x` distinct scalars are at least `x` edits apart), and only
///   when fewer than `limit` were found within one edit. Above ``scanLimit`` candidates (a large id table) that scan
///   is never made: only one-edit suggestions there, so thousands of unknown ids cost thousands of index probes,
///   not thousands of scans.
public struct SuggestionIndex: Sendable {
    /// Candidates above this count are not scanned for two- and three-edit suggestions.
    public static let scanLimit = 10_000

    private var texts: [String] = []
    private var scalars: [UInt32] = []
    private var starts: [Int32] = [0]
    private var masks: [UInt64] = []
    /// Candidate positions sorted by (length, position); `lengthStart[l]` is the first of length `l`.
    private var byLength: [Int32] = []
    private var lengthStart: [Int32] = []
    /// (key hash, candidate) sorted by hash: the candidate itself and each one-deletion variant.
    private var deletionKeys: [UInt64] = []
    private var deletionOwner: [Int32] = []

    /// Indexes `candidates` (duplicates ignored).
    public init<C: Sequence>(_ candidates: C) where C.Element == String {
        var seen = Set<String>()
        for c in candidates where seen.insert(c).inserted {
            texts.append(c)
            var mask: UInt64 = 0
            for u in c.uppercased().unicodeScalars {
                scalars.append(u.value)
                mask |= 1 &<< UInt64(u.value & 63)
            }
            starts.append(Int32(scalars.count))
            masks.append(mask)
        }
        let count = texts.count
        var maxLength = 0
        for i in 0..<count { maxLength = max(maxLength, length(i)) }
        var counts = [Int32](repeating: 0, count: maxLength + 2)
        for i in 0..<count { counts[length(i) + 1] += 1 }
        for l in 0...maxLength { counts[l + 1] += counts[l] }
        lengthStart = counts
        byLength = [Int32](repeating: 0, count: count)
        var next = counts
        for i in 0..<count {
            byLength[Int(next[length(i)])] = Int32(i)
            next[length(i)] += 1
        }
        var pairs: [(UInt64, Int32)] = []
        pairs.reserveCapacity(scalars.count + count)
        scalars.withUnsafeBufferPointer { all in
            for i in 0..<count {
                let s = UnsafeBufferPointer(rebasing: all[Int(starts[i])..<Int(starts[i + 1])])
                SuggestionIndex.forEachKey(s) { pairs.append(($0, Int32(i))) }
            }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        deletionKeys = pairs.map(\.0)
        deletionOwner = pairs.map(\.1)
    }

    /// Number of distinct candidates.
    public var count: Int { texts.count }

    private func length(_ i: Int) -> Int { Int(starts[i + 1] - starts[i]) }

    /// Calls `body` with the hash of `s` and of `s` with each single scalar deleted (consecutive equal scalars give
    /// one key).
    @inline(__always)
    static func forEachKey(_ s: UnsafeBufferPointer<UInt32>, _ body: (UInt64) -> Void) {
        body(hash(s, skipping: -1))
        for i in 0..<s.count where i == 0 || s[i] != s[i - 1] { body(hash(s, skipping: i)) }
    }

    /// FNV-1a over the scalars, one position skipped, the length mixed in.
    @inline(__always)
    static func hash(_ s: UnsafeBufferPointer<UInt32>, skipping: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(s.count - (skipping >= 0 ? 1 : 0))
        for i in 0..<s.count where i != skipping {
            h = (h ^ UInt64(s[i])) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
        }
        return h
    }

    /// Up to `limit` candidates nearest to `word`, closest first; among equals the same length first (a swap before a
    /// deletion), then by text. Only candidates within ``Suggestions/maxDistance(forLength:)`` edits.
    public func nearest(to word: String, limit: Int = 3) -> [String] {
        guard limit > 0, !texts.isEmpty else { return [] }
        let q = word.uppercased().unicodeScalars.map(\.value)
        let cap = Suggestions.maxDistance(forLength: q.count)
        var found: [(distance: Int, lengthGap: Int, candidate: Int32)] = []
        let longest = lengthStart.count - 2
        let workSize = 3 * (max(longest, q.count) + 2)
        q.withUnsafeBufferPointer { query in
            scalars.withUnsafeBufferPointer { all in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: workSize) { work in
                    func candidate(_ i: Int) -> UnsafeBufferPointer<UInt32> {
                        UnsafeBufferPointer(rebasing: all[Int(starts[i])..<Int(starts[i + 1])])
                    }
                    // Within one edit: the deletion index.
                    var near = Set<Int32>()
                    SuggestionIndex.forEachKey(query) { key in
                        var k = lowerBound(key)
                        while k < deletionKeys.count, deletionKeys[k] == key {
                            near.insert(deletionOwner[k])
                            k += 1
                        }
                    }
                    for i in near {
                        let c = candidate(Int(i))
                        let d = Suggestions.distance(query, c, cap: cap, work: work)
                        if d <= min(cap, 1) { found.append((d, abs(c.count - query.count), i)) }
                    }
                    // Enough within one edit: nothing farther can rank before them.
                    guard cap > 1, found.count < limit, texts.count <= SuggestionIndex.scanLimit else { return }
                    // Two or three edits: candidates of nearby length, screened by their masks.
                    var mask: UInt64 = 0
                    for u in query { mask |= 1 &<< UInt64(u & 63) }
                    let low = max(0, query.count - cap), high = min(longest, query.count + cap)
                    guard low <= high else { return }
                    for p in Int(lengthStart[low])..<Int(lengthStart[high + 1]) {
                        let i = Int(byLength[p])
                        let m = masks[i]
                        if max((mask & ~m).nonzeroBitCount, (m & ~mask).nonzeroBitCount) > cap { continue }
                        let c = candidate(i)
                        let d = Suggestions.distance(query, c, cap: cap, work: work)
                        if d >= 2 && d <= cap { found.append((d, abs(c.count - query.count), Int32(i))) }
                    }
                }
            }
        }
        found.sort {
            ($0.distance, $0.lengthGap) != ($1.distance, $1.lengthGap)
                ? ($0.distance, $0.lengthGap) < ($1.distance, $1.lengthGap) : texts[Int($0.candidate)] < texts[Int($1.candidate)]
        }
        return found.prefix(limit).map { texts[Int($0.candidate)] }
    }

    /// `; did you mean …?` for `word`, or nothing.
    public func hint(for word: String, limit: Int = 3) -> String { Suggestions.hint(nearest(to: word, limit: limit)) }

    private func lowerBound(_ key: UInt64) -> Int {
        var lo = 0, hi = deletionKeys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if deletionKeys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
