import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation
import Hummingbird

/// What every request reads: the dataset (loaded once, never changed), the code registry, the adapter for the
/// CLI-side reports, limits and admission gates.
public final class ServiceState: Sendable {
    public let dataset: LoadedDataset
    public let registry: CodeRegistry?
    public let backend: any ReportBackend
    public let configuration: ServerConfiguration
    let queries: QueryGate
    let renders: QueryGate
    /// "Did you mean" for unknown ids: one at a time.
    let suggesting = QueryGate(capacity: 1, what: "suggestions")
    /// The search index and prepared screeners (`/v1/search`, `/v1/screen`, the viewer's search box).
    let match: MatchState
    /// JSON bytes of queries answered before, by normalised query.
    let responses: BoundedCache<ResponseKey, ByteBuffer>
    /// `stats` of the whole dataset, computed on first use (it does not depend on a date).
    private let statsCache: StatsReport

    public init(
        dataset: LoadedDataset, registry: CodeRegistry?, backend: any ReportBackend,
        configuration: ServerConfiguration
    ) {
        self.dataset = dataset
        self.registry = registry
        self.backend = backend
        self.configuration = configuration
        queries = QueryGate(capacity: configuration.limits.concurrentQueries, what: "queries")
        renders = QueryGate(capacity: configuration.limits.queuedRenders, what: "renders")
        statsCache = StatsReport(dataset, registry: registry)
        match = MatchState(graph: dataset.graph)
        responses = BoundedCache(
            capacity: configuration.limits.responseCacheEntries, maxCost: configuration.limits.responseCacheBytes)
    }

    /// Builds what the first search would otherwise wait for (the name index). `serve` calls it once it listens.
    public func warmUp() { _ = match.index }

    var graph: Graph { dataset.graph }
    var limits: QueryLimits { configuration.limits }
    var stats: StatsReport { statsCache }

    /// The as-of date of a query: its parameter, else the server's `--as-of`, else today.
    func asOf(_ q: QueryParameters, _ name: String = "asOf") throws(Problem) -> CalendarDate {
        try q.date(name) ?? configuration.asOf ?? CalendarDate.today()
    }

    /// An entity index from a path segment (percent-encoded: `evil-%3Cscript%3E`).
    func entity(pathSegment: String) throws(Problem) -> Int {
        try entity(pathSegment.removingPercentEncoding ?? pathSegment)
    }

    /// An entity index from an id; unknown ids are a 404 with the closest ids as suggestions.
    func entity(_ id: String, parameter: String? = nil) throws(Problem) -> Int {
        guard let v = graph.index(of: id) else {
            // Suggestions read every id and name (seconds on a million entities): one request computes them at a
            // time; a 404 meanwhile comes without them rather than holding a request thread.
            let close = (try? suggesting.run { graph.suggestions(for: id) }) ?? []
            throw Problem(
                .notFound,
                "Unknown entity id '\(id)'"
                    + (close.isEmpty ? "." : "; did you mean " + close.map { "'\($0)'" }.joined(separator: ", ") + "?"),
                parameter: parameter, suggestions: close)
        }
        return v
    }
}

extension Response {
    /// A JSON report: the bytes `--format json` prints (pretty, keys sorted, final newline).
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(value.responseBytes, status: status)
    }

    static func bytes(
        _ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok,
        headers extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
