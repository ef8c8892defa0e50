/// "Did you mean" for many unknown words against one large candidate table, without building an index over the
/// table (issue #12: 3 000 dangling references into 100 000 ids).
///
/// ``SuggestionIndex`` over more than ``SuggestionIndex/scanLimit`` candidates answers with the candidates one edit
/// away only. Indexing 100 000 ids for that costs more than loading them; this answers the same questions the other
/// way round: the deletion keys of the few *words* are indexed (a small table that stays in cache) and the
/// candidates stream past it once, each checked against the words it shares a key with by a linear one-edit test.
/// The answers are exactly those of ``SuggestionIndex/nearest(to:limit:)`` on a table above the scan limit.
extension Suggestions {
    /// For each of `words`, up to `limit` candidates within one edit (insert, delete, substitute, swap two
    /// neighbours; upper-cased scalars), closest first, then the same length first, then by text. The
    /// candidates are `count` texts whose UTF-8 `utf8(i, body)` gives.
    public static func nearestWithinOneEdit(
        to words: [String], candidates count: Int, limit: Int = 3,
        utf8: (Int, (UnsafeBufferPointer<UInt8>) -> Void) -> Void,
        text: (Int) -> String
    ) -> [[String]] {
        guard limit > 0, !words.isEmpty, count > 0 else { return words.map { _ in [] } }
        // The words, upper-cased as the index does, and their keys in a chained hash table.
        var wordScalars: [[UInt32]] = words.map { $0.uppercased().unicodeScalars.map(\.value) }
        var keys: [UInt64] = [], owner: [Int32] = [], next: [Int32] = []
        var size = 16
        let keyCount = wordScalars.reduce(0) { $0 + $1.count + 1 }
        while size < keyCount * 2 { size <<= 1 }
        var heads = [Int32](repeating: -1, count: size)
        let mask = UInt64(size - 1)
        var longest = 0
        for (w, q) in wordScalars.enumerated() {
            longest = max(longest, q.count)
            q.withUnsafeBufferPointer { s in
                SuggestionIndex.forEachKey(s) { key in
                    let b = Int(key & mask)
                    keys.append(key); owner.append(Int32(w)); next.append(heads[b])
                    heads[b] = Int32(keys.count - 1)
                }
            }
        }
        // Candidates one edit away per word, as (distance, length gap, candidate); the last candidate checked per
        // word, so a candidate meeting a word under several keys is checked once.
        var found = [[(distance: Int, lengthGap: Int, candidate: Int)]](repeating: [], count: words.count)
        var lastChecked = [Int](repeating: -1, count: words.count)
        var scratch: [UInt32] = []
        scratch.reserveCapacity(64)
        for c in 0..<count {
            scratch.removeAll(keepingCapacity: true)
            var ascii = true
            utf8(c) { bytes in
                for var b in bytes {
                    if b >= 0x80 { ascii = false; break }
                    if b >= 0x61 && b <= 0x7A { b -= 0x20 }
                    scratch.append(UInt32(b))
                }
            }
            if !ascii {
                scratch.removeAll(keepingCapacity: true)
                for u in text(c).uppercased().unicodeScalars { scratch.append(u.value) }
            }
            // Only lengths within one of some word can be one edit away.
            if scratch.count > longest + 1 { continue }
            scratch.withUnsafeBufferPointer { s in
                SuggestionIndex.forEachKey(s) { key in
                    var k = heads[Int(key & mask)]
                    while k >= 0 {
                        let w = Int(owner[Int(k)])
                        if keys[Int(k)] == key && lastChecked[w] != c {
                            lastChecked[w] = c
                            let d = wordScalars[w].withUnsafeBufferPointer { Suggestions.oneEditDistance($0, s) }
                            if d <= 1 { found[w].append((d, abs(s.count - wordScalars[w].count), c)) }
                        }
                        k = next[Int(k)]
                    }
                }
            }
        }
        wordScalars.removeAll()
        return found.map { list in
            list.sorted {
                ($0.distance, $0.lengthGap) != ($1.distance, $1.lengthGap)
                    ? ($0.distance, $0.lengthGap) < ($1.distance, $1.lengthGap)
                    : text($0.candidate) < text($1.candidate)
            }.prefix(limit).map { text($0.candidate) }
        }
    }
}
