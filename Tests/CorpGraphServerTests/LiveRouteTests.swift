import CorpGraphTestSupport
import CorpGraph
import CorpGraphIO
import CorpGraphServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Every route and every error status over real HTTP (HummingbirdTesting `.live`: the application listening on a
/// free loopback port), and the response cache.
@Suite struct LiveRouteTests {
    static let token = "0123456789abcdef-live"

    @Test func everyRouteAnswersOverHTTP() async throws {
        let csv = "ref,name\nc1,Aozora Exchange\n"
        let cases: [(String, HTTPRequest.Method, ByteBuffer?, HTTPResponse.Status, String)] = [
            ("/healthz", .get, nil, .ok, "application/json"),
            ("/readyz", .get, nil, .ok, "application/json"),
            ("/metrics", .get, nil, .ok, "text/plain"),
            ("/v1/stats", .get, nil, .ok, "application/json"),
            ("/v1/entities/exchange-a", .get, nil, .ok, "application/json"),
            ("/v1/entities/exchange-a/adjacent?limit=2", .get, nil, .ok, "application/json"),
            ("/v1/ownership?of=a-sg-shell", .get, nil, .ok, "application/json"),
            ("/v1/exposure?subject=exchange-a", .get, nil, .ok, "application/json"),
            ("/v1/reach?subject=exchange-a", .get, nil, .ok, "application/json"),
            ("/v1/blocked?regime=ofac", .get, nil, .ok, "application/json"),
            ("/v1/render?subject=exchange-a&format=dot", .get, nil, .ok, "text/vnd.graphviz"),
            ("/v1/search?q=Aozora%20Exchange", .get, nil, .ok, "application/json"),
            ("/v1/screen", .post, ByteBuffer(string: csv), .ok, "application/json"),
            ("/", .get, nil, .seeOther, ""),
            ("/view", .get, nil, .ok, "text/html"),
            ("/view/search?q=aozora", .get, nil, .ok, "text/html"),
            ("/view/entities/exchange-a", .get, nil, .ok, "text/html"),
            ("/view/static/viewer.css", .get, nil, .ok, "text/css"),
            // Every error status, as problem+json.
            ("/v1/exposure?subject=exchange-a&maxDepth=x", .get, nil, .badRequest, "application/problem+json"),
            ("/v1/entities/exchange-z", .get, nil, .notFound, "application/problem+json"),
            ("/v1/nothing", .get, nil, .notFound, "application/problem+json"),
            (
                "/v1/screen", .post, ByteBuffer(repeating: 0x41, count: 1000), .contentTooLarge,
                "application/problem+json"
            ),
            ("/v1/screen", .post, ByteBuffer(string: "name\nx\n"), .unprocessableContent, "application/problem+json"),
        ]
        var limits = QueryLimits()
        limits.maxBodyBytes = 100
        let state = makeState(limits: limits)
        try await withServer(state, mode: .live) { send async throws in
            for (uri, method, body, status, type) in cases {
                let r = try await send(uri, method, [:], body)
                #expect(r.status == status, "\(method) \(uri): \(r.body.prefix(200))")
                #expect(r.headers[.contentType]?.hasPrefix(type) ?? type.isEmpty, "\(method) \(uri)")
                #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                if status.code >= 400 {
                    #expect(r.object["status"] as? Int == Int(status.code), "\(uri)")
                }
            }
        }
        // 401 without the token, 503 over budget.
        try await withServer(makeState(token: LiveRouteTests.token), mode: .live) { send async throws in
            #expect(try await send("/v1/stats", .get, [:], nil).status == .unauthorized)
            #expect(
                try await send("/v1/stats", .get, [.authorization: "Bearer \(LiveRouteTests.token)"], nil).status == .ok
            )
        }
        var none = QueryLimits()
        none.concurrentQueries = 0
        try await withServer(makeState(limits: none), mode: .live) { send async throws in
            let r = try await send("/v1/exposure?subject=exchange-a", .get, [:], nil)
            #expect(r.status == .serviceUnavailable)
            #expect(r.headers[.retryAfter] == "1")
        }
    }

    @Test func ownershipOverItsPathBudgetIs503() async throws {
        var tight = QueryLimits()
        tight.ownershipPaths = 1
        let r = try await get("/v1/ownership?of=ae-hosting-pool&method=paths", state: makeState(limits: tight))
        #expect(r.status == .serviceUnavailable, "\(r.body.prefix(300))")
        #expect(
            (r.object["detail"] as? String)?.hasPrefix("Over the path budget: more than 1 simple ownership paths")
                == true)
        #expect(try await get("/v1/ownership?of=ae-hosting-pool&method=paths").status == .ok)
    }

    /// A backend that counts the queries it computes.
    final class CountingBackend: ReportBackend, Sendable {
        let inner = EchoBackend()
        let calls = Mutex(0)
        func exposure(_ q: ExposureQuery, in d: LoadedDataset) throws -> JSONValue {
            calls.withLock { $0 += 1 }
            return try inner.exposure(q, in: d)
        }
        func reach(_ q: ExposureQuery, in d: LoadedDataset) throws -> [UInt8] {
            calls.withLock { $0 += 1 }
            return try inner.reach(q, in: d)
        }
        func blocked(regime: String, asOf: CalendarDate, explain: Int?, in d: LoadedDataset) throws -> JSONValue {
            calls.withLock { $0 += 1 }
            return try inner.blocked(regime: regime, asOf: asOf, explain: explain, in: d)
        }
        func explanation(regime: String, asOf: CalendarDate, entity: Int, in d: LoadedDataset) throws -> JSONValue {
            try inner.explanation(regime: regime, asOf: asOf, entity: entity, in: d)
        }
        func render(_ q: RenderQuery, in d: LoadedDataset) throws -> [UInt8] { try inner.render(q, in: d) }
    }

    @Test func repeatedQueriesAreAnsweredFromTheCache() async throws {
        let backend = CountingBackend()
        let state = makeState(backend: backend)
        let first = try await get("/v1/exposure?subject=exchange-a&maxDepth=6", state: state)
        // The same query written differently (order, defaults spelled out, the server's as-of date): one computation.
        let again = try await get(
            "/v1/exposure?maxDepth=6&subject=exchange-a&direction=down&asOf=2022-12-01", state: state)
        #expect(first.status == .ok)
        #expect(again.body == first.body)
        #expect(backend.calls.withLock { $0 } == 1)
        _ = try await get("/v1/exposure?subject=exchange-a&maxDepth=5", state: state)
        _ = try await get("/v1/reach?subject=exchange-a", state: state)
        _ = try await get("/v1/reach?subject=exchange-a", state: state)
        _ = try await get("/v1/blocked?regime=ofac", state: state)
        _ = try await get("/v1/blocked?regime=ofac&asOf=2022-12-01", state: state)
        #expect(backend.calls.withLock { $0 } == 4)
        // Errors are not kept; a cache of no bytes keeps nothing.
        var off = QueryLimits()
        off.responseCacheBytes = 0
        let uncached = CountingBackend()
        let s2 = makeState(limits: off, backend: uncached)
        for _ in 0..<3 { _ = try await get("/v1/exposure?subject=exchange-a", state: s2) }
        #expect(uncached.calls.withLock { $0 } == 3)
    }
}
