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

    /// Classifies every entity of `graph`.
    /// - Parameters:
    ///   - policy: the sanctioned jurisdictions and counted lists.
    ///   - asOf: the day designations must be in force on; `nil` counts every designation.
    ///   - extra: further targets (entity index → reasons, e.g. `["derived:ofac"]`), for `--derived`.
    /// - Complexity: O(V + D + J·P) for V entities, D designations, J distinct jurisdiction codes, P policy entries.
    public init(graph: Graph, policy: Policy, asOf: CalendarDate?, extra: [Int: [String]] = [:]) {
        self.graph = graph
        self.policy = policy
        self.asOf = asOf
        let entries = graph.jurisdictionCodes.map { policy.sanctioningEntry(for: $0) }
        entryForJurisdiction = entries
        let sanctionedCode = entries.map { $0 != nil }
        var bits = [UInt64](repeating: 0, count: (graph.entityCount + 63) / 64)
        var count = 0
        for v in 0..<graph.entityCount {
            var hit = false
            let j = graph.jurisdictionOf[v]
            if j >= 0 && sanctionedCode[Int(j)] {
                hit = true
            } else if graph.hasDesignations(v) {
                hit = graph.designations(v).contains { TargetSet.counts($0, policy: policy, asOf: asOf) }
            }
            if !hit, !extra.isEmpty, extra[v] != nil { hit = true }
            if hit {
                bits[v >> 6] |= 1 << UInt64(v & 63)
                count += 1
            }
        }
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
    public func targets(policy: Policy, asOf: CalendarDate?, extra: [Int: [String]] = [:]) -> TargetSet {
        TargetSet(graph: self, policy: policy, asOf: asOf, extra: extra)
    }
}
