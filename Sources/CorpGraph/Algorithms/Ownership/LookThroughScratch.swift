import Foundation

/// One worker's scratch for ``LookThroughHoldings``: a value per entity under each share bound and flag bits (raw
/// memory, all zero between holders: only the entities a holder reached are reset), the reached list, the stack.
///
/// ``run(holder:_:)`` computes what ``LocalSystem/solve(weights:)`` computes for one subject in the `holder`
/// direction, under both bounds, over the arrays of a ``LookThroughPropagation`` instead of a local copy: the reached
/// entities sorted by their topological number, an acyclic one pushing its value once, a cross-holding solved by
/// Gauss–Seidel sweeps (same stopping rule and closed-loop test) and then pushing out of itself.
struct LookThroughScratch {
    static let reachedBit: UInt8 = 1
    static let unboundedLower: UInt8 = 2
    static let unboundedUpper: UInt8 = 4

    let valueLower: UnsafeMutablePointer<Double>
    let valueUpper: UnsafeMutablePointer<Double>
    let flags: UnsafeMutablePointer<UInt8>
    /// New numbers reached by the last ``run(holder:_:)``, in topological order (the subject's component first).
    private(set) var reach: [Int32] = []
    private(set) var subject = 0
    /// Cross-holdings found closed (walks round them diverge) under each bound by the last run.
    private(set) var loopsLower: [Int32] = []
    private(set) var loopsUpper: [Int32] = []
    private var stack: [Int32] = []
    private var ext: [Double] = []

    init(count n: Int) {
        valueLower = .allocate(capacity: max(n, 1))
        valueLower.initialize(repeating: 0, count: max(n, 1))
        valueUpper = .allocate(capacity: max(n, 1))
        valueUpper.initialize(repeating: 0, count: max(n, 1))
        flags = .allocate(capacity: max(n, 1))
        flags.initialize(repeating: 0, count: max(n, 1))
    }

    func release() {
        valueLower.deallocate()
        valueUpper.deallocate()
        flags.deallocate()
    }

    /// The values of everything `holder` (an entity index) reaches, under both bounds; read them with
    /// ``lower(_:exact:)`` and ``upper(_:exact:)`` before ``clear()``.
    mutating func run(holder: Int, _ p: LookThroughPropagation) {
        let s = Int(p.newOf[holder])
        subject = s
        reach.removeAll(keepingCapacity: true)
        loopsLower.removeAll(keepingCapacity: true)
        loopsUpper.removeAll(keepingCapacity: true)
        flags[s] = Self.reachedBit
        reach.append(Int32(s))
        stack.append(Int32(s))
        let off = p.offsets, tg = p.targets
        while let v = stack.popLast() {
            for k in Int(off[Int(v)])..<Int(off[Int(v) + 1]) {
                let u = Int(tg[k])
                if flags[u] & Self.reachedBit == 0 {
                    flags[u] = Self.reachedBit
                    reach.append(Int32(u))
                    stack.append(Int32(u))
                }
            }
        }
        reach.sort()  // the new numbers are topological positions
        var found = loopsLower
        propagate(
            p, values: valueLower, bit: Self.unboundedLower, weights: p.lower, terms: p.inLower,
            closed: p.closedLower, loops: &found)
        loopsLower = found
        if !p.exact {
            found = loopsUpper
            propagate(
                p, values: valueUpper, bit: Self.unboundedUpper, weights: p.upper, terms: p.inUpper,
                closed: p.closedUpper, loops: &found)
            loopsUpper = found
        }
    }

    /// The effective lower bound of new number `v` (infinite: unbounded).
    @inline(__always) func lower(_ v: Int) -> Double {
        flags[v] & Self.unboundedLower != 0 ? .infinity : valueLower[v]
    }

    /// The effective upper bound of new number `v` (nil: unbounded).
    @inline(__always) func upper(_ v: Int, exact: Bool) -> Double? {
        if exact { return flags[v] & Self.unboundedLower != 0 ? nil : valueLower[v] }
        return flags[v] & Self.unboundedUpper != 0 ? nil : valueUpper[v]
    }

    /// Zeroes what the last run touched.
    mutating func clear() {
        for v in reach {
            valueLower[Int(v)] = 0
            valueUpper[Int(v)] = 0
            flags[Int(v)] = 0
        }
        reach.removeAll(keepingCapacity: true)
    }

    /// y = e_subject + Σ W·y over the reached part under one bound (the subject's value keeps its 1: the caller never
    /// reads it). Unbounded entities carry the flag `bit` and push only the flag, along positive weights.
    private mutating func propagate(
        _ p: LookThroughPropagation, values x: UnsafeMutablePointer<Double>, bit: UInt8,
        weights w: UnsafeMutableBufferPointer<Double>, terms: UnsafeMutableBufferPointer<Double>, closed: [Bool],
        loops: inout [Int32]
    ) {
        let off = p.offsets, tg = p.targets, cycleOf = p.cycleOf
        x[subject] = 1
        func markUnbounded(_ members: Range<Int>) {
            for a in members { flags[a] |= bit }
            for a in members {
                for k in Int(off[a])..<Int(off[a + 1]) where w[k] > 0 { flags[Int(tg[k])] |= bit }
            }
        }
        var i = 0
        while i < reach.count {
            let v = Int(reach[i])
            let c = Int(cycleOf[v])
            if c < 0 {
                i += 1
                if flags[v] & bit != 0 {
                    for k in Int(off[v])..<Int(off[v + 1]) where w[k] > 0 { flags[Int(tg[k])] |= bit }
                } else {
                    let xv = x[v]
                    if xv != 0 { for k in Int(off[v])..<Int(off[v + 1]) { x[Int(tg[k])] += xv * w[k] } }
                }
                continue
            }
            let members = Int(p.cycleStart[c])..<Int(p.cycleEnd[c])
            i += members.count
            var fed = false
            var inflow = false
            for a in members {
                if flags[a] & bit != 0 { fed = true }
                if x[a] > 0 { inflow = true }
            }
            if fed {
                markUnbounded(members)
                continue
            }
            if !inflow { continue }  // nothing reaches it: zero there
            var diverges = closed[c]
            if !diverges {
                ext.removeAll(keepingCapacity: true)
                for a in members {
                    ext.append(x[a])
                    x[a] = 0
                }
                var sweeps = 0
                while true {
                    var change = 0.0
                    var largest = 0.0
                    for a in members {
                        var sum = ext[a - members.lowerBound]
                        for k in Int(p.inOffsets[a])..<Int(p.inOffsets[a + 1]) {
                            sum += terms[k] * x[Int(p.inSource[k])]
                        }
                        change = max(change, abs(sum - x[a]) / max(1, abs(sum)))
                        x[a] = sum
                        largest = max(largest, sum)
                    }
                    sweeps += 1
                    if change < 1e-15 { break }
                    if !change.isFinite || sweeps >= 100_000 || largest > 1e12 {
                        diverges = true
                        break
                    }
                }
            }
            if diverges {
                loops.append(Int32(c))
                markUnbounded(members)
                continue
            }
            for a in members {
                let xa = x[a]
                guard xa != 0 else { continue }
                for k in Int(off[a])..<Int(off[a + 1]) where cycleOf[Int(tg[k])] != Int32(c) {
                    x[Int(tg[k])] += xa * w[k]
                }
            }
        }
    }
}
