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
    /// Joint arrangements: the holdings already added in this run (by chosen relationship), and the groups opened.
    var counted: Set<Int32> = []
    var groupActive: Set<Int32> = []

    /// - Parameter voting: whether voting rights are tallied (else their arrays stay empty).
    init(n: Int, voting: Bool) {
        member = [Bool](repeating: false, count: n)
        units = [Int64](repeating: 0, count: n)
        strict = [Bool](repeating: false, count: n)
        votes = voting ? [Int64](repeating: 0, count: n) : []
        votesStrict = voting ? [Bool](repeating: false, count: n) : []
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
    ///
    /// - Parameters:
    ///   - joint: per-person regimes: count the joint arrangements of `h` (each holding once).
    ///   - control: the regime counts control; `controlTypes` then says which types suffice (the lower world
    ///     follows only those, the upper world any control).
    ///   - voting: the voting-rights holdings, when the regime counts them apart.
    mutating func run(
        seeds: [Int32], upper: Bool, joint: Bool, holdings h: HoldingsView, graph: Graph,
        test: SanctionsRegime.OwnershipTest, control: SanctionsRegime?, voting: HoldingsView? = nil
    ) -> [Int32] {
        var stack: [Int32] = []
        var members: [Int32] = []
        for s in seeds where !member[Int(s)] {
            member[Int(s)] = true
            touched.append(s)
            stack.append(s)
            members.append(s)
        }
        @inline(__always) func add(_ e: Holding, into stack: inout [Int32], _ members: inout [Int32]) {
            if joint {
                if counted.contains(e.relationship) { return }
                counted.insert(e.relationship)
            }
            let c = Int(e.target)
            if member[c] || graph.kind(c) == .person { return }
            touched.append(Int32(c))
            if upper {
                units[c] += e.hi
                if e.hiExclusive { strict[c] = true }
            } else {
                units[c] += e.lo
                if e.loExclusive { strict[c] = true }
            }
            if FixedPointScratch.passes(units: units[c], strict: strict[c], upper: upper, test: test) {
                member[c] = true
                touched.append(Int32(c))
                stack.append(Int32(c))
                members.append(Int32(c))
            }
        }
        /// A voting-rights holding of a member: its votes add up apart from the shares, against the majority test.
        @inline(__always) func addVotes(_ e: Holding, into stack: inout [Int32], _ members: inout [Int32]) {
            let c = Int(e.target)
            if member[c] || graph.kind(c) == .person { return }
            touched.append(Int32(c))
            if upper {
                votes[c] += e.hi
                if e.hiExclusive { votesStrict[c] = true }
            } else {
                votes[c] += e.lo
                if e.loExclusive { votesStrict[c] = true }
            }
            if FixedPointScratch.passes(
                units: votes[c], strict: votesStrict[c], upper: upper, test: SanctionsRegime.votingTest)
            {
                member[c] = true
                stack.append(Int32(c))
                members.append(Int32(c))
            }
        }
        let day = h.day
        while let v = stack.popLast() {
            let vi = Int(v)
            h.forEachOut(vi) { add($0, into: &stack, &members) }
            if let voting { voting.forEachOut(vi) { addVotes($0, into: &stack, &members) } }
            if joint, let groups = h.joint.groupsOf[v] {
                for g in groups where groupActive.insert(g).inserted {
                    for e in h.joint.holdings[Int(g)] { add(e, into: &stack, &members) }
                }
            }
            guard let control else { continue }
            // Valid `controls` out of v (the lower world: only sufficient types).
            let (offsets, rels, nbrs) = graph.outCSR
            for i in Int(offsets[vi])..<Int(offsets[vi + 1]) {
                let r = Int(rels[i])
                guard graph.relKind[r] == .controls, HoldingRule.isValid(r, graph, day: day) else { continue }
                let c = Int(nbrs[i])
                if member[c] || graph.kind(c) == .person { continue }
                guard upper || control.isSufficientControl(graph.relExtras[Int32(r)]?.controlType) else { continue }
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
        if !counted.isEmpty { counted.removeAll(keepingCapacity: true) }
        if !groupActive.isEmpty { groupActive.removeAll(keepingCapacity: true) }
        return members
    }
}

extension Array where Element: Hashable & Comparable {
    func uniqueSorted() -> [Element] { Array(Set(self)).sorted() }
}
