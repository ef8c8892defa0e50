import CorpGraph
import CorpGraphIO
import Hummingbird
import Logging
import Metrics
import Prometheus
import Synchronization

/// The `corpgraph serve` application: routes over one read-only dataset.
public enum CorpGraphService {
    /// The Prometheus registry `/metrics` writes; the metrics system is bootstrapped with it once per process.
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Every route, behind the problem, security-header, body-limit, token and metrics middleware.
    public static func router(state: ServiceState) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        _ = metrics
        router.add(middleware: SecurityHeadersMiddleware())
        // Metrics outside the problem middleware: they count the status the client gets (400, not a thrown error).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        if let token = state.configuration.token {
            router.add(middleware: BearerTokenMiddleware(token: Array(token.utf8)))
        }
        router.add(middleware: BodyLimitMiddleware(maxBytes: state.configuration.limits.maxBodyBytes))
        HealthRoutes.add(to: router, state: state, metrics: metrics)
        EntityRoutes.add(to: router, state: state)
        QueryRoutes.add(to: router, state: state)
        RenderRoutes.add(to: router, state: state)
        MatchRoutes.add(to: router, state: state)
        ViewerRoutes.add(to: router, state: state)
        return router
    }

    /// The application listening where the configuration says (validated: no other address than loopback
    /// without a token).
    public static func application(
        state: ServiceState, logger: Logger? = nil,
        onListening: (@Sendable (Int) -> Void)? = nil
    ) throws -> some ApplicationProtocol {
        try state.configuration.validate()
        var log = logger ?? Logger(label: "corpgraph.serve")
        log.logLevel = .info
        let config = state.configuration
        return Application(
            router: router(state: state),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "corpgraph"),
            onServerRunning: { channel in onListening?(channel.localAddress?.port ?? config.port) },
            logger: log)
    }
}
