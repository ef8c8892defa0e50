import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphRender
import CorpGraphReport
import CorpGraphServer
import Foundation

/// The server's adapter to the reports whose encoders still live with their commands (exposure, reach, blocked,
/// render): it calls them exactly as the commands do, so `/v1/…` answers with the CLI's bytes. Target sets,
/// sanctions analyses and diagram options depend only on (date, regime) and are cached (a few per server).
final class ServeBackend: ReportBackend {
    private struct TargetKey: Hashable { var asOf: CalendarDate; var derived: String? }
    private struct RegimeKey: Hashable { var asOf: CalendarDate; var regime: String }
    /// An exposure query without its subject: the prepared search (one reverse BFS over the graph) is shared by
    /// every subject, as the CLI shares it across --subject values.
    private struct SearchKey: Hashable {
        var asOf: CalendarDate, derived: String?, kinds: UInt8, direction: WalkDirection, maxDepth: Int,
            timeRespecting: Bool, limit: Int
        init(_ q: CorpGraphServer.ExposureQuery) {
            (asOf, derived, kinds, direction, maxDepth, timeRespecting, limit) =
                (q.asOf, q.derived, q.kinds.rawValue, q.direction, q.maxDepth, q.timeRespecting, q.limit)
        }
    }
    private let searches = SmallCache<SearchKey, ExposureSearch>()
    private let targets = SmallCache<TargetKey, TargetSet>()
    private let analyses = SmallCache<RegimeKey, SanctionsAnalysis>()
    private let diagramOptions = SmallCache<RegimeKey, DiagramOptions>()
    /// Where Graphviz runs: a worker process replaced every few hundred renders (Graphviz leaks per layout).
    let renderWorkers: RenderWorkerPool?

    init(renderWorkers: RenderWorkerPool? = nil) { self.renderWorkers = renderWorkers }

    private func cached<K: Hashable, V>(_ cache: SmallCache<K, V>, _ key: K, _ make: () throws -> V) rethrows -> V {
        if let v = cache.get(key) { return v }
        let v = try make()
        cache.put(key, v)
        return v
    }

    private func targetSet(_ q: CorpGraphServer.ExposureQuery, _ dataset: LoadedDataset) throws -> TargetSet {
        // The exposure command's targets (ExposureWiring.exposureTargets), cached per (date, derived regime).
        try cached(targets, TargetKey(asOf: q.asOf, derived: q.derived)) {
            try problem(parameter: "derived") { try exposureTargets(dataset, asOf: q.asOf, derived: q.derived) }
        }
    }

    private func analysis(_ regime: String, _ day: CalendarDate, _ dataset: LoadedDataset) throws -> SanctionsAnalysis {
        try cached(analyses, RegimeKey(asOf: day, regime: regime)) {
            do {
                return try SanctionsAnalysis(
                    graph: dataset.graph, regimeNamed: regime, policy: dataset.policy, asOf: day)
            } catch let e as SanctionsAnalysis.UnknownRegime {
                throw Problem(.badRequest, e.description, parameter: "regime")
            }
        }
    }

    private func report(_ q: CorpGraphServer.ExposureQuery, _ dataset: LoadedDataset) throws -> (
        ExposureReport, TargetSet, TraversalFilter
    ) {
        let targets = try targetSet(q, dataset)
        let filter = TraversalFilter(kinds: q.kinds, direction: q.direction, asOf: q.asOf)
        let report = ExposureReport(
            graph: dataset.graph, targets: targets, policyOrigin: dataset.policyOrigin, asOf: q.asOf,
            filter: filter, maxDepth: q.maxDepth, timeRespecting: q.timeRespecting, derived: q.derived,
            all: false, checked: 1)
        return (report, targets, filter)
    }

    private func search(_ q: CorpGraphServer.ExposureQuery, _ dataset: LoadedDataset) throws -> ExposureSearch {
        let targets = try targetSet(q, dataset)
        return cached(searches, SearchKey(q)) {
            ExposureSearch(
                targets: targets,
                options: ExposureOptions(
                    maxDepth: q.maxDepth, filter: TraversalFilter(kinds: q.kinds, direction: q.direction, asOf: q.asOf),
                    timeRespecting: q.timeRespecting, limit: q.limit))
        }
    }

    func exposure(_ q: CorpGraphServer.ExposureQuery, in dataset: LoadedDataset) throws -> JSONValue {
        let (report, _, _) = try report(q, dataset)
        let r = try search(q, dataset).exposure(of: q.subject)
        return report.pathsJSON(
            [r], exposed: r.verdict.isExposed ? 1 : 0, selfTargets: r.verdict == .selfTarget ? 1 : 0)
    }

    func reach(_ q: CorpGraphServer.ExposureQuery, in dataset: LoadedDataset) throws -> [UInt8] {
        let (report, targets, filter) = try report(q, dataset)
        let g = dataset.graph
        let reached = g.targetsWithin(q.maxDepth, of: [q.subject], targets: targets, walking: filter)
        var bytes: [UInt8] = []
        report.reach(
            zip([q.subject], reached).map { (subject: $0, targets: g.sortedByDistanceThenID($1)) }, format: .json
        ) {
            bytes += $0
        }
        return bytes
    }

    func blocked(regime: String, asOf day: CalendarDate, explain: Int?, in dataset: LoadedDataset) throws -> JSONValue {
        // The `blocked` command's report (one regime), from the cached analysis.
        BlockedReport(graph: dataset.graph, asOf: day, analyses: [try analysis(regime, day, dataset)], explain: explain)
            .json()
    }

    func explanation(regime: String, asOf day: CalendarDate, entity: Int, in dataset: LoadedDataset) throws -> JSONValue
    {
        // `blocked --explain ID --format json` has the entity's derivation under "explanation" beside every entity's row.
        let report = try blocked(regime: regime, asOf: day, explain: entity, in: dataset)
        guard case .object(let fields) = report, let explanation = fields["explanation"] else { return report }
        return explanation
    }

    func render(_ q: RenderQuery, in dataset: LoadedDataset) throws -> [UInt8] {
        let g = dataset.graph
        let e = q.exposure
        let options = try cached(diagramOptions, RegimeKey(asOf: e.asOf, regime: q.regime ?? "")) {
            let cut = try problem(parameter: "regime") {
                try DiagramCutOptions.parse(
                    ["--as-of", e.asOf.description] + (q.regime.map { ["--regime", $0] } ?? []))
            }
            return try problem(parameter: "regime") {
                try cut.diagramOptions(dataset, layout: .auto, enforceLimits: true)
            }
        }
        let diagram: Diagram
        do {
            if q.showExposure {
                // The paths `render --exposure` draws (ExposureWiring.exposurePaths), from the shared prepared search.
                let found = try search(e, dataset).exposure(of: e.subject)
                let paths = found.paths.map(ExposureDiagramPath.init)
                var exposureOptions = options
                exposureOptions.sourceNotes = true  // as `render --exposure` (sources on by default)
                let query = CorpGraphRender.ExposureQuery(
                    direction: e.direction, maxDepth: e.maxDepth, kinds: e.kinds,
                    timeRespecting: e.timeRespecting, pathLimit: 1000)
                diagram = try ExposureDiagram.make(
                    g, subjects: [e.subject], paths: paths, truncated: found.truncated,
                    query: query, options: exposureOptions)
            } else {
                diagram = try OwnershipDiagram.make(
                    g, focus: DiagramFocus(subject: e.subject, radius: q.radius), options: options)
            }
        } catch let d as DiagramError {
            throw Problem(.unprocessableContent, d.description)
        }
        switch q.format {
        case .svg: return try rendered { try layout(diagram, .svg) }
        case .png: return try rendered { try layout(diagram, .png) }
        case .dot: return Array(diagram.dotText.utf8)
        }
    }

    /// Graphviz in the worker process when there is one (the server), else in this process.
    private func layout(_ diagram: Diagram, _ format: RenderFormat) throws(GraphvizError) -> [UInt8] {
        guard let renderWorkers else { return try diagram.render(format) }
        return try renderWorkers.render(diagram.document(for: format), layout: diagram.engine, format: format)
    }

    private func rendered(_ body: () throws -> [UInt8]) throws -> [UInt8] {
        do { return try body() } catch let e as GraphvizError { throw Problem(.unprocessableContent, e.description) }
    }

    /// A command-side usage error as a 400 naming the parameter; a data problem as a 422.
    private func problem<T>(parameter: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let p as Problem {
            throw p
        } catch let e as ValidationError {
            throw Problem(.badRequest, e.message, parameter: parameter)
        } catch let e as InputError {
            throw Problem(.unprocessableContent, e.description)
        }
    }
}

/// A few values by key under a lock; emptied when full (keys are (date, regime) pairs: a handful per server).
private final class SmallCache<K: Hashable & Sendable, V: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var store: [K: V] = [:]
    private let capacity = 16

    func get(_ key: K) -> V? {
        lock.lock()
        defer { lock.unlock() }
        return store[key]
    }

    func put(_ key: K, _ value: V) {
        lock.lock()
        defer { lock.unlock() }
        if store.count >= capacity { store.removeAll() }
        store[key] = value
    }
}
