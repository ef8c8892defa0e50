import CorpGraph
import Foundation

/// The exposure verdict of a subject on one side.
public enum ExposureVerdict: String, Sendable, Hashable, CaseIterable {
    /// The subject is itself a target.
    case `self`
    /// At least one exposure path.
    case exposed
    case clear
}

/// A watched subject whose verdict or paths differ.
public struct ExposureChange: Sendable, Hashable {
    public var subject: String
    public var name: String
    /// `nil`: the subject is not in that version.
    public var from: ExposureVerdict?
    public var to: ExposureVerdict?
    /// Paths (ids from subject to target) found on the new side only, and on the old side only.
    public var newPaths: [[String]]
    public var endedPaths: [[String]]
    /// The path limit was reached on a side: only paths shorter than the first one left out were compared.
    public var truncated: Bool
}

/// Exposure of the watched subjects on both sides, through ``ExposureSearch`` (the `exposure` command's query).
///
/// Watched subjects are the given ids, or by default every entity exposed (or itself a target) on either side.
/// Given subjects get their verdicts and their new and ended paths compared. Under the default (everything exposed)
/// the verdicts of all are compared, and paths are listed for the subjects whose verdict changed: on a large graph a
/// 1 % update moves the short paths of a large part of the exposed entities, and a list of them all helps nobody;
/// watch the subjects that matter with `--subject` / `--subjects` to see their path changes.
/// A subject's paths lie within `maxDepth` hops of it, so its paths can differ only when an entity within that
/// reach changed: it is in one version only, its target status or reasons differ, or its relationships walked by
/// the query differ. Paths are enumerated and compared for those subjects only (and for every subject whose verdict
/// changed); the others keep their paths, which is exact, not a sample.
public enum ExposureChanges {
    public struct Result: Sendable {
        public var changes: [ExposureChange]
        /// Subjects compared (given, or exposed on either side).
        public var watched: Int
    }

    /// Prepares both sides' queries (``DiffPreparation``) and compares.
    public static func compare(old: DiffSide, new: DiffSide, match: EntityMatch, options: DiffOptions) -> Result {
        var o = options
        o.regimes = []
        guard let prepared = try? DiffPreparation.prepare(old: old, new: new, options: o) else {
            return Result(changes: [], watched: 0)
        }
        return compare(old: old, new: new, match: match, options: options, prepared: prepared.exposure)
    }

    /// Given subjects up to this many have their paths enumerated on both sides outright; above it, only those
    /// within reach of a change are (the others provably keep their paths), which costs two passes over each graph.
    static let enumerateOutright = 2_000

    public static func compare(
        old: DiffSide, new: DiffSide, match: EntityMatch, options: DiffOptions,
        prepared: DiffPreparation.ExposurePreparation
    ) -> Result {
        let a = old.graph, b = new.graph
        let sa = prepared.old, sb = prepared.new
        let da = prepared.oldReach, db = prepared.newReach

        // Watched subjects as keys (old index, new index).
        var watched: [EntityKey] = []
        if let ids = options.subjects {
            for id in ids {
                let w = b.index(of: id)
                let v = a.index(of: id) ?? w.flatMap { match.old($0) }
                watched.append(EntityKey(old: v, new: w ?? v.flatMap { match.new($0) }))
            }
        } else {
            for v in 0..<a.entityCount where da[v] != .max { watched.append(EntityKey(old: v, new: match.new(v))) }
            for w in 0..<b.entityCount where db[w] != .max {
                let v = match.old(w)
                if v == nil || da[v!] == .max { watched.append(EntityKey(old: v, new: w)) }
            }
        }
        // Only given subjects get their paths compared; the default needs no reach of the changes, and a few given
        // subjects are cheaper to enumerate than to prove unchanged.
        let dirty =
            options.subjects.map { $0.count > enumerateOutright } ?? false
            ? affected(
                old: old, new: new, match: match, ta: sa.targets, tb: sb.targets, fa: sa.options.filter,
                fb: sb.options.filter, depth: options.maxDepth)
            : (old: [Bool](), new: [Bool]())

        // Two halves of the watched subjects on two threads, each with its own enumerators.
        let parts = watched.count >= 1000 ? 2 : 1
        let box = ChangesBox(parts: parts)
        let list = watched
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let lo = list.count * k / parts, hi = list.count * (k + 1) / parts
            box.set(
                k,
                compare(
                    list[lo..<hi], sa: sa, da: da, sb: sb, db: db, dirty: dirty, match: match,
                    limit: options.pathLimit, everyPath: options.subjects != nil))
        }
        let changes = box.all.sorted { $0.subject < $1.subject }
        return Result(changes: changes, watched: watched.count)
    }

    static func compare(
        _ watched: ArraySlice<EntityKey>, sa: ExposureSearch, da: [UInt8], sb: ExposureSearch, db: [UInt8],
        dirty: (old: [Bool], new: [Bool]), match: EntityMatch, limit: Int, everyPath: Bool
    ) -> [ExposureChange] {
        let a = sa.graph, b = sb.graph
        var ea = sa.makeEnumerator(), eb = sb.makeEnumerator()
        func verdict(_ s: ExposureSearch, _ d: [UInt8], _ v: Int?, _ e: inout PathEnumerator) -> ExposureVerdict? {
            guard let v else { return nil }
            if s.targets.contains(v) { return .self }
            if !d.isEmpty && d[v] == .max { return .clear }
            // In reach and not a target: the shortest walk to the nearest target is a path (see below).
            if !d.isEmpty && !s.options.timeRespecting { return .exposed }
            e.reset(subject: v)
            let found = e.advance()
            e.finish()
            return found ? .exposed : .clear
        }
        var changes: [ExposureChange] = []
        for k in watched {
            // Both sides within reach of a target and neither a target: exposed on both (the shortest walk to the
            // nearest target is a simple path with no target inside it), so with the default watch list nothing is
            // enumerated for them. Every other verdict is decided by the enumerator.
            if !everyPath, let v = k.old, let w = k.new, da[v] != .max, db[w] != .max, !sa.targets.contains(v),
                !sb.targets.contains(w), !sa.options.timeRespecting
            {
                continue
            }
            let from = verdict(sa, da, k.old, &ea), to = verdict(sb, db, k.new, &eb)
            // Without reach marks every given subject is compared.
            let inReach =
                everyPath
                && (dirty.old.isEmpty
                    || (k.old.map { dirty.old[$0] } ?? true) || (k.new.map { dirty.new[$0] } ?? true))
            if from == to && (!inReach || !everyPath) { continue }
            if from == nil && to == nil { continue }
            let pa = k.old.map { paths(&ea, from: $0, limit: limit) }
            let pb = k.new.map { paths(&eb, from: $0, limit: limit) }
            // Paths shorter than the first one left out (on either side) are complete on both: only those compare.
            let complete = min(pa?.completeBelow ?? .max, pb?.completeBelow ?? .max)
            let oldPaths = (pa?.paths ?? []).filter { $0.count < complete }
            let newPaths = (pb?.paths ?? []).filter { $0.count < complete }
            // Compare in new-index space: an old path's entities translated through the match (-1 - v: unmatched).
            let translated = oldPaths.map { p in p.map { v in match.newOf[Int(v)] >= 0 ? match.newOf[Int(v)] : -1 - v }
            }
            let oldSet = Set(translated), newSet = Set(newPaths)
            let added = newPaths.filter { !oldSet.contains($0) }.map { $0.map { b.id(Int($0)) } }
            let ended = zip(translated, oldPaths).filter { !newSet.contains($0.0) }.map { $0.1.map { a.id(Int($0)) } }
            if from == to && added.isEmpty && ended.isEmpty { continue }
            let subject = k.new.map { b.id($0) } ?? a.id(k.old ?? 0)
            let name = k.new.map { b.name($0) } ?? a.name(k.old ?? 0)
            changes.append(
                ExposureChange(
                    subject: subject, name: name, from: from, to: to, newPaths: added,
                    endedPaths: ended, truncated: complete != .max))
        }
        return changes
    }

    /// Up to `limit` paths of `subject` as node sequences, shortest first (``PathOrder/byLength``), and the node count
    /// below which they are complete (the first path left out, or `Int.max` when none was). Hops are not materialised.
    static func paths(_ e: inout PathEnumerator, from subject: Int, limit: Int) -> (
        paths: [[Int32]], completeBelow: Int
    ) {
        e.reset(subject: subject)
        var out: [[Int32]] = []
        var completeBelow = Int.max
        while e.advance() {
            if out.count == limit {
                completeBelow = e.currentPath.count
                break
            }
            out.append(e.currentPath)
        }
        e.finish()
        return (out, completeBelow)
    }

    /// Entities within `depth` hops (walking backwards along the query's relationships) of an entity that changed
    /// for exposure purposes, on each side.
    static func affected(
        old: DiffSide, new: DiffSide, match: EntityMatch, ta: TargetSet, tb: TargetSet,
        fa: TraversalFilter, fb: TraversalFilter, depth: Int
    ) -> (old: [Bool], new: [Bool]) {
        let a = old.graph, b = new.graph
        var seedsA: [Int] = [], seedsB: [Int] = []
        func steps(_ g: Graph, _ v: Int, _ f: TraversalFilter, _ map: (Int) -> Int64) -> [Int64] {
            var out: [Int64] = []
            if f.direction != .up {
                for e in g.outRelationships(v) where g.allows(Int(e), f) { out.append(map(g.target(Int(e))) << 3 | 1) }
            }
            if f.direction != .down {
                for e in g.inRelationships(v) where g.allows(Int(e), f) { out.append(map(g.source(Int(e))) << 3 | 2) }
            }
            return out.sorted()
        }
        let mapOld = { (t: Int) -> Int64 in match.newOf[t] >= 0 ? Int64(match.newOf[t]) : -1 - Int64(t) }
        let mapNew = { (t: Int) -> Int64 in Int64(t) }
        for v in 0..<a.entityCount {
            guard let w = match.new(v) else { seedsA.append(v); continue }
            let changed =
                ta.contains(v) != tb.contains(w)
                || (ta.contains(v) && ta.reasons(for: v) != tb.reasons(for: w))
                || steps(a, v, fa, mapOld) != steps(b, w, fb, mapNew)
            if changed {
                seedsA.append(v)
                seedsB.append(w)
            }
        }
        for w in 0..<b.entityCount where match.oldOf[w] < 0 { seedsB.append(w) }
        return (ball(a, seedsA, fa, depth), ball(b, seedsB, fb, depth))
    }

    /// Entities from which a seed is reachable within `depth` hops under `f` (the seeds included).
    static func ball(_ g: Graph, _ seeds: [Int], _ f: TraversalFilter, _ depth: Int) -> [Bool] {
        var mark = [Bool](repeating: false, count: g.entityCount)
        var frontier: [Int] = []
        for s in seeds where !mark[s] {
            mark[s] = true
            frontier.append(s)
        }
        var level = 0
        while !frontier.isEmpty && level < depth {
            var next: [Int] = []
            for v in frontier {
                // Walking `down` to v means arriving along an in-relationship of v.
                if f.direction != .up {
                    for e in g.inRelationships(v) where g.allows(Int(e), f) {
                        let u = g.source(Int(e))
                        if !mark[u] { mark[u] = true; next.append(u) }
                    }
                }
                if f.direction != .down {
                    for e in g.outRelationships(v) where g.allows(Int(e), f) {
                        let u = g.target(Int(e))
                        if !mark[u] { mark[u] = true; next.append(u) }
                    }
                }
            }
            frontier = next
            level += 1
        }
        return mark
    }
}

/// The halves' changes, filled by `concurrentPerform` workers.
final class ChangesBox: @unchecked Sendable {
    private var parts: [[ExposureChange]]
    private let lock = NSLock()
    init(parts: Int) { self.parts = Array(repeating: [], count: parts) }
    func set(_ k: Int, _ c: [ExposureChange]) { lock.withLock { parts[k] = c } }
    var all: [ExposureChange] { lock.withLock { parts.flatMap { $0 } } }
}
