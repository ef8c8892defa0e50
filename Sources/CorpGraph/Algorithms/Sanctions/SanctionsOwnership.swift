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
    /// The equity holdings (read from the graph when asked).
    let holdings: HoldingsView
    /// Voting-rights holdings, when the regime counts them and the graph has some on the date.
    let voting: HoldingsView?
    let listedFlags: [Bool]
    /// ``countedLists`` as a set (`nil`: every list).
    let countedSet: Set<String>?
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
            case .noOwnershipTest(let r):
                "regime '\(r)' defines no ownership test; expected at least one {threshold, inclusive}"
            }
        }
    }

    /// Evaluates `regime` on `graph` as of `asOf`.
    ///
    /// - Parameters:
    ///   - policy: supplies the counted lists when the regime names none.
    ///   - lists: overrides both (e.g. a command-line `--lists`).
    /// - Complexity: O(V + E) for aggregating regimes; for per-person regimes O(V + E + Σ_P |holdings of P|).
    public init(
        graph: Graph, regime: SanctionsRegime, policy: Policy = .builtIn, asOf: CalendarDate,
        lists: [String]? = nil
    ) throws {
        try self.init(
            preparation: SanctionsPreparation(graph: graph, asOf: asOf), regime: regime, policy: policy, lists: lists)
    }

    /// Evaluates `regime` on the graph and date of `preparation`, reusing (and adding to) what it holds, so several
    /// regimes on one graph and date build their holdings once. Same results as
    /// ``init(graph:regime:policy:asOf:lists:)``.
    public init(
        preparation: SanctionsPreparation, regime: SanctionsRegime, policy: Policy = .builtIn, lists: [String]? = nil
    ) throws {
        let graph = preparation.graph
        let asOf = preparation.asOf
        guard !regime.tests.isEmpty else { throw RegimeError.noOwnershipTest(regime: regime.name) }
        self.graph = graph
        self.regime = regime
        self.asOf = asOf
        self.test = regime.test(on: asOf)
        let counted = lists ?? regime.lists ?? policy.lists
        self.listsOrigin =
            lists != nil
            ? .option
            : regime.lists != nil
                ? (regime.lists == SanctionsRegime.defaultLists[regime.name] ? .regimeDefault : .regime)
                : policy.lists != nil ? .policy : .every
        self.countedLists = counted.map { Array(Set($0)).sorted() }
        let n = graph.entityCount
        let split = regime.countsVotingRights
        let h = HoldingsView(
            graph: graph, day: asOf.rawValue, votingRights: false, splitVoting: split,
            joint: regime.aggregatesAcrossPersons ? .none : preparation.jointArrangements(splitVoting: split))
        self.holdings = h
        let vote =
            split && preparation.hasVotingHoldings
            ? HoldingsView(graph: graph, day: asOf.rawValue, votingRights: true, splitVoting: true, joint: .none) : nil
        self.voting = vote
        let control = regime.countsControl ? regime : nil

        var listed = [Bool](repeating: false, count: n)
        var seeds: [Int32] = []
        // Undated designations first seen after the as-of date: seeds of the possible world only (UNDETERMINED).
        var possibleSeeds: [Int32] = []
        let countedSet = counted.map(Set.init)
        self.countedSet = countedSet
        // Straight from the designation columns (no `Designation` values): in force on D is `listed ≤ D`, not
        // delisted on or before D, and an undated one first seen on or before D; first seen after D is possible only.
        let d = graph.store.designations
        let countsCode = (0..<d.listCodes.count).map { countedSet?.contains(d.listCodes[$0]) ?? true }
        let day = asOf.rawValue
        for v in 0..<n where d.offsets[v] != d.offsets[v + 1] {
            var maybe = false
            for i in Int(d.offsets[v])..<Int(d.offsets[v + 1]) where countsCode[Int(d.list[i])] {
                let l = d.listed[i], x = d.delisted[i]
                guard !(l != 0 && l > day), !(x != 0 && x <= day) else { continue }
                if l == 0 && d.firstSeen[i] != 0 && d.firstSeen[i] > day {
                    maybe = true
                    continue
                }
                listed[v] = true
                seeds.append(Int32(v))
                break
            }
            if maybe && !listed[v] { possibleSeeds.append(Int32(v)) }
        }
        self.listedFlags = listed

        var scratch = FixedPointScratch(n: n, voting: vote != nil)
        if regime.aggregatesAcrossPersons {
            var c = [Bool](repeating: false, count: n)
            var p = [Bool](repeating: false, count: n)
            for v in scratch.run(
                seeds: seeds, upper: false, joint: false, holdings: h, graph: graph, test: test, control: control,
                voting: vote)
            { c[Int(v)] = true }
            for v in scratch.run(
                seeds: seeds + possibleSeeds, upper: true, joint: false, holdings: h, graph: graph, test: test,
                control: control, voting: vote)
            { p[Int(v)] = true }
            certain = c
            possible = p
            spheres = [:]
            sphereMembers = [:]
        } else {
            var c = listed
            var p = listed
            var reach: [Int32: [(seed: Int32, certain: Bool)]] = [:]
            var members: [Int32: (certain: Set<Int32>, possible: Set<Int32>)] = [:]
            let joint = !h.joint.isEmpty
            let certainSeeds = Set(seeds)
            for s in seeds + possibleSeeds {
                let cs =
                    certainSeeds.contains(s)
                    ? scratch.run(
                        seeds: [s], upper: false, joint: joint, holdings: h, graph: graph, test: test,
                        control: control, voting: vote)
                    : []
                let ps = scratch.run(
                    seeds: [s], upper: true, joint: joint, holdings: h, graph: graph, test: test, control: control,
                    voting: vote)
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
    public init(
        graph: Graph, regimeNamed name: String, policy: Policy = .builtIn, asOf: CalendarDate,
        lists: [String]? = nil
    ) throws {
        guard let r = policy.regime(named: name) else { throw UnknownRegime(name: name, known: policy.regimeNames) }
        try self.init(graph: graph, regime: r, policy: policy, asOf: asOf, lists: lists)
    }

    /// Convenience: the regime named `name` under `policy`, on the graph and date of `preparation` (see
    /// ``init(preparation:regime:policy:lists:)``).
    public init(
        preparation: SanctionsPreparation, regimeNamed name: String, policy: Policy = .builtIn, lists: [String]? = nil
    ) throws {
        guard let r = policy.regime(named: name) else { throw UnknownRegime(name: name, known: policy.regimeNames) }
        try self.init(preparation: preparation, regime: r, policy: policy, lists: lists)
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
        if st == .undetermined && !possibleDesignations(v).isEmpty && !isMember(Int32(v), seed: nil, certainWorld: true)
        {
            // Undated, first seen after the as-of date: possibly listed then.
            let possiblyListed = possibleDesignations(v).map(\.list).uniqueSorted()
            if (spheres[Int32(v)] ?? []).isEmpty || regime.aggregatesAcrossPersons && !hasCertainOrPossibleHolders(v) {
                e.basis = .list
                e.lists = possiblyListed
                return e
            }
        }
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

    /// Undated designations of `v` on a counted list first seen after the as-of date (possibly in force then).
    public func possibleDesignations(_ v: Int) -> [Designation] {
        guard graph.hasDesignations(v) else { return [] }
        return graph.designations(v).filter {
            !$0.isInForce(on: asOf) && $0.isPossiblyInForce(on: asOf) && (countedSet?.contains($0.list) ?? true)
        }
    }

    /// Whether some holder or controller of `v` is possibly blocked (so ownership, not only its own listing, may apply).
    func hasCertainOrPossibleHolders(_ v: Int) -> Bool {
        holdings.into(v).contains { possible[Int($0.source)] }
    }

    /// Designations of `v` in force on the as-of date on a counted list.
    public func countedDesignations(_ v: Int) -> [Designation] {
        guard graph.hasDesignations(v) else { return [] }
        return graph.designations(v).filter { $0.isInForce(on: asOf) && (countedSet?.contains($0.list) ?? true) }
    }

    /// The rule applied, in words, with the threshold in force on the as-of date.
    public var ruleText: String {
        let cmp = test.inclusive ? "≥" : ">"
        var s: String
        if regime.indirect == .majorityStakeChain || !regime.aggregatesAcrossPersons {
            s =
                "owned \(cmp) \(test.threshold) % by one designated person, directly or through entities it holds "
                + "\(cmp) \(test.threshold) % (no aggregation across persons unless under a joint arrangement)"
        } else {
            s =
                "owned \(cmp) \(test.threshold) % in aggregate by blocked persons; holdings of a blocked entity "
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
}
