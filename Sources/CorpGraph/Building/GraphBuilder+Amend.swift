/// Additions to an entity that a reader learns from a record of its own (a Sanction record, a
/// `targets.simple.csv` row, a GLEIF reporting exception) while the entity itself is defined elsewhere,
/// possibly in another file or later in the same file.
///
/// Amendments only add: tags, designations and aliases are appended (without repeats), identifiers and attributes
/// merged (an existing key keeps its value). They never change the id, kind, name or jurisdiction.
public struct EntityAmendment: Hashable, Sendable {
    public var aliases: [String]
    public var identifiers: [String: String]
    public var tags: [String]
    public var designations: [Designation]
    public var sources: [SourceRef]
    public var attributes: [String: String]

    public init(
        aliases: [String] = [], identifiers: [String: String] = [:], tags: [String] = [],
        designations: [Designation] = [], sources: [SourceRef] = [], attributes: [String: String] = [:]
    ) {
        self.aliases = aliases
        self.identifiers = identifiers
        self.tags = tags
        self.designations = designations
        self.sources = sources
        self.attributes = attributes
    }
}

struct Deferred: Sendable {
    var placeholders: [(Entity, SourceLocation)] = []
    var placeholderIDs: Set<String> = []
    var amendments: [(String, EntityAmendment, SourceLocation, Bool)] = []
    /// Native `extends:` records and `sameAs` / `notSameAs` judgements (GraphBuilder+Overlay.swift).
    var overlays: [(String, EntityOverlay, SourceLocation)] = []
    var judgements: [(Judgement, SourceLocation)] = []
}

extension GraphBuilder {
    /// Adds `entity` only if no entity with its id has been added by the time the graph is built.
    ///
    /// Readers of relationship-only formats (GLEIF Level 2) use this for the ends they only know by identifier, so
    /// a full record loaded from another file (GLEIF Level 1, a native dataset) wins whatever the load order.
    public mutating func addPlaceholder(_ entity: Entity, at location: SourceLocation) {
        guard !contains(id: entity.id), !deferred.placeholderIDs.contains(entity.id) else { return }
        deferred.placeholderIDs.insert(entity.id)
        deferred.placeholders.append((entity, location))
    }

    /// Adds tags, designations, identifiers, attributes or sources to the entity `id`, which may be added before or
    /// after this call. Applied when the graph is built; an id that never appears is reported as an error at
    /// `location` (with a "did you mean").
    ///
    /// With `required: false` (a sanctions list applied to a smaller graph), ids that never appear are not errors:
    /// they are counted in one warning per file.
    public mutating func amend(
        entity id: String, with amendment: EntityAmendment, at location: SourceLocation,
        required: Bool = true
    ) {
        deferred.amendments.append((id, amendment, location, required))
    }

    /// Materialises placeholders and applies amendments. Called first thing by ``build()``.
    mutating func applyDeferred() {
        let pending = deferred
        deferred = Deferred()
        for (entity, location) in pending.placeholders where !contains(id: entity.id) {
            add(entity, at: location)
        }
        let amendments = pending.amendments + applyOverlays(pending.overlays)
        applyJudgements(pending.judgements)
        guard !amendments.isEmpty else { return }
        var byEntity: [Int32: EntityAmendment] = [:]
        var unmatched: [String: (count: Int, first: SourceLocation, id: String)] = [:]
        defer {
            for (file, u) in unmatched.sorted(by: { $0.key < $1.key }) {
                report(
                    Diagnostic(
                        .warning, .danglingReference, .skipped, at: u.first, field: "id",
                        "\(u.count) record\(u.count == 1 ? "" : "s") in \(file) name ids not in the dataset (first: '\(u.id)'); not applied"
                    ))
            }
        }
        for (id, a, location, required) in amendments {
            if !required, s.idIndex[id] == nil {
                if unmatched[location.file] == nil { unmatched[location.file] = (0, location, id) }
                unmatched[location.file]?.count += 1
                continue
            }
            guard let v = s.idIndex[id] else {
                let hint = idSuggestions().hint(for: id)
                reject(
                    Diagnostic(
                        .error, .danglingReference, .leftOut, at: location, field: "id",
                        "unknown entity id '\(id)': nothing to attach this record to (left out)\(hint)"))
                continue
            }
            var m = byEntity[v] ?? EntityAmendment()
            m.aliases += a.aliases
            m.identifiers.merge(a.identifiers) { old, _ in old }
            m.tags += a.tags
            m.designations += a.designations
            m.sources += a.sources
            m.attributes.merge(a.attributes) { old, _ in old }
            byEntity[v] = m
        }
        guard !byEntity.isEmpty else { return }
        // Tags and designations live in offset arrays: rebuild them once.
        var tagOffsets: [Int32] = [0]
        var tagIDs: [Int32] = []
        var designationOffsets: [Int32] = [0]
        var designationStore: [Designation] = []
        tagOffsets.reserveCapacity(s.ids.count + 1)
        designationOffsets.reserveCapacity(s.ids.count + 1)
        for v in 0..<s.ids.count {
            let oldTags = s.codes.tagIDs[Int(s.codes.tagOffsets[v])..<Int(s.codes.tagOffsets[v + 1])]
            let oldDesignations = s.codes.designationStore[
                Int(s.codes.designationOffsets[v])..<Int(s.codes.designationOffsets[v + 1])]
            tagIDs.append(contentsOf: oldTags)
            designationStore.append(contentsOf: oldDesignations)
            if let m = byEntity[Int32(v)] {
                var seenTags = Set(oldTags)
                for t in m.tags {
                    let id = internTag(t)
                    if seenTags.insert(id).inserted { tagIDs.append(id) }
                }
                var seenDesignations = Set(oldDesignations)
                for d in m.designations where seenDesignations.insert(d).inserted { designationStore.append(d) }
                var x = s.entityExtras[Int32(v)] ?? EntityExtras()
                for a in m.aliases where !x.aliases.contains(a) && a != s.names[v] { x.aliases.append(a) }
                x.identifiers.merge(m.identifiers) { old, _ in old }
                for src in m.sources where !x.sources.contains(src) { x.sources.append(src) }
                x.attributes.merge(m.attributes) { old, _ in old }
                if !x.isEmpty { s.entityExtras[Int32(v)] = x }
            }
            tagOffsets.append(Int32(tagIDs.count))
            designationOffsets.append(Int32(designationStore.count))
        }
        s.codes.tagOffsets = tagOffsets
        s.codes.tagIDs = tagIDs
        s.codes.designationOffsets = designationOffsets
        s.codes.designationStore = designationStore
    }

    private mutating func internTag(_ t: String) -> Int32 {
        s.codes.tags.intern(t)
    }
}
