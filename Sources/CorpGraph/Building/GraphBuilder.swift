import Foundation

/// Collects entities and relationships from one or more inputs and freezes them into a ``Graph``.
///
/// Problems are collected, never thrown one at a time, so `validate` can report all of them:
/// a duplicate id with different content names both places; a relationship naming an unknown id or itself is
/// reported and left out. Adding the same record twice (the same file loaded twice) is not an error.
public struct GraphBuilder: Sendable {
    struct Storage: Sendable {
        var ids = StringTable()
        /// `idIndex[id]` → index: a view of ``ids``.
        var idIndex: BuilderIDIndex { BuilderIDIndex(table: ids) }
        var kinds: [EntityKind] = []
        var names = StringColumn()
        /// Jurisdictions, tags and designations.
        var codes = EntityCodeColumns()
        var entityExtras = RowExtras<EntityExtras>()
        var entityFile: [Int32] = []
        var entityLine: [Int32] = []

        var relSource: [Int32] = []
        var relTarget: [Int32] = []
        var relKind: [RelationshipKind] = []
        var relShare: [PackedShare] = []
        var relDate: [Int32] = []
        var relStart: [Int32] = []
        var relEnd: [Int32] = []
        var relPayment: [Int32] = []
        var paymentAmounts: [Decimal] = []
        var paymentCurrency: [Int32] = []
        var currencies = InternTable()
        /// Cold relationship values in relationship order (appended as relationships are; no hashing).
        var relExtras = RowExtras<RelationshipExtras>()
        var relFile: [Int32] = []
        var relLine: [Int32] = []
    }

    var s = Storage()
    var files: [String] = []
    var fileLookup: [String: Int32] = [:]
    var relationshipIDs: [String: Int32] = [:]
    /// Relationships whose source or target was not known when added: (relationship, which end, id).
    var pending: [(Int32, Bool, String)] = []
    /// Placeholders and amendments from readers that refer to entities defined elsewhere (GraphBuilder+Amend.swift).
    var deferred = Deferred()
    /// Problems found so far.
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Records added per file index: (entities, relationships).
    var fileCounts: [(entities: Int, relationships: Int)] = []
    /// Records added per file: (entities, relationships), for "loaded vs rejected" accounting.
    public var loadedCounts: [String: (entities: Int, relationships: Int)] {
        var out: [String: (entities: Int, relationships: Int)] = [:]
        for (i, c) in fileCounts.enumerated() { out[files[i]] = c }
        return out
    }
    /// Records left out per file (rejected by a reader, duplicate with different content, self-loop, dangling).
    public internal(set) var rejectedCounts: [String: Int] = [:]
    /// Ids of entities a reader left out, with where: relationships naming them say so (see ``reject(_:)``).
    var rejectedEntities: [String: String] = [:]
    /// The "did you mean" index over the ids, built on the first unknown id (``idSuggestions()``).
    var suggestionIndex: SuggestionIndex?

    /// The "did you mean" index over the ids added so far, built once.
    mutating func idSuggestions() -> SuggestionIndex {
        if let suggestionIndex, suggestionIndex.count == s.ids.count { return suggestionIndex }
        let index = SuggestionIndex(distinct: s.ids)
        suggestionIndex = index
        return index
    }

    /// The "did you mean" hint for each of `unknown` ids, as ``idSuggestions()`` gives it. Above the index's scan
    /// limit (one-edit suggestions only) the ids stream past the unknown ones instead of being indexed, which costs
    /// one pass over the id table however many ids are unknown.
    mutating func idHints(for unknown: [String]) -> [String: String] {
        guard s.ids.count > SuggestionIndex.scanLimit, suggestionIndex?.count != s.ids.count else {
            let index = idSuggestions()
            return Dictionary(unknown.map { ($0, index.hint(for: $0)) }, uniquingKeysWith: { a, _ in a })
        }
        let ids = s.ids
        let nearest = Suggestions.nearestWithinOneEdit(
            to: unknown, candidates: ids.count,
            utf8: { i, body in ids.withUTF8(i, body) }, text: { ids[$0] })
        return Dictionary(zip(unknown, nearest.map(Suggestions.hint)), uniquingKeysWith: { a, _ in a })
    }

    public init() {}

    /// Reserves capacity for bulk loads.
    /// `textBytes` is the expected UTF-8 size of ids plus names (0: unknown); capacities are totals, not increments.
    public mutating func reserve(entities: Int, relationships: Int, textBytes: Int = 0) {
        s.ids.reserveCapacity(entities, bytes: textBytes / 4); s.kinds.reserveCapacity(entities)
        s.names.reserveCapacity(strings: entities, bytes: textBytes); s.codes.reserve(rows: entities)
        s.entityFile.reserveCapacity(entities); s.entityLine.reserveCapacity(entities)
        s.relSource.reserveCapacity(relationships); s.relTarget.reserveCapacity(relationships)
        s.relKind.reserveCapacity(relationships); s.relShare.reserveCapacity(relationships)
        s.relDate.reserveCapacity(relationships); s.relStart.reserveCapacity(relationships)
        s.relEnd.reserveCapacity(relationships); s.relPayment.reserveCapacity(relationships)
        s.relFile.reserveCapacity(relationships); s.relLine.reserveCapacity(relationships)
    }

    /// Records a problem found by a reader.
    public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Records a problem that made a reader leave a record out, and counts the record as rejected.
    /// An entity left out under its id (the diagnostic's record) is remembered: relationships naming it are then
    /// reported as left out because of it, not as unknown ids.
    public mutating func reject(_ diagnostic: Diagnostic) {
        guard diagnostic.effect != .skipped else { return report(diagnostic) }
        if let id = diagnostic.leftOutEntity, rejectedEntities[id] == nil {
            rejectedEntities[id] = diagnostic.location.map { "at \($0)" } ?? "rejected"
        }
        var diagnostic = diagnostic
        diagnostic.effect = .leftOut
        diagnostics.append(diagnostic)
        rejectedCounts[diagnostic.location?.file ?? "", default: 0] += 1
    }

    /// Number of entities added so far.
    public var entityCount: Int { s.ids.count }
    /// Number of relationships added so far.
    public var relationshipCount: Int { s.relSource.count }

    /// Whether an entity with `id` has been added.
    public func contains(id: String) -> Bool { s.ids.lookup(id) != nil }

    /// The entity added under `id`, reassembled.
    public func entity(id: String) -> Entity? {
        guard let v = s.ids.lookup(id) else { return nil }
        return entity(at: Int(v))
    }

    func entity(at v: Int) -> Entity {
        let x = s.entityExtras[Int32(v)]
        return Entity(
            id: s.ids[v], kind: s.kinds[v], name: s.names[v], aliases: x?.aliases ?? [],
            jurisdiction: s.codes.jurisdiction(v), identifiers: x?.identifiers ?? [:], tags: s.codes.tags(v),
            designations: s.codes.designations(v), sources: x?.sources ?? [], attributes: x?.attributes ?? [:])
    }

    mutating func fileIndex(_ file: String) -> Int32 {
        if let i = fileLookup[file] { return i }
        let i = Int32(files.count)
        files.append(file)
        fileCounts.append((0, 0))
        fileLookup[file] = i
        return i
    }

    func location(file: Int32, line: Int32, record: String?) -> SourceLocation {
        SourceLocation(file: files[Int(file)], line: line > 0 ? Int(line) : nil, record: record)
    }

    /// Adds an entity read at `location`. A second entity with the same id and the same content is ignored; with
    /// different content it is reported with both places and the first one is kept.
    @discardableResult
    public mutating func add(_ entity: Entity, at location: SourceLocation) -> Bool {
        let file = fileIndex(location.file)
        let line = Int32(clamping: location.line ?? 0)
        let (v, inserted) = s.ids.insert(entity.id)
        if !inserted {
            reportDuplicate(entity, existing: Int(v), at: location)
            return false
        }
        s.kinds.append(entity.kind)
        s.names.append(entity.name)
        let tags = entity.tags.map { s.codes.tags.intern($0) }
        s.codes.append(
            jurisdiction: entity.jurisdiction.map { s.codes.jurisdictions.intern($0) } ?? -1, tags: tags,
            designations: entity.designations)
        let extras = EntityExtras(
            aliases: entity.aliases, identifiers: entity.identifiers, sources: entity.sources,
            attributes: entity.attributes)
        if !extras.isEmpty { s.entityExtras[v] = extras }
        s.entityFile.append(file)
        s.entityLine.append(line)
        fileCounts[Int(file)].entities += 1
        return true
    }

    mutating func reportDuplicate(_ entity: Entity, existing v: Int, at location: SourceLocation) {
        if self.entity(at: v) != entity {
            let first = self.location(file: s.entityFile[v], line: s.entityLine[v], record: nil)
            diagnostics.append(
                Diagnostic(
                    .error, .duplicateID, .leftOut, at: location, field: "id",
                    "duplicate id '\(entity.id)' with different content; first defined at \(first) (record left out)"
                        + (first.file != location.file && NativeHint.isNative(location.file)
                            ? "; to add facts to it from this file, write 'extends: \(entity.id)' instead of 'id: \(entity.id)'"
                            : "")))
            rejectedCounts[location.file, default: 0] += 1
        }
    }

    /// Adds a relationship read at `location`. Ends that are not known yet are resolved when the graph is built.
    /// A relationship whose `id` repeats with different content is reported and skipped.
    @discardableResult
    public mutating func add(_ r: Relationship, at location: SourceLocation) -> Bool {
        let file = fileIndex(location.file)
        let line = Int32(clamping: location.line ?? 0)
        if let rid = r.id, let existing = relationshipIDs[rid] {
            if relationship(at: Int(existing)) != r {
                let first = self.location(file: s.relFile[Int(existing)], line: s.relLine[Int(existing)], record: nil)
                diagnostics.append(
                    Diagnostic(
                        .error, .duplicateID, .leftOut, at: location, field: "id",
                        "duplicate relationship id '\(rid)' with different content; first defined at \(first) (record left out)"
                    ))
                rejectedCounts[location.file, default: 0] += 1
            }
            return false
        }
        if r.source == r.target {
            diagnostics.append(
                Diagnostic(
                    .error, .selfReference, .leftOut, at: location, field: "target",
                    "self-loop: '\(r.source)' \(r.kind) itself; expected two different entities (relationship left out)"
                ))
            rejectedCounts[location.file, default: 0] += 1
            return false
        }
        let e = Int32(s.relSource.count)
        let src = s.ids.lookup(r.source) ?? -1
        let dst = s.ids.lookup(r.target) ?? -1
        if src < 0 { pending.append((e, true, r.source)) }
        if dst < 0 { pending.append((e, false, r.target)) }
        s.relSource.append(src)
        s.relTarget.append(dst)
        s.relKind.append(r.kind)
        s.relShare.append(PackedShare(r.kind == .owns ? (r.share ?? .unknown) : r.share))
        s.relDate.append(r.date?.rawValue ?? 0)
        s.relStart.append(r.start?.rawValue ?? 0)
        s.relEnd.append(r.end?.rawValue ?? 0)
        if r.amount != nil || r.currency != nil {
            s.relPayment.append(Int32(s.paymentAmounts.count))
            s.paymentAmounts.append(r.amount ?? .nan)
            s.paymentCurrency.append(r.currency.map { s.currencies.intern($0) } ?? -1)
        } else {
            s.relPayment.append(-1)
        }
        let extras = RelationshipExtras(
            id: r.id, shareText: r.shareText, basis: r.basis, controlType: r.controlType,
            role: r.role, sources: r.sources, confidence: r.confidence, attributes: r.attributes)
        if !extras.isEmpty { s.relExtras.append(e, extras) }
        if let rid = r.id { relationshipIDs[rid] = e }
        s.relFile.append(file)
        s.relLine.append(line)
        fileCounts[Int(file)].relationships += 1
        return true
    }

    func relationship(at e: Int) -> Relationship {
        let x = s.relExtras[Int32(e)]
        func name(_ v: Int32, _ fallback: String) -> String { v >= 0 ? s.ids[Int(v)] : fallback }
        let pay = s.relPayment[e]
        let amount: Decimal? = pay < 0 ? nil : (s.paymentAmounts[Int(pay)].isNaN ? nil : s.paymentAmounts[Int(pay)])
        let currency: String? =
            pay < 0 || s.paymentCurrency[Int(pay)] < 0 ? nil : s.currencies[s.paymentCurrency[Int(pay)]]
        let unresolved = Dictionary(
            pending.filter { $0.0 == Int32(e) }.map { ($0.1, $0.2) }, uniquingKeysWith: { a, _ in a })
        return Relationship(
            id: x?.id, kind: s.relKind[e], source: name(s.relSource[e], unresolved[true] ?? "?"),
            target: name(s.relTarget[e], unresolved[false] ?? "?"), share: s.relShare[e].share,
            shareText: x?.shareText, basis: x?.basis, controlType: x?.controlType, role: x?.role,
            amount: amount, currency: currency,
            date: s.relDate[e] == 0 ? nil : CalendarDate(rawValue: s.relDate[e]),
            start: s.relStart[e] == 0 ? nil : CalendarDate(rawValue: s.relStart[e]),
            end: s.relEnd[e] == 0 ? nil : CalendarDate(rawValue: s.relEnd[e]),
            sources: x?.sources ?? [], confidence: x?.confidence, attributes: x?.attributes ?? [:])
    }

    /// Freezes the graph. Relationships whose ends are still unknown are reported (with a "did you mean") and left
    /// out; every problem is in ``diagnostics`` of the returned builder state and in the result.
    /// - Complexity: O(V + E) plus the pending lookups.
    public mutating func build() -> (graph: Graph, diagnostics: [Diagnostic]) {
        applyDeferred()
        // The hints for every unknown id at once (one pass over the ids, not one search per reference).
        var unknown: [String] = []
        var seen = Set<String>()
        for (_, _, id) in pending
        where s.ids.lookup(id) == nil && rejectedEntities[id] == nil && seen.insert(id).inserted {
            unknown.append(id)
        }
        let hints = unknown.isEmpty ? [:] : idHints(for: unknown)
        var dangling = Set<Int32>()
        for (e, isSource, id) in pending where !dangling.contains(e) {
            if let v = s.ids.lookup(id) {
                if isSource { s.relSource[Int(e)] = v } else { s.relTarget[Int(e)] = v }
            } else {
                dangling.insert(e)
                let loc = location(file: s.relFile[Int(e)], line: s.relLine[Int(e)], record: s.relExtras[e]?.id)
                if let why = rejectedEntities[id] {
                    diagnostics.append(
                        Diagnostic(
                            .error, .rejectedEntity, .leftOut, at: loc, field: isSource ? "source" : "target",
                            "entity '\(id)' was left out (\(why)); relationship left out because its entity was rejected"
                        ))
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .error, .danglingReference, .leftOut, at: loc, field: isSource ? "source" : "target",
                            "unknown entity id '\(id)' (dangling reference; relationship left out)\(hints[id] ?? "")"))
                }
                fileCounts[Int(s.relFile[Int(e)])].relationships -= 1
                rejectedCounts[files[Int(s.relFile[Int(e)])], default: 0] += 1
            }
        }
        pending.removeAll()
        if !dangling.isEmpty { removeRelationships(dangling) }
        let graph = Graph(storage: s, files: files)
        return (graph, diagnostics)
    }

    private mutating func removeRelationships(_ drop: Set<Int32>) {
        var map = [Int32](repeating: -1, count: s.relSource.count)
        var next: Int32 = 0
        for e in 0..<s.relSource.count where !drop.contains(Int32(e)) {
            map[e] = next
            next += 1
        }
        func keep<T>(_ a: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(Int(next))
            for (i, x) in a.enumerated() where map[i] >= 0 { out.append(x) }
            return out
        }
        s.relSource = keep(s.relSource); s.relTarget = keep(s.relTarget); s.relKind = keep(s.relKind)
        s.relShare = keep(s.relShare); s.relDate = keep(s.relDate); s.relStart = keep(s.relStart)
        s.relEnd = keep(s.relEnd); s.relPayment = keep(s.relPayment); s.relFile = keep(s.relFile);
        s.relLine = keep(s.relLine)
        s.relExtras = s.relExtras.renumbered(map)
    }
}

/// Which files read as native datasets, for the `extends:` hint on a duplicate id.
enum NativeHint {
    static func isNative(_ file: String) -> Bool {
        let lower = file.lowercased()
        return (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json"))
            && !lower.hasSuffix(".ftm.json")
    }
}
