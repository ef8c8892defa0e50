// MARK: - Fixed point

/// Reusable arrays for the worklist fixed point; reset after each run by the touched list, so per-person runs cost
/// only what they touch.
struct FixedPointScratch {
    var member: [Bool]
    var units: [Int64]
    var strict: [Bool]
    /// Voting rights accumulated per entity (``SanctionsRegime/countsVotingRights``), tested on their own.
    var votes: [Int64]
    var votesStrict: [Bool]
    var touched: [Int32] = []
    var edgeCounted: [Bool]
    var edgesTouched: [Int32] = []
    var groupActive: [Int32: Bool] = [:]

    /// - Parameters:
    ///   - edges: the holdings, when joint arrangements need per-edge marks (else 0).
    ///   - voting: whether voting rights are tallied (else their arrays stay empty).
    init(n: Int, edges: Int, voting: Bool) {
        member = [Bool](repeating: false, count: n)
        units = [Int64](repeating: 0, count: n)
        strict = [Bool](repeating: false, count: n)
        votes = voting ? [Int64](repeating: 0, count: n) : []
        votesStrict = voting ? [Bool](repeating: false, count: n) : []
        edgeCounted = [Bool](repeating: false, count: edges)
    }

    /// Whether an accumulated share passes `test`: in the lower world the value is ≥ `units` (> when `strict`),
    /// in the upper world ≤ `units` (< when `strict`).
    static func passes(units: Int64, strict: Bool, upper: Bool, test: SanctionsRegime.OwnershipTest) -> Bool {
        let t = test.threshold.units
        let u = upper ? min(units, Percent.hundred.units) : units
        let s = upper ? (strict && units <= Percent.hundred.units) : strict
        if upper {
            // Some value ≤ u (< u when strict) meets the test.
            return test.inclusive ? (u > t || (u == t && !s)) : u > t
        }
        // Every value ≥ u (> u when strict) meets the test.
        return test.inclusive ? u >= t : (u > t || (u == t && s))
    }

    /// The least fixed point from `seeds`. Returns its members (seeds included).
    mutating func run(
        seeds: [Int32], upper: Bool, joint: Bool, holdings h: EffectiveHoldings, graph: Graph,
        test: SanctionsRegime.OwnershipTest, voting: EffectiveHoldings? = nil
    ) -> [Int32] {
        var stack: [Int32] = []
        var members: [Int32] = []
        for s in seeds where !member[Int(s)] {
            member[Int(s)] = true
            touched.append(s)
            stack.append(s)
            members.append(s)
        }
        @inline(__always) func add(_ e: Int, into stack: inout [Int32], _ members: inout [Int32]) {
            if joint {
                if edgeCounted[e] { return }
                edgeCounted[e] = true
                edgesTouched.append(Int32(e))
            }
            let c = Int(h.target[e])
            if member[c] || graph.kind(c) == .person { return }
            touched.append(Int32(c))
            if upper {
                units[c] += h.hi[e]
                if h.hiExclusive[e] { strict[c] = true }
            } else {
                units[c] += h.lo[e]
                if h.loExclusive[e] { strict[c] = true }
            }
            if FixedPointScratch.passes(units: units[c], strict: strict[c], upper: upper, test: test) {
                member[c] = true
                touched.append(Int32(c))
                stack.append(Int32(c))
                members.append(Int32(c))
            }
        }
        /// A voting-rights holding of a member: its votes add up apart from the shares, against the majority test.
        @inline(__always) func addVotes(
            _ e: Int, _ vh: EffectiveHoldings, into stack: inout [Int32], _ members: inout [Int32]
        ) {
            let c = Int(vh.target[e])
            if member[c] || graph.kind(c) == .person { return }
            touched.append(Int32(c))
            if upper {
                votes[c] += vh.hi[e]
                if vh.hiExclusive[e] { votesStrict[c] = true }
            } else {
                votes[c] += vh.lo[e]
                if vh.loExclusive[e] { votesStrict[c] = true }
            }
            if FixedPointScratch.passes(
                units: votes[c], strict: votesStrict[c], upper: upper, test: SanctionsRegime.votingTest)
            {
                member[c] = true
                stack.append(Int32(c))
                members.append(Int32(c))
            }
        }
        while let v = stack.popLast() {
            let vi = Int(v)
            for e in h.outRange(vi) { add(e, into: &stack, &members) }
            if let voting { for e in voting.outRange(vi) { addVotes(e, voting, into: &stack, &members) } }
            if joint, let groups = h.jointOf[v] {
                for g in groups where groupActive[g] == nil {
                    groupActive[g] = true
                    for e in h.jointEdges[Int(g)] { add(Int(e), into: &stack, &members) }
                }
            }
            for k in h.controlRange(vi) {
                let c = Int(h.controlTarget[k])
                guard upper || h.controlSufficient[k] else { continue }
                if member[c] || graph.kind(c) == .person { continue }
                member[c] = true
                touched.append(Int32(c))
                stack.append(Int32(c))
                members.append(Int32(c))
            }
        }
        for v in touched {
            member[Int(v)] = false
            units[Int(v)] = 0
            strict[Int(v)] = false
        }
        if voting != nil {
            for v in touched {
                votes[Int(v)] = 0
                votesStrict[Int(v)] = false
            }
        }
        touched.removeAll(keepingCapacity: true)
        for e in edgesTouched { edgeCounted[Int(e)] = false }
        edgesTouched.removeAll(keepingCapacity: true)
        groupActive.removeAll()
        return members
    }
}

extension Array where Element: Hashable & Comparable {
    func uniqueSorted() -> [Element] { Array(Set(self)).sorted() }
}
