import CorpGraph

/// What a ``GraphBuilder`` made, as comparable values: every entity and relationship with its location, the
/// interned tables, the diagnostics in order and the per-file counts. Two readings of one input (a fast path and
/// the general path) must give equal values.
public struct BuiltGraph: Equatable {
    /// A record as built, with where it came from (a dictionary's printed order is no part of the graph).
    public struct Row<Value: Equatable>: Equatable {
        public var value: Value
        public var location: String
    }

    public var entities: [Row<Entity>]
    public var relationships: [Row<Relationship>]
    public var tables: [[String]]
    public var diagnostics: [Diagnostic]
    public var counts: [String]

    /// Builds `builder` and keeps what it made.
    public init(_ builder: GraphBuilder) {
        let loaded = builder.loadedCounts.sorted { $0.key < $1.key }.map {
            "\($0.key) \($0.value.entities) \($0.value.relationships)"
        }
        let rejected = builder.rejectedCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        var builder = builder
        let (g, d) = builder.build()
        entities = (0..<g.entityCount).map { Row(value: g.entity($0), location: "\(g.location(ofEntity: $0))") }
        relationships = (0..<g.relationshipCount).map {
            Row(value: g.relationship($0), location: "\(g.location(ofRelationship: $0))")
        }
        tables = [g.jurisdictionCodes, g.tagNames, g.currencyCodes, g.files]
        diagnostics = d
        counts = loaded + rejected
    }
}
