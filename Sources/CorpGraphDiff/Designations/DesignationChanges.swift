import CorpGraph

/// One change of a designation (a list entry of an entity), with both records as evidence.
public struct DesignationChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A designation only the new version has (on an entity that may itself be new).
        case added
        /// A designation only the old version has.
        case removed
        /// The same list entry (list and programme, else list) with other dates or programme.
        case changed
        /// The same record, not in force on the old side's day and in force on the new side's (listed in between).
        case inForce
        /// The same record, in force on the old day and no longer on the new one (delisted in between).
        case lapsed
    }

    public var kind: Kind
    /// The entity, by its new id (its old id when it was removed).
    public var entity: String
    public var name: String
    public var old: Designation?
    public var new: Designation?
    /// Whether each record is in force on its side's day.
    public var oldInForce: Bool
    public var newInForce: Bool

    public var list: String { (new ?? old)?.list ?? "" }
}

/// Designation changes of every entity, sorted by entity, list, change.
public enum DesignationChanges {
    public static func compare(old: DiffSide, new: DiffSide, match: EntityMatch) -> [DesignationChange] {
        let a = old.graph, b = new.graph
        var out: [DesignationChange] = []
        for v in 0..<a.entityCount where a.hasDesignations(v) && match.newOf[v] < 0 {
            for d in a.designations(v) {
                out.append(
                    .init(
                        kind: .removed, entity: a.id(v), name: a.name(v), old: d, new: nil,
                        oldInForce: d.isInForce(on: old.asOf), newInForce: false))
            }
        }
        for w in 0..<b.entityCount
        where b.hasDesignations(w) || (match.oldOf[w] >= 0 && a.hasDesignations(Int(match.oldOf[w]))) {
            let mine = Array(b.designations(w))
            let theirs = match.old(w).map { Array(a.designations($0)) } ?? []
            if mine.isEmpty && theirs.isEmpty { continue }
            if mine == theirs && old.asOf == new.asOf { continue }
            out += pair(theirs, mine, id: b.id(w), name: b.name(w), oldDay: old.asOf, newDay: new.asOf)
        }
        return out.sorted { ($0.entity, $0.list, $0.kind.rawValue) < ($1.entity, $1.list, $1.kind.rawValue) }
    }

    /// Pairs the designations of one entity: identical records first, then by list and programme, then by list.
    static func pair(
        _ olds: [Designation], _ news: [Designation], id: String, name: String,
        oldDay: CalendarDate, newDay: CalendarDate
    ) -> [DesignationChange] {
        var out: [DesignationChange] = []
        var leftOld = olds, leftNew = news
        func change(_ kind: DesignationChange.Kind, _ o: Designation?, _ n: Designation?) -> DesignationChange {
            DesignationChange(
                kind: kind, entity: id, name: name, old: o, new: n,
                oldInForce: o?.isInForce(on: oldDay) ?? false, newInForce: n?.isInForce(on: newDay) ?? false)
        }
        for d in olds {
            guard let j = leftNew.firstIndex(of: d), let i = leftOld.firstIndex(of: d) else { continue }
            leftNew.remove(at: j)
            leftOld.remove(at: i)
            let before = d.isInForce(on: oldDay), after = d.isInForce(on: newDay)
            if before != after { out.append(change(after ? .inForce : .lapsed, d, d)) }
        }
        for same in [
            { (x: Designation, y: Designation) in x.list == y.list && x.program == y.program },
            { (x: Designation, y: Designation) in x.list == y.list },
        ] {
            var i = 0
            while i < leftOld.count {
                if let j = leftNew.firstIndex(where: { same(leftOld[i], $0) }) {
                    out.append(change(.changed, leftOld[i], leftNew[j]))
                    leftNew.remove(at: j)
                    leftOld.remove(at: i)
                } else {
                    i += 1
                }
            }
        }
        out += leftOld.map { change(.removed, $0, nil) }
        out += leftNew.map { change(.added, nil, $0) }
        return out
    }
}

extension Designation {
    /// `OFAC-SDN (RUSSIA-EO14024) listed 2022-05-08, delisted …`.
    public var summary: String {
        var s = list
        if let program { s += " (\(program))" }
        s += listed.map { " listed \($0)" } ?? " listing date unknown"
        if let delisted { s += ", delisted \(delisted)" }
        return s
    }
}
