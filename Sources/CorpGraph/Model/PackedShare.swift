/// ``Share`` packed into 12 bytes for the frozen graph's struct-of-arrays edge storage.
public struct PackedShare: Hashable, Sendable, BitwiseCopyable {
    public internal(set) var lo: Int32
    public internal(set) var hi: Int32
    /// bit 0: present; 1: exact; 2: unknown; 3: min given; 4: max given; 5: min exclusive; 6: max exclusive.
    public internal(set) var flags: UInt8

    static let absent = PackedShare(lo: 0, hi: 0, flags: 0)

    package init(lo: Int32, hi: Int32, flags: UInt8) {
        self.lo = lo
        self.hi = hi
        self.flags = flags
    }

    init(_ share: Share?) {
        guard let share else { self = .absent; return }
        func clamp(_ p: Percent) -> Int32 { Int32(clamping: p.units) }
        switch share {
        case .exact(let p): self.init(lo: clamp(p), hi: clamp(p), flags: 0b11)
        case .unknown: self.init(lo: 0, hi: Int32(Percent.hundred.units), flags: 0b101)
        case .range(let r):
            var f: UInt8 = 1
            if r.min != nil { f |= 1 << 3 }
            if r.max != nil { f |= 1 << 4 }
            if r.minExclusive { f |= 1 << 5 }
            if r.maxExclusive { f |= 1 << 6 }
            self.init(lo: r.min.map(clamp) ?? 0, hi: r.max.map(clamp) ?? Int32(Percent.hundred.units), flags: f)
        }
    }

    public var share: Share? {
        if flags & 1 == 0 { return nil }
        if flags & 0b10 != 0 { return .exact(Percent(units: Int64(lo))) }
        if flags & 0b100 != 0 { return .unknown }
        return .range(
            ShareRange(
                min: flags & (1 << 3) != 0 ? Percent(units: Int64(lo)) : nil,
                max: flags & (1 << 4) != 0 ? Percent(units: Int64(hi)) : nil,
                minExclusive: flags & (1 << 5) != 0, maxExclusive: flags & (1 << 6) != 0))
    }
}
