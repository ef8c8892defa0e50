import CorpGraph
import Foundation

/// Which entity of the new version is which entity of the old one.
///
/// Identity is by id first. Entities left unmatched on both sides are then matched by a strong identifier: the same
/// scheme and value (scheme case-folded, value trimmed and upper-cased) held by exactly one unmatched entity on each
/// side (`lei`, `inn`, `ogrn`, `imo`, …). An identifier shared by several unmatched entities on a side decides nothing.
public struct EntityMatch: Sendable {
    /// Old index → new index, or -1.
    public let newOf: [Int32]
    /// New index → old index, or -1.
    public let oldOf: [Int32]
    /// Pairs matched by an identifier rather than by id, sorted by old id.
    public let byIdentifier: [IdentifierMatch]

    /// One pair matched by identifier.
    public struct IdentifierMatch: Hashable, Sendable {
        public var oldID: String
        public var newID: String
        /// `scheme:value`.
        public var identifier: String
    }

    @inlinable public func new(_ old: Int) -> Int? { newOf[old] < 0 ? nil : Int(newOf[old]) }
    @inlinable public func old(_ new: Int) -> Int? { oldOf[new] < 0 ? nil : Int(oldOf[new]) }

    /// Matches `new` against `old`. When both are the same graph every entity is itself.
    /// - Complexity: O(V) id lookups (two threads on large graphs), plus the identifiers of unmatched entities.
    public init(old: Graph, new: Graph, sameGraph: Bool = false) {
        let n = old.entityCount, m = new.entityCount
        if sameGraph {
            let identity = (0..<Int32(n)).map { $0 }
            newOf = identity
            oldOf = identity
            byIdentifier = []
            return
        }
        var forward = [Int32](repeating: -1, count: n)
        let oldIDs = old.storage.ids, newIDs = new.storage.ids
        forward.withUnsafeMutableBufferPointer { out in
            let buffer = UnsafeSendableBuffer(base: out.baseAddress)
            let parts = n >= 100_000 ? 2 : 1
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let lo = n * k / parts, hi = n * (k + 1) / parts
                // Two versions of a dataset mostly list their entities in one order: the entity after the last one
                // matched is tried first (its id's bytes; ids are unique), then the id table's lookup.
                var next = -1
                for v in lo..<hi {
                    let found: Int32? = oldIDs.withUTF8(v) { key in
                        if next >= 0 && next < m
                            && newIDs.withUTF8(next, { RecordFields.equalBytes(key, $0) })
                        {
                            return Int32(next)
                        }
                        return newIDs.lookup(utf8: key)
                    }
                    if let w = found {
                        buffer.base?[v] = w
                        next = Int(w) + 1
                    }
                }
            }
        }
        var backward = [Int32](repeating: -1, count: m)
        for v in 0..<n where forward[v] >= 0 { backward[Int(forward[v])] = Int32(v) }

        // Strong identifiers of the unmatched entities.
        func keys(_ g: Graph, _ v: Int) -> [String] {
            g.entity(v).identifiers.compactMap { scheme, value in
                let s = scheme.trimmingCharacters(in: .whitespaces).lowercased()
                let x = value.trimmingCharacters(in: .whitespaces).uppercased()
                return s.isEmpty || x.isEmpty ? nil : s + ":" + x
            }
        }
        func uniqueIndex(_ g: Graph, _ unmatched: [Int]) -> [String: Int] {
            var seen: [String: Int] = [:]
            var shared = Set<String>()
            for v in unmatched {
                for k in keys(g, v) {
                    if seen[k] != nil && seen[k] != v { shared.insert(k) } else { seen[k] = v }
                }
            }
            for k in shared { seen[k] = nil }
            return seen
        }
        let oldUnmatched = (0..<n).filter { forward[$0] < 0 }
        let newUnmatched = (0..<m).filter { backward[$0] < 0 }
        var pairs: [IdentifierMatch] = []
        if !oldUnmatched.isEmpty && !newUnmatched.isEmpty {
            let oldKeys = uniqueIndex(old, oldUnmatched)
            let newKeys = uniqueIndex(new, newUnmatched)
            for key in oldKeys.keys.sorted() {
                guard let v = oldKeys[key], let w = newKeys[key], forward[v] < 0, backward[w] < 0 else { continue }
                forward[v] = Int32(w)
                backward[w] = Int32(v)
                pairs.append(IdentifierMatch(oldID: old.id(v), newID: new.id(w), identifier: key))
            }
        }
        newOf = forward
        oldOf = backward
        byIdentifier = pairs.sorted { $0.oldID < $1.oldID }
    }
}

/// A raw pointer handed to `concurrentPerform` workers that write disjoint ranges.
struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>?
}
