import CorpGraph
import CorpGraphIO
import CorpGraphReport
import CorpGraphServer
import Foundation
import Hummingbird
import CorpGraphTestSupport
import Testing

@Suite struct QueryRouteTests {
    @Test func ownershipIsTheReportsJSON() async throws {
        let r = try await get("/v1/ownership?of=a-sg-shell&asOf=2022-12-01")
        #expect(r.status == .ok)
        let g = Fixtures.seed.graph
        let result = try LookThroughOwnership.compute(
            graph: g, subject: g.index(of: "a-sg-shell")!, direction: .of,
            options: LookThroughOptions(
                asOf: CalendarDate(parsing: "2022-12-01")!,
                pathLimit: 100_000, chainSearchLimit: 100_000))
        #expect(r.body == OwnershipReport(result).encoded(.json))
        #expect((r.object["entries"] as? [[String: Any]])?.first?["id"] as? String == "exchange-a")
    }

    @Test func ownershipErrors() async throws {
        let both = try await get("/v1/ownership?of=a-sg-shell&holder=exchange-a")
        #expect(both.status == .badRequest)
        #expect(both.object["parameter"] as? String == "holder")
        let threshold = try await get("/v1/ownership?of=a-sg-shell&threshold=120")
        #expect(threshold.object["parameter"] as? String == "threshold")
        let method = try await get("/v1/ownership?of=a-sg-shell&method=ful")
        #expect(method.object["suggestions"] as? [String] == ["full"])
        let unknown = try await get("/v1/ownership?holder=nobody")
        #expect(unknown.status == .notFound)
        #expect(unknown.object["parameter"] as? String == "holder")
    }

    @Test func exposureParametersReachTheBackend() async throws {
        let r = try await get(
            "/v1/exposure?subject=exchange-a&asOf=2022-06-30&direction=both&maxDepth=4&via=owns,pays&derived=ofac&timeRespecting=true&limit=7"
        )
        #expect(r.status == .ok)
        #expect(r.object["subject"] as? String == "exchange-a")
        #expect(r.object["asOf"] as? String == "2022-06-30")
        #expect(r.object["direction"] as? String == "both")
        #expect(r.object["maxDepth"] as? Int == 4)
        #expect(r.object["kinds"] as? Int == Int(RelationshipKindSet([.owns, .pays]).rawValue))
        #expect(r.object["derived"] as? String == "ofac")
        #expect(r.object["timeRespecting"] as? Bool == true)
        #expect(r.object["limit"] as? Int == 7)
        // Defaults: the server's --as-of, down, depth 6, the path limit.
        let d = try await get("/v1/exposure?subject=exchange-a")
        #expect(d.object["asOf"] as? String == "2022-12-01")
        #expect(d.object["direction"] as? String == "down")
        #expect(d.object["limit"] as? Int == QueryLimits().maxPaths)
    }

    @Test func exposureDefaultsComeFromTheServeOptions() async throws {
        // `corpgraph serve --direction up --max-depth 3 --via owns --derived eu --time-respecting`: what a request
        // leaves out; what it gives still wins.
        let base = makeState()
        var configuration = base.configuration
        configuration.exposure = ExposureDefaults(
            direction: .up, maxDepth: 3, kinds: RelationshipKindSet([.owns]),
            derived: "eu", timeRespecting: true)
        let state = ServiceState(
            dataset: base.dataset, registry: nil, backend: EchoBackend(), configuration: configuration)
        do {
            let d = try await get("/v1/exposure?subject=exchange-a", state: state)
            #expect(d.object["direction"] as? String == "up")
            #expect(d.object["maxDepth"] as? Int == 3)
            #expect(d.object["kinds"] as? Int == Int(RelationshipKindSet([.owns]).rawValue))
            #expect(d.object["derived"] as? String == "eu")
            #expect(d.object["timeRespecting"] as? Bool == true)
            let given = try await get(
                "/v1/exposure?subject=exchange-a&direction=down&maxDepth=5&via=pays&derived=ofac&timeRespecting=false",
                state: state)
            #expect(given.object["direction"] as? String == "down")
            #expect(given.object["maxDepth"] as? Int == 5)
            #expect(given.object["kinds"] as? Int == Int(RelationshipKindSet([.pays]).rawValue))
            #expect(given.object["derived"] as? String == "ofac")
            #expect(given.object["timeRespecting"] as? Bool == false)
        }
    }

    @Test func exposureLimitsAndErrors() async throws {
        #expect(try await get("/v1/exposure").object["parameter"] as? String == "subject")
        #expect(
            try await get("/v1/exposure?subject=exchange-a&maxDepth=99").object["parameter"] as? String == "maxDepth")
        #expect(try await get("/v1/exposure?subject=exchange-a&limit=100000").object["parameter"] as? String == "limit")
        #expect(
            try await get("/v1/exposure?subject=exchange-a&asOf=2022-13-01").object["parameter"] as? String == "asOf")
        #expect(
            try await get("/v1/exposure?subject=exchange-a&timeRespecting=maybe").object["parameter"] as? String
                == "timeRespecting")
        #expect(
            try await get("/v1/exposure?subject=exchange-a&via=owns,pasy").object["suggestions"] as? [String] == [
                "pays"
            ])
        let unknown = try await get("/v1/exposure?subject=exchang-a")
        #expect(unknown.status == .notFound)
        #expect((unknown.object["suggestions"] as? [String])?.first == "exchange-a")
        // Reach takes no path limit.
        #expect(try await get("/v1/reach?subject=exchange-a&limit=3").object["parameter"] as? String == "limit")
        #expect(try await get("/v1/reach?subject=exchange-a&maxDepth=3").object["maxDepth"] as? Int == 3)
    }

    @Test func blockedNeedsARegime() async throws {
        #expect(try await get("/v1/blocked").object["parameter"] as? String == "regime")
        #expect(try await get("/v1/blocked?regime=ofax").object["parameter"] as? String == "regime")
        let r = try await get("/v1/blocked?regime=eu&asOf=2024-08-01&id=exchange-a")
        #expect(r.object["regime"] as? String == "eu")
        #expect(r.object["explain"] as? String == "exchange-a")
        #expect(try await get("/v1/blocked?regime=eu&id=nobody").status == .notFound)
    }

    @Test func renderParameters() async throws {
        let r = try await get("/v1/render?subject=exchange-a&exposure=true&format=dot")
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "text/vnd.graphviz; charset=utf-8")
        #expect(r.body == "dot exchange-a exposure=true radius=2")
        #expect(try await get("/v1/render?subject=exchange-a").headers[.contentType] == "image/svg+xml")
        #expect(try await get("/v1/render?subject=exchange-a&format=pdf").object["parameter"] as? String == "format")
        #expect(try await get("/v1/render?subject=exchange-a&radius=9").object["parameter"] as? String == "radius")
    }

    @Test func statsIsTheReportsJSON() async throws {
        let r = try await get("/v1/stats")
        #expect(r.body == StatsReport(Fixtures.seed, registry: try? ISOCodes.shared()).encoded(.json))
    }

    @Test func overBudgetIs503() async throws {
        var limits = QueryLimits()
        limits.concurrentQueries = 0
        limits.queuedRenders = 0
        let state = makeState(limits: limits)
        let r = try await get("/v1/exposure?subject=exchange-a", state: state)
        #expect(r.status == .serviceUnavailable)
        #expect(r.headers[.retryAfter] == "1")
        #expect(try await get("/v1/render?subject=exchange-a", state: state).status == .serviceUnavailable)
    }
}
