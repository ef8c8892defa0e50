/// How serious a target is (DESIGN §4): a path ends at the first target of its target's severity or higher, so a
/// jurisdiction target never hides a designated party behind it. Ordered: `designated` is the highest.
public enum TargetSeverity: UInt8, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Located in a sanctioned jurisdiction.
    case jurisdiction = 1
    /// UNDETERMINED under the `--derived` regime: possibly blocked.
    case possible = 2
    /// Blocked under the `--derived` regime's ownership and control rules.
    case derived = 3
    /// Designated on a counted list.
    case designated = 4

    public static func < (a: TargetSeverity, b: TargetSeverity) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .jurisdiction: "jurisdiction"
        case .possible: "possible"
        case .derived: "derived"
        case .designated: "designated"
        }
    }
}

/// The entities an exposure query looks for, on one as-of date, under one ``Policy``.
///
/// An entity is a target when
/// - it has a designation in force on the as-of date on a list the policy counts (``TargetReason/list(code:since:until:dateUnknown:)``,
///   `list:OFAC-SDN since 2022-04-05`, or `list:OFAC-SDN (listing date unknown)`), or
/// - it is an account or crypto wallet held by such a designated party: the source of an `owns` or `controls`
///   relationship into it in force on the as-of date (FtM `CryptoWallet.holder`, an Ownership of a BankAccount;
///   ``TargetReason/heldBy(holder:lists:)``, `heldBy:person-s, OFAC-SDN`; severity designated), or
/// - its jurisdiction is covered by a policy entry (``TargetReason/jurisdiction(entry:via:)``,
///   `jurisdiction:RU via RU-IRK` when the entry is the country of a subdivision, `jurisdiction:RU` when the codes
///   are equal), or
/// - the caller names it as an extra target with its own reasons (the hook for `--derived ofac|eu|uk`, whose blocked
///   entities come from the sanctions-ownership engine: ``TargetReason/derived(regime:status:basis:by:)``).
///
/// Membership is a bitset (O(1) tests in the traversal loops); reasons are computed on demand, so classifying a
/// million entities allocates nothing per entity.
public struct TargetSet: Sendable {
    /// The graph the set was computed on.
    public let graph: Graph
    /// The policy that decides which lists and jurisdictions count.
    public let policy: Policy
    /// The day designations are checked on; `nil` means every designation counts whatever its dates.
    public let asOf: CalendarDate?
    /// One bit per entity (empty when ``classifiesOnDemand``).
    @usableFromInline let bits: [UInt64]
    /// Each entity is classified when asked about (``init(graph:policy:asOf:extra:extraSeverity:onDemand:)``).
    @usableFromInline let onDemand: Bool
    private let storedCount: Int
    /// Per interned jurisdiction code (``Graph/jurisdictionCodes``): the covering policy entry, if any.
    let entryForJurisdiction: [String?]
    /// Per interned jurisdiction code: whether the policy covers it.
    let sanctionedCode: [Bool]
    /// Caller-supplied targets and their reasons.
    let extraReasons: [Int32: [TargetReason]]
    /// Caller-supplied targets and their severity raw values.
    let extraSeverities: [Int32: UInt8]
    /// Per entity its ``TargetSeverity`` raw value, 0 when not a target; empty when ``classifiesOnDemand`` (use
    /// ``severity(of:)``).
    public let severities: [UInt8]
    /// The highest severity of any target (0 when there is none). Classified on demand: the highest severity any
    /// entity can have (a designation in force on a counted list, a covered jurisdiction code, the extras), without
    /// looking at every entity.
    public let maxSeverity: UInt8

    /// Classifies every entity of `graph`, or (`onDemand`) none until asked about.
    /// - Parameters:
    ///   - policy: the sanctioned jurisdictions and counted lists.
    ///   - asOf: the day designations must be in force on; `nil` counts every designation.
    ///   - extra: further targets (entity index → reasons, e.g. `[.derived(regime: "ofac", …)]`), for `--derived`.
    ///   - extraSeverity: the severity of each extra target (default: the highest of its reasons' severities).
    ///   - onDemand: classify each entity when ``contains(_:)`` or ``severity(of:)`` asks (O(1) each, plus the
    ///     relationships into an account), not all at once: for a query about one subject on a large graph, which
    ///     looks at a few entities. ``members`` and ``count`` then visit every entity.
    /// - Complexity: O(V + D + J·P + A) for V entities, D designations, J distinct jurisdiction codes, P policy
    ///   entries, A relationships into accounts; on demand O(J·P + the designations before the first that counts).
    public init(
        graph: Graph, policy: Policy, asOf: CalendarDate?, extra: [Int: [TargetReason]] = [:],
        extraSeverity: [Int: TargetSeverity] = [:], onDemand: Bool = false
    ) {
        self.graph = graph
        self.policy = policy
        self.asOf = asOf
        let entries = graph.jurisdictionCodes.map { policy.sanctioningEntry(for: $0) }
        entryForJurisdiction = entries
        sanctionedCode = entries.map { $0 != nil }
        var extraReasons: [Int32: [TargetReason]] = [:]
        var extraSeverities: [Int32: UInt8] = [:]
        for (v, reasons) in extra where v >= 0 && v < graph.entityCount {
            extraReasons[Int32(v)] = reasons
            let fallback = reasons.map(\.severity).max() ?? .derived
            extraSeverities[Int32(v)] = (extraSeverity[v] ?? fallback).rawValue
        }
        self.extraReasons = extraReasons
        self.extraSeverities = extraSeverities
        self.onDemand = onDemand
        if onDemand {
            bits = []
            severities = []
            storedCount = 0
            var top = extraSeverities.values.max() ?? 0
            if sanctionedCode.contains(true) { top = max(top, TargetSeverity.jurisdiction.rawValue) }
            if graph.anyDesignationCounts(policy: policy, asOf: asOf) { top = TargetSeverity.designated.rawValue }
            maxSeverity = top
            return
        }
        var bits = [UInt64](repeating: 0, count: (graph.entityCount + 63) / 64)
        var count = 0
        var sev = [UInt8](repeating: 0, count: graph.entityCount)
        var top: UInt8 = 0
        for v in 0..<graph.entityCount {
            let s = TargetSet.classify(
                graph, v, sanctionedCode: sanctionedCode, policy: policy, asOf: asOf, extra: extraSeverities)
            if s > 0 {
                bits[v >> 6] |= 1 << UInt64(v & 63)
                count += 1
                sev[v] = s
                top = max(top, s)
            }
        }
        severities = sev
        maxSeverity = top
        self.bits = bits
        storedCount = count
    }

    /// Whether each entity is classified when asked about rather than up front.
    public var classifiesOnDemand: Bool { onDemand }

    /// Number of targets (classified on demand: O(V)).
    public var count: Int { onDemand ? members.count : storedCount }

    /// The ``TargetSeverity`` raw value of entity `v` (0: not a target), computed from its jurisdiction,
    /// designations, kind and holders, and the extras.
    static func classify(
        _ graph: Graph, _ v: Int, sanctionedCode: [Bool], policy: Policy, asOf: CalendarDate?, extra: [Int32: UInt8]
    ) -> UInt8 {
        var s: UInt8 = 0
        let j = graph.jurisdictionIndex(v)
        if j >= 0 && sanctionedCode[j] { s = TargetSeverity.jurisdiction.rawValue }
        if TargetSet.isDesignated(graph, v, policy: policy, asOf: asOf)
            || (graph.kind(v) == .account && TargetSet.hasDesignatedHolder(graph, v, policy: policy, asOf: asOf))
        {
            s = TargetSeverity.designated.rawValue
        }
        if !extra.isEmpty, let e = extra[Int32(v)] { s = max(s, e) }
        return s
    }

    /// The severity raw value of entity `v` (0: not a target). O(1) (on demand: plus the relationships into an
    /// account).
    @usableFromInline func severityValue(_ v: Int) -> UInt8 {
        onDemand
            ? TargetSet.classify(
                graph, v, sanctionedCode: sanctionedCode, policy: policy, asOf: asOf, extra: extraSeverities)
            : severities[v]
    }

    static func counts(_ d: Designation, policy: Policy, asOf: CalendarDate?) -> Bool {
        guard policy.counts(list: d.list) else { return false }
        guard let asOf else { return true }
        return d.isInForce(on: asOf)
    }

    static func isDesignated(_ g: Graph, _ v: Int, policy: Policy, asOf: CalendarDate?) -> Bool {
        g.hasDesignations(v) && g.designations(v).contains { counts($0, policy: policy, asOf: asOf) }
    }

    /// The designated holders of account `v`: sources of `owns` or `controls` relationships into it in force on
    /// `asOf`, with a counted designation in force; sorted by id, without repeats.
    static func holders(_ g: Graph, _ v: Int, policy: Policy, asOf: CalendarDate?) -> [Int] {
        var out: [Int] = []
        for (e, u) in zip(g.inRelationships(v), g.inNeighbours(v)) {
            let e = Int(e), u = Int(u)
            let kind = g.kind(ofRelationship: e)
            guard kind == .owns || kind == .controls, u != v, !out.contains(u) else { continue }
            if let asOf, !g.isValid(e, on: asOf) { continue }
            if isDesignated(g, u, policy: policy, asOf: asOf) { out.append(u) }
        }
        return out.sorted { g.id($0) < g.id($1) }
    }

    /// Whether account `v` has a designated holder (``holders(_:_:policy:asOf:)`` without building the list).
    static func hasDesignatedHolder(_ g: Graph, _ v: Int, policy: Policy, asOf: CalendarDate?) -> Bool {
        for (e, u) in zip(g.inRelationships(v), g.inNeighbours(v)) {
            let e = Int(e), u = Int(u)
            let kind = g.kind(ofRelationship: e)
            guard kind == .owns || kind == .controls, u != v else { continue }
            if let asOf, !g.isValid(e, on: asOf) { continue }
            if isDesignated(g, u, policy: policy, asOf: asOf) { return true }
        }
        return false
    }

    /// The counted lists of the designations of `v` in force, sorted, without repeats.
    func countedLists(_ v: Int) -> [String] {
        var lists: [String] = []
        for d in graph.designations(v) where TargetSet.counts(d, policy: policy, asOf: asOf) && !lists.contains(d.list)
        {
            lists.append(d.list)
        }
        return lists.sorted()
    }

    /// The severity of target `v`, nil when `v` is not a target. O(1).
    public func severity(of v: Int) -> TargetSeverity? { TargetSeverity(rawValue: severityValue(v)) }

    /// Whether entity `v` is a target. O(1).
    @inlinable public func contains(_ v: Int) -> Bool {
        onDemand ? severityValue(v) != 0 : bits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    /// Every target, in index order.
    public var members: [Int] {
        if onDemand { return (0..<graph.entityCount).filter { severityValue($0) != 0 } }
        var out: [Int] = []
        out.reserveCapacity(count)
        for (w, word) in bits.enumerated() where word != 0 {
            var x = word
            while x != 0 {
                out.append(w << 6 | x.trailingZeroBitCount)
                x &= x - 1
            }
        }
        return out
    }

    /// Why entity `v` is a target: jurisdiction first, then lists (sorted by code), then the designated holders of
    /// an account (by id), then caller-supplied reasons. Empty when `v` is not a target.
    public func reasons(for v: Int) -> [TargetReason] {
        var out: [TargetReason] = []
        let j = graph.jurisdictionIndex(v)
        if j >= 0, let entry = entryForJurisdiction[j] {
            let code = graph.jurisdictionCodes[j]
            out.append(.jurisdiction(entry: entry, via: entry == code ? nil : code))
        }
        var lists: [TargetReason] = []
        for d in graph.designations(v) where TargetSet.counts(d, policy: policy, asOf: asOf) {
            let reason = TargetReason(designation: d)
            if !lists.contains(where: { $0.code == reason.code }) { lists.append(reason) }
        }
        out += lists.sorted { $0.code < $1.code }
        if graph.kind(v) == .account {
            for u in TargetSet.holders(graph, v, policy: policy, asOf: asOf) {
                out.append(.heldBy(holder: graph.id(u), lists: countedLists(u)))
            }
        }
        if let extra = extraReasons[Int32(v)] {
            for r in extra where !out.contains(r) { out.append(r) }
        }
        return out
    }
}

extension Graph {
    /// The targets of an exposure query; see ``TargetSet``.
    public func targets(
        policy: Policy, asOf: CalendarDate?, extra: [Int: [TargetReason]] = [:],
        extraSeverity: [Int: TargetSeverity] = [:], onDemand: Bool = false
    ) -> TargetSet {
        TargetSet(
            graph: self, policy: policy, asOf: asOf, extra: extra, extraSeverity: extraSeverity, onDemand: onDemand)
    }

    /// Whether some designation counts under `policy` on `asOf` (stops at the first that does).
    func anyDesignationCounts(policy: Policy, asOf: CalendarDate?) -> Bool {
        let d = store._designations
        let counted = (0..<d.listCodes.count).map { policy.counts(list: d.listCodes[$0]) }
        guard counted.contains(true) else { return false }
        let lists = Int32(d.listCodes.count), programs = Int32(d.programs.count)
        for i in 0..<d.list.count {
            let l = store.value(d.list, i, in: 0, lists, .designations)
            guard counted[Int(l)] else { continue }
            _ = store.value(d.program, i, in: -1, programs, .designations)
            if TargetSet.counts(d.designation(i), policy: policy, asOf: asOf) { return true }
        }
        return false
    }
}
