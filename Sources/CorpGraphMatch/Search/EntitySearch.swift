import Foundation
import CorpGraph

/// Filters and limits of a search.
public struct MatchOptions: Sendable, Hashable {
    /// Results returned, best first.
    public var limit: Int
    /// `match` is true at or above this score.
    public var threshold: Double
    /// Only entities of these kinds (`nil`: any).
    public var kinds: Set<EntityKind>?
    /// Only entities in these countries (ISO alpha-2, compared by country; `nil`: any).
    public var countries: Set<String>?
    /// Results below this score are dropped (0 keeps every candidate found).
    public var minimumScore: Double

    public init(
        limit: Int = 10, threshold: Double = MatchAlgorithm.defaultThreshold, kinds: Set<EntityKind>? = nil,
        countries: Set<String>? = nil, minimumScore: Double = 0.3
    ) {
        self.limit = limit
        self.threshold = threshold
        self.kinds = kinds
        self.countries = countries
        self.minimumScore = minimumScore
    }
}

/// Why a search could not run.
public enum SearchError: LocalizedError, Sendable, Hashable {
    case invalidIdentifier(IdentifierError)
    case emptyQuery

    public var errorDescription: String? {
        switch self {
        case .invalidIdentifier(let e): e.errorDescription
        case .emptyQuery: "the query has no words to search for"
        }
    }
}

/// Per-thread working memory of searches (the score of every name record touched by one query). Reuse one per
/// thread for batches; it is not `Sendable`.
public final class SearchScratch {
    var accumulated: [Float]
    var touched: [Int32] = []
    public init(index: MatchIndex) { accumulated = [Float](repeating: 0, count: index.recordCount) }
}

/// Scratch memory kept between searches that bring none (a million-record index would otherwise zero 4 MB per query).
final class ScratchPool: @unchecked Sendable {
    private var free: [SearchScratch] = []
    private let lock = NSLock()

    func take(_ index: MatchIndex) -> SearchScratch {
        lock.lock()
        let s = free.popLast()
        lock.unlock()
        return s ?? SearchScratch(index: index)
    }

    func give(_ s: SearchScratch) {
        lock.lock()
        if free.count < 8 { free.append(s) }
        lock.unlock()
    }
}

extension MatchIndex {
    /// Searches a query text: `SCHEME:VALUE` looks the identifier up exactly (check digits validated); anything
    /// else is a name.
    public func search(_ text: String, options: MatchOptions = MatchOptions()) throws(SearchError) -> [MatchResult] {
        if let ref = Identifiers.parseReference(text) {
            do { try Identifiers.validate(ref) } catch { throw .invalidIdentifier(error) }
            return identifierResults(ref, options: options)
        }
        let query = MatchQuery(name: text)
        if NameNormaliser.normalise(text).tokens.isEmpty { throw .emptyQuery }
        return match(query, options: options)
    }

    /// Entities holding `ref`, each scored 1 with the `identifier` feature.
    public func identifierResults(_ ref: IdentifierRef, options: MatchOptions = MatchOptions()) -> [MatchResult] {
        let hits = graph.sortedByID(entities(with: ref)).filter { accepts($0, options) }
        return hits.prefix(options.limit).map { v in
            MatchResult(
                entity: v, id: graph.id(v), name: graph.name(v), score: 1, match: true,
                features: [MatchFeature(name: "identifier", score: 1, detail: "\(ref) exact")])
        }
    }

    /// Scores candidates for a query (name retrieval through the postings, plus entities holding the query's
    /// identifiers or an identifier equal to the query text), best first, ties by id.
    public func match(_ query: MatchQuery, options: MatchOptions = MatchOptions(), scratch given: SearchScratch? = nil)
        -> [MatchResult]
    {
        let scratch = given ?? scratchPool.take(self)
        defer { if given == nil { scratchPool.give(scratch) } }
        let scorer = MatchScorer(index: self, query: query)
        var best: [Int: (score: Double, features: [MatchFeature], record: Int)] = [:]
        func consider(_ r: Int) {
            let v = Int(recordEntity[r])
            guard accepts(v, options) else { return }
            let s = scorer.score(record: r)
            if let b = best[v], b.score >= s.score { return }
            best[v] = (s.score, s.features, r)
        }
        for r in candidateRecords(scorer.normalised.tokens, count: max(40, options.limit * 4), scratch: scratch) {
            consider(r)
        }
        // Entities found by identifier: their first name record.
        var byIdentifier = Set<Int>()
        for ref in query.identifiers { byIdentifier.formUnion(entities(with: ref)) }
        if query.identifiers.isEmpty { byIdentifier.formUnion(entities(withIdentifierValue: query.name)) }
        for v in byIdentifier where best[v] == nil {
            if let r = firstRecord(of: v) { consider(r) }
            if query.identifiers.isEmpty, var b = best[v] {
                b.features.append(
                    MatchFeature(name: "identifier", score: 0.85, detail: "query text is an identifier value"))
                b.features.sort { $0.name < $1.name }
                best[v] = (max(b.score, 0.85), b.features, b.record)
            }
        }
        var results = best.compactMap { v, b -> MatchResult? in
            guard b.score >= options.minimumScore else { return nil }
            return MatchResult(
                entity: v, id: graph.id(v), name: graph.name(v), score: b.score,
                match: b.score >= options.threshold, features: b.features)
        }
        results.sort { $0.score != $1.score ? $0.score > $1.score : graph.idPrecedes($0.entity, $1.entity) }
        return Array(results.prefix(options.limit))
    }

    func accepts(_ v: Int, _ options: MatchOptions) -> Bool {
        if let kinds = options.kinds, !kinds.contains(graph.kind(v)) { return false }
        if let countries = options.countries {
            guard let j = graph.jurisdiction(v) else { return false }
            let c = String(j.split(separator: "-").first ?? "")
            if !countries.contains(c) { return false }
        }
        return true
    }

    /// The first name record of `v` (records are in entity order).
    func firstRecord(of v: Int) -> Int? {
        var lo = 0, hi = recordEntity.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if recordEntity[mid] < Int32(v) { lo = mid + 1 } else { hi = mid }
        }
        return lo < recordEntity.count && recordEntity[lo] == Int32(v) ? lo : nil
    }
}
