import CorpGraph
import CorpGraphMatch
import CorpGraphReport
import Hummingbird

/// The viewer: `/view` (search box), `/view/search?q=`, `/view/entities/{id}` and its stylesheet. Pages are built
/// on the server with every value escaped; they carry no script (the Content-Security-Policy forbids any).
enum ViewerRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServiceState) {
        router.get("/") { _, _ in
            Response(status: .seeOther, headers: [.location: "/view"])
        }
        router.get("/view") { _, _ in
            Page.html(
                title: "Search",
                body: """
                    <h1>corpgraph</h1><p class="sub">\(state.graph.entityCount) entities, \(state.graph.relationshipCount) relationships \
                    (\(Page.name(state.dataset.title))). Search by name or id above.</p>
                    """)
        }
        router.get("/view/static/viewer.css") { _, _ in
            Response.bytes(
                Array(Page.stylesheet.utf8), contentType: "text/css; charset=utf-8",
                headers: [.cacheControl: "max-age=3600"])
        }
        router.get("/view/search") { request, _ in
            do {
                let q = try QueryParameters(request, allowed: ["q"])
                let text = try q.required("q")
                return Page.html(
                    title: "Search", body: try await state.queries.perform { try ViewerSearch.body(text, state: state) }
                )
            } catch let p as Problem {
                return Page.problem(p)
            }
        }
        router.get("/view/entities/:id") { request, context in
            do {
                let v = try state.entity(pathSegment: try context.parameters.require("id"))
                let controls = try ViewerControls(
                    try QueryParameters(request, allowed: ViewerControls.parameters), state: state)
                // The page computes an exposure, an explanation and look-through owners: a query like any other.
                let body = try await state.queries.perform {
                    try EntityPage(state: state, entity: v, controls: controls).body
                }
                return Page.html(title: state.graph.name(v), body: body)
            } catch let p as Problem {
                return Page.problem(p)
            }
        }
    }
}

/// The entity page's controls, kept in its URL: as-of date, direction, depth, relationship kinds, regime, and the
/// neighbours' page offset.
struct ViewerControls: Sendable {
    static let parameters = ["asOf", "direction", "maxDepth", "via", "regime", "offset"]
    static let regimes = ["ofac", "eu", "uk"]
    var asOf: CalendarDate
    var asOfText: String?
    var direction: WalkDirection
    var maxDepth: Int
    var via: String?
    var kinds: RelationshipKindSet
    var regime: String
    var offset: Int

    init(_ q: QueryParameters, state: ServiceState) throws(Problem) {
        asOfText = q.string("asOf")
        asOf = try state.asOf(q)
        direction = try q.direction("direction", default: .down)
        maxDepth = try q.int("maxDepth", default: 6, range: 1...state.limits.maxDepth)
        via = q.string("via")
        kinds = try q.kinds("via")
        regime = q.string("regime") ?? state.dataset.policy.regime ?? "ofac"
        offset = try q.int("offset", default: 0, range: 0...Int(Int32.max))
    }

    /// The query items that reproduce these controls (defaults left out), for links.
    var items: [(String, String?)] {
        [
            ("asOf", asOf.description), ("direction", direction == .down ? nil : direction.rawValue),
            ("maxDepth", maxDepth == 6 ? nil : String(maxDepth)), ("via", via), ("regime", regime),
        ]
    }
}
