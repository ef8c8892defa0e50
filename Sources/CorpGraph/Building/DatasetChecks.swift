/// Checks that need the whole graph (the readers check single records).
public enum DatasetChecks {
    /// Runs every graph-level check.
    public static func run(_ graph: Graph) -> [Diagnostic] {
        let owns = IncomingOwns(graph)
        return overOwnedCompanies(graph, owns) + disagreeingHoldings(graph, owns) + fractionLikeShares(graph)
            + undatedPayments(graph)
    }

    /// Per entity, from one sequential pass over the relationships: how many `owns` relationships point at it, how
    /// many of those have exact shares, and the sum of those shares. The two per-company checks look only at the
    /// companies these counts say can be reported (at 10 M entities that skips ~15 M random reads of kinds and shares
    /// through the in-adjacency); they report exactly what the full walk reports.
    /// Six bytes per entity: the counts saturate at 255 and the sum at `Int32.max` (only "more than one" and "more
    /// than 100 %", 1 000 000 units, are asked).
    struct IncomingOwns {
        var count: [UInt8]
        var exactCount: [UInt8]
        var exactSum: [Int32]

        init(count: [UInt8], exactCount: [UInt8], exactSum: [Int32]) {
            self.count = count
            self.exactCount = exactCount
            self.exactSum = exactSum
        }

        init(_ graph: Graph) {
            let n = graph.entityCount
            var count = [UInt8](repeating: 0, count: n)
            var exactCount = [UInt8](repeating: 0, count: n)
            var exactSum = [Int32](repeating: 0, count: n)
            for e in 0..<graph.relationshipCount where graph.kind(ofRelationship: e) == .owns {
                let v = graph.target(e)
                if count[v] < .max { count[v] += 1 }
                let (lo, _, exact) = graph.shareBounds(e)
                if exact {
                    if exactCount[v] < .max { exactCount[v] += 1 }
                    exactSum[v] = Int32(clamping: Int64(exactSum[v]) + max(0, lo))
                }
            }
            self.count = count
            self.exactCount = exactCount
            self.exactSum = exactSum
        }
    }

    /// Parallel `owns` records of one owner and company, on one basis and in force together, whose shares cannot both
    /// be true: which one is right is not guessed; one warning per pair.
    public static func disagreeingHoldings(_ graph: Graph) -> [Diagnostic] {
        disagreeingHoldings(graph, IncomingOwns(graph))
    }

    static func disagreeingHoldings(_ graph: Graph, _ incoming: IncomingOwns) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // The in-adjacency is sorted by (source, index): one owner's relationships into `v` are consecutive, in index
        // order, and owners come in ascending order. One pass, no per-entity dictionary.
        let (offsets, rels, nbrs) = graph.inCSR
        let kinds = graph.relationshipKinds
        var list: [Int] = []
        for v in 0..<graph.entityCount where incoming.count[v] > 1 && offsets[v + 1] - offsets[v] > 1 {
            var i = Int(offsets[v])
            let end = Int(offsets[v + 1])
            while i < end {
                let owner = Int(nbrs[i])
                list.removeAll(keepingCapacity: true)
                while i < end && Int(nbrs[i]) == owner {
                    if kinds[Int(rels[i])] == .owns { list.append(Int(rels[i])) }
                    i += 1
                }
                guard list.count > 1 else { continue }
                var clash: (Int, Int)?
                outer: for x in 0..<list.count {
                    for y in (x + 1)..<list.count {
                        let a = list[x], b = list[y]
                        // Disagree: the share intervals cannot both be true (25–50 % and 40 % agree), for one basis
                        // (a shareholding and voting rights of one record are two facts, not a conflict).
                        let (aLo, aHi, _) = graph.shareBounds(a), (bLo, bHi, _) = graph.shareBounds(b)
                        guard aHi < bLo || bHi < aLo, graph.relationship(a).basis == graph.relationship(b).basis else {
                            continue
                        }
                        let aStart = graph.start(a)?.rawValue ?? .min, aEnd = graph.end(a)?.rawValue ?? .max
                        let bStart = graph.start(b)?.rawValue ?? .min, bEnd = graph.end(b)?.rawValue ?? .max
                        if aStart <= bEnd && bStart <= aEnd { clash = (a, b); break outer }
                    }
                }
                guard let (a, b) = clash else { continue }
                out.append(
                    Diagnostic(
                        .warning, .conflictingFacts, .kept, at: graph.location(ofRelationship: b), field: "share",
                        "'\(graph.id(owner))' owns '\(graph.id(v))' in \(list.count) records in force together that disagree "
                            + "(\(describe(graph.share(a))) at \(graph.location(ofRelationship: a)), \(describe(graph.share(b))) here); "
                            + "both kept; which is right is not guessed"))
            }
        }
        return out
    }

    static func describe(_ share: Share?) -> String { share.map { "\($0)" } ?? "no share" }

    /// `owns` shares strictly between 0 and 1 %: a file written with fractions of one (0.5 for 50 %) looks just
    /// like this. One warning per file, with the count and the first place; shares are percentages.
    public static func fractionLikeShares(_ graph: Graph) -> [Diagnostic] {
        var perFile: [String: (count: Int, first: Int)] = [:]
        for e in 0..<graph.relationshipCount where graph.kind(ofRelationship: e) == .owns {
            let (lo, hi, exact) = graph.shareBounds(e)
            guard exact, lo > 0, hi < Percent(1).units else { continue }
            let file = graph.location(ofRelationship: e).file
            if perFile[file] == nil { perFile[file] = (0, e) }
            perFile[file]!.count += 1
        }
        return perFile.sorted { $0.key < $1.key }.map { file, x in
            let p = Percent(units: graph.shareBounds(x.first).lo)
            let meant = Percent(units: graph.shareBounds(x.first).lo * 100)
            return Diagnostic(
                .warning, .suspiciousValue, .kept, at: graph.location(ofRelationship: x.first), field: "share",
                "share \(p) % is below 1 %\(x.count > 1 ? " (and \(x.count - 1) more in this file)" : ""); shares are percentages: "
                    + "if \(p) is a fraction of one, the author meant \(meant) %")
        }
    }

    /// `pays` relationships with neither a date nor a start: they count on every as-of date (docs/FORMATS.md).
    /// One warning per file.
    public static func undatedPayments(_ graph: Graph) -> [Diagnostic] {
        var perFile: [String: (count: Int, first: Int)] = [:]
        for e in 0..<graph.relationshipCount where graph.kind(ofRelationship: e) == .pays {
            guard graph.date(e) == nil, graph.start(e) == nil, graph.end(e) == nil else { continue }
            let file = graph.location(ofRelationship: e).file
            if perFile[file] == nil { perFile[file] = (0, e) }
            perFile[file]!.count += 1
        }
        return perFile.sorted { $0.key < $1.key }.map { file, x in
            Diagnostic(
                .warning, .suspiciousValue, .kept, at: graph.location(ofRelationship: x.first), field: "date",
                "payment without a date\(x.count > 1 ? " (and \(x.count - 1) more in this file)" : ""); an undated payment counts on every as-of date"
            )
        }
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
        overOwnedCompanies(graph, IncomingOwns(graph))
    }

    static func overOwnedCompanies(_ graph: Graph, _ incoming: IncomingOwns) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var owns: [Int] = []
        // Only companies with two exact holdings summing to more than 100 % can be reported (the walk below sums
        // the same shares).
        for v in 0..<graph.entityCount
        where incoming.exactCount[v] > 1 && Int64(incoming.exactSum[v]) > Percent.hundred.units {
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
                    let when =
                        day == 0
                        ? "undated holdings"
                        : "holdings in force on \(CalendarDate(rawValue: day).map(\.description) ?? "the day after an end date")"
                    let owners = perOwner.keys.sorted().map { "\(graph.id($0)) \(Percent(units: perOwner[$0]!))" }
                    out.append(
                        Diagnostic(
                            .warning, .suspiciousValue, .kept, at: graph.location(ofEntity: v), field: "share",
                            "owners of '\(graph.id(v))' hold \(Percent(units: sum)) % in total (\(when): \(owners.joined(separator: ", "))); expected at most 100 %"
                        ))
                    break
                }
            }
        }
        return out
    }
}
