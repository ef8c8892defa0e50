import CorpGraph

/// Value checks run on every mapped column before the graph uses it, so a damaged file that still matches its
/// header can give wrong answers at worst, never an index out of range. Each is one pass the compiler vectorises.
enum ColumnChecks {
    /// Every value in `lo..<hi`.
    static func range(_ c: Column<Int32>, _ lo: Int32, _ hi: Int32) -> Bool {
        if c.isEmpty { return true }
        if hi <= lo { return false }
        return c.withUnsafeBufferPointer { b in
            let n = b.count
            let p = UnsafeRawPointer(b.baseAddress!)
            var vmn = SIMD16<Int32>(repeating: .max), vmx = SIMD16<Int32>(repeating: .min)
            var i = 0
            while i + 16 <= n {
                let v = p.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Int32>.self)
                vmn = pointwiseMin(vmn, v)
                vmx = pointwiseMax(vmx, v)
                i += 16
            }
            var mn = vmn.min(), mx = vmx.max()
            while i < n {
                mn = Swift.min(mn, b[i])
                mx = Swift.max(mx, b[i])
                i += 1
            }
            return mn >= lo && mx < hi
        }
    }

    /// Every byte below `bound` (enum raw values).
    static func range(_ c: Column<UInt8>, below bound: UInt8) -> Bool {
        c.withUnsafeBufferPointer { b in
            var mx: UInt8 = 0
            for x in b { mx = Swift.max(mx, x) }
            return b.isEmpty || mx < bound
        }
    }

    /// `count` offsets starting at 0, never decreasing, ending at `total`. (A plain loop: a generic SIMD compare
    /// measured slower here.)
    static func offsets<T: FixedWidthInteger & BitwiseCopyable>(_ c: Column<T>, count: Int, total: Int) -> Bool {
        guard c.count == count, count >= 1, c[0] == 0, Int(exactly: c[count - 1]) == total else { return false }
        return c.withUnsafeBufferPointer { b in
            var bad = false
            for i in 1..<b.count { bad = bad || b[i] < b[i - 1] }
            return !bad
        }
    }
}

/// Repairs of columns that failed their check, in place in the private mapping (never written back to the file):
/// afterwards every value is what its check demands, so the graph reads in bounds (with wrong answers), as the
/// damage is reported.
enum ColumnRepairs {
    /// Values outside `lo..<hi` become `lo`.
    static func range(_ c: Column<Int32>, _ lo: Int32, _ hi: Int32, in mapping: FileMapping) {
        rewrite(c, in: mapping) { p, n in
            for i in 0..<n where p[i] < lo || p[i] >= hi { p[i] = lo }
        }
    }

    /// Bytes at or above `bound` become 0.
    static func range(_ c: Column<UInt8>, below bound: UInt8, in mapping: FileMapping) {
        rewrite(c, in: mapping) { p, n in
            for i in 0..<n where p[i] >= bound { p[i] = 0 }
        }
    }

    /// Offsets clamped to `0...total` and made non-decreasing (the first and last were checked on open).
    static func offsets<T: FixedWidthInteger & BitwiseCopyable>(_ c: Column<T>, total: Int, in mapping: FileMapping) {
        let top = T(clamping: total)
        rewrite(c, in: mapping) { p, n in
            var previous: T = 0
            for i in 0..<n {
                let v = Swift.min(Swift.max(p[i], previous), top)
                p[i] = v
                previous = v
            }
        }
    }

    private static func rewrite<T: BitwiseCopyable>(
        _ c: Column<T>, in mapping: FileMapping, _ body: (UnsafeMutablePointer<T>, Int) -> Void
    ) {
        c.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            mapping.rewriting(UnsafeRawPointer(base), length: b.count * MemoryLayout<T>.stride) { raw in
                body(raw.assumingMemoryBound(to: T.self), b.count)
            }
        }
    }
}
