import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Hummingbird

/// `/v1/ownership`, `/v1/exposure`, `/v1/reach`, `/v1/blocked`, `/v1/stats`: the CLI's reports as JSON.
enum QueryRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServiceState) {
        router.get("/v1/stats") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            return Response.json(state.stats.json)
        }
        router.get("/v1/ownership") { request, _ in
            Response.json(try await state.queries.perform { try ownership(request, state: state) }.json)
        }
        router.get("/v1/exposure") { request, _ in
            let q = try QueryParameters(request, allowed: exposureParameters + ["timeRespecting", "limit"])
            let query = try exposureQuery(q, state: state)
            return try await state.cachedJSON(.exposure(query)) {
                try await state.queries.perform { try state.backend.exposure(query, in: state.dataset).responseBytes }
            }
        }
        router.get("/v1/reach") { request, _ in
            let q = try QueryParameters(request, allowed: exposureParameters)
            let query = try exposureQuery(q, state: state)
            return try await state.cachedJSON(.reach(query)) {
                ByteBuffer(bytes: try await state.queries.perform { try state.backend.reach(query, in: state.dataset) })
            }
        }
        router.get("/v1/blocked") { request, _ in
            let q = try QueryParameters(request, allowed: ["regime", "asOf", "id"])
            let regime = try q.required("regime")
            let id = try q.string("id").map { id throws(Problem) in try state.entity(id, parameter: "id") }
            let day = try state.asOf(q)
            return try await state.cachedJSON(.blocked(regime: regime, asOf: day, id: id)) {
                try await state.queries.perform {
                    try state.backend.blocked(regime: regime, asOf: day, explain: id, in: state.dataset).responseBytes
                }
            }
        }
    }

    static let exposureParameters = ["subject", "asOf", "direction", "maxDepth", "via", "derived"]

    /// The exposure and reach parameters (the CLI's `--subject`, `--as-of`, `--direction`, `--max-depth`, `--via`,
    /// `--derived`, `--time-respecting`, `--limit`).
    static func exposureQuery(_ q: QueryParameters, state: ServiceState) throws(Problem) -> ExposureQuery {
        let subject = try state.entity(try q.required("subject"), parameter: "subject")
        let defaults = state.configuration.exposure
        return ExposureQuery(
            subject: subject, asOf: try state.asOf(q),
            direction: try q.direction("direction", default: defaults.direction),
            maxDepth: try q.int(
                "maxDepth", default: min(defaults.maxDepth, state.limits.maxDepth),
                range: 1...state.limits.maxDepth),
            kinds: q.string("via") == nil ? defaults.kinds : try q.kinds("via"),
            derived: q.string("derived") ?? defaults.derived,
            timeRespecting: q.string("timeRespecting") == nil ? defaults.timeRespecting : try q.bool("timeRespecting"),
            limit: try q.int("limit", default: state.limits.maxPaths, range: 1...state.limits.maxPaths))
    }

    static func ownership(_ request: Request, state: ServiceState) throws -> OwnershipReport {
        let q = try QueryParameters(request, allowed: ["of", "holder", "asOf", "threshold", "method", "maxChains"])
        let of = q.string("of"), holder = q.string("holder")
        guard (of == nil) != (holder == nil) else {
            throw Problem.badParameter(
                of == nil ? "of" : "holder", "Pass exactly one of 'of' (who owns it) or 'holder' (what it owns).")
        }
        let v = try state.entity(of ?? holder ?? "", parameter: of != nil ? "of" : "holder")
        let thresholdText = q.string("threshold") ?? "25"
        guard let threshold = Percent(parsing: thresholdText), threshold >= .zero, threshold <= .hundred else {
            throw Problem.badParameter(
                "threshold", "'threshold' must be a percentage from 0 to 100, e.g. 25; got '\(thresholdText)'.")
        }
        var method = LookThroughMethod.full
        if let m = q.string("method") {
            guard let parsed = LookThroughMethod(rawValue: m) else {
                throw Problem.badParameter(
                    "method", "'method' must be full or paths; got '\(m)'.",
                    suggestions: Suggestions.nearest(to: m, in: ["full", "paths"], limit: 1))
            }
            method = parsed
        }
        let options = LookThroughOptions(
            method: method, asOf: try state.asOf(q), threshold: threshold,
            maxChains: try q.int("maxChains", default: 5, range: 0...100),
            pathLimit: state.limits.ownershipPaths, chainSearchLimit: state.limits.ownershipPaths)
        do {
            return OwnershipReport(
                try LookThroughOwnership.compute(
                    graph: state.graph, subject: v,
                    direction: of != nil ? .of : .holder, options: options))
        } catch let e as LookThroughError {
            throw Problem(.serviceUnavailable, "Over the path budget: \(e.description).")
        }
    }
}
