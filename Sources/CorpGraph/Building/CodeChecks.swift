/// Checks of the codes a policy or a command line names against what the data holds: a list code no designation
/// uses, a control type one letter away from one the regimes count. Warnings with "did you mean", never guesses.
public enum CodeChecks {
    /// Every designation list code in the graph.
    public static func listCodes(in graph: Graph) -> Set<String> {
        var out = Set<String>()
        for v in 0..<graph.entityCount { for d in graph.designations(v) { out.insert(d.list) } }
        return out
    }

    /// One warning per code in `codes` that no designation in the graph uses (it counts nothing), with the nearest
    /// codes that are used. `origin` says where the codes were named (`--lists`, a policy file).
    public static func unusedListCodes(
        _ codes: [String], in graph: Graph, origin: SourceLocation,
        field: String? = "lists"
    ) -> [Diagnostic] {
        let used = listCodes(in: graph)
        guard !used.isEmpty else { return [] }  // a graph without designations: every list is moot, nothing to say
        let index = SuggestionIndex(used.sorted())
        var out: [Diagnostic] = []
        for code in codes where !used.contains(code) {
            out.append(
                Diagnostic(
                    .warning, .unknownCode, .kept, at: origin, field: field,
                    "list code '\(code)' is on no designation in the data, so it counts nothing\(index.hint(for: code))"
                ))
        }
        return out
    }

    /// `controls` relationships whose `controlType` is not one the policy's regimes count but is within one or two
    /// edits of one (a misspelling would silently stop the control from counting). One warning per distinct type.
    public static func misspeltControlTypes(_ graph: Graph, policy: Policy) -> [Diagnostic] {
        var counted = SanctionsRegime.defaultControlTypes
        for r in policy.regimes { counted.formUnion(r.controlTypes) }
        let lowered = Set(counted.map { $0.lowercased() })
        let index = SuggestionIndex(counted.sorted())
        var seen: [String: Int] = [:]
        var order: [String] = []
        for e in 0..<graph.relationshipCount where graph.kind(ofRelationship: e) == .controls {
            guard let t = graph.relationship(e).controlType, !lowered.contains(t.lowercased()) else { continue }
            if seen[t] == nil { order.append(t); seen[t] = e }
        }
        var out: [Diagnostic] = []
        for t in order {
            let close = index.nearest(to: t, limit: 1)
            guard !close.isEmpty else { continue }
            out.append(
                Diagnostic(
                    .warning, .unknownCode, .kept, at: graph.location(ofRelationship: seen[t]!), field: "controlType",
                    "control type '\(t)' is not one the regimes count (the control is not counted)\(Suggestions.hint(close))"
                ))
        }
        return out
    }
}
