/// Ownership-and-control rules of sanctions regimes (OFAC 50 % rule, EU, UK), evaluated as least fixed points.
///
/// The rules are data: a ``SanctionsRegime`` gives the dated ownership tests (threshold, inclusive or not), whether
/// holdings of different designated persons aggregate, whether control counts, and how indirect holdings reach the
/// next company. See `docs/SANCTIONS.md` and DOMAIN.md §1 for the legal sources.
///
/// ## What counts, on the as-of date D
/// - **Seeds**: entities with a designation in force on D (`listed ≤ D`, not delisted on or before D) on a list the
///   regime counts (``SanctionsRegime/lists``, else the policy's ``Policy/lists``, else every list).
/// - **Ownership**: `owns` relationships valid on D (`start ≤ D ≤ end`). Several `owns` relationships for the same
///   (owner, asset) pair valid on D are never summed: the **most specific statement in force** is used, i.e. the one
///   with the latest `start` (an undated start counts as earliest), then the earliest `end` (an open end counts as
///   latest: the state that ends first is the one in force, as the importer's overlap rule paints it); statements with
///   the same start and end conflict and count as their interval hull (UNDETERMINED when they disagree). The others
///   are reported as superseded in the explanation. (The Zala fixture has Zakharov → LLC CST 50 % to 2023-03-02, 48 %
///   to 2023-12-21 and 51 % open: on 2023-06-01 the 48 % applies.) Not added either: `owns` with a non-equity `basis`
///   (`voting`, `profitOrIncome`, …) and declared indirect interests (`declaredIndirect: true`), per the import contract
///   in docs/FORMATS-IMPORT.md §1.3.
/// - **Who can become blocked**: any entity that is not a person (persons cannot be owned).
/// - **Control** (only when ``SanctionsRegime/countsControl``): a `controls` relationship valid on D from a blocked
///   entity blocks its target when its `controlType` is in ``SanctionsRegime/controlTypes`` (by default
///   `boardAppointment`, `votingAgreement`, `votingMajority`, `dominantInfluence`, `accountingConsolidation`). Any other
///   or missing control type is an indication only: the target becomes UNDETERMINED, never BLOCKED. OFAC ignores control.
///
/// ## Indirect holdings
/// - ``SanctionsRegime/IndirectRule/holdingsOfBlockedCountInFull`` (OFAC FAQ 401; EU, derived): an entity owned
///   (in aggregate, when ``SanctionsRegime/aggregatesAcrossPersons``) at least the threshold by blocked entities is
///   blocked, and its own holdings then count in full toward the next entity; holdings of others count zero.
///   Percentages are never multiplied down a chain.
/// - ``SanctionsRegime/IndirectRule/majorityStakeChain`` (UK, Sch. 1): evaluated per designated person P: P holds what
///   it holds directly plus everything held by entities P holds through a chain of majority stakes (or controls).
///   Different designated persons are not aggregated, except for shares under a **joint arrangement**: `owns`
///   relationships carrying the attribute ``SanctionsRegime/jointArrangementAttribute`` (`jointArrangement`) with the
///   same group name form one arrangement; once any party of the arrangement (a source of one of its relationships)
///   is within P's holdings, every relationship of the arrangement counts for P (each party is treated as holding the
///   combined shares). Aggregating regimes ignore the attribute (they already add every designated holder).
///
/// ## Three values
/// Shares may be intervals or unknown (`[0, 100]`). Two least fixed points are computed from the same seeds: the
/// **certain** set uses lower share bounds and only certainly blocked holders (and only sufficient control); the
/// **possible** set uses upper bounds and possibly blocked holders (and any control relationship). An entity in the
/// certain set is BLOCKED; in the possible set only, UNDETERMINED; otherwise NOT blocked. Exclusive bounds are
/// respected: `{min 50 exclusive}` passes "more than 50 %", `{max 50 exclusive}` fails "50 % or more".
///
/// Both fixed points are computed with a worklist; every step only adds to monotone sums, so the result does not
/// depend on evaluation order and terminates on ownership cycles (the set only grows).
public struct SanctionsAnalysis: Sendable {
    public let regime: SanctionsRegime
    public let asOf: CalendarDate
    /// The ownership test in force on ``asOf``.
    public let test: SanctionsRegime.OwnershipTest
    /// The lists whose designations seed the analysis; `nil` means every list.
    public let countedLists: [String]?
    /// Where ``countedLists`` came from.
    public let listsOrigin: CountedListsOrigin
    let graph: Graph
    let holdings: EffectiveHoldings
    /// Voting-rights holdings, when the regime counts them.
    let voting: EffectiveHoldings?
    let listedFlags: [Bool]
    let certain: [Bool]
    let possible: [Bool]
    /// Non-aggregating regimes: entity → the seeds whose holdings reach it, with whether certainly.
    let spheres: [Int32: [(seed: Int32, certain: Bool)]]
    /// Non-aggregating regimes: seed → (certain members, possible members), for explanations.
    let sphereMembers: [Int32: (certain: Set<Int32>, possible: Set<Int32>)]

    /// Errors in the regime definition itself (user data).
    public enum RegimeError: Error, Hashable, Sendable, CustomStringConvertible {
        case noOwnershipTest(regime: String)
        public var description: String {
            switch self {
            case .noOwnershipTest(let r): "regime '\(r)' defines no ownership test; expected at least one {threshold, inclusive}"
            }
        }
    }

    /// Evaluates `regime` on `graph` as of `asOf`.
    ///
    /// - Parameters:
    ///   - policy: supplies the counted lists when the regime names none.
    ///   - lists: overrides both (e.g. a command-line `--lists`).
    /// - Complexity: O(V + E) for aggregating regimes; for per-person regimes O(V + E + Σ_P |holdings of P|).
    public init(graph: Graph, regime: SanctionsRegime, policy: Policy = .builtIn, asOf: CalendarDate,
                lists: [String]? = nil) throws {
        guard !regime.tests.isEmpty else { throw RegimeError.noOwnershipTest(regime: regime.name) }
        self.graph = graph
        self.regime = regime
        self.asOf = asOf
        self.test = regime.test(on: asOf)
        let counted = lists ?? regime.lists ?? policy.lists
        self.listsOrigin = lists != nil ? .option
            : regime.lists != nil ? (regime.lists == SanctionsRegime.defaultLists[regime.name] ? .regimeDefault : .regime)
            : policy.lists != nil ? .policy : .every
        self.countedLists = counted.map { Array(Set($0)).sorted() }
        let n = graph.entityCount
        let h = EffectiveHoldings(graph: graph, regime: regime, asOf: asOf)
        self.holdings = h
        let vh = regime.countsVotingRights ? EffectiveHoldings(graph: graph, regime: regime, asOf: asOf, votingRights: true) : nil
        self.voting = vh?.count == 0 ? nil : vh
        let vote = self.voting

        var listed = [Bool](repeating: false, count: n)
        var seeds: [Int32] = []
        let countedSet = counted.map(Set.init)
        for v in 0..<n where graph.hasDesignations(v) {
            for d in graph.designations(v) where d.isInForce(on: asOf) && (countedSet?.contains(d.list) ?? true) {
                listed[v] = true
                seeds.append(Int32(v))
                break
            }
        }
        self.listedFlags = listed

        var scratch = FixedPointScratch(n: n, edges: h.count)
        if regime.aggregatesAcrossPersons {
            var c = [Bool](repeating: false, count: n)
            var p = [Bool](repeating: false, count: n)
            for v in scratch.run(seeds: seeds, upper: false, joint: false, holdings: h, graph: graph, test: test, voting: vote) { c[Int(v)] = true }
            for v in scratch.run(seeds: seeds, upper: true, joint: false, holdings: h, graph: graph, test: test, voting: vote) { p[Int(v)] = true }
            certain = c
            possible = p
            spheres = [:]
            sphereMembers = [:]
        } else {
            var c = listed
            var p = listed
            var reach: [Int32: [(seed: Int32, certain: Bool)]] = [:]
            var members: [Int32: (certain: Set<Int32>, possible: Set<Int32>)] = [:]
            let joint = h.hasJointArrangements
            for s in seeds {
                let cs = scratch.run(seeds: [s], upper: false, joint: joint, holdings: h, graph: graph, test: test, voting: vote)
                let ps = scratch.run(seeds: [s], upper: true, joint: joint, holdings: h, graph: graph, test: test, voting: vote)
                let cset = Set(cs)
                for v in cs { c[Int(v)] = true }
                for v in ps {
                    p[Int(v)] = true
                    if v != s { reach[v, default: []].append((s, cset.contains(v))) }
                }
                members[s] = (cset, Set(ps))
            }
            certain = c
            possible = p
            spheres = reach
            sphereMembers = members
        }
    }

    /// Convenience: the regime named `name` under `policy` (built-in `ofac`, `eu`, `uk` or one the policy defines).
    public init(graph: Graph, regimeNamed name: String, policy: Policy = .builtIn, asOf: CalendarDate,
                lists: [String]? = nil) throws {
        guard let r = policy.regime(named: name) else { throw UnknownRegime(name: name, known: policy.regimeNames) }
        try self.init(graph: graph, regime: r, policy: policy, asOf: asOf, lists: lists)
    }

    /// A regime name that is neither built in nor defined by the policy.
    public struct UnknownRegime: Error, Hashable, Sendable, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public var description: String {
            "unknown regime '\(name)'; expected one of: " + known.joined(separator: ", ")
        }
    }

    // MARK: Results

    /// The status of entity `v`.
    public func status(_ v: Int) -> SanctionsStatus {
        if listedFlags[v] { return .listed }
        if certain[v] { return .blocked }
        if possible[v] { return .undetermined }
        return .notBlocked
    }

    /// Whether `v` is listed or certainly blocked.
    public func isBlocked(_ v: Int) -> Bool { certain[v] }

    /// Ids of every listed or blocked entity, sorted.
    public var blockedIDs: [String] {
        (0..<graph.entityCount).filter { certain[$0] }.map { graph.id($0) }.sorted()
    }

    /// Every entity that is not plainly clear (listed, blocked or undetermined), sorted by id.
    public var entries: [SanctionsEntry] {
        (0..<graph.entityCount).filter { possible[$0] }.map(entry).sorted { $0.id < $1.id }
    }

    /// The summary line of one entity.
    public func entry(_ v: Int) -> SanctionsEntry {
        let st = status(v)
        var e = SanctionsEntry(id: graph.id(v), name: graph.name(v), kind: graph.kind(v), status: st)
        e.lists = countedDesignations(v).map(\.list).uniqueSorted()
        guard st == .blocked || st == .undetermined else {
            if st == .listed { e.basis = .list }
            return e
        }
        func strength(_ o: TestOutcome) -> Int { o == .met ? 2 : (o == .undetermined ? 1 : 0) }
        var chosen: (seed: Int32?, tally: Tally, votes: Tally, control: [SanctionsExplanation.ControlLink])?
        if regime.aggregatesAcrossPersons {
            chosen = (nil, tally(v, seed: nil), tally(v, seed: nil, votingRights: true), controlLinks(v, seed: nil))
        } else {
            var bestRank = (-1, Int64.min)
            for s in (spheres[Int32(v)] ?? []).map(\.seed).sorted(by: { graph.idPrecedes(Int($0), Int($1)) }) {
                let t = tally(v, seed: s)
                let vt = tally(v, seed: s, votingRights: true)
                let c = controlLinks(v, seed: s)
                let best = max(strength(t.outcome), strength(vt.outcome), c.map { strength($0.effect) }.max() ?? 0)
                let rank = (best, t.total?.lower.units ?? 0)
                if rank > bestRank { bestRank = rank; chosen = (s, t, vt, c) }
            }
        }
        guard let chosen else { return e }
        e.person = chosen.seed.map { graph.id(Int($0)) }
        e.ownership = chosen.tally.total
        e.votingRights = chosen.votes.total
        e.owners = chosen.tally.holdings.filter { $0.counted.upper > .zero }.map(\.owner).uniqueSorted()
        let want = st == .blocked ? 2 : 1
        if strength(chosen.tally.outcome) >= want {
            e.basis = .ownership
        } else if strength(chosen.votes.outcome) >= want {
            e.basis = .votingRights
            e.owners = chosen.votes.holdings.filter { $0.counted.upper > .zero }.map(\.owner).uniqueSorted()
        } else {
            e.basis = .control
            e.controllers = chosen.control.filter { strength($0.effect) >= want }.map(\.controller).uniqueSorted()
        }
        return e
    }

    /// Designations of `v` in force on the as-of date on a counted list.
    public func countedDesignations(_ v: Int) -> [Designation] {
        let set = countedLists.map(Set.init)
        return graph.designations(v).filter { $0.isInForce(on: asOf) && (set?.contains($0.list) ?? true) }
    }

    /// The rule applied, in words, with the threshold in force on the as-of date.
    public var ruleText: String {
        let cmp = test.inclusive ? "≥" : ">"
        var s: String
        if regime.indirect == .majorityStakeChain || !regime.aggregatesAcrossPersons {
            s = "owned \(cmp) \(test.threshold) % by one designated person, directly or through entities it holds "
                + "\(cmp) \(test.threshold) % (no aggregation across persons unless under a joint arrangement)"
        } else {
            s = "owned \(cmp) \(test.threshold) % in aggregate by blocked persons; holdings of a blocked entity "
                + "count in full, holdings of others count zero"
        }
        if regime.countsVotingRights {
            s += "; or holding > 50 % of the voting rights" + (regime.aggregatesAcrossPersons ? " in aggregate" : "")
        }
        if regime.countsControl {
            s += "; or controlled by one (" + regime.controlTypes.sorted().joined(separator: ", ") + ")"
        } else {
            s += "; control alone does not block"
        }
        if let from = test.from { s += " [test in force since \(from)]" }
        return s
    }

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
        for k in holdings.inRange(v) {
            let e = Int(holdings.inEdge[k])
            let o = holdings.source[e]
            var inC = isMember(o, seed: seed, certainWorld: true)
            var inP = isMember(o, seed: seed, certainWorld: false)
            let g = holdings.joint[e]
            if let seed, g >= 0 {
                let parties = holdings.jointParties[Int(g)]
                inC = inC || parties.contains { isMember($0, seed: seed, certainWorld: true) }
                inP = inP || parties.contains { isMember($0, seed: seed, certainWorld: false) }
            }
            var share = graph.share(Int(holdings.relationship[e])) ?? .unknown
            let iv = PercentInterval(lower: Percent(units: holdings.lo[e]), upper: Percent(units: holdings.hi[e]),
                                     lowerExclusive: holdings.loExclusive[e], upperExclusive: holdings.hiExclusive[e])
            if PercentInterval(share) != iv && share != .unknown {
                share = iv.isExact ? .exact(iv.lower) : .range(ShareRange(min: iv.lower, max: iv.upper,
                    minExclusive: iv.lowerExclusive, maxExclusive: iv.upperExclusive))
            }
            let counted = PercentInterval(lower: inC ? iv.lower : .zero, upper: inP ? iv.upper : .zero,
                                          lowerExclusive: inC && iv.lowerExclusive, upperExclusive: inP && iv.upperExclusive)
            lower = lower + PercentInterval(lower: counted.lower, upper: counted.lower, lowerExclusive: counted.lowerExclusive)
            upper = upper + PercentInterval(lower: counted.upper, upper: counted.upper, upperExclusive: counted.upperExclusive)
            list.append(SanctionsExplanation.Holding(
                owner: graph.id(Int(o)), ownerName: graph.name(Int(o)), ownerStatus: status(Int(o)),
                relationship: Int(holdings.relationship[e]),
                relationshipID: graph.relationshipID(Int(holdings.relationship[e])), share: share, counted: counted,
                jointArrangement: g >= 0 ? holdings.jointNames[Int(g)] : nil, detail: []))
        }
        let total = PercentInterval(lower: lower.lower, upper: upper.upper, lowerExclusive: lower.lowerExclusive,
                                    upperExclusive: upper.upperExclusive).cappedAtHundred
        let outcome: TestOutcome
        if FixedPointScratch.passes(units: total.lower.units, strict: total.lowerExclusive, upper: false, test: test) {
            outcome = .met
        } else if FixedPointScratch.passes(units: total.upper.units, strict: total.upperExclusive, upper: true, test: test) {
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
            out.append(SanctionsExplanation.ControlLink(
                controller: graph.id(Int(c)), controllerStatus: status(Int(c)), relationship: Int(r),
                relationshipID: graph.relationshipID(Int(r)), controlType: type, sufficient: sufficient,
                effect: effect, detail: []))
        }
        return out.sorted { ($0.controller, $0.relationship) < ($1.controller, $1.relationship) }
    }
}

/// The result of a threshold test on an interval: met for every value, for none, or for some.
public enum TestOutcome: String, Sendable, Hashable, CustomStringConvertible {
    case met
    case notMet = "not met"
    case undetermined
    public var description: String { rawValue }
}

/// Where the lists a sanctions analysis counts came from.
public enum CountedListsOrigin: String, Sendable, Hashable, CustomStringConvertible {
    /// The caller's explicit lists (`--lists`).
    case option
    /// The built-in table of the regime's own authority (``SanctionsRegime/defaultLists``).
    case regimeDefault = "default"
    /// The regime's definition in the policy (`regimes[].lists`).
    case regime
    /// The policy's `lists` (a regime that names none).
    case policy
    /// No list named anywhere: every list counts.
    case every

    public var description: String {
        switch self {
        case .option: "--lists"
        case .regimeDefault: "the regime's default lists"
        case .regime: "the policy's regime definition"
        case .policy: "the policy's lists"
        case .every: "every list"
        }
    }
}

/// The derived status of an entity under a regime.
public enum SanctionsStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Designated on a counted list, in force on the as-of date.
    case listed
    /// Owned or controlled (per the regime) by listed or blocked persons: certain under every value the shares can take.
    case blocked
    /// Blocked under some values the shares can take but not all (ranges, unknown shares, unclassified control).
    case undetermined
    /// Not blocked under any value the shares can take.
    case notBlocked = "not"

    public var description: String { rawValue }
}

/// Why an entity is listed, blocked or undetermined.
public enum SanctionsBasis: String, Sendable, Hashable, CustomStringConvertible {
    /// `votingRights`: a majority of the voting rights (EU, UK), tested apart from the shares.
    case list, ownership, control, votingRights
    public var description: String { self == .votingRights ? "voting rights" : rawValue }
}

/// One line of `corpgraph blocked`: an entity that is not plainly clear.
public struct SanctionsEntry: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: EntityKind
    public var status: SanctionsStatus
    public var basis: SanctionsBasis?
    /// Counted lists with a designation in force (listed entities).
    public var lists: [String] = []
    /// The counted ownership share: blocked holders in aggregate, or (per-person regimes) the strongest person's.
    public var ownership: PercentInterval?
    /// The counted voting rights (regimes that count them), when any voting-rights holding reaches the entity.
    public var votingRights: PercentInterval?
    /// Holders whose shares (or, when the basis is voting rights, votes) count (certainly or possibly).
    public var owners: [String] = []
    /// Blocked controllers, when the basis is control.
    public var controllers: [String] = []
    /// Per-person regimes: the designated person whose holdings reach the entity.
    public var person: String?

    public init(id: String, name: String, kind: EntityKind, status: SanctionsStatus) {
        self.id = id
        self.name = name
        self.kind = kind
        self.status = status
    }
}

extension SanctionsRegime {
    /// The `owns` relationship attribute naming a joint arrangement (UK Sch. 1): relationships with the same value
    /// are one arrangement, and each party is treated as holding the combined shares.
    public static let jointArrangementAttribute = "jointArrangement"
}

// MARK: - Effective holdings

/// The `owns` relationships valid on the as-of date, one per (owner, asset) pair, with share bounds.
struct EffectiveHoldings: Sendable {
    var source: [Int32] = []
    var target: [Int32] = []
    var relationship: [Int32] = []
    var lo: [Int64] = []
    var hi: [Int64] = []
    var loExclusive: [Bool] = []
    var hiExclusive: [Bool] = []
    /// Joint-arrangement group, or -1.
    var joint: [Int32] = []
    var jointNames: [String] = []
    /// Sources of each group's relationships.
    var jointParties: [[Int32]] = []
    var jointEdges: [[Int32]] = []
    /// Per entity, groups it is party to.
    var jointOf: [Int32: [Int32]] = [:]
    /// Out-adjacency by source: `outOffsets[v]..<outOffsets[v+1]` index the arrays above.
    var outOffsets: [Int32] = []
    /// In-adjacency: `inOffsets[v]..<inOffsets[v+1]` index `inEdge`.
    var inOffsets: [Int32] = []
    var inEdge: [Int32] = []
    /// Valid `owns` relationships not used because a more specific one for the same pair is in force: rel → chosen rel.
    var superseded: [Int32: Int32] = [:]
    /// Superseded relationships with the same start and end as the chosen one: folded into its interval hull.
    var tied: Set<Int32> = []
    /// Valid `owns` relationships that are not holdings of share capital (see ``notEquity(_:_:)``): rel → reason.
    var excluded: [Int32: String] = [:]
    /// Valid `controls` relationships out of each entity: (target, sufficient).
    var controlOffsets: [Int32] = []
    var controlTarget: [Int32] = []
    var controlSufficient: [Bool] = []

    var count: Int { source.count }
    var hasJointArrangements: Bool { !jointNames.isEmpty }
    func outRange(_ v: Int) -> Range<Int> { Int(outOffsets[v])..<Int(outOffsets[v + 1]) }
    func inRange(_ v: Int) -> Range<Int> { Int(inOffsets[v])..<Int(inOffsets[v + 1]) }
    func controlRange(_ v: Int) -> Range<Int> { Int(controlOffsets[v])..<Int(controlOffsets[v + 1]) }

    /// - Parameter votingRights: `false`: the equity holdings (and control); `true`: only the voting-rights holdings
    ///   (`owns` with `basis: voting`), for ``SanctionsRegime/countsVotingRights``.
    init(graph: Graph, regime: SanctionsRegime, asOf: CalendarDate, votingRights: Bool = false) {
        let n = graph.entityCount
        outOffsets.reserveCapacity(n + 1)
        outOffsets.append(0)
        controlOffsets.reserveCapacity(n + 1)
        controlOffsets.append(0)
        var jointLookup: [String: Int32] = [:]
        let day = asOf.rawValue
        let useJoint = !regime.aggregatesAcrossPersons && !votingRights
        let splitVoting = regime.countsVotingRights
        for v in 0..<n {
            let rels = graph.outRelationships(v)
            let nbrs = graph.outNeighbours(v)
            var i = rels.startIndex
            while i < rels.endIndex {
                let w = nbrs[i]
                var best: Int32 = -1
                var valid: [Int32] = []
                var j = i
                while j < rels.endIndex && nbrs[j] == w {
                    let r = rels[j]
                    let kind = graph.kind(ofRelationship: Int(r))
                    if kind == .owns && graph.isValid(Int(r), on: asOf) {
                        let voting = EffectiveHoldings.isVotingRights(Int(r), graph)
                        if votingRights {
                            // Only voting rights; everything else is the equity side's business.
                            if !voting { j += 1; continue }
                        } else if voting && splitVoting {
                            j += 1
                            continue
                        } else if let why = EffectiveHoldings.notEquity(Int(r), graph) {
                            excluded[r] = why
                            j += 1
                            continue
                        }
                        valid.append(r)
                        if best < 0 || EffectiveHoldings.moreSpecific(Int(r), than: Int(best), graph, day) { best = r }
                    } else if kind == .controls && regime.countsControl && !votingRights && graph.isValid(Int(r), on: asOf) {
                        controlTarget.append(w)
                        controlSufficient.append(regime.isSufficientControl(graph.relExtras[r]?.controlType))
                    }
                    j += 1
                }
                if best >= 0 {
                    // Statements with the same start and end as the chosen one conflict: use their interval hull.
                    var bounds = PercentInterval(graph.share(Int(best)) ?? .unknown)
                    for r in valid where r != best {
                        superseded[r] = best
                        guard graph.start(Int(r)) == graph.start(Int(best)), graph.end(Int(r)) == graph.end(Int(best)) else { continue }
                        tied.insert(r)
                        let o = PercentInterval(graph.share(Int(r)) ?? .unknown)
                        if o.lower < bounds.lower || (o.lower == bounds.lower && !o.lowerExclusive) {
                            bounds.lower = o.lower
                            bounds.lowerExclusive = o.lowerExclusive
                        }
                        if o.upper > bounds.upper || (o.upper == bounds.upper && !o.upperExclusive) {
                            bounds.upper = o.upper
                            bounds.upperExclusive = o.upperExclusive
                        }
                    }
                    let e = Int32(source.count)
                    source.append(Int32(v))
                    target.append(w)
                    relationship.append(best)
                    lo.append(bounds.lower.units)
                    hi.append(min(bounds.upper.units, Percent.hundred.units))
                    loExclusive.append(bounds.lowerExclusive)
                    hiExclusive.append(bounds.upperExclusive)
                    var g: Int32 = -1
                    if useJoint, let name = graph.relExtras[best]?.attributes[SanctionsRegime.jointArrangementAttribute],
                       !name.isEmpty {
                        if let k = jointLookup[name] {
                            g = k
                        } else {
                            g = Int32(jointNames.count)
                            jointLookup[name] = g
                            jointNames.append(name)
                            jointParties.append([])
                            jointEdges.append([])
                        }
                        if !jointParties[Int(g)].contains(Int32(v)) {
                            jointParties[Int(g)].append(Int32(v))
                            jointOf[Int32(v), default: []].append(g)
                        }
                        jointEdges[Int(g)].append(e)
                    }
                    joint.append(g)
                }
                i = j
            }
            outOffsets.append(Int32(source.count))
            controlOffsets.append(Int32(controlTarget.count))
        }
        // In-adjacency by counting sort on target (stable: by source order).
        var counts = [Int32](repeating: 0, count: n + 1)
        for t in target { counts[Int(t) + 1] += 1 }
        for k in 0..<n { counts[k + 1] += counts[k] }
        inOffsets = counts
        inEdge = [Int32](repeating: 0, count: target.count)
        var cursor = counts
        for e in 0..<target.count {
            let t = Int(target[e])
            inEdge[Int(cursor[t])] = Int32(e)
            cursor[t] += 1
        }
    }

    /// `owns` bases that are share capital (docs/FORMATS-IMPORT.md §1.3); any other basis (voting, profit, …) is another
    /// right and is not added to the equity test.
    static let equityBases: Set<String> = ["equity", "unknown", "unpublished", "accountingConsolidation"]

    /// Why an `owns` relationship is not a direct equity holding to add up, or nil when it is one: a declared indirect
    /// interest summarises a chain already in the graph (`declaredIndirect: true`), and a non-equity `basis`.
    static func notEquity(_ r: Int, _ g: Graph) -> String? {
        // Basis and attributes live in the sparse extras: most relationships have none (no `Relationship` is built).
        guard let x = g.relExtras[Int32(r)] else { return nil }
        if x.attributes["declaredIndirect"] == "true" { return "a declared indirect interest (summarises a chain)" }
        if let b = x.basis, !equityBases.contains(b) { return "basis '\(b)' is not share capital" }
        return nil
    }

    /// Whether `r` is a direct holding of voting rights (`basis: voting`, not a declared indirect interest).
    static func isVotingRights(_ r: Int, _ g: Graph) -> Bool {
        guard let x = g.relExtras[Int32(r)], x.basis == "voting" else { return false }
        return x.attributes["declaredIndirect"] != "true"
    }

    /// Whether relationship `a` is a more specific statement for `day` than `b`: later start, then earlier end, then
    /// read later.
    static func moreSpecific(_ a: Int, than b: Int, _ g: Graph, _ day: Int32) -> Bool {
        let sa = g.start(a)?.rawValue ?? Int32.min, sb = g.start(b)?.rawValue ?? Int32.min
        if sa != sb { return sa > sb }
        let ea = g.end(a)?.rawValue ?? Int32.max, eb = g.end(b)?.rawValue ?? Int32.max
        if ea != eb { return ea < eb }
        return a > b
    }
}

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

    init(n: Int, edges: Int) {
        member = [Bool](repeating: false, count: n)
        units = [Int64](repeating: 0, count: n)
        strict = [Bool](repeating: false, count: n)
        votes = [Int64](repeating: 0, count: n)
        votesStrict = [Bool](repeating: false, count: n)
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
    mutating func run(seeds: [Int32], upper: Bool, joint: Bool, holdings h: EffectiveHoldings, graph: Graph,
                      test: SanctionsRegime.OwnershipTest, voting: EffectiveHoldings? = nil) -> [Int32] {
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
        @inline(__always) func addVotes(_ e: Int, _ vh: EffectiveHoldings, into stack: inout [Int32], _ members: inout [Int32]) {
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
            if FixedPointScratch.passes(units: votes[c], strict: votesStrict[c], upper: upper, test: SanctionsRegime.votingTest) {
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
            votes[Int(v)] = 0
            votesStrict[Int(v)] = false
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
