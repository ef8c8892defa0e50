import CorpGraph

/// The algorithm's name and version, as `search` JSON reports it (`"algorithm": "corpgraph-match@1"`).
public enum MatchAlgorithm {
    public static let name = "corpgraph-match"
    public static let version = "1"
    public static var label: String { "\(name)@\(version)" }
    /// `match` is true at or above this score unless the caller sets another threshold.
    public static let defaultThreshold = 0.7
    /// Screening calls a best candidate at or above this (and below the threshold) a `possible` match.
    public static let possibleThreshold = 0.5
}

/// What a party is looked for by: a name and optionally its kind, country, identifiers and birth date. Kind,
/// country and birth date are qualifiers: they lower a score when they disagree, never raise it.
public struct MatchQuery: Sendable, Hashable {
    public var name: String
    public var kind: EntityKind?
    /// ISO 3166 code; compared by country (`RU-MOW` is `RU`).
    public var country: String?
    public var identifiers: [IdentifierRef]
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var birthDate: String?

    public init(
        name: String, kind: EntityKind? = nil, country: String? = nil, identifiers: [IdentifierRef] = [],
        birthDate: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.country = country
        self.identifiers = identifiers
        self.birthDate = birthDate
    }
}

/// One feature's part in a score. For `name` and `identifier` the score is the evidence (0–1, the larger one
/// counts); for the qualifiers (`legalForm`, `country`, `kind`, `birthDate`) it is the amount added (≤ 0).
public struct MatchFeature: Sendable, Hashable {
    public var name: String
    public var score: Double
    public var detail: String
    public init(name: String, score: Double, detail: String) {
        self.name = name
        self.score = score
        self.detail = detail
    }
}

/// A scored candidate.
public struct MatchResult: Sendable, Hashable {
    public var entity: Int
    public var id: String
    public var name: String
    /// In [0, 1], rounded to 4 decimals (so equal scores compare equal across runs).
    public var score: Double
    public var match: Bool
    /// Sorted by feature name.
    public var features: [MatchFeature]
}

/// Scores a query against one name record of the index.
struct MatchScorer {
    let index: MatchIndex
    let query: MatchQuery
    let normalised: NormalisedName
    let queryWeights: [Double]

    init(index: MatchIndex, query: MatchQuery) {
        self.index = index
        self.query = query
        normalised = NameNormaliser.normalise(query.name, kind: query.kind)
        queryWeights = normalised.tokens.map { Double(index.weight(of: $0)) }
    }

    func score(record r: Int) -> (score: Double, features: [MatchFeature]) {
        let v = Int(index.recordEntity[r])
        let candidate = index.recordTokens(r).map { index.vocabulary[Int($0)] }
        let weights = index.recordTokens(r).map { Double(index.weights[Int($0)]) }
        let person = index.graph.kind(v) == .person && (query.kind == nil || query.kind == .person)
        let alignment = NameAlignment.align(
            query: normalised.tokens, queryWeights: queryWeights, candidate: candidate,
            candidateWeights: weights, person: person)
        var features: [MatchFeature] = []
        let pairs = alignment.pairs.map { $0.0 == $0.1 ? $0.0 : "\($0.0)~\($0.1)" }.joined(separator: " ")
        features.append(
            MatchFeature(
                name: "name", score: round4(alignment.score),
                detail: pairs.isEmpty ? "no common words" : pairs))
        var evidence = alignment.score
        var adjust = 0.0
        if let id = identifierFeature(v) {
            features.append(id)
            if id.score > 0 { evidence = max(evidence, id.score) } else { adjust += id.score }
        }
        for f in [legalFormFeature(index.form(ofRecord: r)), countryFeature(v), kindFeature(v), birthDateFeature(v)] {
            guard let f else { continue }
            features.append(f)
            adjust += f.score
        }
        features.sort { $0.name < $1.name }
        return (round4(min(1, max(0, evidence + adjust))), features)
    }

    func identifierFeature(_ v: Int) -> MatchFeature? {
        guard !query.identifiers.isEmpty else { return nil }
        let stored = index.graph.identifiers(v)
        guard !stored.isEmpty else { return nil }
        var conflict: String?
        for ref in query.identifiers {
            for (scheme, values) in stored where Identifiers.canonicalScheme(scheme) == ref.scheme {
                let normalised = Identifiers.values(values).map { Identifiers.normalise($0, scheme: scheme) }
                if normalised.contains(ref.value) {
                    return MatchFeature(
                        name: "identifier", score: Identifiers.weight(ref.scheme), detail: "\(ref) shared")
                }
                if Identifiers.isStrong(ref.scheme) {
                    conflict = conflict ?? "\(ref) ≠ \(normalised.joined(separator: ";"))"
                }
            }
        }
        return conflict.map { MatchFeature(name: "identifier", score: -0.2, detail: $0) }
    }

    /// Never positive: a shared `LLC` says nothing; a different family (`llc` vs `jsc`) a little.
    func legalFormFeature(_ candidate: LegalForm?) -> MatchFeature? {
        guard let q = normalised.legalForm, let c = candidate else { return nil }
        if q.compare == c.compare {
            return MatchFeature(name: "legalForm", score: 0, detail: "\(q.compare) = \(c.compare)")
        }
        if q.generic == c.generic {
            return MatchFeature(
                name: "legalForm", score: -0.02, detail: "\(q.compare) ~ \(c.compare) (both \(q.generic))")
        }
        return MatchFeature(
            name: "legalForm", score: -0.1, detail: "\(q.compare) (\(q.generic)) ≠ \(c.compare) (\(c.generic))")
    }

    func countryFeature(_ v: Int) -> MatchFeature? {
        guard let q = query.country, let j = index.graph.jurisdiction(v) else { return nil }
        let qc = country(q), cc = country(j)
        return qc == cc
            ? MatchFeature(name: "country", score: 0, detail: "\(qc) = \(cc)")
            : MatchFeature(name: "country", score: -0.15, detail: "\(qc) ≠ \(cc)")
    }

    func kindFeature(_ v: Int) -> MatchFeature? {
        guard let q = query.kind else { return nil }
        let c = index.graph.kind(v)
        if q == c { return nil }
        if (q == .person) != (c == .person) {
            return MatchFeature(name: "kind", score: -0.2, detail: "\(q) ≠ \(c)")
        }
        return MatchFeature(name: "kind", score: -0.05, detail: "\(q) ≠ \(c)")
    }

    func birthDateFeature(_ v: Int) -> MatchFeature? {
        guard let q = query.birthDate, q.count >= 4 else { return nil }
        let attributes = index.graph.attributes(v)
        guard let c = attributes["ftm.birthDate"] ?? attributes["birthDate"], c.count >= 4 else { return nil }
        if c.prefix(4) != q.prefix(4) { return MatchFeature(name: "birthDate", score: -0.15, detail: "\(q) ≠ \(c)") }
        let n = min(q.count, c.count, 10)
        if q.prefix(n) != c.prefix(n) { return MatchFeature(name: "birthDate", score: -0.1, detail: "\(q) ≠ \(c)") }
        return MatchFeature(name: "birthDate", score: 0, detail: "\(q) = \(c)")
    }

    func country(_ code: String) -> String {
        String(code.uppercased().split(separator: "-").first ?? "")
    }
}

@inline(__always) func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
