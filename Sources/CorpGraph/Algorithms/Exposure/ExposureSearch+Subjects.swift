// An exposure search prepared for a few subjects: pruning distances found on demand.

extension ExposureSearch {
    /// Prepared for `subjects` only (a single-subject query): nothing is computed up front; the enumeration asks
    /// whether a target is within reach of each entity it is about to walk through, and a bounded search from that
    /// entity answers, sharing what it learnt with later questions (``PruningBounds``). A query then costs what its
    /// paths and dead ends reach, not the whole graph, nor the whole `maxDepth` neighbourhood of the subject (at
    /// depth 6 that is a large part of a 10 M-entity graph once a path meets a payment hub).
    ///
    /// The results equal those of ``init(targets:options:)`` for every subject (the bounds are properties of the
    /// graph, targets and filter, not of the subject); ``init(targets:options:)`` is cheaper for many subjects
    /// (`--all`), whose paths together reach most of the graph.
    /// - Complexity: O(1) to prepare; each bounded search costs the entities within its hops that earlier searches
    ///   did not rule out.
    public init(targets: TargetSet, options: ExposureOptions, subjects: [Int]) {
        self.init(onDemand: targets, options: options)
    }
}
