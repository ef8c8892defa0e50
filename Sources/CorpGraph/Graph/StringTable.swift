/// An insertion-ordered set of strings with O(1) lookup by text or by raw UTF-8 bytes: string `i` is the `i`-th one
/// inserted. The frozen ``Graph`` keeps entity ids in one, so `index(of:)` needs no `[String: Int]` dictionary and a
/// bulk reader can look ids up straight from its input buffer.
///
/// Open addressing with linear probing over 16-byte slots that hold the key's first 8 bytes, its length, 24 bits of
/// its hash and its index: a lookup of a key of up to 8 bytes reads one cache line and never the text. Random memory
/// access dominates at scale (a dependent miss costs ~0.4 µs on a virtual machine, while independent ones overlap),
/// so bulk paths (``insertAll(_:)``, ``Reader/touch(_:)``) load the slots of a batch of keys together before
/// looking them up or inserting them one by one, and tight loops use a ``Reader`` (raw pointers, no reference counting).
/// The hash is seeded per table, so crafted input cannot force collisions.
public struct StringTable: RandomAccessCollection, Sendable {
    @usableFromInline var strings = StringColumn()
    /// Two words per slot: the key's first 8 bytes (little-endian, zero-padded), then `meta`:
    /// `0` when empty, else `min(length, 255) << 56 | (hash >> 40) << 32 | (index + 1)`.
    @usableFromInline var slots: [UInt64] = []
    @usableFromInline var seed: UInt64
    /// Sink for prefetch loads, so they are not optimised away.
    @usableFromInline var sink: UInt64 = 0

    public init() {
        seed = UInt64.random(in: .min ... .max) | 1
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { strings.endIndex }
    @inlinable public subscript(position: Int) -> String { strings[position] }

    /// The UTF-8 bytes of string `position`.
    @inlinable public func withUTF8<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    {
        try strings.withUTF8(position, body)
    }

    /// Prepares for `count` strings of `bytes` UTF-8 bytes in total without rehashing.
    public mutating func reserveCapacity(_ count: Int, bytes: Int = 0) {
        strings.reserveCapacity(strings: count, bytes: bytes)
        let needed = StringTable.slotCount(for: count)
        if needed * 2 > slots.count { rehash(to: needed) }
    }

    /// The index of `text`, if present. O(1) expected.
    public func lookup(_ text: String) -> Int32? {
        var s = text
        return s.withUTF8 { lookup(utf8: $0) }
    }

    /// The position of `text`: the O(1) ``lookup(_:)``, shadowing the linear search of `Collection`.
    public func firstIndex(of text: String) -> Int? { lookup(text).map(Int.init) }

    /// The index of the string with these UTF-8 bytes, if present. O(1) expected.
    @inlinable public func lookup(utf8 key: UnsafeBufferPointer<UInt8>) -> Int32? {
        if slots.isEmpty { return nil }
        let found = slots.withUnsafeBufferPointer { slots in
            StringTable.probe(slots, key, seed: seed, count: strings.count) { verify(key, $0) }.index
        }
        return found < 0 ? nil : Int32(found)
    }

    /// Inserts `text` unless present; returns its index and whether it was new.
    @discardableResult
    public mutating func insert(_ text: String) -> (index: Int32, inserted: Bool) {
        var s = text
        return s.withUTF8 { insert(utf8: $0) }
    }

    /// Inserts the string with these UTF-8 bytes unless present; returns its index and whether it was new.
    /// The caller guarantees valid UTF-8 (see ``StringColumn/append(utf8:)``).
    @discardableResult
    public mutating func insert(utf8 key: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        if (strings.count + 1) * 10 > slots.count / 2 * 7 {
            rehash(to: StringTable.slotCount(for: strings.count + 1))
        }
        let found = slots.withUnsafeBufferPointer { slots in
            StringTable.probe(slots, key, seed: seed, count: strings.count) { verify(key, $0) }
        }
        if found.index >= 0 { return (Int32(found.index), false) }
        return (add(key, at: found), true)
    }

    /// Appends `key` as a new string and fills the empty slot the probe ended at; returns its index.
    @inline(__always)
    mutating func add(_ key: UnsafeBufferPointer<UInt8>, at probed: Probed) -> Int32 {
        let v = strings.count
        strings.append(utf8: key)
        slots[2 * probed.slot] = probed.word
        slots[2 * probed.slot + 1] = probed.tag << 32 | UInt64(v + 1)
        return Int32(v)
    }

    /// Read-only raw access for tight loops: no reference counting or exclusivity checks per lookup.
    public struct Reader {
        @usableFromInline let slots: UnsafeBufferPointer<UInt64>
        @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
        @usableFromInline let offsets: UnsafeBufferPointer<Int>
        @usableFromInline let seed: UInt64

        @usableFromInline init(
            slots: UnsafeBufferPointer<UInt64>, bytes: UnsafeBufferPointer<UInt8>,
            offsets: UnsafeBufferPointer<Int>, seed: UInt64
        ) {
            self.slots = slots
            self.bytes = bytes
            self.offsets = offsets
            self.seed = seed
        }

        /// Loads the slot `key` hashes to and returns its content; add the results up somewhere so the loads stay.
        @inlinable @inline(__always) public func touch(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
            if slots.isEmpty { return 0 }
            return StringTable.home(slots, key, seed: seed)
        }

        /// The index of `key`, or -1. Safe over slots read from a file (``FrozenStringTable``): the probe visits
        /// each slot at most once and skips indices out of range.
        @inlinable @inline(__always) public func lookup(utf8 key: UnsafeBufferPointer<UInt8>) -> Int32 {
            if slots.isEmpty { return -1 }
            let found = StringTable.probe(slots, key, seed: seed, count: offsets.count - 1) { v in
                // A mapped snapshot's offsets are checked lazily: never compare past the bytes.
                offsets[v] >= 0 && offsets[v] <= offsets[v + 1] && offsets[v + 1] <= bytes.count
                    && StringTable.equal(key, bytes, offsets[v], offsets[v + 1])
            }
            return Int32(truncatingIfNeeded: found.index)
        }

        /// Looks up a batch of keys into `out` (`out[i]` as ``Reader/lookup(utf8:)`` gives for `keys[i]`), loading
        /// memory in three passes first: every key's home slot, then the offsets of the strings those slots name, then
        /// those strings' first bytes. A lookup of a key longer than the 8 bytes a slot keeps otherwise waits for three
        /// cache misses one after the other; this way the misses of a batch overlap. Batches of 16–64 keys suit.
        /// Returns a value to add up somewhere so the loads stay.
        @inlinable public func lookup(
            batch keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into out: UnsafeMutablePointer<Int32>
        ) -> UInt64 {
            let mask = slots.count / 2 - 1
            if slots.isEmpty || mask > Int(Int32.max) {
                for i in keys.indices { out[i] = lookup(utf8: keys[i]) }
                return 0
            }
            var acc: UInt64 = 0
            let strings = offsets.count - 1
            // The home slot of each key, kept in `out` between the passes.
            for i in keys.indices {
                let home = Int(truncatingIfNeeded: StringTable.hash(keys[i], seed: seed)) & mask
                acc &+= slots[2 * home + 1]
                out[i] = Int32(truncatingIfNeeded: home)
            }
            for i in keys.indices where keys[i].count > 8 {
                let v = Int(slots[2 * Int(out[i]) + 1] & 0xFFFF_FFFF) - 1
                if v >= 0 && v < strings { acc &+= UInt64(bitPattern: Int64(offsets[v])) }
            }
            for i in keys.indices where keys[i].count > 8 {
                let v = Int(slots[2 * Int(out[i]) + 1] & 0xFFFF_FFFF) - 1
                if v >= 0 && v < strings, offsets[v] >= 0, offsets[v] < bytes.count {
                    acc &+= UInt64(bytes[offsets[v]])
                }
            }
            for i in keys.indices { out[i] = lookup(utf8: keys[i]) }
            return acc
        }
    }

    /// Calls `body` with a ``Reader`` valid for the duration of the call.
    @inlinable public func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
        try slots.withUnsafeBufferPointer { slots in
            try strings.bytes.withUnsafeBufferPointer { bytes in
                try strings.offsets.withUnsafeBufferPointer { offsets in
                    try body(Reader(slots: slots, bytes: bytes, offsets: offsets, seed: seed))
                }
            }
        }
    }

    /// Inserts every string of `column` in order. `result[i]` is the new index of string `i`, or `~existing` (a
    /// negative number) when it was already present (or repeated earlier in `column`). Slots are loaded in batches
    /// ahead of the inserts so their cache misses overlap.
    public mutating func insertAll(_ column: StringColumn) -> [Int32] {
        let n = column.count
        reserveCapacity(count + n, bytes: strings.byteCount + column.byteCount)
        var result = [Int32](repeating: 0, count: n)
        let seed = self.seed
        let group = 32
        column.bytes.withUnsafeBufferPointer { source in
            column.offsets.withUnsafeBufferPointer { sourceOffsets in
                var acc: UInt64 = 0
                var g = 0
                while g < n {
                    let upper = Swift.min(n, g + group)
                    slots.withUnsafeBufferPointer { slots in
                        for r in g..<upper {
                            let key = UnsafeBufferPointer(rebasing: source[sourceOffsets[r]..<sourceOffsets[r + 1]])
                            acc &+= StringTable.home(slots, key, seed: seed)
                        }
                    }
                    for r in g..<upper {
                        let key = UnsafeBufferPointer(rebasing: source[sourceOffsets[r]..<sourceOffsets[r + 1]])
                        let found = slots.withUnsafeBufferPointer { slots in
                            StringTable.probe(slots, key, seed: seed, count: strings.count) { verify(key, $0) }
                        }
                        result[r] = found.index >= 0 ? ~Int32(found.index) : add(key, at: found)
                    }
                    g = upper
                }
                sink &+= acc
            }
        }
        return result
    }

    /// A table over the strings of `column`, adopting its storage (no copy) when they are all distinct; otherwise
    /// `nil` (use ``insertAll(_:)``, which reports the repeats).
    public init?(indexing column: StringColumn) {
        self.init(indexing: column, seed: UInt64.random(in: .min ... .max) | 1)
    }

    /// ``init(indexing:)`` with a given hash seed (odd), for output that must be the same bytes on every run.
    package init?(indexing column: StringColumn, seed: UInt64) {
        self.init()
        self.seed = seed | 1
        let n = column.count
        let count = StringTable.slotCount(for: n)
        var fresh = [UInt64](repeating: 0, count: 2 * count)
        let seed = self.seed
        var acc: UInt64 = 0
        let distinct: Bool = column.bytes.withUnsafeBufferPointer { bytes in
            column.offsets.withUnsafeBufferPointer { offsets in
                fresh.withUnsafeMutableBufferPointer { slots in
                    var g = 0
                    while g < n {
                        let upper = Swift.min(n, g + 32)
                        for v in g..<upper {
                            let key = UnsafeBufferPointer(rebasing: bytes[offsets[v]..<offsets[v + 1]])
                            acc &+= StringTable.home(UnsafeBufferPointer(slots), key, seed: seed)
                        }
                        for v in g..<upper {
                            let key = UnsafeBufferPointer(rebasing: bytes[offsets[v]..<offsets[v + 1]])
                            let found = StringTable.probe(UnsafeBufferPointer(slots), key, seed: seed, count: v) { u in
                                StringTable.equal(key, bytes, offsets[u], offsets[u + 1])
                            }
                            if found.index >= 0 { return false }
                            slots[2 * found.slot] = found.word
                            slots[2 * found.slot + 1] = found.tag << 32 | UInt64(v + 1)
                        }
                        g = upper
                    }
                    return true
                }
            }
        }
        guard distinct else { return nil }
        sink = acc
        strings = column
        slots = fresh
    }

    /// Slots needed for `count` keys at a load factor of at most 0.7.
    static func slotCount(for count: Int) -> Int {
        var n = 16
        while n * 7 < count * 10 { n <<= 1 }
        return n
    }

    private mutating func rehash(to count: Int) {
        var fresh = [UInt64](repeating: 0, count: 2 * count)
        let mask = count - 1
        let seed = self.seed
        strings.bytes.withUnsafeBufferPointer { bytes in
            strings.offsets.withUnsafeBufferPointer { offsets in
                fresh.withUnsafeMutableBufferPointer { fresh in
                    for v in 0..<(offsets.count - 1) {
                        let key = UnsafeBufferPointer(rebasing: bytes[offsets[v]..<offsets[v + 1]])
                        let (h, word, want) = StringTable.probeKey(key, seed: seed)
                        var i = Int(truncatingIfNeeded: h) & mask
                        while fresh[2 * i + 1] != 0 { i = (i + 1) & mask }
                        fresh[2 * i] = word
                        fresh[2 * i + 1] = want << 32 | UInt64(v + 1)
                    }
                }
            }
        }
        slots = fresh
    }

    /// Whether string `v` equals `key` (used for keys longer than the 8 bytes kept in the slot).
    @inlinable func verify(_ key: UnsafeBufferPointer<UInt8>, _ v: Int) -> Bool {
        strings.bytes.withUnsafeBufferPointer { bytes in
            strings.offsets.withUnsafeBufferPointer { offsets in
                StringTable.equal(key, bytes, offsets[v], offsets[v + 1])
            }
        }
    }

    /// Where a probe ended: the slot holding the key (`index` ≥ 0) or the empty slot after the run it walked
    /// (`index` -1), and the slot's two words for the key (`tag` is the upper half of `meta`).
    @usableFromInline struct Probed {
        @usableFromInline var slot: Int
        @usableFromInline var index: Int
        @usableFromInline var word: UInt64
        @usableFromInline var tag: UInt64
        @inlinable init(slot: Int, index: Int, word: UInt64, tag: UInt64) {
            self.slot = slot
            self.index = index
            self.word = word
            self.tag = tag
        }
    }

    /// The probe every lookup and insert shares (linear, from the key's home slot, over non-empty `slots`): stops
    /// at the slot holding `key` or at an empty one. A slot whose index is not below `count` never matches (slots
    /// read from a file may be damaged), and the walk visits each slot at most once (`slot` -1 when none was
    /// empty). `same(v)` compares `key` with string `v`; it is asked only for keys longer than the 8 bytes a
    /// slot keeps.
    @inlinable @inline(__always)
    static func probe(
        _ slots: UnsafeBufferPointer<UInt64>, _ key: UnsafeBufferPointer<UInt8>, seed: UInt64, count: Int,
        same: (Int) -> Bool
    ) -> Probed {
        let (h, word, want) = probeKey(key, seed: seed)
        let mask = slots.count / 2 - 1
        var i = Int(truncatingIfNeeded: h) & mask
        for _ in 0...mask {
            let meta = slots[2 * i + 1]
            if meta == 0 { return Probed(slot: i, index: -1, word: word, tag: want) }
            if meta >> 32 == want && slots[2 * i] == word {
                let v = Int(meta & 0xFFFF_FFFF) - 1
                if UInt(bitPattern: v) < UInt(bitPattern: count) && (key.count <= 8 || same(v)) {
                    return Probed(slot: i, index: v, word: word, tag: want)
                }
            }
            i = (i + 1) & mask
        }
        return Probed(slot: -1, index: -1, word: word, tag: want)
    }

    /// The `meta` word of `key`'s home slot: touching it ahead of a batch of probes overlaps their cache misses.
    @inlinable @inline(__always)
    static func home(_ slots: UnsafeBufferPointer<UInt64>, _ key: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        slots[2 * (Int(truncatingIfNeeded: hash(key, seed: seed)) & (slots.count / 2 - 1)) + 1]
    }

    /// The hash, the key's first 8 bytes, and the upper half of the slot's `meta` (length and hash tag).
    @inlinable @inline(__always)
    static func probeKey(_ key: UnsafeBufferPointer<UInt8>, seed: UInt64) -> (UInt64, UInt64, UInt64) {
        let h = hash(key, seed: seed)
        var word: UInt64 = 0
        if let base = key.baseAddress {
            if key.count >= 8 {
                word = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
            } else {
                for i in 0..<key.count { word |= UInt64(base[i]) << (8 * UInt64(i)) }
            }
        }
        return (h, word, UInt64(Swift.min(key.count, 255)) << 24 | h >> 40)
    }

    @inlinable @inline(__always)
    static func equal(_ key: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> Bool
    {
        let n = key.count
        guard end - start == n else { return false }
        if n == 0 { return true }
        guard let a = key.baseAddress, let b = bytes.baseAddress else { return false }
        var i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(a).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let y = UnsafeRawPointer(b + start).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != y { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[start + i] { return false }
            i += 1
        }
        return true
    }

    /// A seeded 64-bit hash of a byte string: each 8-byte word is folded in with a 64×64→128-bit multiply whose
    /// halves are xor-ed (as in wyhash), so every input bit reaches the low bits that pick the slot.
    @inlinable @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let r = a.multipliedFullWidth(by: b)
            return r.high ^ r.low
        }
        let n = key.count
        var h = seed ^ UInt64(truncatingIfNeeded: n)
        guard let base = key.baseAddress else { return mix(h, 0x9E37_79B9_7F4A_7C15) }
        let p = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = mix(h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0x9E37_79B9_7F4A_7C15)
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ w, 0xBF58_476D_1CE4_E5B9)
        }
        return mix(h ^ 0x94D0_49BB_1331_11EB, 0xD6E8_FEB8_6659_FD93)
    }
}
