import CorpGraph

/// The search index of a graph, built once at load: every name and alias normalised (``NameNormaliser``) into a
/// "name record" of token ids, token → record postings, a trigram index over the token vocabulary for typos, and
/// `SCHEME:VALUE` → entities for identifiers. Immutable and `Sendable`: share one across tasks.
public struct MatchIndex: Sendable {
    public let graph: Graph
    /// Per name record: its entity, its tokens (`tokenOffsets[r]..<tokenOffsets[r+1]` into `tokens`), its legal form.
    let recordEntity: [Int32]
    let tokenOffsets: [Int32]
    let tokens: [Int32]
    let recordForm: [Int16]
    let forms: [LegalForm]
    /// The token vocabulary, its postings (records, ascending; `postingOffsets[t]..<postingOffsets[t+1]`) and weights.
    let vocabulary: [String]
    let tokenIDs: [String: Int32]
    let postingOffsets: [Int32]
    let postings: [Int32]
    let weights: [Float]
    /// Trigram (3 UTF-8 bytes packed, words padded with spaces) → token ids, for edit-distance expansion.
    let trigrams: [UInt32: [Int32]]
    /// `SCHEME:VALUE` → entities, and `VALUE` alone → entities (an identifier typed without its scheme).
    let identifierEntities: [String: [Int32]]
    let valueEntities: [String: [Int32]]
    /// Working memory reused across searches.
    var scratchPool = ScratchPool()

    public var recordCount: Int { recordEntity.count }
    public var vocabularySize: Int { vocabulary.count }

    /// Words that say little about which party a name means ("trading", "holdings", "group", …): their weight is
    /// multiplied by 0.3 on top of the rarity weight.
    public static let genericWords: Set<String> = [
        "and", "the", "of", "for", "de", "du", "la", "le", "der", "und", "trading", "trade", "holding", "holdings",
        "group", "grupa", "gruppe", "international", "intl", "global", "company", "co", "enterprises", "enterprise",
        "industries", "industrial", "investments", "investment", "capital", "partners", "services", "service",
        "management", "resources", "ventures", "solutions", "logistics", "finance", "financial", "commodities",
        "energy", "import", "export", "general", "bank", "fund", "trust",
    ].reduce(into: Set<String>()) { $0.insert(Skeleton.key($1)) }

    /// The weight of a token that is not in the vocabulary: as rare as a token can be.
    var unseenWeight: Float { Float(Builder.weight(documentFrequency: 0, records: recordCount)) }

    func weight(of token: String) -> Float {
        if let t = tokenIDs[token] { return weights[Int(t)] }
        return unseenWeight * (MatchIndex.genericWords.contains(token) ? 0.3 : 1)
    }

    func recordTokens(_ r: Int) -> ArraySlice<Int32> { tokens[Int(tokenOffsets[r])..<Int(tokenOffsets[r + 1])] }
    func form(ofRecord r: Int) -> LegalForm? { recordForm[r] < 0 ? nil : forms[Int(recordForm[r])] }

    /// Entities holding the identifier (exact, after normalisation), ascending.
    public func entities(with ref: IdentifierRef) -> [Int] {
        (identifierEntities[ref.key] ?? []).map(Int.init)
    }

    /// Entities holding `value` under any scheme, ascending.
    public func entities(withIdentifierValue value: String) -> [Int] {
        (valueEntities[Identifiers.normalise(value, scheme: "")] ?? []).map(Int.init)
    }

    /// The names a written name stands for: itself, or with a bracketed part (`Aozora Exchange K.K. (あおぞら取引所
    /// 株式会社)`, `ООО «Аозора» (Aozora LLC)`) the text outside the brackets and each bracketed text.
    public static func nameVariants(_ name: String) -> [String] {
        guard name.utf8.contains(0x28), name.utf8.contains(0x29) else { return [name] }
        var outside = "", inside: [String] = [], current = "", depth = 0
        for ch in name {
            if ch == "(" {
                if depth == 0 { outside += " " } else { current.append(ch) }
                depth += 1
            } else if ch == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { inside.append(current); current = "" } else { current.append(ch) }
            } else if depth > 0 {
                current.append(ch)
            } else {
                outside.append(ch)
            }
        }
        if depth > 0 { return [name] }
        let parts = ([outside] + inside).filter { $0.contains { $0.isLetter || $0.isNumber } }
        return parts.isEmpty ? [name] : parts
    }

    /// Packed trigrams of a token padded with one space each side (`" ab"`, `"abc"`, …, `"yz "`).
    static func trigramKeys(_ token: String) -> [UInt32] {
        let b: [UInt8] = [0x20] + Array(token.utf8) + [0x20]
        guard b.count >= 3 else { return [] }
        var out: [UInt32] = []
        out.reserveCapacity(b.count - 2)
        for i in 0..<(b.count - 2) { out.append(UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])) }
        return out
    }
}

extension MatchIndex {
    // In an extension, so that the type keeps its memberwise initialiser (``Builder/finish(graph:)`` calls it).

    /// Builds the index of `graph`.
    /// - Complexity: O(total name length) plus the postings sort, one pass over the entities.
    public init(graph: Graph) {
        var b = Builder()
        let n = graph.entityCount
        var withExtras = Set<Int>()
        for v in graph.entitiesWithExtras { withExtras.insert(v) }
        for v in 0..<n {
            let kind = graph.kind(v)
            for part in MatchIndex.nameVariants(graph.name(v)) { b.add(entity: v, name: part, kind: kind) }
            guard withExtras.contains(v) else { continue }
            for a in graph.aliases(v) {
                for part in MatchIndex.nameVariants(a) { b.add(entity: v, name: part, kind: kind) }
            }
            for (scheme, stored) in graph.identifiers(v) {
                for value in Identifiers.values(stored) { b.addIdentifier(entity: v, scheme: scheme, value: value) }
            }
        }
        self = b.finish(graph: graph)
    }
}
