import CorpGraphIO
import Hummingbird
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the graph is loaded: counts), `/metrics` (Prometheus text).
enum HealthRoutes {
    static func add<Context: RequestContext>(
        to router: Router<Context>, state: ServiceState, metrics: PrometheusCollectorRegistry
    ) {
        router.get("/healthz") { _, _ in Response.json(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            Response.json([
                "status": "ready", "entities": .number(state.graph.entityCount),
                "relationships": .number(state.graph.relationshipCount),
                "searchIndex": .string(state.match.isBuilt ? "ready" : "building"),
            ])
        }
        router.get("/metrics") { _, _ in
            Response.bytes(metrics.emitToBuffer(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
