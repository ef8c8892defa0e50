import CorpGraph

/// Traces a status change through the two derivations (``SanctionsAnalysis/explain(_:)`` on each side).
///
/// For an entity whose status changed: when it is listed on one side only, the cause is its designation change.
/// Otherwise the derivation on the side where it is not clear (the stronger side) lists the holdings and control
/// links that count; each is compared with the other side: a holding or link that is absent there or has another
/// share is a cause, and a holder or controller whose own status changed is followed (the chain grows by one). A
/// derivation that changed for none of these reasons is put down to the ownership test in force (when it differs)
/// or reported as `other`.
struct CauseTracer {
    let old: DiffSide
    let new: DiffSide
    let match: EntityMatch
    let a: SanctionsAnalysis
    let b: SanctionsAnalysis
    let designations: [String: [DesignationChange]]
    var memo: [EntityKey: [StatusCause]] = [:]

    init(old: DiffSide, new: DiffSide, match: EntityMatch, a: SanctionsAnalysis, b: SanctionsAnalysis,
         designations: [String: [DesignationChange]]) {
        self.old = old
        self.new = new
        self.match = match
        self.a = a
        self.b = b
        self.designations = designations
    }

    func statusOld(_ k: EntityKey) -> SanctionsStatus? { k.old.map { a.status($0) } }
    func statusNew(_ k: EntityKey) -> SanctionsStatus? { k.new.map { b.status($0) } }
    func id(_ k: EntityKey) -> String { k.new.map { new.graph.id($0) } ?? old.graph.id(k.old ?? 0) }
    func name(_ k: EntityKey) -> String { k.new.map { new.graph.name($0) } ?? old.graph.name(k.old ?? 0) }

    static func rank(_ s: SanctionsStatus?) -> Int {
        switch s {
        case .listed?: 3
        case .blocked?: 2
        case .undetermined?: 1
        default: 0
        }
    }

    func key(oldID: String) -> EntityKey {
        let v = old.graph.index(of: oldID)
        return EntityKey(old: v, new: v.flatMap { match.new($0) })
    }

    func key(newID: String) -> EntityKey {
        let w = new.graph.index(of: newID)
        return EntityKey(old: w.flatMap { match.old($0) }, new: w)
    }

    mutating func causes(_ k: EntityKey, visited: inout Set<EntityKey>) -> [StatusCause] {
        if let known = memo[k] { return known }
        guard visited.insert(k).inserted, visited.count < 64 else { return [] }
        let so = statusOld(k), sn = statusNew(k)
        let here = id(k)
        var out: [StatusCause] = []
        if (so == .listed) != (sn == .listed) {
            // Only the lists this regime counts (on either side) can explain a listing.
            let counted = a.countedLists.flatMap { x in b.countedLists.map { Set(x + $0) } }
            let changes = (designations[here] ?? k.old.flatMap { designations[old.graph.id($0)] } ?? [])
                .filter { counted?.contains($0.list) ?? true }
            if changes.isEmpty {
                out.append(StatusCause(kind: .other, chain: [here],
                                       detail: "the lists counted differ between the two sides"))
            } else {
                out.append(StatusCause(kind: .designation, chain: [here], designations: changes))
            }
            memo[k] = out
            return out
        }
        let strongerIsNew = CauseTracer.rank(sn) >= CauseTracer.rank(so)
        guard let sIndex = strongerIsNew ? k.new : k.old else { return [] }
        let strong = strongerIsNew ? b.explain(sIndex) : a.explain(sIndex)
        let weak = (strongerIsNew ? k.old : k.new).map { strongerIsNew ? a.explain($0) : b.explain($0) }
        func holdings(_ x: SanctionsExplanation?) -> [SanctionsExplanation.Holding] {
            guard let x else { return [] }
            return x.holdings + x.perPerson.flatMap(\.holdings)
        }
        func controls(_ x: SanctionsExplanation?) -> [SanctionsExplanation.ControlLink] {
            guard let x else { return [] }
            return x.controls + x.perPerson.flatMap(\.controls)
        }
        // Ids on the weak side, translated to the strong side's ids.
        let me = self
        func toStrong(_ weakID: String) -> String {
            let key = strongerIsNew ? me.key(oldID: weakID) : me.key(newID: weakID)
            return (strongerIsNew ? key.new.map { me.new.graph.id($0) } : key.old.map { me.old.graph.id($0) }) ?? "\u{0}" + weakID
        }
        var weakShares: [String: Share] = [:]
        for h in holdings(weak) where weakShares[toStrong(h.owner)] == nil { weakShares[toStrong(h.owner)] = h.share }
        let weakControllers = Set(controls(weak).map { toStrong($0.controller) })
        var seenOwners = Set<String>()
        for h in holdings(strong) where h.counted.upper > .zero && seenOwners.insert(h.owner).inserted {
            let other = weakShares[h.owner]
            if other != h.share {
                var c = StatusCause(kind: .holding, chain: [here], holder: displayID(h.owner, strongIsNew: strongerIsNew),
                                    asset: here)
                c.oldShare = strongerIsNew ? other : h.share
                c.newShare = strongerIsNew ? h.share : other
                c.oldPresent = c.oldShare != nil
                c.newPresent = c.newShare != nil
                out.append(c)
            }
            out += follow(h.owner, strongIsNew: strongerIsNew, from: here, visited: &visited)
        }
        var seenControllers = Set<String>()
        for c in controls(strong) where c.effect != .notMet && seenControllers.insert(c.controller).inserted {
            if !weakControllers.contains(c.controller) {
                var cause = StatusCause(kind: .control, chain: [here], holder: displayID(c.controller, strongIsNew: strongerIsNew),
                                        asset: here)
                cause.oldPresent = !strongerIsNew
                cause.newPresent = strongerIsNew
                cause.detail = c.controlType
                out.append(cause)
            }
            out += follow(c.controller, strongIsNew: strongerIsNew, from: here, visited: &visited)
        }
        if out.isEmpty {
            if a.test != b.test {
                out.append(StatusCause(kind: .rule, chain: [here],
                                       detail: "ownership test \(a.test.inclusive ? "≥" : ">") \(a.test.threshold) % on \(old.asOf), "
                                           + "\(b.test.inclusive ? "≥" : ">") \(b.test.threshold) % on \(new.asOf)"))
            } else {
                out.append(StatusCause(kind: .other, chain: [here],
                                       detail: "the derivation changed; compare 'blocked --explain \(here)' on both sides"))
            }
        }
        memo[k] = out
        return out
    }

    /// The id as reported: the new id when the entity is on the new side.
    private func displayID(_ strongID: String, strongIsNew: Bool) -> String {
        if strongIsNew { return strongID }
        return key(oldID: strongID).new.map { new.graph.id($0) } ?? strongID
    }

    /// Causes behind a holder or controller whose own status changed, with `from` prepended to their chains.
    private mutating func follow(_ strongID: String, strongIsNew: Bool, from here: String,
                                 visited: inout Set<EntityKey>) -> [StatusCause] {
        let k = strongIsNew ? key(newID: strongID) : key(oldID: strongID)
        guard statusOld(k) != statusNew(k) else { return [] }
        return causes(k, visited: &visited).map {
            var c = $0
            c.chain.insert(here, at: 0)
            return c
        }
    }
}
