import CorpGraph
import Foundation

extension MatchIndex {
    /// Accumulates name records and identifiers, then freezes them into postings.
    struct Builder {
        var recordEntity: [Int32] = []
        var tokenOffsets: [Int32] = [0]
        var tokens: [Int32] = []
        var recordForm: [Int16] = []
        var forms: [LegalForm] = []
        var formIDs: [LegalForm: Int16] = [:]
        var vocabulary: [String] = []
        var tokenIDs: [String: Int32] = [:]
        var documentFrequency: [Int32] = []
        var identifierEntities: [String: [Int32]] = [:]
        var valueEntities: [String: [Int32]] = [:]
        /// Normalised non-ASCII words, so a word written a million times is transliterated once.
        var wordCache: [String: [String]] = [:]

        mutating func add(entity v: Int, name: String, kind: EntityKind) {
            let normalised = normalise(name, kind: kind)
            guard !normalised.tokens.isEmpty else { return }
            recordEntity.append(Int32(v))
            var seen: [Int32] = []
            for t in normalised.tokens {
                let id: Int32
                if let existing = tokenIDs[t] {
                    id = existing
                } else {
                    id = Int32(vocabulary.count)
                    vocabulary.append(t)
                    tokenIDs[t] = id
                    documentFrequency.append(0)
                }
                tokens.append(id)
                if !seen.contains(id) { seen.append(id); documentFrequency[Int(id)] += 1 }
            }
            tokenOffsets.append(Int32(tokens.count))
            if let f = normalised.legalForm {
                if let id = formIDs[f] {
                    recordForm.append(id)
                } else {
                    let id = Int16(forms.count)
                    forms.append(f)
                    formIDs[f] = id
                    recordForm.append(id)
                }
            } else {
                recordForm.append(-1)
            }
        }

        mutating func normalise(_ name: String, kind: EntityKind) -> NormalisedName {
            NameNormaliser.normalise(name, kind: kind, cache: &wordCache)
        }

        mutating func addIdentifier(entity v: Int, scheme: String, value: String) {
            let ref = IdentifierRef(scheme: scheme, value: value)
            guard !ref.value.isEmpty else { return }
            Builder.append(Int32(v), to: &identifierEntities[ref.key, default: []])
            Builder.append(Int32(v), to: &valueEntities[Identifiers.normalise(value, scheme: ""), default: []])
        }

        static func append(_ v: Int32, to list: inout [Int32]) {
            if list.last != v { list.append(v) }
        }

        /// Rarity weight: ln(1 + R / (df + 1)), at least 0.05.
        static func weight(documentFrequency df: Int, records: Int) -> Double {
            max(0.05, log(1 + Double(records) / Double(df + 1)))
        }

        func finish(graph: Graph) -> MatchIndex {
            let vocabularyCount = vocabulary.count
            var offsets = [Int32](repeating: 0, count: vocabularyCount + 1)
            for t in tokens { offsets[Int(t) + 1] += 1 }
            for i in 0..<vocabularyCount { offsets[i + 1] += offsets[i] }
            var cursor = offsets
            var postings = [Int32](repeating: 0, count: tokens.count)
            var lastRecordOfToken = [Int32](repeating: -1, count: vocabularyCount)
            for r in 0..<recordEntity.count {
                for i in Int(tokenOffsets[r])..<Int(tokenOffsets[r + 1]) {
                    let t = Int(tokens[i])
                    if lastRecordOfToken[t] == Int32(r) { continue }
                    lastRecordOfToken[t] = Int32(r)
                    postings[Int(cursor[t])] = Int32(r)
                    cursor[t] += 1
                }
            }
            // Repeated tokens within a record leave holes at the end of their rows: compact.
            var compact = [Int32](); compact.reserveCapacity(postings.count)
            var compactOffsets = [Int32](repeating: 0, count: vocabularyCount + 1)
            for t in 0..<vocabularyCount {
                compact.append(contentsOf: postings[Int(offsets[t])..<Int(cursor[t])])
                compactOffsets[t + 1] = Int32(compact.count)
            }
            let records = recordEntity.count
            let weights = (0..<vocabularyCount).map { t -> Float in
                let w = Builder.weight(documentFrequency: Int(documentFrequency[t]), records: records)
                return Float(MatchIndex.genericWords.contains(vocabulary[t]) ? w * 0.3 : w)
            }
            var trigrams: [UInt32: [Int32]] = [:]
            for (t, token) in vocabulary.enumerated() where Builder.isFuzzy(token) {
                for k in Set(MatchIndex.trigramKeys(token)) { trigrams[k, default: []].append(Int32(t)) }
            }
            return MatchIndex(
                graph: graph, recordEntity: recordEntity, tokenOffsets: tokenOffsets, tokens: tokens,
                recordForm: recordForm,
                forms: forms, vocabulary: vocabulary, tokenIDs: tokenIDs, postingOffsets: compactOffsets,
                postings: compact, weights: weights, trigrams: trigrams,
                identifierEntities: identifierEntities, valueEntities: valueEntities)
        }

        /// Tokens that typo matching considers: Latin letters, at least 4 bytes (short words and numbers must match
        /// exactly).
        static func isFuzzy(_ token: String) -> Bool {
            token.utf8.count >= 4 && token.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        }
    }
}
