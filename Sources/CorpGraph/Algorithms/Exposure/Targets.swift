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
/// - it has a designation in force on the as-of date on a list the policy counts (reason `list:OFAC-SDN since
///   2022-04-05`, or `list:OFAC-SDN` when the listing date is unknown), or
/// - its jurisdiction is covered by a policy entry (reason `jurisdiction:RU via RU-IRK` when the entry is the country
///   of a subdivision, `jurisdiction:RU` when the codes are equal), or
/// - the caller names it as an extra target with its own reasons (the hook for `--derived ofac|eu|uk`, whose blocked
///   entities come from the sanctions-ownership engine).
///
/// Membership is a bitset (O(1) tests in the traversal loops); reasons are computed on demand, so classifying a
/// million entities allocates no strings.
public struct TargetSet: Sendable {
    /// The graph the set was computed on.
    public let graph: Graph
    /// The policy that decides which lists and jurisdictions count.
    public let policy: Policy
    /// The day designations are checked on; `nil` means every designation counts whatever its dates.
    public let asOf: CalendarDate?
    /// One bit per entity.
    @usableFromInline let bits: [UInt64]
    /// Number of targets.
    public let count: Int
    /// Per interned jurisdiction code (``Graph/jurisdictionCodes``): the covering policy entry, if any.
    let entryForJurisdiction: [String?]
    /// Caller-supplied targets and their reasons.
    let extraReasons: [Int32: [String]]
    /// Per entity its ``TargetSeverity`` raw value, 0 when not a target.
    public let severities: [UInt8]
    /// The highest severity of any target (0 when there is none).
    public let maxSeverity: UInt8

    /// Classifies every entity of `graph`.
    /// - Parameters:
    ///   - policy: the sanctioned jurisdictions and counted lists.
    ///   - asOf: the day designations must be in force on; `nil` counts every designation.
    ///   - extra: further targets (entity index → reasons, e.g. `["derived:ofac"]`), for `--derived`.
    ///   - extraSeverity: the severity of each extra target (default ``TargetSeverity/derived``).
    /// - Complexity: O(V + D + J·P) for V entities, D designations, J distinct jurisdiction codes, P policy entries.
    public init(graph: Graph, policy: Policy, asOf: CalendarDate?, extra: [Int: [String]] = [:],
                extraSeverity: [Int: TargetSeverity] = [:]) {
        self.graph = graph
        self.policy = policy
        self.asOf = asOf
        let entries = graph.jurisdictionCodes.map { policy.sanctioningEntry(for: $0) }
        entryForJurisdiction = entries
        let sanctionedCode = entries.map { $0 != nil }
        var bits = [UInt64](repeating: 0, count: (graph.entityCount + 63) / 64)
        var count = 0
        var sev = [UInt8](repeating: 0, count: graph.entityCount)
        var top: UInt8 = 0
        for v in 0..<graph.entityCount {
            var s: UInt8 = 0
            let j = graph.jurisdictionOf[v]
            if j >= 0 && sanctionedCode[Int(j)] { s = TargetSeverity.jurisdiction.rawValue }
            if graph.hasDesignations(v), graph.designations(v).contains(where: { TargetSet.counts($0, policy: policy, asOf: asOf) }) {
                s = TargetSeverity.designated.rawValue
            }
            if !extra.isEmpty, extra[v] != nil { s = max(s, (extraSeverity[v] ?? .derived).rawValue) }
            if s > 0 {
                bits[v >> 6] |= 1 << UInt64(v & 63)
                count += 1
                sev[v] = s
                top = max(top, s)
            }
        }
        severities = sev
        maxSeverity = top
        var extraReasons: [Int32: [String]] = [:]
        for (v, reasons) in extra where v >= 0 && v < graph.entityCount { extraReasons[Int32(v)] = reasons }
        self.bits = bits
        self.count = count
        self.extraReasons = extraReasons
    }

    static func counts(_ d: Designation, policy: Policy, asOf: CalendarDate?) -> Bool {
        guard policy.counts(list: d.list) else { return false }
        guard let asOf else { return true }
        return d.isInForce(on: asOf)
    }

    /// The severity of target `v`, nil when `v` is not a target. O(1).
    public func severity(of v: Int) -> TargetSeverity? { TargetSeverity(rawValue: severities[v]) }

    /// Whether entity `v` is a target. O(1).
    @inlinable public func contains(_ v: Int) -> Bool {
        bits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    /// Every target, in index order.
    public var members: [Int] {
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

    /// Why entity `v` is a target: jurisdiction first, then lists (sorted), then caller-supplied reasons.
    /// Empty when `v` is not a target.
    public func reasons(for v: Int) -> [String] {
        var out: [String] = []
        let j = graph.jurisdictionIndex(v)
        if j >= 0, let entry = entryForJurisdiction[j] {
            let code = graph.jurisdictionCodes[j]
            out.append(entry == code ? "jurisdiction:\(entry)" : "jurisdiction:\(entry) via \(code)")
        }
        var lists: [String] = []
        for d in graph.designations(v) where TargetSet.counts(d, policy: policy, asOf: asOf) {
            let text = d.listed.map { "list:\(d.list) since \($0)" } ?? "list:\(d.list)"
            if !lists.contains(text) { lists.append(text) }
        }
        out += lists.sorted()
        if let extra = extraReasons[Int32(v)] {
            for r in extra where !out.contains(r) { out.append(r) }
        }
        return out
    }
}

extension Graph {
    /// The targets of an exposure query; see ``TargetSet``.
    public func targets(policy: Policy, asOf: CalendarDate?, extra: [Int: [String]] = [:],
                        extraSeverity: [Int: TargetSeverity] = [:]) -> TargetSet {
        TargetSet(graph: self, policy: policy, asOf: asOf, extra: extra, extraSeverity: extraSeverity)
    }
}
