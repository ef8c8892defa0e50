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
    static func distance(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, cap: Int,
        work: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
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

    /// Whether `a` and `b` are at most one edit apart (insert, delete, substitute, swap two neighbours): 0 or 1, or
    /// 2 meaning "more". Linear, no table: the deletion index's candidates only need this answer.
    @inline(__always)
    static func oneEditDistance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
        let n = a.count, m = b.count
        if n == m {
            var i = 0
            while i < n && a[i] == b[i] { i += 1 }
            if i == n { return 0 }
            // A substitution at i, or a swap of i and i + 1.
            var j = i + 1
            while j < n && a[j] == b[j] { j += 1 }
            if j == n { return 1 }
            if j == i + 1 && a[i] == b[j] && a[j] == b[i] {
                var k = j + 1
                while k < n && a[k] == b[k] { k += 1 }
                if k == n { return 1 }
            }
            return 2
        }
        guard abs(n - m) == 1 else { return 2 }
        let (short, long) = n < m ? (a, b) : (b, a)
        var i = 0
        while i < short.count && short[i] == long[i] { i += 1 }
        while i < short.count && short[i] == long[i + 1] { i += 1 }
        return i == short.count ? 1 : 2
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
    /// The deletion index as a chained hash table: for each key (the candidate itself and each one-deletion
    /// variant) its full hash and candidate; `heads[hash & mask]` is the first entry of a bucket, `next` the rest.
    private var deletionKeys: [UInt64] = []
    private var deletionOwner: [Int32] = []
    private var deletionNext: [Int32] = []
    private var heads: [Int32] = []

    /// Indexes `candidates` (duplicates ignored).
    public init<C: Sequence>(_ candidates: C) where C.Element == String {
        var seen = Set<String>()
        self.init(distinct: candidates.lazy.filter { seen.insert($0).inserted })
    }

    /// Indexes `candidates`, which hold no duplicates (the ids of a ``StringTable``, the keys of a set).
    public init<C: Sequence>(distinct candidates: C) where C.Element == String {
        for c in candidates {
            texts.append(c)
            var mask: UInt64 = 0
            var ascii = true
            for b in c.utf8 where b >= 0x80 { ascii = false; break }
            if ascii {
                for var b in c.utf8 {
                    if b >= 0x61 && b <= 0x7A { b -= 0x20 }
                    scalars.append(UInt32(b))
                    mask |= 1 &<< UInt64(b & 63)
                }
            } else {
                for u in c.uppercased().unicodeScalars {
                    scalars.append(u.value)
                    mask |= 1 &<< UInt64(u.value & 63)
                }
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
        let entries = scalars.count + count
        deletionKeys.reserveCapacity(entries)
        deletionOwner.reserveCapacity(entries)
        deletionNext.reserveCapacity(entries)
        var size = 16
        while size < entries * 2 { size <<= 1 }
        heads = [Int32](repeating: -1, count: size)
        let bucketMask = UInt64(size - 1)
        scalars.withUnsafeBufferPointer { all in
            for i in 0..<count {
                let s = UnsafeBufferPointer(rebasing: all[Int(starts[i])..<Int(starts[i + 1])])
                SuggestionIndex.forEachKey(s) { key in
                    let bucket = Int(key & bucketMask)
                    deletionKeys.append(key)
                    deletionOwner.append(Int32(i))
                    deletionNext.append(heads[bucket])
                    heads[bucket] = Int32(deletionKeys.count - 1)
                }
            }
        }
    }

    /// Number of distinct candidates.
    public var count: Int { texts.count }

    private func length(_ i: Int) -> Int { Int(starts[i + 1] - starts[i]) }

    /// Calls `body` with the hash of `s` and of `s` with each single scalar deleted (consecutive equal scalars give
    /// one key). Polynomial hashes over the prefix and suffix give all of them in O(n), not O(n²): equal texts give
    /// equal keys whichever text they were deleted from; a collision only costs a one-edit test.
    @inline(__always)
    static func forEachKey(_ s: UnsafeBufferPointer<UInt32>, _ body: (UInt64) -> Void) {
        let n = s.count
        let base: UInt64 = 0x0000_0100_0000_01B3
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n + 1) { prefix in
            // prefix[i]: the hash of s[0..<i].
            prefix[0] = 0
            for i in 0..<n { prefix[i + 1] = prefix[i] &* base &+ UInt64(s[i]) &+ 1 }
            body(finish(prefix[n], length: n))
            // Right to left: suffix = the hash of s[(i + 1)...] weighted as the tail of an n-scalar text.
            var suffix: UInt64 = 0, power: UInt64 = 1
            var i = n - 1
            while i >= 0 {
                if i == 0 || s[i] != s[i - 1] { body(finish(prefix[i] &* power &+ suffix, length: n - 1)) }
                suffix = suffix &+ (UInt64(s[i]) &+ 1) &* power
                power = power &* base
                i -= 1
            }
        }
    }

    /// Mixes the length in and spreads the bits (SplitMix64's finaliser) so that the low bits pick buckets well.
    @inline(__always)
    static func finish(_ h: UInt64, length: Int) -> UInt64 {
        var z = h ^ (UInt64(length) &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
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
                    // Within one edit: the deletion index. Its keys also pair candidates two edits away (one deletion
                    // on each side), so each is checked by a linear one-edit test; a candidate met under several keys
                    // is checked once (the owners are sorted, dense id tables meet hundreds).
                    var near: [Int32] = []
                    let bucketMask = UInt64(heads.count - 1)
                    SuggestionIndex.forEachKey(query) { key in
                        var k = heads[Int(key & bucketMask)]
                        while k >= 0 {
                            if deletionKeys[Int(k)] == key { near.append(deletionOwner[Int(k)]) }
                            k = deletionNext[Int(k)]
                        }
                    }
                    near.sort()
                    var last: Int32 = -1
                    for i in near where i != last {
                        last = i
                        let c = candidate(Int(i))
                        let d = Suggestions.oneEditDistance(query, c)
                        if d <= 1 { found.append((d, abs(c.count - query.count), i)) }
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
                ? ($0.distance, $0.lengthGap) < ($1.distance, $1.lengthGap)
                : texts[Int($0.candidate)] < texts[Int($1.candidate)]
        }
        return found.prefix(limit).map { texts[Int($0.candidate)] }
    }

    /// `; did you mean …?` for `word`, or nothing.
    public func hint(for word: String, limit: Int = 3) -> String { Suggestions.hint(nearest(to: word, limit: limit)) }

}
