import CorpGraph

/// Entities from different inputs that were found to be one party.
public struct MergeGroup: Sendable, Hashable {
    /// The id the merged entity keeps: the first record loaded.
    public var id: String
    /// Every id merged into it (the kept one first, then by load order).
    public var members: [String]
    /// The shared identifiers that joined them (`LEI:…`).
    public var evidence: [String]
    /// Whether a `sameAs` judgement joined (some of) them.
    public var judged: Bool = false
}

/// The outcome of ``IdentifierMerge/merge(_:)``.
public struct MergeResult: Sendable {
    public var graph: Graph
    public var groups: [MergeGroup]
    /// Conflicting kinds or jurisdictions between merged records, relationships that became self-loops (warnings).
    public var diagnostics: [Diagnostic]
}

/// One entity per real-world party (DESIGN §10): records from **different input files** that share a strong
/// identifier (same scheme, same normalised value; ``Identifiers/strongSchemes``) become one entity: names (the
/// others as aliases), aliases, identifiers, tags, designations, sources and attributes united; relationships moved
/// to the kept id. The kept record's kind and jurisdiction win; a different one is reported.
///
/// Judgements (``Judgement``, kept on the entities as ``Judgement/Kind/attribute``) decide what identifiers cannot:
/// records judged `sameAs` merge whatever their files and identifiers; records judged `notSameAs` never end up in
/// one entity (a shared identifier that would join them is reported and not followed).
public enum IdentifierMerge {
    /// - Complexity: O(V + X) to find groups (X identifiers); when something merges, O(V + E) to rebuild the graph.
    public static func merge(_ graph: Graph) -> MergeResult {
        var parent: [Int: Int] = [:]
        func find(_ v: Int) -> Int {
            var r = v
            while let p = parent[r], p != r { r = p }
            var c = v
            while let p = parent[c], p != r { parent[c] = r; c = p }
            return r
        }
        func earlier(_ a: Int, _ b: Int) -> Bool {
            let la = graph.location(ofEntity: a), lb = graph.location(ofEntity: b)
            let fa = graph.files.firstIndex(of: la.file) ?? 0, fb = graph.files.firstIndex(of: lb.file) ?? 0
            return fa != fb ? fa < fb : (la.line ?? 0, a) < (lb.line ?? 0, b)
        }
        let withExtras = graph.entitiesWithExtras.sorted()
        // Judgements: party root → entities judged not the same as one of its members; sameAs pairs.
        var forbidden: [Int: Set<Int>] = [:]
        var sameAs: [Pair] = []
        for v in withExtras {
            let attributes = graph.attributes(v)
            for id in attributes[Judgement.Kind.notSameAs.attribute].map(Judgement.ids(inAttribute:)) ?? [] {
                guard let w = graph.index(of: id), w != v else { continue }
                forbidden[v, default: []].insert(w)
                forbidden[w, default: []].insert(v)
            }
            for id in attributes[Judgement.Kind.sameAs.attribute].map(Judgement.ids(inAttribute:)) ?? [] {
                guard let w = graph.index(of: id), w != v else { continue }
                sameAs.append(Pair(min(v, w), max(v, w)))
            }
        }
        var evidence: [Int: Set<String>] = [:]
        var judged: Set<Int> = []
        /// Joins the parties of `a` and `b` (the earlier root is kept) unless a notSameAs judgement keeps them apart.
        func join(_ a: Int, _ b: Int) -> Int? {
            let ra = find(a), rb = find(b)
            if ra == rb { return ra }
            if forbidden[ra]?.contains(where: { find($0) == rb }) == true
                || forbidden[rb]?.contains(where: { find($0) == ra }) == true
            {
                return nil
            }
            let (keep, drop) = earlier(ra, rb) ? (ra, rb) : (rb, ra)
            parent[keep] = keep
            parent[drop] = keep
            evidence[keep, default: []].formUnion(evidence.removeValue(forKey: drop) ?? [])
            if judged.remove(drop) != nil { judged.insert(keep) }
            if let f = forbidden.removeValue(forKey: drop) { forbidden[keep, default: []].formUnion(f) }
            return keep
        }
        var diagnostics: [Diagnostic] = []
        for p in Set(sameAs).sorted() {
            if let root = join(p.a, p.b) { judged.insert(root); continue }
            diagnostics.append(
                Diagnostic(
                    .warning, .conflictingFacts, .kept, at: graph.location(ofEntity: p.a), field: "sameAs",
                    "sameAs '\(graph.id(p.a))' and '\(graph.id(p.b))' not applied: it would join records judged not the same (notSameAs)"
                ))
        }
        // Strong key → first entity seen holding it.
        var holder: [String: Int] = [:]
        var refused: Set<Pair> = []
        for v in withExtras {
            for (scheme, stored) in graph.identifiers(v) where Identifiers.isStrong(scheme) {
                for value in Identifiers.values(stored) {
                    let key = IdentifierRef(scheme: scheme, value: value).key
                    guard let other = holder[key] else { holder[key] = v; continue }
                    guard graph.location(ofEntity: other).file != graph.location(ofEntity: v).file else { continue }
                    if let root = join(other, v) {
                        evidence[root, default: []].insert(key)
                    } else if refused.insert(Pair(min(other, v), max(other, v))).inserted {
                        diagnostics.append(
                            Diagnostic(
                                .warning, .conflictingFacts, .kept, at: graph.location(ofEntity: v), field: "notSameAs",
                                "'\(graph.id(v))' shares \(key) with '\(graph.id(other))', but they are judged not the same (notSameAs): kept apart"
                            ))
                    }
                }
            }
        }
        guard !parent.isEmpty else { return MergeResult(graph: graph, groups: [], diagnostics: diagnostics) }
        var members: [Int: [Int]] = [:]
        for v in parent.keys { members[find(v), default: []].append(v) }
        var merged: [Int: Entity] = [:]
        var groups: [MergeGroup] = []
        for (root, vs) in members {
            let ordered = vs.sorted(by: earlier)
            var e = graph.entity(ordered[0])
            for v in ordered.dropFirst() {
                let o = graph.entity(v)
                let at = graph.location(ofEntity: v)
                if o.kind != e.kind {
                    diagnostics.append(
                        Diagnostic(
                            .warning, .conflictingFacts, .kept, at: at, field: "kind",
                            "merged into '\(e.id)' by shared identifier, but kind \(o.kind) ≠ \(e.kind); kept \(e.kind)"
                        ))
                }
                if let j = o.jurisdiction, let k = e.jurisdiction, j != k {
                    diagnostics.append(
                        Diagnostic(
                            .warning, .conflictingFacts, .kept, at: at, field: "jurisdiction",
                            "merged into '\(e.id)' by shared identifier, but jurisdiction \(j) ≠ \(k); kept \(k)"))
                }
                e.jurisdiction = e.jurisdiction ?? o.jurisdiction
                for n in [o.name] + o.aliases where n != e.name && !e.aliases.contains(n) { e.aliases.append(n) }
                for (scheme, value) in o.identifiers {
                    let have = Set(Identifiers.values(e.identifiers[scheme] ?? ""))
                    let add = Identifiers.values(value).filter { !have.contains($0) }
                    if !add.isEmpty {
                        e.identifiers[scheme] = (Identifiers.values(e.identifiers[scheme] ?? "") + add).joined(
                            separator: ";")
                    }
                }
                for t in o.tags where !e.tags.contains(t) { e.tags.append(t) }
                for d in o.designations where !e.designations.contains(d) { e.designations.append(d) }
                for s in o.sources where !e.sources.contains(s) { e.sources.append(s) }
                for (k, value) in o.attributes {
                    if Judgement.Kind.allCases.contains(where: { $0.attribute == k }) {
                        e.attributes[k] =
                            ((e.attributes[k].map(Judgement.ids(inAttribute:)) ?? [])
                            + Judgement.ids(inAttribute: value)).joined(separator: ";")
                    } else if e.attributes[k] == nil {
                        e.attributes[k] = value
                    }
                }
                e.attributes["merged.from"] = ((e.attributes["merged.from"].map { [$0] } ?? []) + [o.id]).joined(
                    separator: ";")
            }
            merged[ordered[0]] = e
            groups.append(
                MergeGroup(
                    id: e.id, members: ordered.map { graph.id($0) }, evidence: (evidence[root] ?? []).sorted(),
                    judged: judged.contains(root)))
        }
        groups.sort { $0.id < $1.id }
        var keptID: [Int: String] = [:]
        for (root, vs) in members {
            let kept = vs.sorted(by: earlier)[0]
            _ = root
            for v in vs { keptID[v] = graph.id(kept) }
        }
        var renamed: [String: String] = [:]
        for (v, id) in keptID where graph.id(v) != id { renamed[graph.id(v)] = id }
        var b = GraphBuilder()
        b.reserve(entities: graph.entityCount, relationships: graph.relationshipCount)
        for v in 0..<graph.entityCount {
            if let id = keptID[v], id != graph.id(v) { continue }
            var e = merged[v] ?? graph.entity(v)
            if !e.attributes.isEmpty { renameJudged(&e, renamed) }
            _ = b.add(e, at: graph.location(ofEntity: v))
        }
        for r in 0..<graph.relationshipCount {
            var rel = graph.relationship(r)
            rel.source = keptID[graph.source(r)] ?? rel.source
            rel.target = keptID[graph.target(r)] ?? rel.target
            if rel.source == rel.target {
                diagnostics.append(
                    Diagnostic(
                        .warning, .selfReference, .leftOut, at: graph.location(ofRelationship: r),
                        "relationship between two records merged into '\(rel.source)' left out (it would be a self-loop)"
                    ))
                continue
            }
            _ = b.add(rel, at: graph.location(ofRelationship: r))
        }
        let built = b.build()
        return MergeResult(graph: built.graph, groups: groups, diagnostics: diagnostics + built.diagnostics)
    }

    /// Judgements name the kept ids after a merge (one naming the entity itself is dropped), so a graph merged once
    /// (a snapshot) keeps its notSameAs pairs apart when merged again.
    static func renameJudged(_ e: inout Entity, _ renamed: [String: String]) {
        for kind in Judgement.Kind.allCases {
            guard let text = e.attributes[kind.attribute] else { continue }
            let ids = Set(Judgement.ids(inAttribute: text).map { renamed[$0] ?? $0 }).subtracting([e.id])
            e.attributes[kind.attribute] = ids.isEmpty ? nil : ids.sorted().joined(separator: ";")
        }
    }
}

/// Two entity indices, `a < b`.
struct Pair: Hashable, Comparable {
    var a: Int, b: Int
    init(_ a: Int, _ b: Int) { self.a = a; self.b = b }
    static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
}
