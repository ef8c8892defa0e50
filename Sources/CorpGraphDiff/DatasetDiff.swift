import CorpGraph

/// Everything that changed between two versions (DESIGN §12), each change with its evidence.
public struct DiffReport: Sendable {
    public var old: SideSummary
    public var new: SideSummary
    public var regimes: [String]
    /// `nil` when the watched subjects are every entity exposed on either side.
    public var subjects: [String]?
    public var minShareChange: Percent
    public var significantHolder: Percent
    public var identity: [EntityMatch.IdentifierMatch]
    public var designations: [DesignationChange]
    public var statuses: [StatusChange]
    public var exposure: [ExposureChange]
    public var watchedSubjects: Int
    public var ownership: [OwnershipChange]
    public var records: RecordChanges

    /// Whether anything changed (identity matches by identifier alone are not a change).
    public var hasChanges: Bool {
        !designations.isEmpty || !statuses.isEmpty || !exposure.isEmpty || !ownership.isEmpty || !records.isEmpty
    }

    public struct SideSummary: Sendable, Hashable {
        public var label: String
        public var asOf: CalendarDate
        public var entities: Int
        public var relationships: Int
    }
}

/// Compares two versions; see ``DiffReport``.
public enum DatasetDiff {
    /// - Parameter sameGraph: both sides hold the same graph (one dataset on two days): identity is trivial and
    ///   records cannot differ.
    public static func compare(
        old: DiffSide, new: DiffSide, options: DiffOptions = DiffOptions(),
        sameGraph: Bool = false
    ) throws -> DiffReport {
        let match = EntityMatch(old: old.graph, new: new.graph, sameGraph: sameGraph)
        if let ids = options.subjects {
            for id in ids where old.graph.index(of: id) == nil && new.graph.index(of: id) == nil {
                throw DiffError.unknownSubject(id: id, suggestions: new.graph.suggestions(for: id))
            }
        }
        // Every whole-graph computation (analyses per regime, exposure queries) once per side, on every core; the
        // record, designation and ownership comparisons, which need none of it, as one more job of the same batch.
        let (prepared, direct) = try DiffPreparation.prepare(old: old, new: new, options: options, sameGraph: sameGraph)
        {
            // Out-lists equal on both sides, found once: the records and the holdings of those pairs are the same.
            let unchanged = sameGraph ? nil : UnchangedOutLists(old: old.graph, new: new.graph, match: match)
            return (
                records: unchanged.map { RecordChanges(old: old.graph, new: new.graph, match: match, unchanged: $0) }
                    ?? RecordChanges(),
                designations: DesignationChanges.compare(old: old, new: new, match: match),
                ownership: OwnershipChanges.compare(
                    old: old, new: new, match: match, minimum: options.minShareChange,
                    significant: options.significantHolder, unchanged: unchanged)
            )
        }
        let (records, designations, ownership) = direct
        let statuses = StatusChanges.compare(
            old: old, new: new, match: match, analyses: prepared.analyses,
            designations: designations)
        let exposure = ExposureChanges.compare(
            old: old, new: new, match: match, options: options,
            prepared: prepared.exposure)
        func summary(_ s: DiffSide) -> DiffReport.SideSummary {
            .init(label: s.label, asOf: s.asOf, entities: s.graph.entityCount, relationships: s.graph.relationshipCount)
        }
        return DiffReport(
            old: summary(old), new: summary(new), regimes: options.regimes.map { $0.lowercased() },
            subjects: options.subjects, minShareChange: options.minShareChange,
            significantHolder: options.significantHolder, identity: match.byIdentifier,
            designations: designations, statuses: statuses, exposure: exposure.changes,
            watchedSubjects: exposure.watched, ownership: ownership, records: records)
    }
}
