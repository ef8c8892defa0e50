/// An analyst's decision on whether records are one real-world party, where identifiers cannot tell
/// (native `sameAs` / `notSameAs`, docs/FORMATS.md; applied by CorpGraphMatch's merge).
public struct Judgement: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The records are one party: merged like records sharing an identifier.
        case sameAs
        /// The records are different parties: never merged, whatever identifiers they share.
        case notSameAs

        /// The entity attribute the judgement is kept in once the graph is built: the other ids, sorted, joined by
        /// `;`. Kept on the entities, the judgement travels with them through snapshots and exports.
        public var attribute: String { "judgement.\(rawValue)" }
    }

    public var kind: Kind
    /// Two or more entity ids: `sameAs` makes them one party, `notSameAs` keeps every two of them apart.
    public var ids: [String]

    public init(_ kind: Kind, _ ids: [String]) {
        self.kind = kind
        self.ids = ids
    }

    /// The ids a judgement attribute value names.
    public static func ids(inAttribute value: String) -> [String] {
        value.split(separator: ";", omittingEmptySubsequences: true).map(String.init)
    }
}

/// Facts a record adds to an entity defined in another input (native `extends: ID`, docs/FORMATS.md).
///
/// The extended entity keeps its id, kind and name; `name` (when different) becomes an alias, identifiers are united
/// value by value, a jurisdiction fills an entity that has none, and a different `kind` or `jurisdiction` is reported
/// as a conflict (the extended entity's is kept).
public struct EntityOverlay: Hashable, Sendable {
    /// The kind the overlay expects the entity to have (checked, never changed).
    public var kind: EntityKind?
    /// A name the overlay knows the entity by (added as an alias).
    public var name: String?
    /// The jurisdiction (fills an entity without one; checked otherwise).
    public var jurisdiction: String?
    /// Aliases, identifiers, tags, designations, sources and attributes to add.
    public var facts: EntityAmendment

    public init(
        kind: EntityKind? = nil, name: String? = nil, jurisdiction: String? = nil,
        facts: EntityAmendment = EntityAmendment()
    ) {
        self.kind = kind
        self.name = name
        self.jurisdiction = jurisdiction
        self.facts = facts
    }
}
