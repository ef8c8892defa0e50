import CorpGraph
import Foundation

/// A change of an entity's derived status under one regime, with the causes traced through the derivation.
public struct StatusChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case newlyListed, newlyBlocked, newlyUndetermined, cleared
    }

    public var regime: String
    public var kind: Kind
    public var entity: String
    public var name: String
    /// `nil`: the entity is not in that version.
    public var from: SanctionsStatus?
    public var to: SanctionsStatus?
    /// The basis on the side where the entity is not clear (the new side, or the old one when cleared).
    public var basis: SanctionsBasis?
    public var causes: [StatusCause]
}

/// Why a status changed: a designation, a holding or a control link that changed, or the rule in force, reached
/// through a chain of holders whose status changed too.
public struct StatusCause: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The entity at the end of the chain was designated, delisted, or its designation changed.
        case designation
        /// A direct holding of the entity at the end of the chain started, ended or changed share.
        case holding
        /// A control relationship of that entity started or ended.
        case control
        /// The ownership test in force differs between the two days (EU: > 50 % before 3 July 2024, ≥ 50 % since).
        case rule
        /// The counted lists or another input of the derivation differ; see `blocked --explain` on each side.
        case other
    }

    public var kind: Kind
    /// From the entity whose status changed to the entity where the cause lies; each holds or controls the one
    /// before it, and each changed status under the same regime.
    public var chain: [String]
    /// `.designation`: the changes of the last entity's designations.
    public var designations: [DesignationChange] = []
    /// `.holding` and `.control`: holder (controller), held entity, and the share on each side (`nil`: absent).
    public var holder: String?
    public var asset: String?
    public var oldShare: PercentInterval?
    public var newShare: PercentInterval?
    public var oldPresent = false
    public var newPresent = false
    /// `.rule` and `.other`: in words.
    public var detail: String?
}

/// Status changes under each regime, sorted by regime (as given), entity.
public enum StatusChanges {
    /// Runs every regime's analysis on both sides (in parallel) and compares them.
    public static func compare(
        old: DiffSide, new: DiffSide, match: EntityMatch, regimes: [String],
        designations: [DesignationChange]
    ) throws -> [StatusChange] {
        let analyses = try DiffPreparation.analyses(old: old, new: new, options: DiffOptions(regimes: regimes))
        return compare(old: old, new: new, match: match, analyses: analyses, designations: designations)
    }

    /// Compares the analyses of each regime (``DiffPreparation/analyses``).
    public static func compare(
        old: DiffSide, new: DiffSide, match: EntityMatch,
        analyses: [(name: String, old: SanctionsAnalysis, new: SanctionsAnalysis)],
        designations: [DesignationChange]
    ) -> [StatusChange] {
        var byEntity: [String: [DesignationChange]] = [:]
        for d in designations { byEntity[d.entity, default: []].append(d) }
        var out: [StatusChange] = []
        for (name, a, b) in analyses {
            var tracer = CauseTracer(old: old, new: new, match: match, a: a, b: b, designations: byEntity)
            out += changes(tracer: &tracer, regime: name.lowercased())
        }
        return out
    }

    static func changes(tracer t: inout CauseTracer, regime: String) -> [StatusChange] {
        let ga = t.old.graph, gb = t.new.graph
        var keys: [EntityKey] = []
        for v in 0..<ga.entityCount where t.a.status(v) != .notBlocked {
            let w = t.match.new(v)
            if w.map({ t.b.status($0) }) != t.a.status(v) { keys.append(EntityKey(old: v, new: w)) }
        }
        for w in 0..<gb.entityCount where t.b.status(w) != .notBlocked {
            let v = t.match.old(w)
            if v.map({ t.a.status($0) }) ?? .notBlocked == .notBlocked { keys.append(EntityKey(old: v, new: w)) }
        }
        var out: [StatusChange] = []
        for key in keys {
            let from = t.statusOld(key), to = t.statusNew(key)
            let kind: StatusChange.Kind
            switch to ?? .notBlocked {
            case .listed: kind = .newlyListed
            case .blocked: kind = .newlyBlocked
            case .undetermined: kind = .newlyUndetermined
            case .notBlocked: kind = .cleared
            }
            let basis =
                kind == .cleared ? key.old.flatMap { t.a.entry($0).basis } : key.new.flatMap { t.b.entry($0).basis }
            var visited = Set<EntityKey>()
            out.append(
                StatusChange(
                    regime: regime, kind: kind, entity: t.id(key), name: t.name(key), from: from, to: to,
                    basis: basis, causes: t.causes(key, visited: &visited)))
        }
        return out.sorted { $0.entity < $1.entity }
    }
}

/// An entity on either side: its old index, its new index, or both.
struct EntityKey: Hashable {
    var old: Int?
    var new: Int?
}
