import CorpGraph
import Foundation

/// The shared machinery of the ownership and exposure views: node and edge styling, payment folding, clusters,
/// legend and title.
struct DiagramCanvas {
    let graph: Graph
    let options: DiagramOptions
    let plan: LayoutPlan
    /// Per interned jurisdiction code (``Graph/jurisdictionCodes``), the policy entry that sanctions it: a lookup
    /// per node instead of a scan of the policy.
    let sanctioningEntries: [String: String]
    var style: DiagramStyle { options.style }

    init(graph: Graph, options: DiagramOptions, nodeCount: Int) throws(DiagramError) {
        self.graph = graph
        self.options = options
        self.plan = try LayoutPlan.resolve(
            options.layout, nodes: nodeCount, limits: options.limits,
            enforceLimits: options.enforceLimits)
        var entries: [String: String] = [:]
        for code in graph.jurisdictionCodes {
            if let entry = options.policy.sanctioningEntry(for: code) { entries[code] = entry }
        }
        sanctioningEntries = entries
    }

    // MARK: Facts

    func state(_ e: Int) -> RelationshipState { RelationshipState(e, in: graph, asOf: options.asOf) }

    /// Whether relationship `e` is drawn at all under the options.
    func isDrawable(_ e: Int) -> Bool { RelationshipState.isDrawable(e, in: graph, options: options) }

    /// Designations on counted lists in force on the as-of day.
    func listings(_ v: Int) -> [Designation] {
        graph.designations(v).filter { options.policy.counts(list: $0.list) && $0.isInForce(on: options.asOf) }
    }

    /// The policy entry that sanctions `v`'s jurisdiction.
    func sanctionedJurisdiction(_ v: Int) -> String? {
        graph.jurisdiction(v).flatMap { sanctioningEntries[$0] }
    }

    func jurisdictionName(_ code: String) -> String? { options.registry?.name(ofJurisdiction: code) }

    // MARK: Caption

    /// The caption's first line: as-of date, policy origin, regime, then `extra` (the exposure query) and the cut.
    func caption(cut: String, extra: [String] = []) -> [String] {
        var parts = ["as of \(options.asOf)"]
        // A policy file by its name, so the drawing does not depend on where the repository sits.
        let origin = options.policyOrigin.map { $0.contains("/") ? String($0.split(separator: "/").last ?? "") : $0 }
        parts.append("policy " + (origin ?? "as given"))
        parts.append("regime " + (options.regimeName ?? "none"))
        parts += extra
        parts.append(cut)
        return [parts.joined(separator: " · ")]
    }
}
