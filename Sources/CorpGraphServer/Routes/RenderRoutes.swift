import CorpGraph
import HTTPTypes
import Hummingbird

/// `/v1/render`: a subject's exposure diagram or ownership neighbourhood as SVG, PNG or DOT. Graphviz is not
/// thread-safe: the engine serialises layouts, and at most `queuedRenders` wait for it (more get a 503).
enum RenderRoutes {
    static let parameters = QueryRoutes.exposureParameters + ["exposure", "format", "radius", "regime"]

    static func add<Context: RequestContext>(to router: Router<Context>, state: ServiceState) {
        router.get("/v1/render") { request, _ in
            let query = try renderQuery(try QueryParameters(request, allowed: parameters), state: state)
            let bytes = try await state.renders.perform { try state.backend.render(query, in: state.dataset) }
            let type =
                switch query.format {
                case .svg: "image/svg+xml"
                case .png: "image/png"
                case .dot: "text/vnd.graphviz; charset=utf-8"
                }
            let name =
                "\(query.showExposure ? "exposure" : "ownership")-\(safeFileName(state.graph.id(query.exposure.subject))).\(query.format.rawValue)"
            var headers = HTTPFields()
            if let disposition = HTTPField.Name("Content-Disposition") {
                headers[disposition] = "inline; filename=\"\(name)\""
            }
            return Response.bytes(bytes, contentType: type, headers: headers)
        }
    }

    static func renderQuery(_ q: QueryParameters, state: ServiceState) throws(Problem) -> RenderQuery {
        let exposure = try QueryRoutes.exposureQuery(q, state: state)
        let formatText = q.string("format") ?? "svg"
        guard let format = RenderQuery.Format(rawValue: formatText) else {
            let names = RenderQuery.Format.allCases.map(\.rawValue)
            throw Problem.badParameter(
                "format", "'format' must be one of \(names.joined(separator: ", ")); got '\(formatText)'.",
                suggestions: Suggestions.nearest(to: formatText, in: names, limit: 1))
        }
        return RenderQuery(
            exposure: exposure, showExposure: try q.bool("exposure"),
            radius: try q.int("radius", default: 2, range: 0...4), regime: q.string("regime"), format: format)
    }

    /// An id made safe for a file name in a header: letters, digits, `-`, `_`, `.` kept, anything else `_`.
    static func safeFileName(_ id: String) -> String {
        String(
            id.unicodeScalars.prefix(80).map { s -> Character in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".")
                    ? Character(s) : "_"
            })
    }
}
