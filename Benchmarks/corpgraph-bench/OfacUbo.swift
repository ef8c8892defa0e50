import CorpGraph
import Foundation

// Benchmark tasks T4 (ofac50) and T5 (ubo), exactly as defined in shared/bench/README.md. They differ on purpose from
// the library's regime analysis (`SanctionsAnalysis`): here every listed entity seeds (no dates, every list), parallel
// `owns` relationships of one pair are summed, and only companies can become blocked.

/// T4: the OFAC 50 % rule as a least fixed point. `B0` = entities with a non-empty `sanctions` field (designations);
/// a company joins when the `owns` shares held by members sum to at least 50 % (exact, in ten-thousandths of a
/// percent; parallel relationships summed). Returns the text of `ofac50.tsv` (the sorted ids of B, one per line) and
/// the seconds of the fixed point alone (B as entity indices, as the peers' timers stop at a membership array).
/// - Complexity: O(V) to find the seeds, plus O(out-degree) per member.
func benchOfac50(graph g: Graph) -> (text: String, seconds: Double) {
    let start = ContinuousClock.now
    let blocked = ofac50Members(graph: g)
    let elapsed = ContinuousClock.now - start
    // Bytewise order, as the oracle sorts.
    var text: [UInt8] = []
    for v in g.sortedByID(blocked) {
        g.appendID(v, to: &text)
        text.append(10)
    }
    return (String(decoding: text, as: UTF8.self),
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}

/// The members of T4's fixed point B, as entity indices in the order they joined.
func ofac50Members(graph g: Graph) -> [Int32] {
    let n = g.entityCount
    let (offsets, rels, neighbours) = g.outCSR
    let kinds = g.relationshipKinds
    let threshold = Percent(50).units
    var acc = [Int64](repeating: 0, count: n)
    var member = [Bool](repeating: false, count: n)
    var stack: [Int32] = []
    for v in 0..<n where g.hasDesignations(v) {
        member[v] = true
        stack.append(Int32(v))
    }
    var blocked = stack
    while let v = stack.popLast() {
        for k in Int(offsets[Int(v)])..<Int(offsets[Int(v) + 1]) where kinds[Int(rels[k])] == .owns {
            let c = Int(neighbours[k])
            if member[c] || c == Int(v) || g.kind(c) != .company { continue }
            acc[c] += g.shareBounds(Int(rels[k])).lo
            if acc[c] >= threshold {
                member[c] = true
                stack.append(Int32(c))
                blocked.append(Int32(c))
            }
        }
    }
    return blocked
}

/// T5: effective (look-through) ownership over all walks, E = W(I − W)⁻¹, from every person to every company.
///
/// W sums the shares of all `owns` relationships of a pair. For each person, the entities it reaches through `owns`
/// are processed in the topological order of the strongly connected components of the whole ownership graph:
/// an acyclic node pushes its value once; a cross-holding cycle is solved by Gauss–Seidel sweeps until the largest
/// change is below 1e-15, then pushes. Returns the `ubo.tsv` lines (`person\tcompany\teffective`, 9 decimals, sorted)
/// for the pairs with E ≥ 0.25 − 1e-9, their number, and Σ E[p][c] over all persons and companies.
/// - Complexity: O(Σ_p (R_p log R_p + E_p)) for the R_p entities and E_p relationships reachable from person p.
func benchUBO(graph g: Graph) -> (lines: [String], pairs: Int, sumEffective: Double) {
    trace("ubo start")
    let m0 = OwnsMatrix(graph: g)
    trace("ubo matrix")
    let w = m0.topologicallyRenumbered()
    trace("ubo renumber")
    let n = g.entityCount
    // Persons with holdings in bytewise id order.
    let holders = (0..<n).filter { g.kind($0) == .person && m0.offsets[$0] != m0.offsets[$0 + 1] }
    let persons = g.sortedByID(holders).map { (id: g.id($0), v: Int32($0)) }
    let isCompany = (0..<n).map { g.kind(Int(w.oldOf[$0])) == .company }

    // Persons are dealt round-robin to the workers; each writes its persons' lines (companies in bytewise id order),
    // and the lines are then gathered in person order.
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    let results = UnsafeMutableBufferPointer<(lines: [String], ends: [Int32], sum: Double)>.allocate(capacity: workers)
    results.initialize(repeating: ([], [], 0))
    defer { results.deallocate() }
    let box = SendableBox(results)
    DispatchQueue.concurrentPerform(iterations: workers) { k in
        var worker = UBOWorker(n: n)
        defer { worker.release() }
        var out = UBOWorker.Output()
        var lines: [String] = []
        var ends: [Int32] = []
        var slice: [(UInt64, String, Double)] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        for i in stride(from: k, to: persons.count, by: workers) {
            out.companies.removeAll(keepingCapacity: true)
            out.values.removeAll(keepingCapacity: true)
            worker.run(person: Int(w.newOf[Int(persons[i].v)]), w: w, isCompany: isCompany, into: &out)
            if !out.companies.isEmpty {
                slice.removeAll(keepingCapacity: true)
                for (c, x) in zip(out.companies, out.values) {
                    let old = Int(w.oldOf[Int(c)])
                    slice.append((g.idPrefixKey(old), g.id(old), x))
                }
                slice.sort { (a: (UInt64, String, Double), b: (UInt64, String, Double)) -> Bool in
                    a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
                }
                let pid = persons[i].id
                for (_, cid, x) in slice {
                    buffer.removeAll(keepingCapacity: true)
                    buffer.append(contentsOf: pid.utf8)
                    buffer.append(9)
                    buffer.append(contentsOf: cid.utf8)
                    buffer.append(9)
                    appendFixed9(x, to: &buffer)
                    lines.append(String(decoding: buffer, as: UTF8.self))
                }
            }
            ends.append(Int32(lines.count))
        }
        box.pointer[k] = (lines, ends, out.sum)
    }
    trace("ubo propagate+lines")
    var lines: [String] = []
    var total = 0.0
    var count = 0
    for r in results { total += r.sum; count += r.lines.count }
    lines.reserveCapacity(count)
    var cursor = [Int](repeating: 0, count: workers)
    for i in 0..<persons.count {
        let k = i % workers
        let j = cursor[k]
        cursor[k] += 1
        let start = j == 0 ? 0 : Int(results[k].ends[j - 1])
        let end = Int(results[k].ends[j])
        if start < end { lines.append(contentsOf: results[k].lines[start..<end]) }
    }
    trace("ubo gather")
    return (lines, lines.count, total)
}

/// Appends `x` with exactly nine decimals (`0.451800000`), as Python's `f"{x:.9f}"` (x ≥ 0).
func appendFixed9(_ x: Double, to out: inout [UInt8]) {
    let scaled = (x * 1e9).rounded()
    guard scaled.isFinite, scaled >= 0, scaled < 9e17 else {
        out.append(contentsOf: String(format: "%.9f", x).utf8)
        return
    }
    let v = UInt64(scaled)
    out.append(contentsOf: String(v / 1_000_000_000).utf8)
    out.append(UInt8(ascii: "."))
    var frac = v % 1_000_000_000
    let at = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9))
    for i in stride(from: at + 8, through: at, by: -1) {
        out[i] = 48 + UInt8(frac % 10)
        frac /= 10
    }
}

/// The first eight UTF-8 bytes, big-endian, zero-padded: orders like bytewise comparison up to ties.
nonisolated(unsafe) var traceStart = DispatchTime.now().uptimeNanoseconds
func trace(_ label: String) {
    guard ProcessInfo.processInfo.environment["UBO_TRACE"] != nil else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    print("  \(label): \(Double(now &- min(now, traceStart)) / 1e6) ms")
    traceStart = now
}

private struct SendableBox<T>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<T>
    init(_ p: UnsafeMutableBufferPointer<T>) { pointer = p }
}

/// W in CSR form: `owns` relationships with parallel ones summed (exact units, then as a fraction), self-loops dropped.
struct OwnsMatrix: Sendable {
    var offsets: [Int32]
    var targets: [Int32]
    var weights: [Double]

    init(graph g: Graph) {
        let n = g.entityCount
        let (off, rels, nbrs) = g.outCSR
        let kinds = g.relationshipKinds
        offsets = [Int32](repeating: 0, count: n + 1)
        targets = []
        weights = []
        targets.reserveCapacity(rels.count)
        weights.reserveCapacity(rels.count)
        let scale = Double(Percent.hundred.units)
        for v in 0..<n {
            var k = Int(off[v])
            let end = Int(off[v + 1])
            while k < end {
                let t = nbrs[k]
                var units: Int64 = 0
                var any = false
                while k < end && nbrs[k] == t {
                    if kinds[Int(rels[k])] == .owns {
                        units += g.shareBounds(Int(rels[k])).lo
                        any = true
                    }
                    k += 1
                }
                if any && Int(t) != v {
                    targets.append(t)
                    weights.append(Double(units) / scale)
                }
            }
            offsets[v + 1] = Int32(targets.count)
        }
    }

    /// The same matrix with entities renumbered in topological order of the strongly connected components
    /// (holders before what they hold; the members of a cycle consecutive). Tarjan's depth-first order also keeps
    /// subsidiaries of one holder close together, so per-person sweeps touch memory almost sequentially.
    func topologicallyRenumbered() -> Renumbered {
        let n = offsets.count - 1
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var call: [(Int32, Int32)] = []
        var counter: Int32 = 0
        // Components in completion order (reverse topological); flattened with start offsets.
        var compMembers: [Int32] = []
        var compStarts: [Int32] = [0]
        for root in 0..<n where index[root] < 0 {
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            call.append((Int32(root), offsets[root]))
            while let (v, k) = call.last {
                let vi = Int(v)
                if k < offsets[vi + 1] {
                    call[call.count - 1].1 = k + 1
                    let u = Int(targets[Int(k)])
                    if index[u] < 0 {
                        index[u] = counter; low[u] = counter; counter += 1
                        stack.append(Int32(u)); onStack[u] = true
                        call.append((Int32(u), offsets[u]))
                    } else if onStack[u] {
                        low[vi] = min(low[vi], index[u])
                    }
                } else {
                    call.removeLast()
                    if let (parent, _) = call.last { low[Int(parent)] = min(low[Int(parent)], low[vi]) }
                    if low[vi] == index[vi] {
                        while let u = stack.popLast() {
                            onStack[Int(u)] = false
                            compMembers.append(u)
                            if u == v { break }
                        }
                        compStarts.append(Int32(compMembers.count))
                    }
                }
            }
        }
        // New ids: components from last completed to first.
        var oldOf = [Int32](repeating: 0, count: n)
        var newOf = [Int32](repeating: 0, count: n)
        var cycleEnd = [Int32](repeating: -1, count: n)
        var next: Int32 = 0
        for c in stride(from: compStarts.count - 2, through: 0, by: -1) {
            let (s, e) = (Int(compStarts[c]), Int(compStarts[c + 1]))
            let first = next
            for k in s..<e {
                oldOf[Int(next)] = compMembers[k]
                newOf[Int(compMembers[k])] = next
                next += 1
            }
            if e - s > 1 { for a in first..<next { cycleEnd[Int(a)] = next } }
        }
        var r = Renumbered(offsets: [Int32](repeating: 0, count: n + 1), targets: [], weights: [], oldOf: oldOf, newOf: newOf,
                           cycleEnd: cycleEnd)
        r.targets.reserveCapacity(targets.count)
        r.weights.reserveCapacity(targets.count)
        for a in 0..<n {
            let v = Int(oldOf[a])
            for k in Int(offsets[v])..<Int(offsets[v + 1]) {
                r.targets.append(newOf[Int(targets[k])])
                r.weights.append(weights[k])
            }
            r.offsets[a + 1] = Int32(r.targets.count)
        }
        return r
    }

    /// W with topologically ordered ids; `cycleEnd[a]` is the end of a's cycle (its members are `a`'s cycle start
    /// up to it) or -1 when a lies on no cycle.
    struct Renumbered: Sendable {
        var offsets: [Int32]
        var targets: [Int32]
        var weights: [Double]
        var oldOf: [Int32]
        var newOf: [Int32]
        var cycleEnd: [Int32]
    }
}

/// Per-worker scratch for T5: values and visit stamps (raw memory, reused across persons) and the reach list.
struct UBOWorker {
    /// Pairs at or above the threshold (renumbered company ids), per person up to `ends`, and the running sum.
    struct Output {
        var companies: [Int32] = []
        var values: [Double] = []
        var ends: [Int32] = []
        var sum = 0.0
    }

    let x: UnsafeMutablePointer<Double>
    let stamp: UnsafeMutablePointer<Int32>
    var current: Int32 = 0
    var reach: [Int32] = []
    var stack: [Int32] = []

    init(n: Int) {
        x = .allocate(capacity: n)
        x.initialize(repeating: 0, count: n)
        stamp = .allocate(capacity: n)
        stamp.initialize(repeating: 0, count: n)
    }

    func release() {
        x.deallocate()
        stamp.deallocate()
    }

    /// Computes E[p][·] (renumbered ids) and records the companies' values.
    mutating func run(person p: Int, w: OwnsMatrix.Renumbered, isCompany: [Bool], into out: inout Output) {
        current += 1
        reach.removeAll(keepingCapacity: true)
        stack.append(Int32(p))
        stamp[p] = current
        w.offsets.withUnsafeBufferPointer { off in
            w.targets.withUnsafeBufferPointer { tg in
                while let v = stack.popLast() {
                    for k in Int(off[Int(v)])..<Int(off[Int(v) + 1]) {
                        let u = Int(tg[k])
                        if stamp[u] != current {
                            stamp[u] = current
                            reach.append(Int32(u))
                            stack.append(Int32(u))
                        }
                    }
                }
            }
        }
        reach.sort()  // topological order: ids are topological positions
        w.offsets.withUnsafeBufferPointer { off in
            w.targets.withUnsafeBufferPointer { tg in
                w.weights.withUnsafeBufferPointer { wt in
                    for k in Int(off[p])..<Int(off[p + 1]) { x[Int(tg[k])] += wt[k] }
                    var i = 0
                    while i < reach.count {
                        let v = Int(reach[i])
                        let end = Int(w.cycleEnd[v])
                        if end < 0 {
                            let xv = x[v]
                            if xv != 0 {
                                for k in Int(off[v])..<Int(off[v + 1]) { x[Int(tg[k])] += xv * wt[k] }
                            }
                            i += 1
                        } else {
                            // A cross-holding cycle: members v..<end, consecutive in `reach` (all reached together).
                            solveCycle(v..<end, w: w)
                            i += end - v
                        }
                    }
                }
            }
        }
        var sum = 0.0
        for v in reach {
            let xv = x[Int(v)]
            x[Int(v)] = 0
            guard isCompany[Int(v)] else { continue }
            sum += xv
            if xv >= 0.25 - 1e-9 {
                out.companies.append(v)
                out.values.append(xv)
            }
        }
        out.sum += sum
    }

    /// y[v] = ext[v] + Σ_{u in cycle} y[u] W[u][v], by Gauss–Seidel sweeps to 1e-15; then pushes out of the cycle.
    mutating func solveCycle(_ members: Range<Int>, w: OwnsMatrix.Renumbered) {
        let base = members.lowerBound
        let ext = members.map { x[$0] }
        var incoming = [[(Int, Double)]](repeating: [], count: members.count)
        for m in members {
            for k in Int(w.offsets[m])..<Int(w.offsets[m + 1]) where members.contains(Int(w.targets[k])) {
                incoming[Int(w.targets[k]) - base].append((m - base, w.weights[k]))
            }
        }
        var y = ext
        var sweeps = 0
        while sweeps < 10_000 {
            var change = 0.0
            for t in 0..<members.count {
                var s = ext[t]
                for (j, wt) in incoming[t] { s += y[j] * wt }
                change = max(change, abs(s - y[t]))
                y[t] = s
            }
            sweeps += 1
            if change < 1e-15 { break }
        }
        for m in members {
            let ym = y[m - base]
            x[m] = ym
            guard ym != 0 else { continue }
            for k in Int(w.offsets[m])..<Int(w.offsets[m + 1]) where !members.contains(Int(w.targets[k])) {
                x[Int(w.targets[k])] += ym * w.weights[k]
            }
        }
    }
}
