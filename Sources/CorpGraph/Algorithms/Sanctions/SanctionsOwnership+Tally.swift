extension SanctionsAnalysis {
    // MARK: Tallies (shared by entries and explanations)

    struct Tally {
        var holdings: [SanctionsExplanation.Holding]
        var total: PercentInterval?
        var outcome: TestOutcome
    }

    func isMember(_ v: Int32, seed: Int32?, certainWorld: Bool) -> Bool {
        guard let seed else { return certainWorld ? certain[Int(v)] : possible[Int(v)] }
        guard let m = sphereMembers[seed] else { return false }
        return certainWorld ? m.certain.contains(v) : m.possible.contains(v)
    }

    /// The holdings of `v` as counted for `seed` (nil: all blocked holders in aggregate); `votingRights`: the
    /// voting-rights holdings against the majority test instead of the shares.
    func tally(_ v: Int, seed: Int32?, votingRights: Bool = false) -> Tally {
        guard !votingRights || voting != nil else { return Tally(holdings: [], total: nil, outcome: .notMet) }
        let holdings = votingRights ? voting! : self.holdings
        let test = votingRights ? SanctionsRegime.votingTest : self.test
        var list: [SanctionsExplanation.Holding] = []
        var lower = PercentInterval.zero
        var upper = PercentInterval.zero
        for e in holdings.into(v) {
            let o = e.source
            var inC = isMember(o, seed: seed, certainWorld: true)
            var inP = isMember(o, seed: seed, certainWorld: false)
            let g = holdings.joint.group(e.relationship)
            if let seed, g >= 0 {
                let parties = holdings.joint.parties[Int(g)]
                inC = inC || parties.contains { isMember($0, seed: seed, certainWorld: true) }
                inP = inP || parties.contains { isMember($0, seed: seed, certainWorld: false) }
            }
            var share = graph.share(Int(e.relationship)) ?? .unknown
            let iv = PercentInterval(
                lower: Percent(units: e.lo), upper: Percent(units: e.hi), lowerExclusive: e.loExclusive,
                upperExclusive: e.hiExclusive)
            if PercentInterval(share) != iv && share != .unknown {
                share =
                    iv.isExact
                    ? .exact(iv.lower)
                    : .range(
                        ShareRange(
                            min: iv.lower, max: iv.upper,
                            minExclusive: iv.lowerExclusive, maxExclusive: iv.upperExclusive))
            }
            let counted = PercentInterval(
                lower: inC ? iv.lower : .zero, upper: inP ? iv.upper : .zero,
                lowerExclusive: inC && iv.lowerExclusive, upperExclusive: inP && iv.upperExclusive)
            lower =
                lower
                + PercentInterval(lower: counted.lower, upper: counted.lower, lowerExclusive: counted.lowerExclusive)
            upper =
                upper
                + PercentInterval(lower: counted.upper, upper: counted.upper, upperExclusive: counted.upperExclusive)
            list.append(
                SanctionsExplanation.Holding(
                    owner: graph.id(Int(o)), ownerName: graph.name(Int(o)), ownerStatus: status(Int(o)),
                    relationship: Int(e.relationship),
                    relationshipID: graph.relationshipID(Int(e.relationship)), share: share, counted: counted,
                    jointArrangement: g >= 0 ? holdings.joint.names[Int(g)] : nil, detail: []))
        }
        let total = PercentInterval(
            lower: lower.lower, upper: upper.upper, lowerExclusive: lower.lowerExclusive,
            upperExclusive: upper.upperExclusive
        ).cappedAtHundred
        let outcome: TestOutcome
        if FixedPointScratch.passes(units: total.lower.units, strict: total.lowerExclusive, upper: false, test: test) {
            outcome = .met
        } else if FixedPointScratch.passes(
            units: total.upper.units, strict: total.upperExclusive, upper: true, test: test)
        {
            outcome = .undetermined
        } else {
            outcome = .notMet
        }
        list.sort { ($0.counted.upper, $1.owner) > ($1.counted.upper, $0.owner) }
        return Tally(holdings: list, total: total, outcome: outcome)
    }

    func controlLinks(_ v: Int, seed: Int32?) -> [SanctionsExplanation.ControlLink] {
        var out: [SanctionsExplanation.ControlLink] = []
        let rels = graph.inRelationships(v)
        for r in rels where graph.kind(ofRelationship: Int(r)) == .controls && graph.isValid(Int(r), on: asOf) {
            let c = Int32(graph.source(Int(r)))
            let inP = isMember(c, seed: seed, certainWorld: false)
            guard inP else { continue }
            let inC = isMember(c, seed: seed, certainWorld: true)
            let type = graph.relationship(Int(r)).controlType
            let sufficient = regime.isSufficientControl(type)
            let effect: TestOutcome = !regime.countsControl ? .notMet : (inC && sufficient ? .met : .undetermined)
            out.append(
                SanctionsExplanation.ControlLink(
                    controller: graph.id(Int(c)), controllerStatus: status(Int(c)), relationship: Int(r),
                    relationshipID: graph.relationshipID(Int(r)), controlType: type, sufficient: sufficient,
                    effect: effect, detail: []))
        }
        return out.sorted { ($0.controller, $0.relationship) < ($1.controller, $1.relationship) }
    }
}
