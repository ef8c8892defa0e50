import CorpGraph
import CorpGraphIO
import CorpGraphSnapshot
import CorpGraphRender
import Foundation

/// Builds a ``CaseReport`` from a loaded dataset and a query, with the library's own analyses: the exposure search
/// (the `exposure` command's), the regime analyses (the `blocked` command's, with their explanations) and look-through
/// ownership (the `ownership` command's). Nothing is computed twice or differently for the report.
public enum CaseReportBuilder {
    public static let algorithms = ["exposure-paths@2", "sanctions-ownership@2", "look-through@1", "case-report@1"]

    public static let disclaimer =
        "corpgraph supports analysts; it is not legal advice. The statuses follow the published "
        + "ownership and control rules as encoded in docs/SANCTIONS.md, applied to the data listed under Provenance; "
        + "a competent authority or counsel decides."

    public static let methodNotes = [
        "Exposure: simple paths from the subject over the relationship kinds named in the scope, at most the stated depth, "
            + "ending at the first target they meet; paths ranked by hops, then strength (product of ownership shares), then ids.",
        "Targets: entities designated on a counted list in force on the as-of date, or located in a jurisdiction the policy "
            + "names (a country covers its subdivisions).",
        "Regimes: OFAC aggregates blocked persons' holdings at 50 % or more (no multiplication down chains); the EU "
            + "aggregates at 50 % or more since 3 July 2024 (more than 50 % before) and counts control; the UK tests more "
            + "than 50 % per designated person (shares or voting rights) and counts control. Share ranges propagate bounds: "
            + "a verdict that depends on the exact share is undetermined.",
        "Look-through ownership multiplies shares down every chain (integrated ownership E = W(I − W)⁻¹); a beneficial "
            + "owner holds at least the threshold.",
    ]

    /// `registry` names countries and subdivisions in the diagram (the CLI passes iso-codes; goldens a fixed one).
    public static func build(
        _ dataset: LoadedDataset, query: CaseQuery, inputs: [Provenance.Input],
        version: String, registry: CodeRegistry?
    ) throws -> CaseReport {
        let graph = dataset.graph
        var analyses: [(String, SanctionsAnalysis)] = []
        for name in query.regimes {
            analyses.append(
                (
                    name,
                    try SanctionsAnalysis(
                        graph: graph, regimeNamed: name, policy: dataset.policy,
                        asOf: query.asOf)
                ))
        }
        let targets = TargetSet(graph: graph, policy: dataset.policy, asOf: query.asOf)
        let filter = TraversalFilter(kinds: query.kinds, direction: query.direction, asOf: query.asOf)
        let search = ExposureSearch(
            targets: targets,
            options: ExposureOptions(
                maxDepth: query.maxDepth, filter: filter, timeRespecting: query.timeRespecting, limit: query.pathLimit))
        let subjects = query.subjects.map { v in
            subjectCase(
                v, graph: graph, dataset: dataset, query: query, search: search, analyses: analyses,
                registry: registry)
        }
        let digest =
            inputs.map { "\($0.path)=\($0.sha256)" }.joined(separator: "\n") + "\n" + query.canonicalText(in: graph)
        return CaseReport(
            reportID: reportID(digest), asOf: query.asOf, regimes: query.regimes,
            generatedBy: .init(tool: "corpgraph", version: version, algorithms: algorithms),
            subjects: subjects,
            provenance: Provenance(inputs: inputs, policyOrigin: dataset.policyOrigin, listVersions: []),
            methodNotes: methodNotes, disclaimer: disclaimer)
    }

    /// The SHA-256 of the inputs' digests and the query, in hex.
    static func reportID(_ text: String) -> String {
        var hash = SHA256()
        Array(text.utf8).withUnsafeBytes { hash.update($0) }
        return hash.finalizeHex()
    }

    static func subjectCase(
        _ v: Int, graph: Graph, dataset: LoadedDataset, query: CaseQuery, search: ExposureSearch,
        analyses: [(String, SanctionsAnalysis)], registry: CodeRegistry?
    ) -> SubjectCase {
        let exposure = search.exposure(of: v)
        let verdicts = analyses.map { name, analysis in regimeVerdict(v, regime: name, analysis: analysis) }
        let designations = graph.designations(v).map { d in
            DesignationFact(
                list: d.list, program: d.program, listed: d.listed, delisted: d.delisted,
                inForce: d.isInForce(on: query.asOf))
        }
        let entity = graph.entity(v)
        let paths = exposure.paths.map { pathEvidence($0, graph: graph) }
        let verdict: ExposureVerdict.Verdict =
            !exposure.subjectReasons.isEmpty ? .self : paths.isEmpty ? .clear : .exposed
        let kinds = RelationshipKind.allCases.filter { query.kinds.contains(RelationshipKindSet([$0])) }.map(
            \.description)
        let scope =
            "Searched \(query.direction) from \(graph.id(v)) over \(kinds.joined(separator: ", ")), at most "
            + "\(query.maxDepth) hops\(query.timeRespecting ? " (payment hops in time order)" : ""), as of \(query.asOf); every list counts for exposure (\"any sanctions exposure?\"), "
            + "the jurisdictions of the policy (\(dataset.policyOrigin))."
        var (owners, ownersNote) = lookThroughOwners(v, graph: graph, query: query)
        owners.sort { ($0.beneficialOwner ? 0 : 1, $0.id) < ($1.beneficialOwner ? 0 : 1, $1.id) }
        let diagram = try? ExposureDiagram.make(
            graph, subject: v,
            paths: exposure.paths.map(ExposureDiagramPath.init),
            truncated: exposure.truncated,
            options: DiagramOptions(
                datasetName: dataset.title, asOf: query.asOf, policy: dataset.policy,
                registry: registry, policyOrigin: dataset.policyOrigin, sourceNotes: true))
        return SubjectCase(
            id: graph.id(v), name: graph.name(v), kind: graph.kind(v).description, jurisdiction: graph.jurisdiction(v),
            identifiers: entity.identifiers.sorted { $0.key < $1.key }.map { .init(scheme: $0.key, value: $0.value) },
            designations: designations, regimeVerdicts: verdicts,
            exposure: ExposureVerdict(verdict: verdict, selfReasons: exposure.subjectReasons, scope: scope),
            findings: findings(
                v, graph: graph, verdict: verdict, selfReasons: exposure.subjectReasons, paths: paths,
                verdicts: verdicts, owners: owners),
            diagramDOT: paths.isEmpty ? nil : diagram?.dotText,
            diagramCaption:
                "Exposure of \(graph.id(v)) as of \(query.asOf): \(paths.count) path(s), \(query.direction), "
                + "at most \(query.maxDepth) hops; policy \(dataset.policyOrigin).",
            paths: paths, pathsTruncated: exposure.truncated, owners: owners, ownersNote: ownersNote)
    }
}
