import Foundation

/// Overlays (`extends: ID`) and judgements (`sameAs` / `notSameAs`) of native files: facts about entities that
/// another input defines. Both are applied when the graph is built, after every input is read, in the order of their
/// places (file, line), so the order in which inputs are given does not change the result.
extension GraphBuilder {
    /// Adds the facts of `overlay` to the entity `id`, defined by this or another input (before or after this call).
    /// An id that no input defines leaves the overlay out (an error, with a "did you mean"); a different kind or
    /// jurisdiction is a warning (the entity's own is kept).
    public mutating func extend(entity id: String, with overlay: EntityOverlay, at location: SourceLocation) {
        deferred.overlays.append((id, overlay, location))
    }

    /// Records a judgement. Its ids must name entities of the built graph; a `sameAs` that would make two records
    /// judged `notSameAs` one party is left out (an error naming both places). Kept judgements are stored on their
    /// entities as ``Judgement/Kind/attribute`` (the other ids), where the merge reads them.
    public mutating func judge(_ judgement: Judgement, at location: SourceLocation) {
        deferred.judgements.append((judgement, location))
    }

    /// Applies the overlays' kind, jurisdiction and identifiers; returns the rest as amendments (in place order).
    mutating func applyOverlays(_ overlays: [(String, EntityOverlay, SourceLocation)]) -> [(
        String, EntityAmendment, SourceLocation, Bool
    )] {
        var out: [(String, EntityAmendment, SourceLocation, Bool)] = []
        for (id, overlay, at) in overlays.sorted(by: { placeOrder($0.2, $0.0, $1.2, $1.0) }) {
            guard let v = s.idIndex[id] else {
                rejectUnknown(id, at: at, field: "extends", what: "overlay")
                continue
            }
            let i = Int(v)
            let base = location(file: s.entityFile[i], line: s.entityLine[i], record: nil)
            if let kind = overlay.kind, kind != s.kinds[i] {
                report(
                    Diagnostic(
                        .warning, .conflictingFacts, .kept, at: at, field: "kind",
                        "extends '\(id)', a \(s.kinds[i]) (defined at \(base)), but says \(kind); kept \(s.kinds[i])"))
            }
            if let j = overlay.jurisdiction {
                let current = s.codes.jurisdictionOf[i]
                if current < 0 {
                    s.codes.jurisdictionOf[i] = s.codes.jurisdictions.intern(j)
                } else if s.codes.jurisdictions[current] != j {
                    let kept = s.codes.jurisdictions[current]
                    report(
                        Diagnostic(
                            .warning, .conflictingFacts, .kept, at: at, field: "jurisdiction",
                            "extends '\(id)' (jurisdiction \(kept), defined at \(base)), but says \(j); kept \(kept)"))
                }
            }
            var facts = overlay.facts
            if let name = overlay.name, name != s.names[i] { facts.aliases.insert(name, at: 0) }
            if !facts.identifiers.isEmpty {
                var x = s.entityExtras[v] ?? EntityExtras()
                for (scheme, value) in facts.identifiers.sorted(by: { $0.key < $1.key }) {
                    x.identifiers[scheme] = GraphBuilder.unite(x.identifiers[scheme], value)
                }
                s.entityExtras[v] = x
                facts.identifiers = [:]
            }
            out.append((id, facts, at, true))
        }
        return out
    }

    /// Checks the judgements' ids and contradictions, and stores the kept ones on their entities.
    mutating func applyJudgements(_ judgements: [(Judgement, SourceLocation)]) {
        var known: [(Judgement, SourceLocation, [Int32])] = []
        for (j, at) in judgements.sorted(by: {
            placeOrder($0.1, $0.0.ids.joined(separator: ";"), $1.1, $1.0.ids.joined(separator: ";"))
        }) {
            var vs: [Int32] = []
            for id in j.ids {
                guard let v = s.idIndex[id] else { break }
                vs.append(v)
            }
            guard vs.count == j.ids.count else {
                let missing = j.ids.first { s.idIndex[$0] == nil } ?? ""
                rejectUnknown(missing, at: at, field: j.kind.rawValue, what: "judgement")
                continue
            }
            known.append((j, at, vs))
        }
        // The parties the sameAs judgements make; a notSameAs pair inside one of them is a contradiction.
        var parent: [Int32: Int32] = [:]
        func find(_ v: Int32) -> Int32 {
            var r = v
            while let p = parent[r], p != r { r = p }
            return r
        }
        for (j, _, vs) in known where j.kind == .sameAs {
            for w in vs.dropFirst() where find(w) != find(vs[0]) { parent[find(w)] = find(vs[0]) }
        }
        var contradicted: [Int32: (SourceLocation, String, String)] = [:]
        for (j, at, vs) in known where j.kind == .notSameAs {
            for a in vs.indices {
                for b in vs.indices where a < b && find(vs[a]) == find(vs[b]) {
                    if contradicted[find(vs[a])] == nil { contradicted[find(vs[a])] = (at, j.ids[a], j.ids[b]) }
                }
            }
        }
        var others: [Int32: [Judgement.Kind: Set<String>]] = [:]
        for (j, at, vs) in known {
            if j.kind == .sameAs, let (place, a, b) = contradicted[find(vs[0])] {
                reject(
                    Diagnostic(
                        .error, .conflictingFacts, .leftOut, at: at, field: "sameAs",
                        "sameAs [\(j.ids.joined(separator: ", "))] contradicts notSameAs at \(place): with it '\(a)' and '\(b)' "
                            + "would be one party; left out (resolve the judgements)"))
                continue
            }
            for (k, v) in vs.enumerated() {
                others[v, default: [:]][j.kind, default: []].formUnion(
                    j.ids.enumerated().filter { $0.offset != k }.map(\.element))
            }
        }
        for (v, byKind) in others {
            var x = s.entityExtras[v] ?? EntityExtras()
            for (kind, ids) in byKind {
                let have = x.attributes[kind.attribute].map(Judgement.ids(inAttribute:)) ?? []
                x.attributes[kind.attribute] = Set(have).union(ids).sorted().joined(separator: ";")
            }
            s.entityExtras[v] = x
        }
    }

    /// Leaves out an overlay or judgement naming `id`, which no input defines (or which was itself left out).
    private mutating func rejectUnknown(_ id: String, at: SourceLocation, field: String, what: String) {
        if let why = rejectedEntities[id] {
            reject(
                Diagnostic(
                    .error, .rejectedEntity, .leftOut, at: at, field: field,
                    "entity '\(id)' was left out (\(why)); \(what) left out because its entity was rejected"))
        } else {
            reject(
                Diagnostic(
                    .error, .danglingReference, .leftOut, at: at, field: field,
                    "unknown entity id '\(id)': no input defines it (\(what) left out)\(idSuggestions().hint(for: id))")
            )
        }
    }

    /// `stored` with the `;`-separated values of `added` that it does not hold yet (compared without case).
    static func unite(_ stored: String?, _ added: String) -> String {
        func values(_ text: String) -> [String] {
            text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var out = stored.map(values) ?? []
        var seen = Set(out.map { $0.uppercased() })
        for value in values(added) where seen.insert(value.uppercased()).inserted { out.append(value) }
        return out.joined(separator: ";")
    }
}

/// Place order (file, line, then a tie-break key): the order overlays and judgements are applied in.
private func placeOrder(_ a: SourceLocation, _ ka: String, _ b: SourceLocation, _ kb: String) -> Bool {
    (a.file, a.line ?? 0, ka) < (b.file, b.line ?? 0, kb)
}
