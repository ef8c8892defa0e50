import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import CorpGraphReport
import Foundation
import Hummingbird

/// `GET /v1/search` (`corpgraph search … --format json`) and `POST /v1/screen` (`corpgraph screen --counterparties
/// FILE --format json|csv`, the counterparties in the body as CSV or JSON): the CLI's encoders, the same bytes.
enum MatchRoutes {
    static let searchParameters = ["q", "kind", "country", "limit", "threshold"]
    static let screenParameters = ["asOf", "regime", "maxDepth", "threshold", "candidates", "format"]
    /// Results one search may return.
    static let maxResults = 100

    static func add<Context: RequestContext>(to router: Router<Context>, state: ServiceState) {
        router.get("/v1/search") { request, _ in
            let q = try QueryParameters(request, allowed: searchParameters)
            let search = try SearchRequest(q)
            return try await state.cachedJSON(.search(search.text, search.options)) {
                try await state.queries.perform { try search.json(in: state).responseBytes }
            }
        }
        router.post("/v1/screen") { request, _ in
            let q = try QueryParameters(request, allowed: screenParameters)
            let options = try screenOptions(q, state: state)
            let format = try q.choice("format", default: "json", in: ["json", "csv"])
            // Hummingbird refuses a longer body with 413 while reading it (no Content-Length needed).
            let buffer = try await request.body.collect(upTo: state.limits.maxBodyBytes)
            let body = Array(buffer.readableBytesView)
            let list = try CounterpartyBody.parse(
                body, format: try CounterpartyBody.format(contentType: request.headers[.contentType], body: body))
            guard list.rows.count <= state.limits.maxScreenRows else {
                throw Problem(
                    .contentTooLarge,
                    "\(list.rows.count) counterparties in one request; the limit is \(state.limits.maxScreenRows).")
            }
            let report = try await state.queries.perform { () throws -> ScreenReport in
                let screener = try screener(options, state: state)
                return ScreenReport(
                    graph: state.graph, list: list, rows: screener.screen(list.rows), regimes: options.regimes,
                    threshold: options.threshold, asOf: options.asOf, maxDepth: options.maxDepth)
            }
            if format == "csv" {
                return Response.bytes(Array(report.csv().utf8), contentType: "text/csv; charset=utf-8")
            }
            return Response.json(report.json())
        }
    }

    /// A search as the CLI's `search` takes it: `q` the query, `kind` and `country` comma-separated filters.
    struct SearchRequest {
        var text: String
        var options: MatchOptions

        /// Longest query text (characters): a name or identifier, not a document.
        static let maxQueryLength = 200

        init(_ q: QueryParameters) throws(Problem) {
            text = try SearchRequest.checked(try q.required("q"))
            let countries = q.string("country").map(MatchReport.countryCodes)
            options = MatchOptions(
                limit: try q.int("limit", default: 10, range: 1...MatchRoutes.maxResults),
                threshold: try q.double("threshold", default: MatchAlgorithm.defaultThreshold, range: 0...1),
                kinds: try q.entityKinds("kind"), countries: countries)
        }

        init(text: String, limit: Int) throws(Problem) {
            self.text = try SearchRequest.checked(text)
            options = MatchOptions(limit: limit)
        }

        static func checked(_ text: String) throws(Problem) -> String {
            guard text.count <= maxQueryLength else {
                throw Problem.badParameter(
                    "q", "'q' is \(text.count) characters long; a search takes at most \(maxQueryLength).")
            }
            return text
        }

        func results(in state: ServiceState) throws(Problem) -> [MatchResult] {
            do {
                return try state.match.index.search(text, options: options)
            } catch {
                throw Problem.badParameter("q", "Cannot search '\(text)': \(error.localizedDescription).")
            }
        }

        func json(in state: ServiceState) throws(Problem) -> JSONValue {
            MatchReport.searchJSON(
                query: text, threshold: options.threshold, results: try results(in: state), graph: state.graph)
        }
    }

    static func screenOptions(_ q: QueryParameters, state: ServiceState) throws(Problem) -> MatchState.ScreenKey {
        let regimes = (q.string("regime") ?? "ofac,eu,uk").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        if regimes.isEmpty { throw Problem.badParameter("regime", "'regime' needs at least one regime, e.g. ofac.") }
        return MatchState.ScreenKey(
            asOf: try state.asOf(q), regimes: regimes,
            maxDepth: try q.int("maxDepth", default: 6, range: 1...state.limits.maxDepth),
            threshold: try q.double("threshold", default: MatchAlgorithm.defaultThreshold, range: 0...1),
            candidates: try q.int("candidates", default: 3, range: 1...20))
    }

    /// The prepared screener for these options (sanctions analyses and exposure search computed once per key).
    static func screener(_ key: MatchState.ScreenKey, state: ServiceState) throws(Problem) -> Screener {
        do {
            let prepared =
                try state.match.screeners.get(key.prepared)
                ?? state.match.preparing.run {
                    try state.match.screeners.value(key.prepared) {
                        try Screener(
                            index: state.match.index,
                            options: ScreeningOptions(
                                regimes: key.regimes, maxDepth: key.maxDepth, asOf: key.asOf,
                                policy: state.dataset.policy))
                    }
                }
            return Screener(reusing: prepared, threshold: key.threshold, candidates: key.candidates)
        } catch let p as Problem {
            throw p
        } catch let e as SanctionsAnalysis.UnknownRegime {
            throw Problem.badParameter("regime", e.description)
        } catch {
            throw Problem(.unprocessableContent, "Cannot screen: \(error).")
        }
    }
}
