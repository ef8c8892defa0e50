import CorpGraph

/// Entities from different inputs that were found to be one party.
public struct MergeGroup: Sendable, Hashable {
    /// The id the merged entity keeps: the first record loaded.
    public var id: String
    /// Every id merged into it (the kept one first, then by load order).
    public var members: [String]
    /// The shared identifiers that joined them (`LEI:…`).
    public var evidence: [String]
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
        // Strong key → first entity seen holding it, and the evidence per pair root.
        var holder: [String: Int] = [:]
        var evidence: [Int: Set<String>] = [:]
        for v in graph.entitiesWithExtras.sorted() {
            for (scheme, stored) in graph.identifiers(v) where Identifiers.isStrong(scheme) {
                for value in Identifiers.values(stored) {
                    let key = IdentifierRef(scheme: scheme, value: value).key
                    guard let other = holder[key] else { holder[key] = v; continue }
                    guard graph.location(ofEntity: other).file != graph.location(ofEntity: v).file else { continue }
                    let a = find(other), b = find(v)
                    if a == b { evidence[a, default: []].insert(key); continue }
                    let (keep, join) = earlier(a, b) ? (a, b) : (b, a)
                    parent[keep] = keep
                    parent[join] = keep
                    evidence[keep, default: []].formUnion(evidence.removeValue(forKey: join) ?? [])
                    evidence[keep, default: []].insert(key)
                }
            }
        }
        guard !parent.isEmpty else { return MergeResult(graph: graph, groups: [], diagnostics: []) }
        var members: [Int: [Int]] = [:]
        for v in parent.keys { members[find(v), default: []].append(v) }
        var diagnostics: [Diagnostic] = []
        var merged: [Int: Entity] = [:]
        var groups: [MergeGroup] = []
        for (root, vs) in members {
            let ordered = vs.sorted(by: earlier)
            var e = graph.entity(ordered[0])
            for v in ordered.dropFirst() {
                let o = graph.entity(v)
                let at = graph.location(ofEntity: v)
                if o.kind != e.kind {
                    diagnostics.append(Diagnostic(.warning, .conflictingFacts, .kept, at: at, field: "kind",
                        "merged into '\(e.id)' by shared identifier, but kind \(o.kind) ≠ \(e.kind); kept \(e.kind)"))
                }
                if let j = o.jurisdiction, let k = e.jurisdiction, j != k {
                    diagnostics.append(Diagnostic(.warning, .conflictingFacts, .kept, at: at, field: "jurisdiction",
                        "merged into '\(e.id)' by shared identifier, but jurisdiction \(j) ≠ \(k); kept \(k)"))
                }
                e.jurisdiction = e.jurisdiction ?? o.jurisdiction
                for n in [o.name] + o.aliases where n != e.name && !e.aliases.contains(n) { e.aliases.append(n) }
                for (scheme, value) in o.identifiers {
                    let have = Set(Identifiers.values(e.identifiers[scheme] ?? ""))
                    let add = Identifiers.values(value).filter { !have.contains($0) }
                    if !add.isEmpty { e.identifiers[scheme] = (Identifiers.values(e.identifiers[scheme] ?? "") + add).joined(separator: ";") }
                }
                for t in o.tags where !e.tags.contains(t) { e.tags.append(t) }
                for d in o.designations where !e.designations.contains(d) { e.designations.append(d) }
                for s in o.sources where !e.sources.contains(s) { e.sources.append(s) }
                for (k, value) in o.attributes where e.attributes[k] == nil { e.attributes[k] = value }
                e.attributes["merged.from"] = ((e.attributes["merged.from"].map { [$0] } ?? []) + [o.id]).joined(separator: ";")
            }
            merged[ordered[0]] = e
            groups.append(MergeGroup(id: e.id, members: ordered.map { graph.id($0) }, evidence: (evidence[root] ?? []).sorted()))
        }
        groups.sort { $0.id < $1.id }
        var keptID: [Int: String] = [:]
        for (root, vs) in members {
            let kept = vs.sorted(by: earlier)[0]
            _ = root
            for v in vs { keptID[v] = graph.id(kept) }
        }
        var b = GraphBuilder()
        b.reserve(entities: graph.entityCount, relationships: graph.relationshipCount)
        for v in 0..<graph.entityCount {
            if let id = keptID[v], id != graph.id(v) { continue }
            _ = b.add(merged[v] ?? graph.entity(v), at: graph.location(ofEntity: v))
        }
        for r in 0..<graph.relationshipCount {
            var rel = graph.relationship(r)
            rel.source = keptID[graph.source(r)] ?? rel.source
            rel.target = keptID[graph.target(r)] ?? rel.target
            if rel.source == rel.target {
                diagnostics.append(Diagnostic(.warning, .selfReference, .leftOut, at: graph.location(ofRelationship: r),
                    "relationship between two records merged into '\(rel.source)' left out (it would be a self-loop)"))
                continue
            }
            _ = b.add(rel, at: graph.location(ofRelationship: r))
        }
        let built = b.build()
        return MergeResult(graph: built.graph, groups: groups, diagnostics: diagnostics + built.diagnostics)
    }
}
