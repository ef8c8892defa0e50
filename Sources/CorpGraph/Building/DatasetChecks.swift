/// Checks that need the whole graph (the readers check single records).
public enum DatasetChecks {
    /// Runs every graph-level check.
    public static func run(_ graph: Graph) -> [Diagnostic] {
        overOwnedCompanies(graph)
    }

    /// Companies whose exact owner shares add up to more than 100 % on some date.
    ///
    /// A warning, not an error: real registers contain such inconsistencies (OpenSanctions' Zala cluster sums to 101 %
    /// on one day, BODS' own `tecido.json` example to 110 % for three days), and refusing to compute on them would
    /// leave the analyst with nothing. `validate` lists every one.
    ///
    /// Candidate dates are every start and the day after every end of an incoming `owns` relationship (plus "undated",
    /// when every dated one is out of force); on each, the shares of the relationships in force are summed, one per
    /// owner (the largest, so a duplicated record of one holding is not counted twice).
    /// - Complexity: O(Σ k²) over companies with k incoming owns relationships.
    public static func overOwnedCompanies(_ graph: Graph) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var owns: [Int] = []
        for v in 0..<graph.entityCount {
            owns.removeAll(keepingCapacity: true)
            for e in graph.inRelationships(v) where graph.kind(ofRelationship: Int(e)) == .owns {
                if graph.shareBounds(Int(e)).exact { owns.append(Int(e)) }
            }
            guard owns.count > 1 else { continue }
            var total: Int64 = 0
            for e in owns { total += graph.shareBounds(e).lo }
            guard total > Percent.hundred.units else { continue }
            var candidates: Set<Int32> = [0]
            for e in owns {
                if let s = graph.start(e) { candidates.insert(s.rawValue) }
                if let end = graph.end(e) { candidates.insert(end.rawValue + 1) }  // not a real date; compared only
            }
            for day in candidates.sorted() {
                var perOwner: [Int: Int64] = [:]
                for e in owns {
                    let s = graph.start(e)?.rawValue ?? 0, en = graph.end(e)?.rawValue ?? Int32.max
                    if day == 0 ? (graph.start(e) == nil && graph.end(e) == nil) : (s <= day && day <= en) {
                        perOwner[graph.source(e)] = max(perOwner[graph.source(e)] ?? 0, graph.shareBounds(e).lo)
                    }
                }
                let sum = perOwner.values.reduce(0, +)
                if sum > Percent.hundred.units {
                    let when = day == 0 ? "undated holdings" : "holdings in force on \(CalendarDate(rawValue: day).map(\.description) ?? "the day after an end date")"
                    let owners = perOwner.keys.sorted().map { "\(graph.id($0)) \(Percent(units: perOwner[$0]!))" }
                    out.append(Diagnostic(.warning, .suspiciousValue, .kept, at: graph.location(ofEntity: v), field: "share",
                        "owners of '\(graph.id(v))' hold \(Percent(units: sum)) % in total (\(when): \(owners.joined(separator: ", "))); expected at most 100 %"))
                    break
                }
            }
        }
        return out
    }
}
