import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Hummingbird

/// `/v1/entities/{id}` (facts) and `/v1/entities/{id}/adjacent` (a page of neighbours with counts per kind).
enum EntityRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServiceState) {
        router.get("/v1/entities/:id") { request, context in
            let q = try QueryParameters(request, allowed: ["asOf"])
            let v = try state.entity(pathSegment: try context.parameters.require("id"))
            return Response.json(
                EntityReport(state.graph, entity: v, asOf: try state.asOf(q), registry: state.registry).json)
        }
        router.get("/v1/entities/:id/adjacent") { request, context in
            let v = try state.entity(pathSegment: try context.parameters.require("id"))
            return Response.json(try adjacent(request, entity: v, state: state).json)
        }
    }

    static let adjacentParameters = ["kind", "direction", "asOf", "limit", "offset"]

    static func adjacent(_ request: Request, entity v: Int, state: ServiceState) throws -> AdjacentReport {
        let q = try QueryParameters(request, allowed: adjacentParameters)
        let query = AdjacentQuery(
            kinds: try q.kinds("kind"), direction: try q.direction("direction", default: .both),
            asOf: try q.date("asOf"),
            limit: try q.int("limit", default: 50, range: 1...min(state.limits.maxPage, AdjacentQuery.maxLimit)),
            offset: try q.int("offset", default: 0, range: 0...Int(Int32.max)))
        return AdjacentReport(state.graph, entity: v, query: query)
    }
}
