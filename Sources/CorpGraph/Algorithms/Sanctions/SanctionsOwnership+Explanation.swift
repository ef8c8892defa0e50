/// Why an entity has its status under a regime: which holders, which shares, what was counted, the sum, the
/// threshold and the rule, recursively down to the listed persons. Built for NOT blocked entities too (why not).
///
/// For a per-person regime (UK) the top node lists the entity's direct holders and then one node per designated
/// person whose holdings reach it (``perPerson``); each of those counts only that person's direct and indirect holdings.
/// A node met a second time in the same tree (shared holders, cycles) is marked ``seeAbove`` and not expanded again.
public struct SanctionsExplanation: Hashable, Sendable {
    public static func == (a: SanctionsExplanation, b: SanctionsExplanation) -> Bool {
        a.id == b.id && a.person == b.person && a.status == b.status && a.basis == b.basis
            && a.designations == b.designations
            && a.designationsNotCounted.map(\.designation) == b.designationsNotCounted.map(\.designation)
            && a.designationsNotCounted.map(\.reason) == b.designationsNotCounted.map(\.reason)
            && a.holdings == b.holdings && a.total == b.total && a.ownershipTest == b.ownershipTest
            && a.votingHoldings == b.votingHoldings && a.votingTotal == b.votingTotal
            && a.controls == b.controls && a.ignored == b.ignored && a.perPerson == b.perPerson
            && a.seeAbove == b.seeAbove
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(person)
        h.combine(status)
        h.combine(total)
    }

    /// One holder of the entity and how much of its share counts.
    public struct Holding: Hashable, Sendable {
        public var owner: String
        public var ownerName: String
        public var ownerStatus: SanctionsStatus
        /// Index of the `owns` relationship in the graph, and its id when it has one.
        public var relationship: Int
        public var relationshipID: String?
        public var share: Share
        /// The part that counts: the share's lower bound when the holder is certainly blocked (or within the person's
        /// holdings), its upper bound when possibly; zero otherwise.
        public var counted: PercentInterval
        public var jointArrangement: String?
        /// Why the holder has its status (empty when not relevant or already shown).
        public var detail: [SanctionsExplanation]
    }

    /// A `controls` relationship from a blocked or possibly blocked controller.
    public struct ControlLink: Hashable, Sendable {
        public var controller: String
        public var controllerStatus: SanctionsStatus
        public var relationship: Int
        public var relationshipID: String?
        public var controlType: String?
        /// Whether the control type is sufficient on its own under the regime.
        public var sufficient: Bool
        /// `met`: blocks the entity; `undetermined`: possibly; `notMet`: ignored (the regime does not count control).
        public var effect: TestOutcome
        public var detail: [SanctionsExplanation]
    }

    /// A relationship that was not used, and why.
    public struct Ignored: Hashable, Sendable {
        public var relationship: Int
        public var relationshipID: String?
        public var owner: String
        public var reason: String
    }

    public var id: String
    public var name: String
    public var kind: EntityKind
    public var status: SanctionsStatus
    public var basis: SanctionsBasis?
    /// Per-person regimes: the designated person whose holdings this node counts.
    public var person: String?
    /// Counted designations in force (listed entities).
    public var designations: [Designation] = []
    /// Designations that do not count on the as-of date, with the reason (not yet listed, delisted, list not counted).
    public var designationsNotCounted: [(designation: Designation, reason: String)] = []
    public var rule: String
    public var threshold: Percent
    public var inclusive: Bool
    public var holdings: [Holding] = []
    /// Sum of the counted parts (nil on a per-person regime's top node, which does not aggregate).
    public var total: PercentInterval?
    public var ownershipTest: TestOutcome?
    /// Voting-rights holdings (`basis: voting`), counted apart from the shares against the majority test (EU, UK).
    public var votingHoldings: [Holding] = []
    public var votingTotal: PercentInterval?
    public var votingTest: TestOutcome?
    public var controls: [ControlLink] = []
    public var ignored: [Ignored] = []
    public var perPerson: [SanctionsExplanation] = []
    /// Already explained higher up in the same tree.
    public var seeAbove = false

    /// Indented text, one line per element, for people.
    public func textLines(indent: String = "") -> [String] {
        var out: [String] = []
        var head = "\(indent)\(id)"
        if name != id && !name.isEmpty { head += " (\(name))" }
        head += ": " + (status == .notBlocked ? "NOT BLOCKED" : status.rawValue.uppercased())
        if let basis, status == .blocked || status == .undetermined { head += " by \(basis)" }
        if let person, person != id { head += "; counting the holdings of \(person)" }
        if seeAbove {
            out.append(head + " (see above)")
            return out
        }
        out.append(head)
        let pad = indent + "  "
        if !designations.isEmpty {
            for d in designations {
                var s = "\(pad)designated: \(d.list)"
                if let p = d.program { s += " (\(p))" }
                if let l = d.listed { s += " since \(l)" } else { s += " (listing date unknown)" }
                if let x = d.delisted { s += ", delisted \(x)" }
                out.append(s)
            }
            if person == nil || person == id { return out }
        }
        for (d, reason) in designationsNotCounted {
            out.append("\(pad)designation \(d.list)\(d.program.map { " (\($0))" } ?? "") does not count: \(reason)")
        }
        if person == nil && !perPerson.isEmpty || (person == nil && total == nil) {
            if indent.isEmpty { out.append("\(pad)rule: \(rule)") }
            if holdings.isEmpty { out.append("\(pad)no owners on this date") }
            for h in holdings {
                out.append(
                    "\(pad)owner \(h.owner) (\(h.ownerStatus)) holds \(h.share)"
                        + (h.jointArrangement.map { " [joint arrangement \($0)]" } ?? ""))
            }
            if perPerson.isEmpty { out.append("\(pad)no designated person's holdings reach it") }
            for p in perPerson { out += p.textLines(indent: pad) }
        } else {
            if indent.isEmpty { out.append("\(pad)rule: \(rule)") }
            if holdings.isEmpty { out.append("\(pad)no owners on this date") }
            for h in holdings {
                var s = "\(pad)owner \(h.owner) (\(h.ownerStatus)) holds \(h.share), counts \(h.counted)"
                if let j = h.jointArrangement { s += " [joint arrangement \(j)]" }
                out.append(s)
                for d in h.detail { out += d.textLines(indent: pad + "  ") }
            }
            if let total, let ownershipTest {
                out.append(
                    "\(pad)sum counted \(total) vs threshold \(inclusive ? "≥" : ">") \(threshold) %: \(ownershipTest)")
            }
            for h in votingHoldings {
                out.append(
                    "\(pad)voting rights: \(h.owner) (\(h.ownerStatus)) holds \(h.share) of the votes, counts \(h.counted)"
                )
                for d in h.detail { out += d.textLines(indent: pad + "  ") }
            }
            if let votingTotal, let votingTest {
                out.append("\(pad)voting rights counted \(votingTotal) vs majority > 50 %: \(votingTest)")
            }
        }
        for c in controls {
            var s =
                "\(pad)controlled by \(c.controller) (\(c.controllerStatus)) via \(c.controlType ?? "unspecified control")"
            switch c.effect {
            case .met: s += ": sufficient control"
            case .undetermined:
                s +=
                    c.sufficient ? ": possible control (controller undetermined)" : ": an indication only, needs review"
            case .notMet: s += ": ignored (this regime does not count control)"
            }
            out.append(s)
            for d in c.detail { out += d.textLines(indent: pad + "  ") }
        }
        for i in ignored {
            out.append(
                "\(pad)not counted: \(i.owner) → \(id) relationship \(i.relationshipID ?? "#\(i.relationship)"): \(i.reason)"
            )
        }
        return out
    }
}

extension SanctionsAnalysis {
    struct NodeKey: Hashable { var v: Int32; var seed: Int32 }

    /// The derivation of `v`'s status. See ``SanctionsExplanation``.
    public func explain(_ v: Int) -> SanctionsExplanation {
        var visited = Set<NodeKey>()
        return node(Int32(v), seed: nil, visited: &visited)
    }

    /// The derivation of the entity with `id`, or nil when there is none.
    public func explain(id: String) -> SanctionsExplanation? {
        graph.index(of: id).map(explain)
    }

    private func node(_ v: Int32, seed: Int32?, visited: inout Set<NodeKey>) -> SanctionsExplanation {
        let vi = Int(v)
        let st = status(vi)
        let e = entry(vi)
        var x = SanctionsExplanation(
            id: graph.id(vi), name: graph.name(vi), kind: graph.kind(vi), status: st, basis: e.basis,
            person: seed.map { graph.id(Int($0)) }, rule: ruleText, threshold: test.threshold, inclusive: test.inclusive
        )
        let key = NodeKey(v: v, seed: seed ?? -1)
        if visited.contains(key) {
            x.seeAbove = true
            return x
        }
        visited.insert(key)
        x.designationsNotCounted = designationsNotCounted(vi)
        if st == .listed && (seed == nil || seed == v) {
            x.designations = countedDesignations(vi)
            return x
        }
        if seed == v { return x }

        if seed != nil || regime.aggregatesAcrossPersons {
            let t = tally(vi, seed: seed)
            x.holdings = t.holdings
            x.total = t.total
            x.ownershipTest = t.outcome
            for i in x.holdings.indices {
                guard let o = graph.index(of: x.holdings[i].owner) else { continue }
                let counts = x.holdings[i].counted.upper > .zero
                if seed != nil {
                    if counts && Int32(o) != seed {
                        x.holdings[i].detail = [node(Int32(o), seed: seed, visited: &visited)]
                    }
                } else if counts || hasExposure(o) || graph.hasDesignations(o) {
                    x.holdings[i].detail = [node(Int32(o), seed: nil, visited: &visited)]
                }
            }
            if voting != nil {
                let vt = tally(vi, seed: seed, votingRights: true)
                if !vt.holdings.isEmpty {
                    x.votingHoldings = vt.holdings
                    x.votingTotal = vt.total
                    x.votingTest = vt.outcome
                    for i in x.votingHoldings.indices where x.votingHoldings[i].counted.upper > .zero {
                        guard let o = graph.index(of: x.votingHoldings[i].owner), Int32(o) != seed else { continue }
                        x.votingHoldings[i].detail = [node(Int32(o), seed: seed, visited: &visited)]
                    }
                }
            }
            x.controls = controlLinks(vi, seed: seed)
            for i in x.controls.indices {
                guard let c = graph.index(of: x.controls[i].controller), Int32(c) != seed else { continue }
                x.controls[i].detail = [node(Int32(c), seed: seed, visited: &visited)]
            }
        } else {
            // Per-person regime, top node: the direct holders, then each designated person whose holdings reach it.
            x.holdings = tally(vi, seed: -1).holdings.map {
                var h = $0
                h.counted = .zero
                return h
            }
            var persons = Set<Int32>()
            for e in holdings.into(vi) {
                persons.formUnion(seedsHolding(e.source))
                let g = holdings.joint.group(e.relationship)
                if g >= 0 { for p in holdings.joint.parties[Int(g)] { persons.formUnion(seedsHolding(p)) } }
            }
            for r in graph.inRelationships(vi)
            where graph.kind(ofRelationship: Int(r)) == .controls
                && graph.isValid(Int(r), on: asOf)
            {
                persons.formUnion(seedsHolding(Int32(graph.source(Int(r)))))
            }
            if let voting {
                for e in voting.into(vi) { persons.formUnion(seedsHolding(e.source)) }
            }
            let order = persons.sorted { graph.idPrecedes(Int($0), Int($1)) }
            x.perPerson = order.map { node(v, seed: $0, visited: &visited) }
            x.controls = regime.countsControl ? [] : controlLinks(vi, seed: nil)
        }
        x.ignored = ignoredRelationships(vi)
        return x
    }

    private func designationsNotCounted(_ v: Int) -> [(designation: Designation, reason: String)] {
        let set = countedLists.map(Set.init)
        return graph.designations(v).compactMap { d in
            if let set, !set.contains(d.list) { return (d, "list \(d.list) is not counted by this regime or policy") }
            if let l = d.listed, l > asOf { return (d, "listed \(l), after \(asOf)") }
            if let x = d.delisted, x <= asOf { return (d, "delisted \(x)") }
            if d.listed == nil, let f = d.firstSeen, f > asOf {
                return (d, "listing date unknown, first seen \(f), after \(asOf): undetermined")
            }
            return nil
        }
    }

    /// Seeds whose (possible) holdings include `o` (per-person regimes).
    private func seedsHolding(_ o: Int32) -> [Int32] {
        var out = (spheres[o] ?? []).map(\.seed)
        if sphereMembers[o] != nil { out.append(o) }
        return out
    }

    /// A not-blocked entity worth explaining: some holder or controller of it is blocked or possibly blocked.
    private func hasExposure(_ v: Int) -> Bool {
        if holdings.into(v).contains(where: { possible[Int($0.source)] }) { return true }
        for r in graph.inRelationships(v)
        where graph.kind(ofRelationship: Int(r)) == .controls
            && graph.isValid(Int(r), on: asOf) && possible[graph.source(Int(r))]
        { return true }
        return false
    }

    private func ignoredRelationships(_ v: Int) -> [SanctionsExplanation.Ignored] {
        var out: [SanctionsExplanation.Ignored] = []
        for r in graph.inRelationships(v) where graph.kind(ofRelationship: Int(r)) == .owns {
            let ri = Int(r)
            let reason: String
            let ignored: (excluded: String?, chosen: Int32?, tied: Bool) =
                graph.isValid(ri, on: asOf) ? holdings.ignoredReason(ri) : (nil, nil, false)
            if !graph.isValid(ri, on: asOf) {
                var s = "not in force on \(asOf)"
                if let a = graph.start(ri) { s += "; from \(a)" }
                if let b = graph.end(ri) { s += "; until \(b)" }
                reason = s
            } else if let why = ignored.excluded {
                reason = "not added: " + why
            } else if let chosen = ignored.chosen, ignored.tied {
                reason =
                    "conflicts with \(graph.relationshipID(Int(chosen)) ?? "#\(chosen)") (same dates); counted as their interval hull"
            } else if let chosen = ignored.chosen {
                reason =
                    "superseded by \(graph.relationshipID(Int(chosen)) ?? "#\(chosen)") (\(graph.share(Int(chosen)) ?? .unknown)), "
                    + "the most specific statement for this pair in force on \(asOf); shares of one pair are never summed"
            } else {
                continue
            }
            out.append(
                .init(
                    relationship: ri, relationshipID: graph.relationshipID(ri), owner: graph.id(graph.source(ri)),
                    reason: reason))
        }
        return out
    }
}
