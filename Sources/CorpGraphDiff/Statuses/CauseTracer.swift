import CorpGraph

/// Traces a status change through the two derivations (``SanctionsAnalysis/entry(_:)`` on each side: the holders
/// whose shares count and the controllers that block, as `blocked --explain` shows them).
///
/// For an entity whose status changed: when it is listed on one side only, the cause is its designation change.
/// Otherwise the derivation on the side where it is not clear (the stronger side) names the holdings and control
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

    init(
        old: DiffSide, new: DiffSide, match: EntityMatch, a: SanctionsAnalysis, b: SanctionsAnalysis,
        designations: [String: [DesignationChange]]
    ) {
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
                out.append(
                    StatusCause(
                        kind: .other, chain: [here],
                        detail: "the lists counted differ between the two sides"))
            } else {
                out.append(StatusCause(kind: .designation, chain: [here], designations: changes))
            }
            memo[k] = out
            return out
        }
        let strongerIsNew = CauseTracer.rank(sn) >= CauseTracer.rank(so)
        guard let sIndex = strongerIsNew ? k.new : k.old else { return [] }
        let weakIndex = strongerIsNew ? k.old : k.new
        let strongSide = strongerIsNew ? new : old, weakSide = strongerIsNew ? old : new
        // The derivation's summary on the strong side: the holders whose shares count, the controllers that block.
        let entry = strongerIsNew ? b.entry(sIndex) : a.entry(sIndex)
        for owner in entry.owners {
            guard let o = strongSide.graph.index(of: owner) else { continue }
            let weakOwner = strongerIsNew ? match.old(o) : match.new(o)
            let strongShare = CauseTracer.share(strongSide, from: o, to: sIndex, kind: .owns)
            let weakShare = weakOwner.flatMap { wo in
                weakIndex.flatMap { CauseTracer.share(weakSide, from: wo, to: $0, kind: .owns) }
            }
            if strongShare != weakShare {
                var c = StatusCause(
                    kind: .holding, chain: [here], holder: displayID(owner, strongIsNew: strongerIsNew), asset: here)
                c.oldShare = strongerIsNew ? weakShare : strongShare
                c.newShare = strongerIsNew ? strongShare : weakShare
                c.oldPresent = c.oldShare != nil
                c.newPresent = c.newShare != nil
                out.append(c)
            }
            out += follow(owner, strongIsNew: strongerIsNew, from: here, visited: &visited)
        }
        for controller in entry.basis == .control ? entry.controllers : [] {
            guard let c = strongSide.graph.index(of: controller) else { continue }
            let weakController = strongerIsNew ? match.old(c) : match.new(c)
            let present =
                weakController.flatMap { wc in
                    weakIndex.map { CauseTracer.share(weakSide, from: wc, to: $0, kind: .controls) != nil }
                } ?? false
            if !present {
                var cause = StatusCause(
                    kind: .control, chain: [here], holder: displayID(controller, strongIsNew: strongerIsNew),
                    asset: here)
                cause.oldPresent = !strongerIsNew
                cause.newPresent = strongerIsNew
                cause.detail = CauseTracer.controlType(strongSide, from: c, to: sIndex)
                out.append(cause)
            }
            out += follow(controller, strongIsNew: strongerIsNew, from: here, visited: &visited)
        }
        if out.isEmpty {
            if a.test != b.test {
                out.append(
                    StatusCause(
                        kind: .rule, chain: [here],
                        detail: "ownership test \(a.test.inclusive ? "≥" : ">") \(a.test.threshold) % on \(old.asOf), "
                            + "\(b.test.inclusive ? "≥" : ">") \(b.test.threshold) % on \(new.asOf)"))
            } else {
                out.append(
                    StatusCause(
                        kind: .other, chain: [here],
                        detail: "the derivation changed; compare 'blocked --explain \(here)' on both sides"))
            }
        }
        memo[k] = out
        return out
    }

    /// The interval hull of the `kind` relationships from `holder` to `held` valid on the side's day; `nil` when none
    /// (for `controls`, any value means present).
    static func share(_ side: DiffSide, from holder: Int, to held: Int, kind: RelationshipKind) -> PercentInterval? {
        let g = side.graph
        let rels = g.inRelationships(held).map(Int.init).filter {
            g.source($0) == holder && g.kind(ofRelationship: $0) == kind && g.isValid($0, on: side.asOf)
        }
        if rels.isEmpty { return nil }
        return kind == .owns ? OwnershipChanges.hull(g, rels) : .zero
    }

    static func controlType(_ side: DiffSide, from holder: Int, to held: Int) -> String? {
        let g = side.graph
        return g.inRelationships(held).map(Int.init).first {
            g.source($0) == holder && g.kind(ofRelationship: $0) == .controls && g.isValid($0, on: side.asOf)
        }.flatMap { g.relationship($0).controlType }
    }

    /// The id as reported: the new id when the entity is on the new side.
    private func displayID(_ strongID: String, strongIsNew: Bool) -> String {
        if strongIsNew { return strongID }
        return key(oldID: strongID).new.map { new.graph.id($0) } ?? strongID
    }

    /// Causes behind a holder or controller whose own status changed, with `from` prepended to their chains.
    private mutating func follow(
        _ strongID: String, strongIsNew: Bool, from here: String,
        visited: inout Set<EntityKey>
    ) -> [StatusCause] {
        let k = strongIsNew ? key(newID: strongID) : key(oldID: strongID)
        guard statusOld(k) != statusNew(k) else { return [] }
        return causes(k, visited: &visited).map {
            var c = $0
            c.chain.insert(here, at: 0)
            return c
        }
    }
}
