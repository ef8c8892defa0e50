import Foundation

// MARK: - The local linear system

/// The part of the graph reachable from the subject, with local indices (subject = 0), and for each local node the
/// terms it depends on: y[a] = [a = subject] + Σ w · y[b].
struct LocalSystem {
    var nodes: [Int32] = []
    var localOf: [Int32: Int32] = [:]
    /// Walk adjacency: `walk[b]` lists (a, term) where a's value receives y[b] · weight(term).
    var walkOffsets: [Int32] = []
    var walkTarget: [Int32] = []
    var walkRel: [Int32] = []
    var lowerWeights: [Double] = []
    var upperWeights: [Double] = []

    init(index: LookThroughIndex, subject: Int, direction: LookThroughDirection) {
        let h = index.holdings
        nodes = [Int32(subject)]
        localOf = [Int32(subject): 0]
        var edgesOut: [[(Int32, Int32, Double, Double)]] = [[]]
        var queue = 0
        while queue < nodes.count {
            let b = Int(nodes[queue])
            let range: [Int] = direction == .holder ? Array(h.outRange(b)) : h.inRange(b).map { Int(h.inEdge[$0]) }
            for e in range {
                let next = direction == .holder ? h.target[e] : h.source[e]
                let a = localOf[next] ?? Int32(nodes.count)
                if a == nodes.count {  // first reached: the next local index
                    localOf[next] = a
                    nodes.append(next)
                    edgesOut.append([])
                }
                let (lo, hi) = index.weights(e)
                edgesOut[queue].append((a, h.relationship[e], lo, hi))
            }
            queue += 1
        }
        walkOffsets = [0]
        for list in edgesOut {
            for (a, r, lo, hi) in list {
                walkTarget.append(a)
                walkRel.append(r)
                lowerWeights.append(lo)
                upperWeights.append(hi)
            }
            walkOffsets.append(Int32(walkTarget.count))
        }
    }

    func walkRange(_ b: Int) -> Range<Int> { Int(walkOffsets[b])..<Int(walkOffsets[b + 1]) }

    /// Strongly connected components of the walk graph, in topological order (the subject's first).
    func components() -> [[Int]] {
        let m = nodes.count
        var index = [Int](repeating: -1, count: m)
        var low = [Int](repeating: 0, count: m)
        var onStack = [Bool](repeating: false, count: m)
        var stack: [Int] = []
        var out: [[Int]] = []
        var counter = 0
        var call: [(node: Int, edge: Int)] = []
        for root in 0..<m where index[root] < 0 {
            call.append((root, Int(walkOffsets[root])))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !call.isEmpty {
                let (v, ei) = call[call.count - 1]
                if ei < Int(walkOffsets[v + 1]) {
                    call[call.count - 1].edge += 1
                    let w = Int(walkTarget[ei])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        call.append((w, Int(walkOffsets[w])))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    call.removeLast()
                    if let parent = call.last { low[parent.node] = min(low[parent.node], low[v]) }
                    if low[v] == index[v] {
                        var comp: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            comp.append(w)
                            if w == v { break }
                        }
                        out.append(comp)
                    }
                }
            }
        }
        return out.reversed()
    }

    struct Solution {
        var values: [Double]
        var unbounded: [Bool]
        /// Every closed loop the walks reach (local members).
        var closedLoops: [[Int]]
    }

    /// E (as y − e_subject) for one set of weights. Components in topological order; inside a cycle, Gauss–Seidel
    /// sweeps until the largest change is below 1e-15 (relative to the value when above one).
    func solve(weights: [Double]) -> Solution {
        let m = nodes.count
        var y = [Double](repeating: 0, count: m)
        var unbounded = [Bool](repeating: false, count: m)
        var loops: [[Int]] = []
        // Incoming terms per node, for the pull form y[a] = [a = 0] + Σ w · y[b].
        var inOffsets = [Int](repeating: 0, count: m + 1)
        for t in walkTarget { inOffsets[Int(t) + 1] += 1 }
        for a in 0..<m { inOffsets[a + 1] += inOffsets[a] }
        var inSource = [Int](repeating: 0, count: walkTarget.count)
        var inWeight = [Double](repeating: 0, count: walkTarget.count)
        var cursor = inOffsets
        for b in 0..<m {
            for k in walkRange(b) {
                let a = Int(walkTarget[k])
                inSource[cursor[a]] = b
                inWeight[cursor[a]] = weights[k]
                cursor[a] += 1
            }
        }
        var componentOf = [Int](repeating: -1, count: m)
        let comps = components()
        for (ci, comp) in comps.enumerated() { for a in comp { componentOf[a] = ci } }
        for (ci, comp) in comps.enumerated() {
            if comp.count == 1 {
                let a = comp[0]
                var s = a == 0 ? 1.0 : 0.0
                var inf = false
                for k in inOffsets[a]..<inOffsets[a + 1] {
                    s += inWeight[k] * y[inSource[k]]
                    if unbounded[inSource[k]] && inWeight[k] > 0 { inf = true }
                }
                y[a] = s
                unbounded[a] = inf
                continue
            }
            // A cycle. Fed by an unbounded holder: unbounded too.
            var fedUnbounded = false
            var inflow = comp.contains(0)
            for a in comp {
                for k in inOffsets[a]..<inOffsets[a + 1] where componentOf[inSource[k]] != ci && inWeight[k] > 0 {
                    if unbounded[inSource[k]] { fedUnbounded = true }
                    if y[inSource[k]] > 0 { inflow = true }
                }
            }
            if fedUnbounded {
                for a in comp { unbounded[a] = true }
                continue
            }
            if !inflow { continue }  // nothing reaches it: y = 0 there
            // Closed when every member's holders inside the cycle hold all of it (column sums ≥ 1: spectral radius ≥ 1).
            var minColumn = Double.infinity
            for a in comp {
                var col = 0.0
                for k in inOffsets[a]..<inOffsets[a + 1] where componentOf[inSource[k]] == ci { col += inWeight[k] }
                minColumn = min(minColumn, col)
            }
            var diverges = minColumn >= 1 - 1e-12
            var sweeps = 0
            while !diverges {
                var change = 0.0
                for a in comp {
                    var s = a == 0 ? 1.0 : 0.0
                    for k in inOffsets[a]..<inOffsets[a + 1] { s += inWeight[k] * y[inSource[k]] }
                    change = max(change, abs(s - y[a]) / max(1, abs(s)))
                    y[a] = s
                }
                sweeps += 1
                if change < 1e-15 { break }
                if !change.isFinite || sweeps >= 100_000 || comp.contains(where: { y[$0] > 1e12 }) { diverges = true }
            }
            if diverges {
                loops.append(comp)
                for a in comp { unbounded[a] = true }
            }
        }
        var values = y
        values[0] -= 1
        for a in 0..<m where unbounded[a] { values[a] = .infinity }
        return Solution(values: values, unbounded: unbounded, closedLoops: loops)
    }

    struct Chain {
        var nodes: [Int]
        var relationships: [Int32]
        var lower: Double
        var upper: Double
    }

    struct Enumeration {
        var lower: [Double]
        var upper: [Double]
        var chains: [[Chain]]
        var truncated: Bool
    }

    /// Every simple path from the subject (depth-first), summing products per end and keeping the strongest chains.
    func enumeratePaths(limit: Int, failOnLimit: Bool, maxChains: Int) throws -> Enumeration {
        let m = nodes.count
        var lower = [Double](repeating: 0, count: m)
        var upper = [Double](repeating: 0, count: m)
        var chains = [[Chain]](repeating: [], count: m)
        var onPath = [Bool](repeating: false, count: m)
        var path: [Int] = [0]
        var rels: [Int32] = []
        var prodLo: [Double] = [1]
        var prodHi: [Double] = [1]
        var cursor: [Int] = [Int(walkOffsets[0])]
        onPath[0] = true
        var count = 0
        var truncated = false
        outer: while !path.isEmpty {
            let b = path[path.count - 1]
            let k = cursor[cursor.count - 1]
            if k >= Int(walkOffsets[b + 1]) {
                onPath[b] = false
                path.removeLast(); cursor.removeLast(); prodLo.removeLast(); prodHi.removeLast()
                if !rels.isEmpty { rels.removeLast() }
                continue
            }
            cursor[cursor.count - 1] += 1
            let a = Int(walkTarget[k])
            if onPath[a] { continue }
            let lo = prodLo[prodLo.count - 1] * lowerWeights[k]
            let hi = prodHi[prodHi.count - 1] * upperWeights[k]
            count += 1
            if count > limit {
                if failOnLimit { throw LookThroughError.tooManyPaths(limit: limit) }
                truncated = true
                break outer
            }
            lower[a] += lo
            upper[a] += hi
            if maxChains > 0 {
                let chain = Chain(nodes: path + [a], relationships: rels + [walkRel[k]], lower: lo, upper: hi)
                var list = chains[a]
                if list.count < maxChains || (list.last.map { ($0.lower, $0.upper) < (lo, hi) } ?? true) {
                    let at = list.firstIndex { ($0.lower, $0.upper) < (lo, hi) } ?? list.count
                    list.insert(chain, at: at)
                    if list.count > maxChains { list.removeLast() }
                    chains[a] = list
                }
            }
            path.append(a); cursor.append(Int(walkOffsets[a])); prodLo.append(lo); prodHi.append(hi)
            rels.append(walkRel[k])
            onPath[a] = true
        }
        return Enumeration(lower: lower, upper: upper, chains: chains, truncated: truncated)
    }
}
