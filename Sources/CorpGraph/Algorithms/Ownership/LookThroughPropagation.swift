import Foundation

/// The holdings of a ``LookThroughIndex`` laid out for one sparse propagation per holder (``LookThroughHoldings``):
/// entities renumbered in topological order of the strongly connected components of the whole `owns` graph (holders
/// before what they hold, the members of a cross-holding consecutive), the weights under the lower and the upper share
/// bounds in CSR form, and per cross-holding its incoming terms and whether it is closed.
///
/// The components of the part reachable from any subject are components of the whole graph (a component reached in
/// one member is reached in all), so one decomposition serves every holder, and the entities one holder reaches,
/// sorted by their new number, are in the order ``LocalSystem/solve(weights:)`` processes them.
final class LookThroughPropagation: @unchecked Sendable {
    let count: Int
    /// New number → entity, entity → new number.
    let oldOf: UnsafeMutableBufferPointer<Int32>
    let newOf: UnsafeMutableBufferPointer<Int32>
    /// Out-adjacency in new numbers, self-holdings left out (a singleton reads its own value as 0 before it has one;
    /// a cross-holding member's self-holding is in its incoming terms below).
    let offsets: UnsafeMutableBufferPointer<Int32>
    let targets: UnsafeMutableBufferPointer<Int32>
    let lower: UnsafeMutableBufferPointer<Double>
    let upper: UnsafeMutableBufferPointer<Double>
    /// Per new number, its cross-holding (index into `cycleStart`), or -1.
    let cycleOf: UnsafeMutableBufferPointer<Int32>
    /// Cross-holding c's members are the new numbers `cycleStart[c]..<cycleEnd[c]`.
    let cycleStart: [Int32]
    let cycleEnd: [Int32]
    /// Closed (every member's holders inside it hold all of it: spectral radius ≥ 1) under each bound.
    let closedLower: [Bool]
    let closedUpper: [Bool]
    /// Incoming terms of each cross-holding member from members (self-holdings included), by new number.
    let inOffsets: UnsafeMutableBufferPointer<Int32>
    let inSource: UnsafeMutableBufferPointer<Int32>
    let inLower: UnsafeMutableBufferPointer<Double>
    let inUpper: UnsafeMutableBufferPointer<Double>
    /// Every weight's bounds coincide (exact shares): the upper propagation equals the lower one.
    let exact: Bool

    /// - Complexity: O(V + E).
    init(_ index: LookThroughIndex) {
        let h = index.holdings
        let n = index.graph.entityCount
        count = n
        // Tarjan's algorithm, iterative, over the holdings (old numbers).
        var order = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var call: [(v: Int32, k: Int32)] = []
        var counter: Int32 = 0
        var members: [Int32] = []  // components in completion order (reverse topological), flattened
        var starts: [Int32] = [0]
        members.reserveCapacity(n)
        for root in 0..<n where order[root] < 0 {
            order[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            call.append((Int32(root), h.outOffsets[root]))
            while let (v, k) = call.last {
                let vi = Int(v)
                if k < h.outOffsets[vi + 1] {
                    call[call.count - 1].k = k + 1
                    let u = Int(h.target[Int(k)])
                    if order[u] < 0 {
                        order[u] = counter; low[u] = counter; counter += 1
                        stack.append(Int32(u)); onStack[u] = true
                        call.append((Int32(u), h.outOffsets[u]))
                    } else if onStack[u] {
                        low[vi] = min(low[vi], order[u])
                    }
                } else {
                    call.removeLast()
                    if let (parent, _) = call.last { low[Int(parent)] = min(low[Int(parent)], low[vi]) }
                    if low[vi] == order[vi] {
                        while let u = stack.popLast() {
                            onStack[Int(u)] = false
                            members.append(u)
                            if u == v { break }
                        }
                        starts.append(Int32(members.count))
                    }
                }
            }
        }
        order = []; low = []; onStack = []
        // New numbers: components from the last completed (a source) to the first.
        oldOf = .allocate(capacity: n)
        newOf = .allocate(capacity: n)
        cycleOf = .allocate(capacity: n)
        cycleOf.initialize(repeating: -1)
        var cStart: [Int32] = []
        var cEnd: [Int32] = []
        var next: Int32 = 0
        for c in stride(from: starts.count - 2, through: 0, by: -1) {
            let (s, e) = (Int(starts[c]), Int(starts[c + 1]))
            let first = next
            for k in s..<e {
                oldOf[Int(next)] = members[k]
                newOf[Int(members[k])] = next
                next += 1
            }
            if e - s > 1 {
                for a in first..<next { cycleOf[Int(a)] = Int32(cStart.count) }
                cStart.append(first)
                cEnd.append(next)
            }
        }
        members = []
        cycleStart = cStart
        cycleEnd = cEnd
        // Weights per holding, out-adjacency and cross-holding terms in new numbers.
        var tg: [Int32] = [], lo: [Double] = [], hi: [Double] = []
        tg.reserveCapacity(h.count); lo.reserveCapacity(h.count); hi.reserveCapacity(h.count)
        var off = [Int32](repeating: 0, count: n + 1)
        var inCount = [Int32](repeating: 0, count: n + 1)
        var allExact = true
        for a in 0..<n {
            let v = Int(oldOf[a])
            let c = cycleOf[a]
            for e in h.outRange(v) {
                let t = newOf[Int(h.target[e])]
                if c >= 0 && cycleOf[Int(t)] == c { inCount[Int(t) + 1] += 1 }
                if Int(t) == a { continue }
                let (l, u) = index.weights(e)
                if l != u { allExact = false }
                tg.append(t); lo.append(l); hi.append(u)
            }
            off[a + 1] = Int32(tg.count)
        }
        for a in 0..<n { inCount[a + 1] += inCount[a] }
        let terms = Int(inCount[n])
        var inSrc = [Int32](repeating: 0, count: terms)
        var inLo = [Double](repeating: 0, count: terms), inHi = [Double](repeating: 0, count: terms)
        var colLo = [Double](repeating: 0, count: cStart.count), colHi = colLo
        var cursor = inCount
        for (c, (s, e)) in zip(cStart, cEnd).enumerated() {
            for a in Int(s)..<Int(e) {
                for e in h.outRange(Int(oldOf[a])) {
                    let t = Int(newOf[Int(h.target[e])])
                    guard cycleOf[t] == Int32(c) else { continue }
                    let (l, u) = index.weights(e)
                    if l != u { allExact = false }
                    inSrc[Int(cursor[t])] = Int32(a)
                    inLo[Int(cursor[t])] = l
                    inHi[Int(cursor[t])] = u
                    cursor[t] += 1
                }
            }
            // The smallest column sum inside the cross-holding, per bound.
            var minLo = Double.infinity, minHi = Double.infinity
            for a in Int(s)..<Int(e) {
                var sl = 0.0, su = 0.0
                for k in Int(inCount[a])..<Int(inCount[a + 1]) {
                    sl += inLo[k]
                    su += inHi[k]
                }
                minLo = min(minLo, sl)
                minHi = min(minHi, su)
            }
            colLo[c] = minLo
            colHi[c] = minHi
        }
        closedLower = colLo.map { $0 >= 1 - 1e-12 }
        closedUpper = colHi.map { $0 >= 1 - 1e-12 }
        exact = allExact
        offsets = .allocate(capacity: n + 1)
        _ = offsets.initialize(from: off)
        targets = Self.copy(tg)
        lower = Self.copy(lo)
        upper = Self.copy(hi)
        inOffsets = Self.copy(inCount)
        inSource = Self.copy(inSrc)
        self.inLower = Self.copy(inLo)
        self.inUpper = Self.copy(inHi)
    }

    private static func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
        let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(a.count, 1))
        _ = p.initialize(from: a)
        return UnsafeMutableBufferPointer(rebasing: p[0..<a.count])
    }

    deinit {
        for p in [oldOf, newOf, offsets, targets, cycleOf, inOffsets, inSource] { p.baseAddress?.deallocate() }
        for p in [lower, upper, inLower, inUpper] { p.baseAddress?.deallocate() }
    }
}
