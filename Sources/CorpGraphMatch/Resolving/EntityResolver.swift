import CorpGraph
import Foundation

/// A candidate named in a resolution error.
public struct ReferenceCandidate: Sendable, Hashable {
    public var id: String
    public var name: String
    public var score: Double
}

/// Why an entity reference did not name exactly one entity.
public enum EntityReferenceError: LocalizedError, Sendable, Hashable {
    /// Nothing found: the closest ids and, by name, the closest entities.
    case unknown(reference: String, role: String, ids: [String], names: [ReferenceCandidate])
    /// Several entities fit: every candidate with its score, best first.
    case ambiguous(reference: String, role: String, candidates: [ReferenceCandidate])
    case invalidIdentifier(reference: String, role: String, reason: String)

    public var errorDescription: String? {
        func list(_ c: [ReferenceCandidate]) -> String {
            c.map { "'\($0.id)' (\($0.name), \(String(format: "%.2f", $0.score)))" }.joined(separator: ", ")
        }
        switch self {
        case .unknown(let ref, let role, let ids, let names):
            var text = "unknown \(role) '\(ref)'"
            if !ids.isEmpty { text += "; did you mean " + ids.map { "'\($0)'" }.joined(separator: ", ") + "?" }
            if !names.isEmpty {
                text += (ids.isEmpty ? "; did you mean " : " By name: ") + list(names) + (ids.isEmpty ? "?" : "")
            }
            return text
        case .ambiguous(let ref, let role, let candidates):
            return "ambiguous \(role) '\(ref)': \(candidates.count) entities match: \(list(candidates)); "
                + "pass one of these ids, or an identifier (SCHEME:VALUE)"
        case .invalidIdentifier(let ref, let role, let reason):
            return "invalid \(role) '\(ref)': \(reason)"
        }
    }
}

/// Resolves what a user typed for an entity: an id as it stands; `name:TEXT` through the search index (one match,
/// or a clear winner); `SCHEME:VALUE` (`lei:…`, `inn:…`) by identifier. The index is built on first need (a plain
/// id never builds it). Thread-safe.
public final class EntityResolver: @unchecked Sendable {
    public let graph: Graph
    private var built: MatchIndex?
    private let lock = NSLock()
    /// A name resolves to the best candidate when it is the only match, or when it leads the second by this much.
    public static let clearLead = 0.15

    public init(graph: Graph, index: MatchIndex? = nil) {
        self.graph = graph
        built = index
    }

    /// The index, built once.
    public var index: MatchIndex {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = MatchIndex(graph: graph)
        built = made
        return made
    }

    /// The entity `reference` names. `role` words the errors (`subject`, `entity`, `--holder entity`).
    public func resolve(_ reference: String, role: String = "entity") throws(EntityReferenceError) -> Int {
        if let v = graph.index(of: reference) { return v }
        if reference.hasPrefix("name:") {
            let text = String(reference.dropFirst(5))
            let results = index.match(MatchQuery(name: text), options: MatchOptions(limit: 10, minimumScore: 0.5))
            let matches = results.filter(\.match)
            if let best = matches.first,
                matches.count == 1 || best.score - matches[1].score >= EntityResolver.clearLead
            {
                return best.entity
            }
            if matches.isEmpty {
                throw .unknown(reference: reference, role: role, ids: [], names: candidates(results.prefix(3)))
            }
            throw .ambiguous(reference: reference, role: role, candidates: candidates(matches[...]))
        }
        if let ref = Identifiers.parseReference(reference) {
            do { try Identifiers.validate(ref) } catch {
                throw .invalidIdentifier(reference: reference, role: role, reason: error.errorDescription ?? "\(error)")
            }
            let hits = graph.sortedByID(index.entities(with: ref))
            if hits.count == 1 { return hits[0] }
            if hits.isEmpty { throw .unknown(reference: reference, role: role, ids: [], names: []) }
            throw .ambiguous(
                reference: reference, role: role,
                candidates: hits.map {
                    ReferenceCandidate(id: graph.id($0), name: graph.name($0), score: 1)
                })
        }
        let byName = index.match(MatchQuery(name: reference), options: MatchOptions(limit: 3, minimumScore: 0.5))
        throw .unknown(
            reference: reference, role: role, ids: graph.suggestions(for: reference),
            names: candidates(byName[...]))
    }

    func candidates(_ results: ArraySlice<MatchResult>) -> [ReferenceCandidate] {
        results.map { ReferenceCandidate(id: $0.id, name: $0.name, score: $0.score) }
    }
}
